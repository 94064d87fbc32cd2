#include "engine/coverage_index.h"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

namespace baophu {
namespace {

// Reporting groups of data/rules: DN → 1 (NLD, rank 0), HS → 5 (HSSV), GD → 6 (HGD),
// unknown codes → 9 (KXD, ranked last).
constexpr ReportingGroupId kNld = 1, kHssv = 5, kHgd = 6;

class CoverageIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rs = RuleSet::LoadDefault();
    ASSERT_TRUE(rs.ok()) << rs.status().ToString();
    rules_ = std::move(*rs);
  }

  static Person P(int64_t bhxh, const std::string& commune, const std::string& hamlet = "") {
    Person p;
    p.bhxh = BhxhNumber::FromInt(bhxh);
    p.commune = UnitCode::Unchecked(commune);
    p.hamlet = UnitCode::Unchecked(hamlet);
    p.birth_date = Date::FromYmd(2000, 1, 1);
    p.sex = Sex::kFemale;
    p.household_code = "HH" + std::to_string(bhxh / 2);
    return p;
  }
  static Card C(int64_t bhxh, const char* object, Date from, Date to) {
    Card c;
    c.bhxh = BhxhNumber::FromInt(bhxh);
    c.object = *ObjectCode::Parse(object);
    c.valid_from = from;
    c.valid_to = to;
    c.benefit_level = 4;
    return c;
  }
  static Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

  // The slot of (commune, hamlet), or -1.
  static int64_t SlotOf(const CoverageIndex& idx, const std::string& commune, const std::string& hamlet = "") {
    for (CoverageIndex::Slot s = 0; s < idx.slot_count(); ++s) {
      auto k = idx.slot(s);
      if (k.commune == commune && k.hamlet == hamlet) return s;
    }
    return -1;
  }

  RuleSet rules_;
};

TEST_F(CoverageIndexTest, OverlappingCardsCountOnceInTheBetterGroup) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "23002"));
  b.AddCard(C(1, "GD", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(1, "DN", D(2024, 3, 1), D(2024, 6, 30)));
  auto idx = b.Finish();
  auto s = static_cast<CoverageIndex::Slot>(SlotOf(*idx, "23002"));
  ASSERT_EQ(s, 1u);
  // Before the overlap: household only.
  EXPECT_EQ(idx->Count(s, kHgd, D(2024, 2, 29)), 1);
  EXPECT_EQ(idx->Count(s, kNld, D(2024, 2, 29)), 0);
  // Overlap: the employee card (priority 1) wins; the person is not counted twice.
  EXPECT_EQ(idx->Count(s, kNld, D(2024, 3, 1)), 1);
  EXPECT_EQ(idx->Count(s, kHgd, D(2024, 3, 1)), 0);
  EXPECT_EQ(idx->Count(s, kNld, D(2024, 6, 30)), 1);
  EXPECT_EQ(idx->Count(s, kHgd, D(2024, 6, 30)), 0);
  // After: household again, until the last day inclusive.
  EXPECT_EQ(idx->Count(s, kHgd, D(2024, 7, 1)), 1);
  EXPECT_EQ(idx->Count(s, kNld, D(2024, 7, 1)), 0);
  EXPECT_EQ(idx->Count(s, kHgd, D(2024, 12, 31)), 1);
  EXPECT_EQ(idx->Count(s, kHgd, D(2025, 1, 1)), 0);
  EXPECT_EQ(idx->person_count(), 1);
  EXPECT_EQ(idx->card_count(), 2);
}

TEST_F(CoverageIndexTest, TwoCardsOfOneGroupCountOnePerson) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "X"));
  b.AddCard(C(1, "HS", D(2024, 1, 1), D(2024, 6, 30)));
  b.AddCard(C(1, "SV", D(2024, 5, 1), D(2024, 12, 31)));
  auto idx = b.Finish();
  EXPECT_EQ(idx->Count(1, kHssv, D(2024, 5, 15)), 1);
}

