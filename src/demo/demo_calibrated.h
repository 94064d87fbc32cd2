// The calibrated scenarios' commune generator: people in households, and their cards such that
// on the as-of date exactly quota[g] people of the commune count in reporting group g (best
// valid card by priority), everyone else having no valid card. Histories (renewals, lapses,
// expired cards, group changes) end before the as-of date; deliberate overlaps add only
// lower-priority cards; cards after the as-of date (renewals, a campaign) start after it.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/status.h"
#include "demo/demo_cards.h"
#include "demo/demo_people.h"
#include "demo/demo_writer.h"

namespace baophu::demo {

struct CalibratedParams {
  int province = 0;         // old province code (95, 60): BHXH/CCCD prefixes, card codes
  int32_t as_of = 0;        // the report date the quotas hold on
  int32_t data_end = 0;     // last day a card may start (>= as_of)
  int32_t campaign_from = 0;  // 0, or the first day of an outreach campaign after as_of
  uint64_t seed = 1;
  int pupil_calendar_per_mille = 250;  // pupils whose cards run 01/01-31/12 (else 01/10-30/09)
};

struct CommuneSpec {
  std::string code;          // ma_xa
  int64_t population = 0;    // people to generate
  std::array<int64_t, 7> quota{};  // insured on as_of, by ReportingGroupId 1..6 (0 unused)
  char facility[6] = "00000";  // default primary-care facility of the commune
};

// Writes the 5-character facility code PP + NNN (province, facility number 0..999) and a NUL.
inline void FacilityCode(int province, int number, char out[6]) {
  out[0] = static_cast<char>('0' + province / 10 % 10);
  out[1] = static_cast<char>('0' + province % 10);
  out[2] = static_cast<char>('0' + number / 100 % 10);
  out[3] = static_cast<char>('0' + number / 10 % 10);
  out[4] = static_cast<char>('0' + number % 10);
  out[5] = 0;
}

// Appends the commune's persons and cards. Fails when the quotas cannot be met by people of
// plausible ages (a calibration bug).
Status GenerateCalibratedCommune(const CalibratedParams& params, const CommuneSpec& spec,
                                 uint64_t commune_seed, IdIssuer* ids, CsvOut* persons,
                                 CardWriter* cards);

}  // namespace baophu::demo
