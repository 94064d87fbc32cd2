// The XLSX rendering of people and their card history (the web's person lookup export): one
// row per card, with the person's columns repeated, and whether each card is valid on a date.
// A pure function of its arguments: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "report/people_lookup.h"
#include "rules/rule_set.h"

namespace baophu {

// `show_cccd` (when given) turns each CCCD into what the reader may see (a masked number for the
// roles whose lists mask it).
Status WritePeopleXlsx(const std::vector<PersonRecord>& people, const RuleSet& rules, Date as_of,
                       const std::string& path, std::string (*show_cccd)(std::string_view) = nullptr);

}  // namespace baophu