TEST_F(CoverageIndexTest, WindowEndsAreInclusive) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "X"));
  b.AddPerson(P(2, "X"));
  b.AddCard(C(1, "DN", D(2024, 1, 10), D(2024, 1, 20)));
  b.AddCard(C(2, "DN", D(2024, 5, 5), D(2024, 5, 5)));  // one day
  auto idx = b.Finish();
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 1, 9)), 0);  // ends the day before the start
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 1, 10)), 1);
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 1, 20)), 1);
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 1, 21)), 0);  // starts the day after the end
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 5, 4)), 0);
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 5, 5)), 1);
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 5, 6)), 0);
}

TEST_F(CoverageIndexTest, CardEndingOnOneDayAndNextStartingTheNextCountsOnce) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "X"));
  b.AddCard(C(1, "GD", D(2023, 3, 1), D(2024, 2, 28)));
  b.AddCard(C(1, "GD", D(2024, 2, 29), D(2025, 2, 28)));
  auto idx = b.Finish();
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 2, 28)), 1);
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 2, 29)), 1);
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 3, 1)), 1);
  EXPECT_EQ(idx->Count(1, kHgd, D(2025, 3, 1)), 0);
}

TEST_F(CoverageIndexTest, LeapDay) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "X"));
  b.AddPerson(P(2, "X"));
  b.AddCard(C(1, "HS", D(2024, 2, 29), D(2024, 2, 29)));
  b.AddCard(C(2, "HS", D(2023, 3, 1), D(2024, 2, 28)));
  auto idx = b.Finish();
  EXPECT_EQ(idx->Count(1, kHssv, D(2024, 2, 28)), 1);  // person 2
  EXPECT_EQ(idx->Count(1, kHssv, D(2024, 2, 29)), 1);  // person 1
  EXPECT_EQ(idx->Count(1, kHssv, D(2024, 3, 1)), 0);
}

TEST_F(CoverageIndexTest, MovedPersonTakesTheirHistoryAlong) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "A", "t1"));
  b.AddPerson(P(2, "A", "t1"));
  b.AddCard(C(1, "DN", D(2020, 1, 1), D(2020, 12, 31)));
  b.AddCard(C(1, "GD", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(2, "GD", D(2024, 1, 1), D(2024, 12, 31)));
  auto idx = b.Finish();
  auto a = static_cast<CoverageIndex::Slot>(SlotOf(*idx, "A", "t1"));
  EXPECT_EQ(idx->Count(a, kHgd, D(2024, 6, 1)), 2);
  ASSERT_TRUE(idx->ApplyPerson(P(1, "B")).ok());
  auto bslot = SlotOf(*idx, "B");
  ASSERT_GE(bslot, 0);
  auto bs = static_cast<CoverageIndex::Slot>(bslot);
  EXPECT_EQ(idx->Count(a, kHgd, D(2024, 6, 1)), 1);
  EXPECT_EQ(idx->Count(bs, kHgd, D(2024, 6, 1)), 1);
  // The past moves too: "where they live now" owns the history.
  EXPECT_EQ(idx->Count(a, kNld, D(2020, 6, 1)), 0);
  EXPECT_EQ(idx->Count(bs, kNld, D(2020, 6, 1)), 1);
  // Moving to no commune: slot 0.
  ASSERT_TRUE(idx->ApplyPerson(P(1, "")).ok());
  EXPECT_EQ(idx->Count(bs, kHgd, D(2024, 6, 1)), 0);
  EXPECT_EQ(idx->Count(CoverageIndex::kNoCommuneSlot, kHgd, D(2024, 6, 1)), 1);
  EXPECT_EQ(idx->slot(CoverageIndex::kNoCommuneSlot).commune, "");
}

TEST_F(CoverageIndexTest, SameKeyReplacesTheCard) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "X"));
  b.AddCard(C(1, "GD", D(2024, 1, 1), D(2024, 3, 31)));
  auto idx = b.Finish();
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 6, 1)), 0);
  ASSERT_TRUE(idx->ApplyCard(C(1, "GD", D(2024, 1, 1), D(2024, 12, 31))).ok());  // renewed
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 6, 1)), 1);
  EXPECT_EQ(idx->card_count(), 1);
  ASSERT_TRUE(idx->ApplyCard(C(1, "DN", D(2024, 1, 1), D(2024, 12, 31))).ok());  // other object code
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 6, 1)), 0);
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 6, 1)), 1);
  EXPECT_EQ(idx->card_count(), 1);
  // Shortened again.
  ASSERT_TRUE(idx->ApplyCard(C(1, "DN", D(2024, 1, 1), D(2024, 5, 31))).ok());
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 5, 31)), 1);
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 6, 1)), 0);
}

