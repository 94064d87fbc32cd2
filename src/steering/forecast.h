// The forecast of a unit's coverage at year end from its recent pace: the net enrolments of the
// last weeks (insured on the date minus insured `weeks` weeks earlier, the report's counts), the
// rate expected on 31/12 if that pace holds, and the weekly enrolments needed to reach the
// target. Pure functions of a const LoadedRegistry: safe to run concurrently.
#pragma once

#include <cstdint>

#include "core/date.h"
#include "core/status.h"
#include "report/registry_loader.h"

namespace baophu {

struct ForecastQuery {
  std::string unit_code;
  Date as_of;
  int weeks = 4;  // the pace is measured over this many weeks before as_of (1..52)
};

struct Forecast {
  Date as_of, pace_from, year_end;  // pace_from = as_of − 7 × weeks
  int weeks = 0;
  int64_t insured = 0, insured_pace_from = 0;
  int64_t net_per_week = 0;        // (insured − insured_pace_from) / weeks, rounded toward zero
  int64_t denominator = -1;        // on as_of; -1 unknown (then no rates)
  int32_t target_hundredths = -1;  // for as_of's year; -1 none
  int64_t gap_people = -1;         // on as_of
  int32_t days_left = 0;           // year_end − as_of
  int64_t expected_insured = 0;    // insured + net_per_week × days_left / 7
  int64_t expected_rate_hundredths = -1;
  int64_t needed_per_week = -1;  // ceil(gap / ceil(days_left / 7)); gap when no week is left
  bool on_track = false;         // net_per_week ≥ needed_per_week
};

// NotFound when the unit does not exist on as_of or on pace_from; InvalidArgument for weeks.
Result<Forecast> BuildForecast(const LoadedRegistry& reg, const ForecastQuery& q);

}  // namespace baophu
