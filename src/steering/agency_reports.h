// Completeness and timeliness of the agencies' weekly aggregate reports, as DHIS2 reports them:
// the forms due up to a date (a week starts on the agency's first day and recurs every 7 days; a
// week's form is due `due_days` after its last day), how many came in, how many on time, and who
// is late with the latest week due. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <vector>

#include "core/date.h"
#include "steering/weekly_report.h"
#include "store/steering_store.h"

namespace baophu {

struct AgencyCompleteness {
  Agency agency;
  int expected = 0;                      // weekly forms due by as_of
  int received = 0;                      // of those, weeks with a form (any group)
  int on_time = 0;                       // of those, sent by the due day
  int64_t completeness_hundredths = -1;  // received / expected; -1 when none due
  int64_t timeliness_hundredths = -1;    // on_time / expected
  Date last_week_end;                    // the latest week due (invalid when none)
  Date last_due;
  bool late = false;          // no form for the latest week due
  int64_t last_insured = -1;  // the agency's latest reported insured, all its groups summed
};

// One line per agency, in the order given.
std::vector<AgencyCompleteness> ComputeAgencyCompleteness(const std::vector<Agency>& agencies,
                                                          const std::vector<AgencyReport>& reports, Date as_of);

// The weekly report's lines.
std::vector<AgencyLine> AgencyLines(const std::vector<AgencyCompleteness>& c);

}  // namespace baophu
