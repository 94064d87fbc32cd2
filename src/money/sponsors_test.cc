#include "money/sponsors.h"

#include <gtest/gtest.h>

#include "money/money_test_util.h"

namespace baophu::money {
namespace {

Candidate Hh(std::string code, int64_t income, int members) {
  Candidate c;
  c.household_code = std::move(code);
  c.income_per_head = Money{income};
  for (int i = 0; i < members; ++i)
    c.uninsured.push_back({BhxhNumber::FromInt(c.household_code.size() * 100 + i), "TV", Date()});
  return c;
}

TEST(SponsorsTest, PoorestHouseholdsFirstWholeHouseholds) {
  AllocationRequest req;
  req.sponsor_code = "NT01";
  req.paid_on = D(1, 8, 2024);
  req.months = 12;
  // 12 months at 2.340.000: 1 person 1.263.600; 2 persons 1.263.600 + 884.520 = 2.148.120.
  req.available = Money{3500000};
  std::vector<Candidate> c = {Hh("H-rich", 2000000, 1), Hh("H-poor", 500000, 2), Hh("H-mid", 900000, 1)};
  auto plan = PlanAllocation(Rules(), req, c);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_EQ(plan->households.size(), 2u);
  EXPECT_EQ(plan->households[0], "H-poor");
  EXPECT_EQ(plan->households[1], "H-mid");
  EXPECT_EQ(plan->spent.dong, 2148120 + 1263600);
  EXPECT_EQ(plan->left.dong, 3500000 - 3411720);
  ASSERT_EQ(plan->skipped.size(), 1u);
  EXPECT_EQ(plan->skipped[0], "H-rich");
  ASSERT_EQ(plan->cards.size(), 3u);
  EXPECT_EQ(plan->cards[0].amount.dong, 1263600);
  EXPECT_EQ(plan->cards[1].amount.dong, 884520);
  EXPECT_EQ(plan->cards[0].card_from, D(31, 8, 2024));  // first time: 30 days after payment
}

TEST(SponsorsTest, BalancesCountPledgesPaymentsAndCards) {
  std::vector<Sponsor> s = {{"NT01", "Công ty X", "doanh nghiệp", {}}};
  std::vector<SponsorFund> f = {{"NT01", D(1, 7, 2024), FundKind::kPledge, "", Money{10000000}},
                                {"NT01", D(10, 7, 2024), FundKind::kPayment, "", Money{6000000}},
                                {"NT01", D(10, 9, 2024), FundKind::kPayment, "", Money{1000000}}};
  std::vector<SponsorAllocation> a = {
      {"NT01", BhxhNumber::FromInt(1), "H1", D(1, 8, 2024), 12, Money{1263600}, {}, {}}};
  auto b = SponsorBalances(s, f, a, D(31, 8, 2024));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].pledged.dong, 10000000);
  EXPECT_EQ(b[0].paid.dong, 6000000);
  EXPECT_EQ(b[0].spent.dong, 1263600);
  EXPECT_EQ(b[0].balance.dong, 6000000 - 1263600);
  EXPECT_EQ(b[0].pledge_outstanding.dong, 4000000);
  EXPECT_EQ(b[0].cards, 1);
  EXPECT_EQ(b[0].households, 1);
}

}  // namespace
}  // namespace baophu::money
