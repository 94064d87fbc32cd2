// Series and flows against the report: every point of a series must equal the root row of the
// coverage report on its date, for every unit, group and period, with a real index built from
// random card histories over the Tuy Phong fixture (a merge in 2020, the 2025 reform).
#include "report/coverage_series.h"

#include <gtest/gtest.h>

#include <random>

#include "report/tuy_phong_fixture.h"

namespace baophu::testing {
namespace {

// The fixture's tree, population and targets with a real index: random people in its slots
// (and in none, and in a code no unit ever had), each with 0–4 random cards in 2018–2026.
LoadedRegistry RandomTuyPhong(uint32_t seed) {
  LoadedRegistry reg = TuyPhong();
  std::mt19937 rng(seed);
  const std::vector<std::pair<const char*, const char*>> slots = {
      {"", ""},         {"22969", ""},      {"22972", ""},         {"22993", ""},         {"22996", ""},
      {"22996", "22996.01"}, {"23002", ""}, {"22978", ""},         {"22978", "22978.03"}, {"22990", ""},
      {"99999", ""},    {"22915", ""}};
  const char* objects[] = {"DN", "HT", "CA", "CN", "HS", "SV", "GD", "GB", "TE"};
  CoverageIndexBuilder b(reg.rules);
  for (int i = 1; i <= 400; ++i) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(i * 7919);
    auto [c, h] = slots[rng() % slots.size()];
    p.commune = UnitCode::Unchecked(c);
    p.hamlet = UnitCode::Unchecked(h);
    p.birth_date = D(1990, 1, 1);
    b.AddPerson(p);
    int n = static_cast<int>(rng() % 5);
    for (int k = 0; k < n; ++k) {
      Card card;
      card.bhxh = p.bhxh;
      card.object = *ObjectCode::Parse(objects[rng() % 9]);
      card.valid_from = D(2018, 1, 1).AddDays(static_cast<int32_t>(rng() % 3200));
      card.valid_to = card.valid_from.AddDays(static_cast<int32_t>(rng() % 400));
      b.AddCard(card);
    }
  }
  reg.index = b.Finish();
  return reg;
}

SeriesQuery Sq(const char* unit, ReportingGroupId g, Date from, Date to, Every every,
               std::optional<Date> units_of = std::nullopt) {
  SeriesQuery q;
  q.unit_code = unit;
  q.group = g;
  q.from = from;
  q.to = to;
  q.every = every;
  q.units_of = units_of;
  return q;
}

void ExpectPointsEqualReports(const LoadedRegistry& reg, const SeriesQuery& q) {
  auto s = BuildCoverageSeries(reg, q);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  auto dates = SeriesDates(q);
  ASSERT_TRUE(dates.ok());
  ASSERT_EQ(s->points.size(), dates->size());
  for (const SeriesPoint& p : s->points) {
    auto r = BuildCoverageReport(reg, Q(q.unit_code, p.date, 0, true, q.units_of));
    if (!r.ok()) {
      EXPECT_FALSE(p.unit_valid) << q.unit_code << " " << p.date.ToVn();
      continue;
    }
    ASSERT_TRUE(p.unit_valid) << q.unit_code << " " << p.date.ToVn();
    const CoverageRow* row = nullptr;
    for (const CoverageRow& x : r->rows)
      if (x.depth == 0 && x.group == q.group) row = &x;
    int64_t insured = row ? row->insured : 0;  // an unclassified row absent from the report is 0
    SCOPED_TRACE(q.unit_code + " group " + std::to_string(q.group) + " on " + p.date.ToVn());
    EXPECT_EQ(p.insured, insured);
    if (!row) continue;
    EXPECT_EQ(p.denominator, row->denominator);
    EXPECT_EQ(p.rate_hundredths, row->rate_hundredths);
    EXPECT_EQ(p.target_hundredths, row->target_hundredths);
    EXPECT_EQ(p.gap_people, row->gap_people);
  }
}

TEST(CoverageSeries, EveryPointIsTheReportsRootRow) {
  for (uint32_t seed : {1u, 2u, 3u}) {
    LoadedRegistry reg = RandomTuyPhong(seed);
    for (const char* unit : {"VN", "60", "595", "22972", "22969", "68", "22978", "22978.03"})
      for (ReportingGroupId g : {kAllGroups, kNLD, kHSSV, kHGD, kKXD}) {
        ExpectPointsEqualReports(reg, Sq(unit, g, D(2018, 6, 1), D(2026, 3, 1), Every::kMonth));
        ExpectPointsEqualReports(reg, Sq(unit, g, D(2019, 12, 20), D(2020, 1, 10), Every::kDay));
      }
  }
}

TEST(CoverageSeries, InTheUnitsOfAnotherDate) {
  LoadedRegistry reg = RandomTuyPhong(7);
  for (const char* unit : {"22972", "68", "22978"})
    for (ReportingGroupId g : {kAllGroups, kHGD})
      ExpectPointsEqualReports(reg, Sq(unit, g, D(2019, 1, 1), D(2025, 12, 31), Every::kYear, D(2025, 7, 1)));
}

TEST(SeriesDates, WeeksMonthsYearsAndLimits) {
  SeriesQuery q = Sq("VN", kAllGroups, D(2021, 1, 1), D(2025, 12, 31), Every::kWeek);
  auto mondays = SeriesDates(q);
  ASSERT_TRUE(mondays.ok());
  EXPECT_EQ(mondays->size(), 261u);  // 04/01/2021 … 29/12/2025
  EXPECT_EQ(mondays->front(), D(2021, 1, 4));
  EXPECT_EQ(mondays->back(), D(2025, 12, 29));
  q.week_start = 7;  // Sundays
  EXPECT_EQ(SeriesDates(q)->front(), D(2021, 1, 3));
  q.every = Every::kMonth;
  q.from = D(2024, 1, 15);
  q.to = D(2024, 3, 31);
  EXPECT_EQ(*SeriesDates(q), (std::vector<Date>{D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31)}));  // leap year
  q.every = Every::kYear;
  q.from = D(2020, 3, 1);
  q.to = D(2022, 6, 30);
  EXPECT_EQ(*SeriesDates(q), (std::vector<Date>{D(2020, 12, 31), D(2021, 12, 31)}));
  q.from = D(2023, 1, 1);
  q.to = D(2022, 1, 1);
  EXPECT_EQ(SeriesDates(q).status().code(), Status::Code::kInvalidArgument);
  q.every = Every::kDay;
  q.from = D(1900, 1, 1);
  q.to = D(2100, 1, 1);
  EXPECT_EQ(SeriesDates(q).status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(ParseEvery("fortnight").ok());
  EXPECT_EQ(*ParseEvery("tháng"), Every::kMonth);
}

TEST(CoverageSeries, UnitGoneMidSeriesAndNeverThere) {
  LoadedRegistry reg = RandomTuyPhong(4);
  auto s = BuildCoverageSeries(reg, Sq("595", kAllGroups, D(2025, 6, 29), D(2025, 7, 2), Every::kDay));
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->points.size(), 4u);
  EXPECT_TRUE(s->points[1].unit_valid);   // 30/06/2025, the district's last day
  EXPECT_FALSE(s->points[2].unit_valid);  // 01/07/2025: districts are gone
  EXPECT_EQ(s->points[2].insured, -1);
  auto none = BuildCoverageSeries(reg, Sq("595", kAllGroups, D(2025, 7, 1), D(2025, 12, 1), Every::kMonth));
  EXPECT_EQ(none.status().code(), Status::Code::kNotFound);
}

