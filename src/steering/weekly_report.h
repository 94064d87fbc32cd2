// The weekly coverage report in the officials' form (dispatch 5312/UBND-KGVX of Bạc Liêu, the
// Tuy Phong conclusion): where the unit stands on the date against the year's target, per group;
// the change since the same day a week before; the sub-units with rate, target, gap and priority
// rank; the lowest sub-units named; the weekly trend; the forecast; the campaigns and the agency
// reports when there are any. Every figure comes from BuildCoverageReport / BuildCoverageSeries
// (never recomputed here). Pure functions of a const LoadedRegistry: safe to run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "report/coverage_report.h"
#include "report/coverage_series.h"
#include "report/registry_loader.h"
#include "steering/forecast.h"
#include "steering/priority.h"

namespace baophu {

struct WeeklyQuery {
  std::string unit_code;   // the unit reported on (a province, district or commune)
  Date as_of;              // "tính đến ngày"
  int trend_weeks = 12;    // weekly points of the trend chart, ending on as_of
  int lowest = 4;          // at most this many sub-units below the target are named, lowest first
  int forecast_weeks = 4;  // the pace of the forecast is measured over these weeks
  PriorityRule priority;   // how the sub-units are ranked
};

// A campaign's progress as the weekly report shows it (filled by the caller from steering data).
struct CampaignLine {
  std::string name;
  Date from, to;
  int64_t target_new = 0;        // new enrolments assigned; 0 = none
  int64_t new_people = 0;        // new cards in the period (to as_of) and units
  int64_t new_people_prior = 0;  // the same days of the previous year
};

// An agency's weekly aggregate reports as the weekly report shows them (filled by the caller).
struct AgencyLine {
  std::string agency;
  int expected = 0, received = 0, on_time = 0;  // weekly forms due up to the date
  bool late_this_week = false;
};

struct WeeklyReport {
  WeeklyQuery query;
  std::string unit_name;
  UnitLevel level = UnitLevel::kProvince;
  Date week_before;                             // as_of − 7
  CoverageRow total;                            // the unit, all groups, on as_of
  CoverageRow total_week_before;                // the same on week_before
  std::vector<CoverageRow> groups;              // the unit's group rows with a known denominator
  std::vector<PriorityRow> units;               // sub-units in the tree's order, with their rank
  std::vector<int64_t> units_rate_week_before;  // per units[i]; -1 unknown
  std::vector<PriorityRow> lowest;              // below the target, lowest rate first (≤ query.lowest)
  std::vector<PriorityRow> focus;               // the first query.priority.focus by rank
  CoverageSeries trend;                         // weekly, all groups
  Forecast forecast;
  std::vector<CampaignLine> campaigns;
  std::vector<AgencyLine> agencies;
  // Per units[i]: the area conditions in force and the outreach they allow ("" none); empty when
  // the caller has no steering data (AddSteeringSections fills it).
  std::vector<std::string> units_condition;
  // Whether the steering data were read (AddSteeringSections): without them sections IV and V
  // say that the data are missing, not that there are no campaigns or agencies.
  bool steering_loaded = false;
};

// NotFound when the unit does not exist on as_of; InvalidArgument for bad settings.
Result<WeeklyReport> BuildWeeklyReport(const LoadedRegistry& reg, const WeeklyQuery& q);

}  // namespace baophu
