// Coverage series: the index's per-slot series summed over the slots of the unit, stretch by
// stretch of the unit tree, with the report's denominators and targets.
#include "report/coverage_series.h"

#include "report/table.h"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/csv.h"
#include "core/text.h"
#include "report/report_parts.h"
#include "report/report_text.h"
#include "report/table.h"

namespace baophu {
namespace {

using Index = UnitTree::Index;
constexpr Index kNone = UnitTree::kNone;

Date LastDayOfMonth(int y, int m) { return Date::FromYmd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1).AddDays(-1); }

// Index of the stretch holding d among sorted boundaries (a boundary opens a stretch).
size_t StretchOf(const std::vector<Date>& bounds, Date d) {
  return static_cast<size_t>(std::upper_bound(bounds.begin(), bounds.end(), d) - bounds.begin());
}

}  // namespace

Result<Every> ParseEvery(std::string_view t) {
  if (t == "day" || t == "ngay" || t == "ngày") return Every::kDay;
  if (t == "week" || t == "tuan" || t == "tuần") return Every::kWeek;
  if (t == "month" || t == "thang" || t == "tháng") return Every::kMonth;
  if (t == "year" || t == "nam" || t == "năm") return Every::kYear;
  return Status::InvalidArgument("chu kỳ phải là day, week, month hoặc year (ngày, tuần, tháng, năm): '" +
                                 std::string(t) + "'");
}

Result<std::vector<Date>> SeriesDates(const SeriesQuery& q) {
  if (!q.from.valid() || !q.to.valid()) return Status::InvalidArgument("ngày đầu hoặc ngày cuối không hợp lệ");
  if (q.from > q.to)
    return Status::InvalidArgument("ngày đầu " + q.from.ToVn() + " sau ngày cuối " + q.to.ToVn());
  if (q.week_start < 1 || q.week_start > 7)
    return Status::InvalidArgument("ngày bắt đầu tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật)");
  std::vector<Date> out;
  auto push = [&](Date d) {
    if (d >= q.from && d <= q.to) out.push_back(d);
    return out.size() <= kMaxSeriesPoints;
  };
  bool ok = true;
  switch (q.every) {
    case Every::kDay:
      if (q.to - q.from >= static_cast<int32_t>(kMaxSeriesPoints)) ok = false;
      for (Date d = q.from; ok && d <= q.to; d = d.AddDays(1)) ok = push(d);
      break;
    case Every::kWeek: {
      int shift = ((q.week_start - 1) - q.from.Weekday() + 7) % 7;
      for (Date d = q.from.AddDays(shift); ok && d <= q.to; d = d.AddDays(7)) ok = push(d);
      break;
    }
    case Every::kMonth:
      for (int y = q.from.year(), m = q.from.month(); ok && (y < q.to.year() || (y == q.to.year() && m <= q.to.month()));) {
        ok = push(LastDayOfMonth(y, m));
        if (++m == 13) m = 1, ++y;
      }
      break;
    case Every::kYear:
      for (int y = q.from.year(); ok && y <= q.to.year(); ++y) ok = push(Date::FromYmd(y, 12, 31));
      break;
  }
  if (!ok)
    return Status::InvalidArgument("chuỗi thời gian quá dài (tối đa " + FormatIntVn(static_cast<int64_t>(kMaxSeriesPoints)) +
                                   " điểm); hãy chọn chu kỳ dài hơn hoặc khoảng ngắn hơn");
  return out;
}

