// Coverage over time: the insured, rate and gap of one unit and group on a run of dates (daily,
// weekly from a chosen weekday, monthly, yearly), and the flows of a period — people who joined,
// renewed or lapsed — per sub-unit. The counting rules are BuildCoverageReport's: every point
// equals the root row of the report on its date (tested). Pure functions of a const
// LoadedRegistry: safe to run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "report/coverage_report.h"
#include "report/registry_loader.h"

namespace baophu {

enum class Every { kDay, kWeek, kMonth, kYear };
// "day"/"ngay", "week"/"tuan", "month"/"thang", "year"/"nam".
Result<Every> ParseEvery(std::string_view text);

struct SeriesQuery {
  std::string unit_code = "VN";
  ReportingGroupId group = kAllGroups;
  Date from, to;                 // both inclusive
  Every every = Every::kWeek;
  int week_start = 1;            // weekly points fall on this ISO weekday: 1 = Monday … 7 = Sunday
  std::optional<Date> units_of;  // count in the units valid on this day (a full report per date)
};

// The dates of a series within [from, to]: every day; every week_start day; the last day of
// every month; 31/12 of every year. InvalidArgument when from > to, a date is invalid, or the
// series would have more than kMaxSeriesPoints points.
inline constexpr size_t kMaxSeriesPoints = 40000;
Result<std::vector<Date>> SeriesDates(const SeriesQuery& q);

struct SeriesPoint {
  Date date;
  bool unit_valid = true;          // false: the unit did not exist that day (the other fields -1)
  int64_t insured = -1;
  int64_t denominator = -1;        // -1 unknown
  int64_t rate_hundredths = -1;    // -1 unknown
  int32_t target_hundredths = -1;  // -1 none
  int64_t gap_people = -1;         // -1 unknown
};

struct CoverageSeries {
  SeriesQuery query;
  std::string unit_name;  // on the last date the unit exists (on units_of when set)
  std::vector<SeriesPoint> points;
};

// Without units_of the counts come from the index's series (CoverageIndex::SeriesOver) over the
// slots placed in the unit, once per stretch of dates on which no unit version starts or ends;
// denominators and targets from the report's rules once per stretch of equal population dates
// and year. With units_of each point is a report. NotFound when the unit exists on none of the
// dates (or not on units_of).
Result<CoverageSeries> BuildCoverageSeries(const LoadedRegistry& reg, const SeriesQuery& q);

std::string FormatSeriesTable(const CoverageSeries& s, const LoadedRegistry& reg, Lang lang);
// Header date,unit_code,group,insured,denominator,rate_percent,target_percent,gap_people; ISO dates.
std::string FormatSeriesCsv(const CoverageSeries& s, const RuleSet& rules);
std::string FormatSeriesJson(const CoverageSeries& s, const RuleSet& rules);
// One sheet (report/table.h): dates as Excel dates, counts and rates as numbers.
Status WriteSeriesXlsx(const CoverageSeries& s, const RuleSet& rules, Lang lang, const std::string& path);

// Flows (CoverageIndex::ForEachFlow): people whose coverage started (new), started again after a
// short gap (renewed) or ended without renewal (lapsed) within [from, to], placed in the units
// valid on `to`, rolled up from the root down to `depth` levels.
struct FlowsQuery {
  std::string unit_code = "VN";
  Date from, to;
  int depth = 1;
};

struct FlowRow {
  std::string unit_code;
  std::string unit_name;
  int depth = 0;
  ReportingGroupId group = kAllGroups;
  int64_t new_people = 0, renewed = 0, lapsed = 0;
};

struct CoverageFlows {
  FlowsQuery query;
  // Tree order; per unit the "all groups" row, then one row per reporting group.
  std::vector<FlowRow> rows;
};

Result<CoverageFlows> BuildCoverageFlows(const LoadedRegistry& reg, const FlowsQuery& q);
std::string FormatFlowsTable(const CoverageFlows& f, const RuleSet& rules, Lang lang);
// Header unit_code,unit_name,group,new,renewed,lapsed.
std::string FormatFlowsCsv(const CoverageFlows& f, const RuleSet& rules);
Status WriteFlowsXlsx(const CoverageFlows& f, const RuleSet& rules, Lang lang, const std::string& path);

}  // namespace baophu
