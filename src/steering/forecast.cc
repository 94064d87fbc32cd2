#include "steering/forecast.h"

#include "core/text.h"
#include "report/coverage_report.h"

namespace baophu {
namespace {

Result<CoverageRow> RootRow(const LoadedRegistry& reg, const std::string& unit, Date d) {
  CoverageQuery q;
  q.unit_code = unit;
  q.as_of = d;
  q.depth = 0;
  auto r = BuildCoverageReport(reg, q);
  if (!r.ok()) return r.status();
  return r->rows.front();  // the root's "all groups" row comes first
}

}  // namespace

Result<Forecast> BuildForecast(const LoadedRegistry& reg, const ForecastQuery& q) {
  if (q.weeks < 1 || q.weeks > 52) return Status::InvalidArgument("số tuần tính nhịp độ phải từ 1 đến 52");
  if (!q.as_of.valid()) return Status::InvalidArgument("ngày không hợp lệ");
  Forecast f;
  f.as_of = q.as_of;
  f.weeks = q.weeks;
  f.pace_from = q.as_of.AddDays(-7 * q.weeks);
  f.year_end = Date::FromYmd(q.as_of.year(), 12, 31);
  auto now = RootRow(reg, q.unit_code, q.as_of);
  if (!now.ok()) return now.status();
  auto before = RootRow(reg, q.unit_code, f.pace_from);
  if (!before.ok()) return before.status();
  f.insured = now->insured;
  f.insured_pace_from = before->insured;
  f.net_per_week = (f.insured - f.insured_pace_from) / q.weeks;
  f.denominator = now->denominator;
  f.target_hundredths = now->target_hundredths;
  f.gap_people = now->gap_people;
  f.days_left = f.year_end - q.as_of;
  f.expected_insured = f.insured + f.net_per_week * f.days_left / 7;
  if (f.denominator > 0) f.expected_rate_hundredths = RateHundredths(f.expected_insured, f.denominator);
  if (f.gap_people >= 0) {
    const int64_t weeks_left = (f.days_left + 6) / 7;
    f.needed_per_week = weeks_left > 0 ? (f.gap_people + weeks_left - 1) / weeks_left : f.gap_people;
    f.on_track = f.net_per_week >= f.needed_per_week;
  }
  return f;
}

}  // namespace baophu