Result<CoverageSeries> BuildCoverageSeries(const LoadedRegistry& reg, const SeriesQuery& q) {
  auto dates_or = SeriesDates(q);
  if (!dates_or.ok()) return dates_or.status();
  const std::vector<Date>& dates = *dates_or;
  if (!reg.index) return Status::Internal("chưa nạp chỉ mục bao phủ");
  if (q.units_of && !q.units_of->valid()) return Status::InvalidArgument("ngày đơn vị hành chính không hợp lệ");
  const UnitTree& tree = reg.tree;
  const CoverageIndex& index = *reg.index;
  const std::shared_ptr<const report_parts::PopulationLookup> lookup = report_parts::PopulationFor(reg);
  const report_parts::PopulationLookup& population = *lookup;
  const std::vector<Date> tree_bounds = report_parts::TreeBoundaries(tree);

  CoverageSeries out;
  out.query = q;
  out.points.resize(dates.size());
  for (size_t k = 0; k < dates.size(); ++k) out.points[k].date = dates[k];

  if (q.units_of) {
    Index root = tree.Resolve(q.unit_code, *q.units_of);
    if (root == kNone)
      return Status::NotFound("không có đơn vị hành chính mã " + q.unit_code + " có hiệu lực vào ngày " +
                              q.units_of->ToVn());
    out.unit_name = tree.unit(root).name;
  }

  // Insured: per stretch of an unchanged tree, the slots placed in the unit, then their series.
  if (!q.units_of) {
    for (size_t i = 0; i < dates.size();) {
      const size_t stretch = StretchOf(tree_bounds, dates[i]);
      size_t j = i;
      while (j < dates.size() && StretchOf(tree_bounds, dates[j]) == stretch) ++j;
      const Date d0 = dates[i];
      const Index root = tree.Resolve(q.unit_code, d0);
      if (root == kNone) {
        for (size_t k = i; k < j; ++k) out.points[k].unit_valid = false;
        i = j;
        continue;
      }
      out.unit_name = tree.unit(root).name;
      std::vector<Date> ds(dates.begin() + static_cast<std::ptrdiff_t>(i), dates.begin() + static_cast<std::ptrdiff_t>(j));
      std::vector<int64_t> counts(ds.size(), 0);
      if (tree.unit(root).level == UnitLevel::kCountry) {
        index.SeriesOver({}, q.group, ds, counts.data());  // every slot is placed in the country
      } else {
        std::vector<CoverageIndex::Slot> slots;
        for (CoverageIndex::Slot s = 0; s < index.slot_count(); ++s) {
          CoverageIndex::SlotKey key = index.slot(s);
          Placement p = report_parts::PlaceSlot(tree, key, d0);
          if (p.unit != kNone && tree.IsWithin(p.unit, root, d0)) slots.push_back(s);
        }
        if (!slots.empty()) index.SeriesOver(slots, q.group, ds, counts.data());
      }
      for (size_t k = i; k < j; ++k) out.points[k].insured = counts[k - i];
      i = j;
    }
  }

  // Denominators and targets: they change only where the tree or the population dates change, or
  // with the year; one root-only report per distinct (stretch, population stretch, year).
  // With units_of the report also gives the insured, so it runs for every date.
  std::map<std::tuple<size_t, size_t, int>, CoverageRow> memo;
  for (SeriesPoint& pt : out.points) {
    if (!pt.unit_valid) continue;
    auto key = std::make_tuple(StretchOf(tree_bounds, pt.date), StretchOf(population.dates(), pt.date), pt.date.year());
    CoverageRow root_row;
    auto it = q.units_of ? memo.end() : memo.find(key);
    if (it != memo.end()) {
      root_row = it->second;
    } else {
      CoverageQuery cq;
      cq.unit_code = q.unit_code;
      cq.as_of = pt.date;
      cq.depth = 0;
      cq.units_of = q.units_of;
      report_parts::ReportOptions opts;
      opts.population = &population;
      opts.count_people = q.units_of.has_value();
      opts.only_group = q.group;
      auto r = report_parts::BuildReport(reg, cq, opts);
      if (!r.ok()) return r.status();
      if (r->rows.empty()) return Status::Internal("báo cáo không có dòng cho đơn vị " + q.unit_code);
      root_row = r->rows.front();
      if (!q.units_of) memo.emplace(key, root_row);
    }
    if (q.units_of) pt.insured = root_row.insured;
    pt.denominator = root_row.denominator;
    pt.target_hundredths = root_row.target_hundredths;
    pt.rate_hundredths = pt.denominator >= 0 ? RateHundredths(pt.insured, pt.denominator) : -1;
    pt.gap_people = report_parts::GapPeople(pt.target_hundredths, pt.denominator, pt.insured);
  }
  bool any = std::any_of(out.points.begin(), out.points.end(), [](const SeriesPoint& p) { return p.unit_valid; });
  if (!any)
    return Status::NotFound("không có đơn vị hành chính mã " + q.unit_code + " có hiệu lực trong khoảng " +
                            q.from.ToVn() + " – " + q.to.ToVn() + " (dùng --units-of để tính theo đơn vị của một ngày)");
  return out;
}

namespace {

std::string SeriesTitle(const CoverageSeries& s, const RuleSet& rules, Lang lang) {
  const bool vi = lang == Lang::kVi;
  static const char* kEveryVi[] = {"hằng ngày", "hằng tuần", "cuối mỗi tháng", "cuối mỗi năm"};
  static const char* kEveryEn[] = {"daily", "weekly", "month ends", "year ends"};
  const int e = static_cast<int>(s.query.every);
  std::string title =
      vi ? "Diễn biến bao phủ BHYT " + std::string(kEveryVi[e]) + " từ " + s.query.from.ToVn() + " đến " +
               s.query.to.ToVn() + " — " + s.unit_name + " — nhóm: " + GroupName(rules, s.query.group, lang)
         : "BHYT coverage, " + std::string(kEveryEn[e]) + ", " + s.query.from.ToIso() + " to " + s.query.to.ToIso() +
               " — " + s.unit_name + " — group: " + GroupName(rules, s.query.group, lang);
  if (s.query.units_of)
    title += vi ? " (theo đơn vị hành chính ngày " + s.query.units_of->ToVn() + ")"
                : " (in the units of " + s.query.units_of->ToIso() + ")";
  return title;
}

}  // namespace

