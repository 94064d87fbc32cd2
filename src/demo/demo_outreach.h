// Demo outreach lists for the Bạc Liêu 2021 scenario, in Phường 2 of Thành phố Bạc Liêu
// (31813): a school roster by class, the social-protection lists (poor, near-poor, children
// under 6, policy beneficiaries), the member lists of five organisations and who is responsible
// for each class, hamlet and organisation — drawn from the generated persons.csv and cards.csv
// (read back), with planted cases: pupils insured through another group, beneficiaries and
// members without a card, people not in the registry, names written without diacritics, in
// capitals, or without their middle "Thị"/"Văn" (to confirm). Also writes
// outreach_expected.csv: every entry each list must return on 10/11/2021, computed here from
// the files (not by the outreach layer). Reentrant.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "rules/rule_set.h"

namespace baophu::demo {

inline constexpr const char* kOutreachCommune = "31813";

// Appends the paths written to *files, in import order (pupils, beneficiaries, members,
// responsibles; then the expected entries, not an import file).
Status WriteBacLieuOutreach(const RuleSet& rules, const std::string& dir, std::vector<std::string>* files);

}  // namespace baophu::demo
