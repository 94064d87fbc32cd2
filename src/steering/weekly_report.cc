#include "steering/weekly_report.h"

#include <algorithm>
#include <unordered_map>

namespace baophu {
namespace {

Result<CoverageReport> Report(const LoadedRegistry& reg, const std::string& unit, Date d, int depth) {
  CoverageQuery q;
  q.unit_code = unit;
  q.as_of = d;
  q.depth = depth;
  q.by_group = true;
  return BuildCoverageReport(reg, q);
}

}  // namespace

Result<WeeklyReport> BuildWeeklyReport(const LoadedRegistry& reg, const WeeklyQuery& q) {
  if (!q.as_of.valid()) return Status::InvalidArgument("ngày không hợp lệ");
  if (q.trend_weeks < 1 || q.trend_weeks > 104) return Status::InvalidArgument("số tuần của biểu đồ phải từ 1 đến 104");
  if (q.lowest < 0) return Status::InvalidArgument("số đơn vị thấp nhất không được âm");
  WeeklyReport w;
  w.query = q;
  w.week_before = q.as_of.AddDays(-7);
  auto now = Report(reg, q.unit_code, q.as_of, 1);
  if (!now.ok()) return now.status();
  const CoverageRow& root = now->rows.front();
  w.unit_name = root.unit_name;
  w.level = root.level;
  w.total = root;
  std::vector<CoverageRow> children;
  for (const CoverageRow& r : now->rows) {
    if (r.depth == 0 && r.group != kAllGroups && r.denominator > 0) w.groups.push_back(r);
    if (r.depth == 1 && r.group == kAllGroups && !r.unplaced) children.push_back(r);
  }
  // The week before: the same unit code, resolved on that day (a unit born this week has none).
  std::unordered_map<std::string, int64_t> rate_before;
  w.total_week_before.insured = -1;
  if (auto before = Report(reg, q.unit_code, w.week_before, 1); before.ok()) {
    w.total_week_before = before->rows.front();
    for (const CoverageRow& r : before->rows)
      if (r.depth == 1 && r.group == kAllGroups && !r.unplaced) rate_before[r.unit_code] = r.rate_hundredths;
  }
  auto ranked = RankUnits(children, q.priority);
  if (!ranked.ok()) return ranked.status();
  std::unordered_map<std::string, const PriorityRow*> by_code;
  for (const PriorityRow& p : *ranked) by_code[p.unit_code] = &p;
  for (const CoverageRow& c : children) {
    w.units.push_back(*by_code.at(c.unit_code));
    auto it = rate_before.find(c.unit_code);
    w.units_rate_week_before.push_back(it == rate_before.end() ? -1 : it->second);
  }
  for (const PriorityRow& p : *ranked)
    if (p.rank > 0 && p.rank <= q.priority.focus) w.focus.push_back(p);
  std::vector<PriorityRow> below;
  for (const PriorityRow& p : w.units)
    if (p.rate_hundredths >= 0 && p.target_hundredths >= 0 && p.rate_hundredths < p.target_hundredths)
      below.push_back(p);
  std::stable_sort(below.begin(), below.end(),
                   [](const PriorityRow& a, const PriorityRow& b) { return a.rate_hundredths < b.rate_hundredths; });
  if (below.size() > static_cast<size_t>(q.lowest)) below.resize(static_cast<size_t>(q.lowest));
  w.lowest = std::move(below);

  SeriesQuery s;
  s.unit_code = q.unit_code;
  s.from = q.as_of.AddDays(-7 * (q.trend_weeks - 1));
  s.to = q.as_of;
  s.every = Every::kWeek;
  s.week_start = q.as_of.Weekday() + 1;  // the points fall on as_of's weekday
  auto trend = BuildCoverageSeries(reg, s);
  if (!trend.ok()) return trend.status();
  w.trend = std::move(*trend);

  ForecastQuery fq;
  fq.unit_code = q.unit_code;
  fq.as_of = q.as_of;
  fq.weeks = q.forecast_weeks;
  auto f = BuildForecast(reg, fq);
  if (!f.ok()) return f.status();
  w.forecast = *f;
  return w;
}

}  // namespace baophu
