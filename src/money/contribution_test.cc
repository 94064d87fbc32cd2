#include "money/contribution.h"

#include <gtest/gtest.h>

#include "money/money_math.h"
#include "money/money_test_util.h"

namespace baophu::money {
namespace {

FeeRequest Household(Date from, int months, int members) {
  FeeRequest r;
  r.period_from = from;
  r.months = months;
  r.household = true;
  for (int i = 0; i < members; ++i) r.members.push_back({"TV" + std::to_string(i + 1), {}, 5, "", {}});
  return r;
}

TEST(RoundingTest, HalfUpToTheDong) {
  EXPECT_EQ(RoundDiv(5, 10), 1);     // 0,5 → 1
  EXPECT_EQ(RoundDiv(4, 10), 0);     // 0,4 → 0
  EXPECT_EQ(RoundDiv(15, 10), 2);    // 1,5 → 2
  EXPECT_EQ(RoundDiv(-15, 10), -2);  // halves away from zero
  EXPECT_EQ(ApplyBp(Money{105300}, 7000).dong, 73710);
  EXPECT_EQ(ApplyBp(Money{1}, 5000).dong, 1);  // 0,5 đồng → 1
  EXPECT_EQ(ApplyBp(Money{3}, 4500).dong, 1);  // 1,35 → 1
}

TEST(ContributionTest, PupilAtBothBaseSalaries) {
  FeeRequest r;
  r.months = 3;
  r.members.push_back({"HS", {}, 4, "pupil", {}});
  r.period_from = D(1, 1, 2024);
  auto f = ComputeFee(Rules(), r);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  // 1.800.000 × 4,5 % = 81.000; × (100 % − 30 %) = 56.700 a month.
  EXPECT_EQ(f->members[0].monthly[0].dong, 56700);
  EXPECT_EQ(f->members[0].full.dong, 3 * 81000);
  EXPECT_EQ(f->state.dong, 3 * 24300);
  r.period_from = D(1, 9, 2024);
  f = ComputeFee(Rules(), r);
  ASSERT_TRUE(f.ok());
  // 2.340.000 × 4,5 % = 105.300; × 70 % = 73.710.
  EXPECT_EQ(f->members[0].monthly[0].dong, 73710);
  EXPECT_EQ(f->payable.dong, 3 * 73710);
}

TEST(ContributionTest, HouseholdOfFiveAt2340000) {
  auto f = ComputeFee(Rules(), Household(D(1, 8, 2024), 3, 5));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  // 105.300 × 100 / 70 / 60 / 50 / 40 %.
  const int64_t want[] = {105300, 73710, 63180, 52650, 42120};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(f->members[static_cast<size_t>(i)].order, i + 1);
    EXPECT_EQ(f->members[static_cast<size_t>(i)].monthly[0].dong, want[i]) << "member " << i + 1;
  }
  EXPECT_EQ(f->payable.dong, 3 * (105300 + 73710 + 63180 + 52650 + 42120));  // 3 × 336.960
}

TEST(ContributionTest, SixthMemberStillPaysFortyPercent) {
  auto f = ComputeFee(Rules(), Household(D(1, 8, 2024), 3, 6));
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->members[5].monthly[0].dong, 42120);
}

TEST(ContributionTest, TwelveMonthsBoughtOn15May2024ArePricedMonthByMonth) {
  auto f = ComputeFee(Rules(), Household(D(15, 5, 2024), 12, 2));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->months.size(), 12u);
  EXPECT_EQ(f->months[0].month, D(1, 5, 2024));
  EXPECT_EQ(f->months[1].base.dong, 1800000);  // June 2024
  EXPECT_EQ(f->months[2].base.dong, 2340000);  // July 2024
  EXPECT_EQ(f->months[11].month, D(1, 4, 2025));
  // First member: 2 × 81.000 + 10 × 105.300 = 1.215.000.
  EXPECT_EQ(f->members[0].payable.dong, 1215000);
  // Second: 2 × 56.700 + 10 × 73.710 = 850.500.
  EXPECT_EQ(f->members[1].payable.dong, 850500);
  EXPECT_EQ(f->payable.dong, 2065500);
}

TEST(ContributionTest, SupportedMembersAreOutsideTheHouseholdOrder) {
  FeeRequest r = Household(D(1, 8, 2024), 3, 3);
  r.members.insert(r.members.begin() + 1, FeeMember{"HS", {}, 4, "pupil", {}});
  auto f = ComputeFee(Rules(), r);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->members[0].order, 1);
  EXPECT_EQ(f->members[1].order, 0);  // the pupil: 30 % state support, not in the order
  EXPECT_EQ(f->members[1].monthly[0].dong, 73710);
  EXPECT_EQ(f->members[2].order, 2);
  EXPECT_EQ(f->members[2].monthly[0].dong, 73710);
  EXPECT_EQ(f->members[3].monthly[0].dong, 63180);
}

TEST(ContributionTest, NearPoorWithAProvinceTopUp) {
  auto extra = std::string(BAOPHU_SOURCE_DIR) + "/src/money/testdata/support_province_95.csv";
  auto rules = MoneyRules::LoadDefault({extra});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  FeeRequest r;
  r.period_from = D(1, 8, 2024);
  r.months = 12;
  r.province = "95";
  r.members.push_back({"CN", {}, 4, "near_poor", {}});
  auto f = ComputeFee(*rules, r);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  // 105.300: state 70 % = 73.710, province 20 % = 21.060, the person 10 % = 10.530.
  EXPECT_EQ(f->members[0].support.state_bp, 7000);
  EXPECT_EQ(f->members[0].support.province_bp, 2000);
  EXPECT_EQ(f->members[0].monthly[0].dong, 10530);
  EXPECT_EQ(f->province.dong, 12 * 21060);
  EXPECT_EQ(f->state.dong, 12 * 73710);
  // Without the province: 30 % of 105.300 = 31.590.
  r.province = "";
  f = ComputeFee(*rules, r);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->members[0].monthly[0].dong, 31590);
}

TEST(ContributionTest, StatePaysGroupThreeInFull) {
  FeeRequest r;
  r.period_from = D(1, 8, 2024);
  r.months = 3;
  r.members.push_back({"TE", {}, 3, "", {}});
  auto f = ComputeFee(Rules(), r);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->payable.dong, 0);
  EXPECT_EQ(f->state.dong, 3 * 105300);
}

TEST(ContributionTest, EmployeeSalaryIsCappedAtTwentyBaseSalaries) {
  FeeRequest r;
  r.period_from = D(1, 8, 2024);
  r.months = 1;
  r.members.push_back({"DN", {}, 1, "", Money{100000000}});
  auto f = ComputeFee(Rules(), r);
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->payable.dong, 2106000);  // 20 × 2.340.000 × 4,5 %
}

TEST(ContributionTest, RefusesBadInput) {
  EXPECT_FALSE(ComputeFee(Rules(), Household(D(1, 8, 2024), 0, 1)).ok());
  EXPECT_FALSE(ComputeFee(Rules(), Household(D(1, 8, 2024), 3, 0)).ok());
  EXPECT_FALSE(ComputeFee(Rules(), Household(D(1, 1, 2010), 3, 1)).ok());  // no base salary then
  FeeRequest r = Household(D(1, 8, 2024), 3, 1);
  r.members[0].category = "unknown";
  EXPECT_FALSE(ComputeFee(Rules(), r).ok());
}

}  // namespace
}  // namespace baophu::money
