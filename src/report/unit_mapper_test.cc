#include "report/unit_mapper.h"

#include <gtest/gtest.h>

#include "report/report_test_util.h"

namespace baophu {
namespace {

using namespace baophu::testing;
using L = UnitLevel;

// A district with commune A (ends 2020) split in three; B merged into C; C split later in two;
// hamlet H of A with no successor; X valid only from 2021.
UnitTree SmallTree() {
  const Date e = D(2020, 12, 31), n = D(2021, 1, 1), e2 = D(2022, 12, 31), n2 = D(2023, 1, 1);
  return Tree(
      {
          U("VN", "Việt Nam", L::kCountry, ""),
          U("60", "Tỉnh Bình Thuận", L::kProvince, "VN"),
          U("595", "Huyện Tuy Phong", L::kDistrict, "60"),
          U("22975", "Xã A", L::kCommune, "595", Date::Min(), e),
          U("22975.1", "Thôn H", L::kHamlet, "22975", Date::Min(), e),
          U("22981", "Xã P", L::kCommune, "595", n),
          U("22984", "Xã Q", L::kCommune, "595", n),
          U("22987", "Xã R", L::kCommune, "595", n),
          U("22990", "Xã B", L::kCommune, "595", Date::Min(), e),
          U("22993", "Xã C", L::kCommune, "595", Date::Min(), e2),
          U("22996", "Xã C1", L::kCommune, "595", n2),
          U("22999", "Xã C2", L::kCommune, "595", n2),
          U("23002", "Xã X", L::kCommune, "595", n),
      },
      {
          // listed out of code order on purpose: shares go in code order
          S("22975", Date::Min(), "22987", MergeType::kPartial),
          S("22975", Date::Min(), "22981", MergeType::kPartial),
          S("22975", Date::Min(), "22984", MergeType::kPartial),
          S("22990", Date::Min(), "22993"),
          S("22993", Date::Min(), "22996", MergeType::kPartial),
          S("22993", Date::Min(), "22999", MergeType::kPartial),
      });
}

PlacedAmounts In(const UnitTree& t, const char* code, Date on, GroupVector v, bool unplaced = false) {
  return {{Placement{t.Resolve(std::string(code), on), unplaced}, std::move(v)}};
}

GroupVector At(const UnitTree& t, const PlacedAmounts& out, const char* code, Date on, bool unplaced = false) {
  auto it = out.find(Placement{t.Resolve(std::string(code), on), unplaced});
  return it == out.end() ? GroupVector{} : it->second;
}

TEST(UnitMapper, SplitInThreeRemainderInCodeOrder) {
  UnitTree t = SmallTree();
  const Date d = D(2020, 6, 1), u = D(2021, 6, 1);
  UnitMapper m(t, d, u);
  // 8 = 3 + 3 + 2; 1 = 1 + 0 + 0; 0 stays 0; unknown (-1) stays unknown.
  PlacedAmounts out = m.Map(In(t, "22975", d, {8, 1, 0, -1}), false);
  EXPECT_EQ(At(t, out, "22981", u), (GroupVector{3, 1, 0, -1}));
  EXPECT_EQ(At(t, out, "22984", u), (GroupVector{3, 0, 0, -1}));
  EXPECT_EQ(At(t, out, "22987", u), (GroupVector{2, 0, 0, -1}));
  EXPECT_EQ(m.split_units().size(), 1u);
}

TEST(UnitMapper, HamletWithoutSuccessorIsApportionedWithItsCommune) {
  UnitTree t = SmallTree();
  const Date d = D(2020, 6, 1), u = D(2021, 6, 1);
  UnitMapper m(t, d, u);
  PlacedAmounts in = In(t, "22975", d, {2});
  in[Placement{t.Resolve(std::string("22975.1"), d), false}] = {2};
  // Summed before sharing: 4 = 2 + 1 + 1 (not 1+1+0 twice = 2 + 2 + 0).
  PlacedAmounts out = m.Map(in, false);
  EXPECT_EQ(At(t, out, "22981", u), (GroupVector{2}));
  EXPECT_EQ(At(t, out, "22984", u), (GroupVector{1}));
  EXPECT_EQ(At(t, out, "22987", u), (GroupVector{1}));
}

TEST(UnitMapper, ChainMergeThenSplit) {
  UnitTree t = SmallTree();
  const Date d = D(2020, 6, 1), u = D(2023, 6, 1);
  UnitMapper m(t, d, u);
  // B (5) → C wholly; C's own 4 join it: 9 split in two = 5 + 4.
  PlacedAmounts in = In(t, "22990", d, {5});
  in[Placement{t.Resolve(std::string("22993"), d), false}] = {4};
  PlacedAmounts out = m.Map(in, false);
  EXPECT_EQ(At(t, out, "22996", u), (GroupVector{5}));
  EXPECT_EQ(At(t, out, "22999", u), (GroupVector{4}));
}

TEST(UnitMapper, BackwardSameCodeElseUnplacedInParent) {
  UnitTree t = SmallTree();
  const Date d = D(2021, 6, 1), u = D(2020, 6, 1);
  UnitMapper m(t, d, u);
  PlacedAmounts in = In(t, "22993", d, {7});
  in[Placement{t.Resolve(std::string("23002"), d), false}] = {3};  // X did not exist in 2020
  PlacedAmounts out = m.Map(in, false);
  EXPECT_EQ(At(t, out, "22993", u), (GroupVector{7}));
  EXPECT_EQ(At(t, out, "595", u, /*unplaced=*/true), (GroupVector{3}));
  // Denominators drop what cannot be placed.
  UnitMapper m2(t, d, u);
  PlacedAmounts dropped = m2.Map(in, true);
  EXPECT_EQ(dropped.size(), 1u);
}

TEST(UnitMapper, SameDateIsIdentity) {
  UnitTree t = SmallTree();
  const Date d = D(2020, 6, 1);
  UnitMapper m(t, d, d);
  PlacedAmounts in = In(t, "22975.1", d, {1, 2});
  in[Placement{t.Resolve(std::string("595"), d), true}] = {5, 0};
  EXPECT_EQ(m.Map(in, false), in);
}

}  // namespace
}  // namespace baophu
