// Coverage reports: insured people against population and targets, per administrative unit and
// reporting group, on a date — optionally re-aggregated into the units valid on another date —
// and their renderings (terminal table, CSV, JSON, XLSX). Pure functions of a const
// LoadedRegistry: safe to run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "registry/model.h"
#include "report/registry_loader.h"
#include "rules/rule_set.h"

namespace baophu {

struct CoverageQuery {
  std::string unit_code = "VN";  // the root of the report, resolved on as_of (on units_of if set)
  Date as_of;                    // people are counted on this day
  int depth = -1;                // levels below the root to show; -1 = down to communes
                                 // (hamlets only when depth asks for them)
  bool by_group = false;         // the table and XLSX show a row per reporting group
  std::optional<Date> units_of;  // re-aggregate into the units valid on this day
};

struct CoverageRow {
  std::string unit_code;  // "" for an unplaced row
  std::string unit_name;
  UnitLevel level = UnitLevel::kCommune;
  int depth = 0;          // 0 = root
  bool unplaced = false;  // people whose commune is unknown or not valid on the date
  ReportingGroupId group = kAllGroups;
  int64_t insured = 0;
  int64_t denominator = -1;        // -1 unknown
  int64_t rate_hundredths = -1;    // of a percent: 6519 = 65,19 %; -1 unknown
  int32_t target_hundredths = -1;  // -1 none
  int64_t gap_people = -1;         // people still to insure to reach the target; -1 unknown
};

struct CoverageReport {
  CoverageQuery query;
  // Tree order: a unit's "all groups" row, then one row per reporting group (always present,
  // whatever query.by_group says: CSV and JSON carry them; the table and XLSX show them only
  // when by_group), then its children, then its unplaced row if any.
  std::vector<CoverageRow> rows;
  std::vector<std::string> notes;  // Vietnamese: how split communes were apportioned, etc.
};

// The name given to unplaced rows.
inline constexpr const char* kUnplacedNameVi = "Chưa xác định xã/phường";
inline constexpr const char* kUnplacedNameEn = "Commune unknown or not valid on the date";

// The rules (d = as_of; the units shown are those valid on units_of, else on d):
//  - People are counted on d per index slot (commune, hamlet): the hamlet's version when it is
//    valid on d and hangs from the commune's version, else the commune's. A slot with no commune,
//    or whose commune is not valid on d, is "unplaced": it goes to the deepest ancestor valid on
//    d found from the nearest version of its commune (latest ended before d, else earliest
//    starting after), else to VN; such people get an extra row under that unit.
//  - Counts roll up the tree; the "all" row is the sum of the group rows. Group 9 (unclassified)
//    rows appear only when the root has any.
//  - Denominator: the unit's own Population row (same group) dated latest within
//    [valid_from, d]; else the sum of its children's, when at least one child has one; else
//    unknown (-1). Rate = RateHundredths. Target: the nearest of (unit's group target, unit's
//    all-groups target) walking up to VN, for d's year. Gap = max(0, ceil(target × den /
//    10000) − insured).
//  - units_of: the people counted on d (and the d-vintage commune denominators) are carried
//    into the units valid on units_of by UnitMapper (successors, equal shares for partial
//    splits, same code backwards); a unit's own Population row dated within [valid_from, d]
//    takes precedence over the carried denominators. Each split used is described in notes.
// NotFound (Vietnamese message) when q.unit_code names no unit valid on the date;
// InvalidArgument when a date is not valid.
Result<CoverageReport> BuildCoverageReport(const LoadedRegistry& reg, const CoverageQuery& q);

enum class Lang { kVi, kEn };

// A plain-text table for a terminal (UTF-8, columns aligned by code points).
std::string FormatCoverageTable(const CoverageReport& r, const RuleSet& rules, Lang lang);
// Header unit_code,unit_name,level,group,insured,denominator,rate_percent,target_percent,gap_people;
// every row of the report; '.' decimals; empty fields for unknown values.
std::string FormatCoverageCsv(const CoverageReport& r, const RuleSet& rules);
// {"as_of","unit","units_of","rows":[{the CSV keys}],"notes"}; null for unknown values.
std::string FormatCoverageJson(const CoverageReport& r, const RuleSet& rules);
// An Excel workbook: the report sheet (title, header, frozen panes, number formats) and a
// "Ghi chú" sheet with the dates and the notes.
Status WriteCoverageXlsx(const CoverageReport& r, const RuleSet& rules, Lang lang, const std::string& path);

}  // namespace baophu