// Three people in Chí Công (22996) with hand-made histories, one elsewhere.
TEST(CoverageFlows, NewRenewedLapsedByCommune) {
  LoadedRegistry reg = TuyPhong();
  CoverageIndexBuilder b(reg.rules);
  auto person = [&](int64_t id, const char* commune) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(id);
    p.commune = UnitCode::Unchecked(commune);
    b.AddPerson(p);
  };
  auto card = [&](int64_t id, const char* object, Date from, Date to) {
    Card c;
    c.bhxh = BhxhNumber::FromInt(id);
    c.object = *ObjectCode::Parse(object);
    c.valid_from = from;
    c.valid_to = to;
    b.AddCard(c);
  };
  person(1, "22996");  // first card in March 2021: new (household group)
  card(1, "GD", D(2021, 3, 1), D(2022, 2, 28));
  person(2, "22996");  // gap of 31 days, back in March as a pupil: renewed
  card(2, "GD", D(2020, 1, 1), D(2021, 1, 31));
  card(2, "HS", D(2021, 3, 4), D(2021, 12, 31));
  person(3, "22996");  // ends 15/03/2021, nothing after: lapsed (household group)
  card(3, "GD", D(2020, 3, 16), D(2021, 3, 15));
  person(4, "22969");  // new in Liên Hương
  card(4, "DN", D(2021, 3, 10), D(2021, 12, 31));
  reg.index = b.Finish();

  FlowsQuery q;
  q.unit_code = "595";
  q.from = D(2021, 3, 1);
  q.to = D(2021, 3, 31);
  q.depth = 1;
  auto f = BuildCoverageFlows(reg, q);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  auto find = [&](const char* unit, ReportingGroupId g) -> const FlowRow* {
    for (const FlowRow& r : f->rows)
      if (r.unit_code == unit && r.group == g) return &r;
    return nullptr;
  };
  ASSERT_NE(find("595", kAllGroups), nullptr);
  EXPECT_EQ(find("595", kAllGroups)->new_people, 2);
  EXPECT_EQ(find("595", kAllGroups)->renewed, 1);
  EXPECT_EQ(find("595", kAllGroups)->lapsed, 1);
  const FlowRow* chi_cong = find("22996", kAllGroups);
  ASSERT_NE(chi_cong, nullptr);
  EXPECT_EQ(chi_cong->new_people, 1);
  EXPECT_EQ(chi_cong->renewed, 1);
  EXPECT_EQ(chi_cong->lapsed, 1);
  EXPECT_EQ(find("22996", kHSSV)->renewed, 1);  // in the group held on the day they came back
  EXPECT_EQ(find("22996", kHGD)->lapsed, 1);
  EXPECT_EQ(find("22969", kNLD)->new_people, 1);
  std::string table = FormatFlowsTable(*f, reg.rules, Lang::kVi);
  EXPECT_NE(table.find("Mới tham gia"), std::string::npos);
  EXPECT_NE(table.find("Xã Chí Công"), std::string::npos);
}

}  // namespace
}  // namespace baophu::testing