std::string FormatSeriesTable(const CoverageSeries& s, const LoadedRegistry& reg, Lang lang) {
  const bool vi = lang == Lang::kVi;
  auto num = [&](int64_t v) { return v < 0 ? std::string("—") : FormatCount(v, lang); };
  auto pct = [&](int64_t h) { return h < 0 ? std::string("—") : FormatPercent(h, lang); };
  std::vector<std::vector<std::string>> cells;
  cells.push_back(vi ? std::vector<std::string>{"Ngày", "Số người có thẻ", "Dân số/đối tượng", "Tỷ lệ", "Chỉ tiêu",
                                                "Còn thiếu (người)"}
                     : std::vector<std::string>{"Date", "Insured", "Population", "Rate", "Target", "Gap (people)"});
  for (const SeriesPoint& p : s.points) {
    std::string date = vi ? p.date.ToVn() : p.date.ToIso();
    if (!p.unit_valid) {
      cells.push_back({date, vi ? "(đơn vị chưa/không còn tồn tại)" : "(unit not in force)", "", "", "", ""});
      continue;
    }
    cells.push_back({date, num(p.insured), num(p.denominator), pct(p.rate_hundredths), pct(p.target_hundredths),
                     num(p.gap_people)});
  }
  const std::string title = SeriesTitle(s, reg.rules, lang);
  return title + "\n\n" + RenderTextTable(cells, 1);
}

std::string FormatSeriesCsv(const CoverageSeries& s, const RuleSet& rules) {
  std::string out;
  AppendCsvRecord({"date", "unit_code", "group", "insured", "denominator", "rate_percent", "target_percent",
                   "gap_people"},
                  &out);
  auto num = [](int64_t v) { return v < 0 ? std::string() : std::to_string(v); };
  auto pct = [](int64_t h) { return h < 0 ? std::string() : FormatHundredthsPlain(h); };
  for (const SeriesPoint& p : s.points)
    AppendCsvRecord({p.date.ToIso(), s.query.unit_code, GroupCode(rules, s.query.group), num(p.insured),
                     num(p.denominator), pct(p.rate_hundredths), pct(p.target_hundredths), num(p.gap_people)},
                    &out);
  return out;
}

std::string FormatSeriesJson(const CoverageSeries& s, const RuleSet& rules) {
  using nlohmann::json;
  auto num = [](int64_t v) { return v < 0 ? json(nullptr) : json(v); };
  auto pct = [](int64_t h) { return h < 0 ? json(nullptr) : json(static_cast<double>(h) / 100.0); };
  json points = json::array();
  for (const SeriesPoint& p : s.points)
    points.push_back({{"date", p.date.ToIso()},
                      {"unit_valid", p.unit_valid},
                      {"insured", num(p.insured)},
                      {"denominator", num(p.denominator)},
                      {"rate_percent", pct(p.rate_hundredths)},
                      {"target_percent", pct(p.target_hundredths)},
                      {"gap_people", num(p.gap_people)}});
  static const char* kEvery[] = {"day", "week", "month", "year"};
  json j = {{"unit", s.query.unit_code},
            {"unit_name", s.unit_name},
            {"group", GroupCode(rules, s.query.group)},
            {"every", kEvery[static_cast<int>(s.query.every)]},
            {"from", s.query.from.ToIso()},
            {"to", s.query.to.ToIso()},
            {"units_of", s.query.units_of ? json(s.query.units_of->ToIso()) : json(nullptr)},
            {"points", points}};
  return j.dump(2) + "\n";
}

Status WriteSeriesXlsx(const CoverageSeries& s, const RuleSet& rules, Lang lang, const std::string& path) {
  const bool vi = lang == Lang::kVi;
  Table t(SeriesTitle(s, rules, lang),
          vi ? std::vector<std::string>{"Ngày", "Số người có thẻ", "Dân số/đối tượng", "Tỷ lệ", "Chỉ tiêu",
                                        "Còn thiếu (người)"}
             : std::vector<std::string>{"Date", "Insured", "Population", "Rate", "Target", "Gap (people)"});
  auto num = [](int64_t v) { return v < 0 ? Cell::Empty() : Cell::Int(v); };
  auto pct = [](int64_t h) { return h < 0 ? Cell::Empty() : Cell::Rate(h); };
  for (const SeriesPoint& p : s.points) {
    if (!p.unit_valid) {
      t.AddRow({Cell::Day(p.date), Cell::Text(vi ? "(đơn vị chưa/không còn tồn tại)" : "(unit not in force)")});
      continue;
    }
    t.AddRow({Cell::Day(p.date), num(p.insured), num(p.denominator), pct(p.rate_hundredths), pct(p.target_hundredths),
              num(p.gap_people)});
  }
  return t.WriteXlsx(path, vi ? "Diễn biến" : "Series");
}

}  // namespace baophu