TEST_F(CoverageIndexTest, BuilderKeepsTheLastOfTheSameKey) {
  CoverageIndexBuilder b(rules_);
  b.AddCard(C(1, "GD", D(2024, 1, 1), D(2024, 3, 31)));  // cards may come before people
  b.AddCard(C(1, "GD", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(7, "GD", D(2024, 1, 1), D(2024, 12, 31)));  // nobody 7
  b.AddPerson(P(1, "X"));
  int64_t orphans = -1;
  auto idx = b.Finish(&orphans);
  EXPECT_EQ(orphans, 1);
  EXPECT_EQ(idx->card_count(), 1);
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 6, 1)), 1);
}

TEST_F(CoverageIndexTest, RemoveCard) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "X"));
  b.AddCard(C(1, "GD", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(1, "DN", D(2024, 3, 1), D(2024, 6, 30)));
  auto idx = b.Finish();
  ASSERT_TRUE(idx->RemoveCard(BhxhNumber::FromInt(1), D(2024, 3, 1)).ok());
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 4, 1)), 0);
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 4, 1)), 1);
  EXPECT_EQ(idx->card_count(), 1);
  EXPECT_EQ(idx->RemoveCard(BhxhNumber::FromInt(1), D(2024, 3, 1)).code(), Status::Code::kNotFound);
  EXPECT_EQ(idx->RemoveCard(BhxhNumber::FromInt(2), D(2024, 1, 1)).code(), Status::Code::kNotFound);
  ASSERT_TRUE(idx->RemoveCard(BhxhNumber::FromInt(1), D(2024, 1, 1)).ok());
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 4, 1)), 0);
  EXPECT_EQ(idx->card_count(), 0);
}

TEST_F(CoverageIndexTest, UnknownObjectCodeCountsInGroup9) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "X"));
  b.AddCard(C(1, "ZZ", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(1, "GD", D(2024, 7, 1), D(2024, 12, 31)));
  auto idx = b.Finish();
  EXPECT_EQ(idx->Count(1, kUnclassifiedGroup, D(2024, 6, 1)), 1);
  // Any known group outranks the unclassified one.
  EXPECT_EQ(idx->Count(1, kUnclassifiedGroup, D(2024, 7, 1)), 0);
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 7, 1)), 1);
}

TEST_F(CoverageIndexTest, IncrementalPeopleAndCards) {
  auto idx = CoverageIndexBuilder(rules_).Finish();
  EXPECT_EQ(idx->slot_count(), 1u);
  EXPECT_EQ(idx->ApplyCard(C(5, "GD", D(2024, 1, 1), D(2024, 12, 31))).code(), Status::Code::kNotFound);
  ASSERT_TRUE(idx->ApplyPerson(P(5, "X", "t")).ok());
  ASSERT_TRUE(idx->ApplyCard(C(5, "GD", D(2024, 1, 1), D(2024, 12, 31))).ok());
  auto s = SlotOf(*idx, "X", "t");
  ASSERT_EQ(s, 1);
  EXPECT_EQ(idx->Count(1, kHgd, D(2024, 1, 1)), 1);
  EXPECT_EQ(idx->person_count(), 1);
  EXPECT_EQ(idx->card_count(), 1);
  Card bad = C(5, "GD", D(2024, 1, 1), D(2024, 12, 31));
  bad.valid_to = Date();
  EXPECT_EQ(idx->ApplyCard(bad).code(), Status::Code::kInvalidArgument);
}

