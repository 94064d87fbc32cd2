// RuleSet: the law as effective-dated tables loaded from data/rules/*.csv (never literals in
// code): object code → payer group, reporting group and benefit level; the reporting groups and
// their priority order. Immutable after loading; safe for concurrent const use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/codes.h"
#include "core/date.h"
#include "core/status.h"

namespace baophu {

// Persisted (store, files): the `id` column of reporting_groups.csv.
using ReportingGroupId = uint8_t;
inline constexpr ReportingGroupId kUnclassifiedGroup = 9;

struct ReportingGroup {
  ReportingGroupId id = 0;
  std::string code;     // "HSSV"
  int priority = 0;     // 1 = counted first
  std::string name_vi;
  std::string name_en;
};

struct ObjectCodeRule {
  ObjectCode code;
  int payer_group = 0;  // 1..5
  ReportingGroupId reporting_group = 0;
  int benefit_level = 0;  // 1..5
  Date valid_from = Date::Min();
  Date valid_to = Date::Max();
  std::string name_vi;
};

class RuleSet {
 public:
  // Loads reporting_groups.csv and object_codes.csv from `dir`.
  static Result<RuleSet> LoadFromDir(const std::string& dir);
  // $BAOPHU_RULES_DIR, else <data dir>/rules (see DataDir()).
  static Result<RuleSet> LoadDefault();
  // Where the repository's data/ folder is: $BAOPHU_DATA_DIR, else the source tree's data/.
  static std::string DataDir();

  // The rule for `code` in force on `on`, or nullptr when the code is not in the table.
  const ObjectCodeRule* Find(ObjectCode code, Date on) const;
  // Reporting group of a card with this object code starting on `on`; kUnclassifiedGroup for
  // codes not in the table.
  ReportingGroupId ReportingGroupOf(ObjectCode code, Date on) const;
  // Groups in priority order (first = counted first).
  const std::vector<ReportingGroup>& groups() const { return groups_; }
  const ReportingGroup* FindGroup(ReportingGroupId id) const;
  const ReportingGroup* FindGroupByCode(const std::string& code) const;
  // Priority rank 0..n-1 of a group (its index in groups()); unknown ids rank last.
  int Rank(ReportingGroupId id) const { return rank_[id]; }
  const std::vector<ObjectCodeRule>& object_codes() const { return rules_; }

 private:
  std::vector<ReportingGroup> groups_;
  std::vector<ObjectCodeRule> rules_;  // sorted by code, then valid_from
  int rank_[256] = {};
};

}  // namespace baophu
