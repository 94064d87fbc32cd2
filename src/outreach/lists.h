// The outreach lists: the people to reach in a unit's subtree on a date, computed from the
// coverage index (engine/CoverageIndex::ForEachPerson) and the outreach lists of the store,
// with names read from the store for the listed people only.
//   expired        last card ended within `window_days` before the date, none valid on it;
//   expiring       insured on the date, and the coverage ends within `days` days;
//   households     households with insured and uninsured members: the uninsured, and what the
//                  household group would cost them (money/ contributions, 12 months);
//   pupils         per school and class: pupils without a valid card, pupils insured through
//                  another group; the school's rate counts every insured pupil;
//   beneficiaries  social-protection beneficiaries entitled on the date without a valid card;
//   members        members of organisations without a valid card; each organisation's rate;
//   matches        roster rows whose match is uncertain, with the candidates to confirm.
// Entries marked deceased or moved away (outreach outcomes) leave every list. Pure over its
// inputs; safe for concurrent use when the stores are not shared.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/status.h"
#include "outreach/name_match.h"
#include "registry/outreach_model.h"
#include "report/registry_loader.h"
#include "rules/money_rules.h"
#include "store/outreach_store.h"
#include "store/store.h"

namespace baophu::outreach {

enum class ListKind { kExpired, kExpiring, kHouseholds, kPupils, kBeneficiaries, kMembers, kMatches };
// "expired" / "het_han", "expiring" / "sap_het_han", "households" / "ho_gia_dinh", "pupils" /
// "hoc_sinh", "beneficiaries" / "doi_tuong", "members" / "hoi_vien", "matches" / "can_xac_nhan".
Result<ListKind> ParseListKind(std::string_view text);
const char* ListKindKey(ListKind k);
const char* ListKindTitleVi(ListKind k);
const char* ListKindTitleEn(ListKind k);

struct ListRequest {
  ListKind kind = ListKind::kExpired;
  std::string unit;            // the subtree's unit code (a province, district, commune or hamlet)
  Date as_of;                  // the date the list is for
  int window_days = 365;       // expired: how far back the last card may have ended
  int days = 30;               // expiring: how far ahead the coverage may end
  std::string group;           // optional filter: school / organisation code / beneficiary type
  std::string subgroup;        // optional filter: a class of the school
  // Read names, CCCD, hamlet ... of the listed people from the store and sort in Vietnamese
  // name order. False: the entries as the engine and the rosters give them, in key order (the
  // benchmark's "engine" figure; counts and sections are the same).
  bool with_names = true;
};

// Persisted nowhere; the state of an entry in the list.
enum class EntryStatus : uint8_t {
  kNoCard = 1,        // not insured on the date
  kOtherGroup = 2,    // insured, through another group than the list's (a pupil with a poor-household card)
  kListedInsured = 3, // insured through the list's group (counted, not listed)
  kNotFound = 4,      // not in the registry: no card known
  kUncertain = 5,     // a match waits for confirmation
  kExpiring = 6,      // insured until `card_end`
  kExpired = 7,       // last card ended on `card_end`
};
const char* EntryStatusVi(EntryStatus s);
const char* EntryStatusEn(EntryStatus s);

struct ListEntry {
  std::string entry_key;      // "p:<bhxh>" or "r:<kind>|<group>|<row_key>" (assignments)
  std::string group_code;     // school / organisation / beneficiary type / household
  std::string group_name;
  std::string subgroup;       // class
  BhxhNumber bhxh = BhxhNumber::FromInt(-1);  // invalid when not matched
  std::string citizen_id, full_name, phone;
  Date birth_date;
  UnitCode commune, hamlet;
  std::string household;
  EntryStatus status = EntryStatus::kNoCard;
  std::string via_group;      // the reporting group of the card held (kOtherGroup), Vietnamese name
  Date card_end;              // expired / expiring
  MatchMethod match = MatchMethod::kNone;
  std::string doubt;          // matches: why uncertain
  Money cost;                 // households: the member's part of the household group's cost
  std::string assignee;       // from the assignments, "" when none
};

// A summary line: a school, a class, an organisation, a beneficiary type, a household.
struct ListSection {
  std::string group_code, group_name, subgroup;
  int64_t listed = 0;       // people on the outside list (or members of the household)
  int64_t insured = 0;      // holding a valid card on the date, any group
  int64_t other_group = 0;  // of which through another group (pupils)
  int64_t missing = 0;      // without a valid card (or not found)
  int64_t uncertain = 0;    // matches to confirm
  int64_t rate_hundredths = -1;  // insured / listed (the school's rate; an organisation against 100 %)
  Money cost;               // households: the uninsured members' cost
};

struct OutreachList {
  ListKind kind = ListKind::kExpired;
  std::string unit_code, unit_name;
  Date as_of;
  std::vector<ListSection> sections;  // sorted by code, then subgroup
  std::vector<ListEntry> entries;     // sorted by section, then Vietnamese name order
  int64_t left = 0;                   // entries left out: deceased or moved away
};

// What a list needs besides the registry: money rules for the households' cost.
struct ListContext {
  const LoadedRegistry* reg = nullptr;
  Store* store = nullptr;
  OutreachStore* outreach = nullptr;
  const MoneyRules* money = nullptr;  // required for households
};

Result<OutreachList> BuildList(const ListContext& ctx, const ListRequest& req);


// The people the outreach lists' follow-up removes: entries whose last outcome is deceased or
// moved away (their person, when known, leaves every list).
struct LeftOut {
  std::set<std::string> entries;
  std::set<int64_t> people;
};

// Matches every roster row of `kind` (0 = all) against the registry, with the decisions taken
// so far (a confirmed candidate is a match "xac_nhan", a rejected one is no longer offered).
struct MatchedRow {
  RosterRow row;
  MatchResult match;
};
// The matches are kept with the rows (outreach/match_store.h): this refreshes them when the
// people changed or rows were written since, then reads them. `units` (may be null) keeps the
// rows listed under one of those units or under none (a pre-filter: BuildList still checks
// each row's unit); `uncertain_only` the rows the matcher left uncertain (before decisions).
Status MatchRosterRows(Store* store, OutreachStore* outreach, int kind, std::vector<MatchedRow>* out);
Status MatchRosterRows(Store* store, OutreachStore* outreach, int kind, const std::vector<std::string>* units,
                       bool uncertain_only, std::vector<MatchedRow>* out);
// The row behind a roster entry key ("r:<kind>|<group>|<row_key>") with its match and the
// decisions taken; empty when the key names no row.
Result<std::optional<MatchedRow>> MatchOfEntry(Store* store, OutreachStore* outreach, std::string_view entry_key);

// The entry key of a roster row.
std::string RosterEntryKey(const RosterRow& r);

// "0912 345 678" → "0912 *** 678"; CCCD "079123456789" → "079******789" (keeps the first 3 and
// the last 3 characters).
std::string MaskMiddle(std::string_view s);

}  // namespace baophu::outreach