TEST_F(CoverageIndexTest, ForEachCountVisitsTheNonZeroCells) {
  CoverageIndexBuilder b(rules_);
  b.AddPerson(P(1, "A"));
  b.AddPerson(P(2, "A"));
  b.AddPerson(P(3, "B"));
  b.AddPerson(P(4, ""));
  b.AddCard(C(1, "GD", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(2, "GD", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(3, "DN", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(4, "HS", D(2024, 1, 1), D(2024, 12, 31)));
  b.AddCard(C(3, "GD", D(2025, 1, 1), D(2025, 12, 31)));
  auto idx = b.Finish();
  std::map<std::tuple<std::string, int>, int64_t> got;
  idx->ForEachCount(D(2024, 6, 1), [&](CoverageIndex::Slot s, ReportingGroupId g, int64_t n) {
    got[{idx->slot(s).commune, g}] = n;
  });
  std::map<std::tuple<std::string, int>, int64_t> want = {{{"A", kHgd}, 2}, {{"B", kNld}, 1}, {{"", kHssv}, 1}};
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace baophu

namespace baophu {
namespace {

class CoverageFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rs = RuleSet::LoadDefault();
    ASSERT_TRUE(rs.ok()) << rs.status().ToString();
    rules_ = std::move(*rs);
  }
  static Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }
  void Add(CoverageIndexBuilder* b, int64_t bhxh, const char* object, Date from, Date to) {
    Card c;
    c.bhxh = BhxhNumber::FromInt(bhxh);
    c.object = *ObjectCode::Parse(object);
    c.valid_from = from;
    c.valid_to = to;
    b->AddCard(c);
  }
  // Flows of the whole index in [from, to], summed over slots, by group.
  std::map<ReportingGroupId, std::tuple<int64_t, int64_t, int64_t>> FlowsOf(const CoverageIndex& idx, Date from,
                                                                            Date to) {
    std::map<ReportingGroupId, std::tuple<int64_t, int64_t, int64_t>> out;
    idx.ForEachFlow(from, to, {}, [&](CoverageIndex::Slot, ReportingGroupId g, const CoverageIndex::Flows& f) {
      auto& [n, r, l] = out[g];
      n += f.new_people;
      r += f.renewed;
      l += f.lapsed;
    });
    return out;
  }
  RuleSet rules_;
};

// Reporting groups: DN → 1 (NLD), HS → 5 (HSSV), GD → 6 (HGD).
TEST_F(CoverageFlowTest, NewRenewedLapsedByHand) {
  CoverageIndexBuilder b(rules_);
  for (int64_t id = 1000000001; id <= 1000000005; ++id) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(id);
    p.commune = UnitCode::Unchecked("23002");
    b.AddPerson(p);
  }
  // 1: two yearly cards back to back: one run 2021-01-01 .. 2022-12-31.
  Add(&b, 1000000001, "GD", D(2021, 1, 1), D(2021, 12, 31));
  Add(&b, 1000000001, "GD", D(2022, 1, 1), D(2022, 12, 31));
  // 2: a 31-day gap (2021-07-01 .. 2021-07-31), then an HS card: renewed on 2021-08-01.
  Add(&b, 1000000002, "GD", D(2021, 1, 1), D(2021, 6, 30));
  Add(&b, 1000000002, "HS", D(2021, 8, 1), D(2022, 7, 31));
  // 3: ends 2021-03-31, back after 153 days on 2021-09-01: lapsed, then new.
  Add(&b, 1000000003, "DN", D(2021, 1, 1), D(2021, 3, 31));
  Add(&b, 1000000003, "GD", D(2021, 9, 1), D(2022, 8, 31));
  // 4: exactly 90 uninsured days (2021-04-01 .. 2021-06-29): still a renewal on 2021-06-30.
  Add(&b, 1000000004, "DN", D(2021, 1, 1), D(2021, 3, 31));
  Add(&b, 1000000004, "DN", D(2021, 6, 30), D(2021, 12, 31));
  // 5: 91 uninsured days: a lapse on 2021-03-31 and a new run on 2021-07-01.
  Add(&b, 1000000005, "DN", D(2021, 1, 1), D(2021, 3, 31));
  Add(&b, 1000000005, "DN", D(2021, 7, 1), D(2021, 12, 31));
  auto idx = b.Finish();
  using T = std::tuple<int64_t, int64_t, int64_t>;  // new, renewed, lapsed
  // The week of 2021-01-01: everyone's first run starts (new), all five.
  auto w = FlowsOf(*idx, D(2021, 1, 1), D(2021, 1, 7));
  EXPECT_EQ(w[6], T(2, 0, 0));  // 1, 2 (GD)
  EXPECT_EQ(w[1], T(3, 0, 0));  // 3, 4, 5 (DN)
  // 2022-01-01 continues person 1's run: nothing.
  EXPECT_TRUE(FlowsOf(*idx, D(2022, 1, 1), D(2022, 1, 1)).empty());
  // March 2021: 3 and 5 lapse (DN); 4 does not (90 days is within the gap).
  EXPECT_EQ(FlowsOf(*idx, D(2021, 3, 1), D(2021, 3, 31))[1], T(0, 0, 2));
  // June 2021: 2's run ends but is renewed after 31 days; 4 is renewed on 2021-06-30.
  auto june = FlowsOf(*idx, D(2021, 6, 1), D(2021, 6, 30));
  EXPECT_EQ(june.size(), 1u);
  EXPECT_EQ(june[1], T(0, 1, 0));
  // July-September 2021: 5 new (DN) on 07-01, 2 renewed (HSSV) on 08-01, 3 new (HGD) on 09-01.
  auto q3 = FlowsOf(*idx, D(2021, 7, 1), D(2021, 9, 30));
  EXPECT_EQ(q3[1], T(1, 0, 0));
  EXPECT_EQ(q3[5], T(0, 1, 0));
  EXPECT_EQ(q3[6], T(1, 0, 0));
  // December 2022: person 1's run ends with nothing after it: a lapse (as far as is known).
  EXPECT_EQ(FlowsOf(*idx, D(2022, 12, 1), D(2022, 12, 31))[6], T(0, 0, 1));
  // Restricting to a slot that holds nobody gives nothing.
  int calls = 0;
  idx->ForEachFlow(D(2021, 1, 1), D(2021, 12, 31), {0}, [&](auto, auto, const auto&) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST_F(CoverageFlowTest, SeriesMatchCountAndCountryTotals) {
  CoverageIndexBuilder b(rules_);
  for (int64_t id = 1000000001; id <= 1000000003; ++id) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(id);
    p.commune = UnitCode::Unchecked(id == 1000000003 ? "22972" : "23002");
    b.AddPerson(p);
  }
  Add(&b, 1000000001, "GD", D(2021, 1, 1), D(2021, 12, 31));
  Add(&b, 1000000002, "HS", D(2021, 6, 1), D(2022, 5, 31));
  Add(&b, 1000000003, "DN", D(2021, 3, 1), D(2021, 3, 31));
  auto idx = b.Finish();
  std::vector<Date> dates = {D(2020, 12, 31), D(2021, 1, 1), D(2021, 3, 15), D(2021, 6, 1), D(2022, 1, 1), Date()};
  std::vector<int64_t> all(dates.size()), hgd(dates.size());
  idx->SeriesOver({}, kAllGroups, dates, all.data());
  // 2020-12-31: 0; 01-01: 1; 03-15: 1 + DN = 2; 06-01: GD + HS = 2; 2022-01-01: HS = 1; invalid: 0.
  EXPECT_EQ(all, (std::vector<int64_t>{0, 1, 2, 2, 1, 0}));
  idx->SeriesOver({}, 6, dates, hgd.data());
  EXPECT_EQ(hgd, (std::vector<int64_t>{0, 1, 1, 1, 0, 0}));
  // An update reaches the country totals at once.
  Card c;
  c.bhxh = BhxhNumber::FromInt(1000000003);
  c.object = *ObjectCode::Parse("GD");
  c.valid_from = D(2021, 12, 1);
  c.valid_to = D(2022, 11, 30);
  ASSERT_TRUE(idx->ApplyCard(c).ok());
  idx->SeriesOver({}, 6, dates, hgd.data());
  EXPECT_EQ(hgd, (std::vector<int64_t>{0, 1, 1, 1, 1, 0}));
  std::vector<int64_t> one(dates.size());
  idx->Series(1, kAllGroups, dates, one.data());  // slot 1 = 23002
  EXPECT_EQ(one, (std::vector<int64_t>{0, 1, 1, 2, 1, 0}));
}

}  // namespace
}  // namespace baophu
