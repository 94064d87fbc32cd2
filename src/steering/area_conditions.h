// Area conditions: the level of a condition (COVID-19 risk, flood alert) in force in a unit on a
// date — its own latest row of that kind, else its nearest ancestor's — and the outreach modes
// the level allows, from the table data/rules/area_condition_levels.csv (door-to-door, meetings,
// loudspeaker, online). Immutable after loading; safe for concurrent const use.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "registry/unit_tree.h"
#include "report/coverage_report.h"
#include "store/steering_store.h"

namespace baophu {

struct ConditionLevel {
  std::string kind;
  int level = 0;
  std::string name_vi, name_en;
  bool door_to_door = true, meetings = true, loudspeaker = true, online = true;
  std::string source;
};

class ConditionLevels {
 public:
  // Reads <dir>/area_condition_levels.csv; InvalidArgument with the line for a bad row.
  static Result<ConditionLevels> Load(const std::string& dir);
  // $BAOPHU_RULES_DIR, else <data dir>/rules.
  static Result<ConditionLevels> LoadDefault();
  const ConditionLevel* Find(const std::string& kind, int level) const;
  const std::vector<ConditionLevel>& levels() const { return levels_; }

 private:
  std::vector<ConditionLevel> levels_;
};

struct ConditionInForce {
  AreaCondition condition;                // the row in force
  bool inherited = false;                 // set on an ancestor of the unit
  const ConditionLevel* level = nullptr;  // null when the table has no such level
};

// The conditions in force in unit `code` on `d`, one per kind (sorted by kind).
std::vector<ConditionInForce> ConditionsOn(const std::vector<AreaCondition>& rows, const ConditionLevels& levels,
                                           const UnitTree& tree, const std::string& code, Date d);

// "đến từng nhà, họp dân, loa truyền thanh, trực tuyến" (the modes allowed), or English.
std::string AllowedModes(const ConditionLevel& l, Lang lang);

}  // namespace baophu
