#include "steering/dhis2_export.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "report/coverage_report.h"
#include "report/report_text.h"

namespace baophu {

std::string IsoWeekPeriod(Date d) {
  // The ISO week belongs to the year of its Thursday; its number counts Thursdays from 1 January.
  const Date thursday = d.AddDays(3 - d.Weekday());
  const int year = thursday.year();
  const int week = (thursday - Date::FromYmd(year, 1, 1)) / 7 + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%dW%d", year, week);
  return buf;
}

Result<std::string> ExportDhis2DataValueSet(const LoadedRegistry& reg, const Dhis2Query& q) {
  if (!q.from.valid() || !q.to.valid() || q.to < q.from) return Status::InvalidArgument("khoảng ngày không hợp lệ");
  if (q.to - q.from > 7 * 260) return Status::InvalidArgument("tối đa 260 tuần mỗi lần xuất");
  if (q.depth < 0 || q.depth > 4) return Status::InvalidArgument("depth phải từ 0 đến 4");
  nlohmann::json values = nlohmann::json::array();
  // The Sunday of from's week, then every 7 days; the last point is `to` when its week is partial.
  for (Date sunday = q.from.AddDays(6 - q.from.Weekday());; sunday = sunday.AddDays(7)) {
    const Date as_of = std::min(sunday, q.to);
    CoverageQuery cq;
    cq.unit_code = q.unit_code;
    cq.as_of = as_of;
    cq.depth = q.depth;
    auto r = BuildCoverageReport(reg, cq);
    if (!r.ok()) return r.status();
    const std::string period = IsoWeekPeriod(as_of);
    for (const CoverageRow& row : r->rows) {
      if (row.unplaced) continue;
      const std::string coc = row.group == kAllGroups ? "default" : GroupCode(reg.rules, row.group);
      auto add = [&](const char* element, int64_t v) {
        if (v < 0) return;  // unknown: no value rather than a made-up one
        values.push_back({{"dataElement", element},
                          {"period", period},
                          {"orgUnit", row.unit_code},
                          {"categoryOptionCombo", coc},
                          {"value", std::to_string(v)}});
      };
      add("BHYT_INSURED", row.insured);
      add("BHYT_POPULATION", row.denominator);
      add("BHYT_GAP", row.gap_people);
    }
    if (sunday >= q.to) break;
  }
  return nlohmann::json{{"dataSet", "BHYT_WEEKLY"}, {"dataValues", values}}.dump(1);
}

}  // namespace baophu
