// Demo money files for the Bạc Liêu 2021 scenario: employers with monthly declarations,
// payments and written reminders (some in arrears, some evading), schools with their
// insured-pupil counts for school year 2021–2022, and a sponsor campaign (sponsors, pledges,
// payments, hardship households). Drawn from their own random stream, so the coverage files and
// figures of the scenario do not change. Reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace baophu::demo {

// `communes`: the province's commune codes in file order (household codes are commune code +
// 7 digits, as the generator writes them). Appends the paths written to *files, in import order.
Status WriteBacLieuMoney(const std::vector<std::string>& communes, uint64_t seed, const std::string& dir,
                         std::vector<std::string>* files);

}  // namespace baophu::demo
