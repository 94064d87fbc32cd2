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
  EXPECT_EQ(idx->Count(1, kNld, D(2024, 1, 9)), 0);   // ends the day before the start
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
  std::map<std::tuple<std::string, int>, int64_t> want = {
      {{"A", kHgd}, 2}, {{"B", kNld}, 1}, {{"", kHssv}, 1}};
  EXPECT_EQ(got, want);
}

}  // namespace
}  // namespace baophu
