#include "steering/agency_reports.h"

#include <algorithm>
#include <map>

#include "core/text.h"

namespace baophu {

std::vector<AgencyCompleteness> ComputeAgencyCompleteness(const std::vector<Agency>& agencies,
                                                          const std::vector<AgencyReport>& reports, Date as_of) {
  // The first submission per (agency, week).
  std::map<std::pair<std::string, int32_t>, Date> first;
  std::map<std::pair<std::string, int32_t>, int64_t> insured;
  for (const AgencyReport& r : reports) {
    auto key = std::pair{r.agency_code, r.week_end.days()};
    if (r.submitted_on > as_of) continue;  // not yet sent on the date asked
    auto it = first.find(key);
    if (it == first.end() || r.submitted_on < it->second) first[key] = r.submitted_on;
    if (r.group != kAllGroups)
      insured[key] += r.insured;
    else
      insured[key] = std::max(insured[key], r.insured);
  }
  std::vector<AgencyCompleteness> out;
  for (const Agency& a : agencies) {
    AgencyCompleteness c;
    c.agency = a;
    for (Date week_end = a.from.AddDays(6); week_end.AddDays(a.due_days) <= as_of; week_end = week_end.AddDays(7)) {
      ++c.expected;
      c.last_week_end = week_end;
      c.last_due = week_end.AddDays(a.due_days);
      auto it = first.find({a.code, week_end.days()});
      c.late = it == first.end();
      if (it == first.end()) continue;
      ++c.received;
      if (it->second <= c.last_due) ++c.on_time;
      c.last_insured = insured[{a.code, week_end.days()}];
    }
    if (c.expected > 0) {
      c.completeness_hundredths = RateHundredths(c.received, c.expected);
      c.timeliness_hundredths = RateHundredths(c.on_time, c.expected);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<AgencyLine> AgencyLines(const std::vector<AgencyCompleteness>& cs) {
  std::vector<AgencyLine> out;
  for (const AgencyCompleteness& c : cs)
    out.push_back(AgencyLine{c.agency.name, c.expected, c.received, c.on_time, c.late});
  return out;
}

}  // namespace baophu
