// Imports of the steering data from CSV files (UTF-8, ',' or ';', a header row with the English
// column names below): every row is checked first; any bad row is reported with its line, column
// and value and nothing is written; else every row is upserted by its natural key.
//   campaigns:          code,name,from,to,units,groups,target_new   (units, groups: ';'- or
//                       space-separated codes; groups empty = all)
//   campaign-assignees: campaign,name,kind,unit,target_new          (kind: organisation | person)
//   conditions:         unit,kind,from,level,note                   (kind/level of the rules table)
//   agencies:           code,name,unit,from,due_days
//   agency-reports:     agency,week_end,group,insured,population,submitted_on
// Not thread-safe (one store per thread).
#pragma once

#include <string>
#include <vector>

#include "rules/rule_set.h"
#include "steering/area_conditions.h"
#include "store/steering_store.h"

namespace baophu {

struct SteeringImportResult {
  int64_t rows = 0;                 // rows read
  int64_t written = 0;              // rows upserted (0 when any row was bad)
  std::vector<std::string> errors;  // "file:line: column: value: reason"
};

// Kinds: "campaigns", "campaign-assignees", "conditions", "agencies", "agency-reports".
bool IsSteeringKind(const std::string& kind);
Result<SteeringImportResult> ImportSteeringCsv(SteeringStore* store, const RuleSet& rules,
                                               const ConditionLevels& levels, const std::string& kind,
                                               const std::string& path);

}  // namespace baophu
