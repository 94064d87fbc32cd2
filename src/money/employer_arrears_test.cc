#include "money/employer_arrears.h"

#include <gtest/gtest.h>

#include "money/money_test_util.h"

namespace baophu::money {
namespace {

// One employer declaring a salary fund of 100.000.000 for January 2025: due 4.500.000 by
// 28/02/2025 (the last day of the following month).
EmployerRecords OneMonth() {
  EmployerRecords r;
  r.employers.push_back({"0100000001", "Công ty A", {}, "doanh nghiệp"});
  r.declarations.push_back({"0100000001", 2025, 1, 20, Money{100000000}, {}, {}});
  return r;
}

const EmployerAccount& Only(const Result<std::vector<EmployerAccount>>& r) {
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->size(), 1u);
  return r->front();
}

TEST(EmployerArrearsTest, DueIsFourAndAHalfPercentOfTheSalaryFund) {
  auto r = ComputeEmployerAccounts(Rules(), OneMonth(), D(28, 2, 2025), nullptr);
  const EmployerAccount& a = Only(r);
  ASSERT_EQ(a.months.size(), 1u);
  EXPECT_EQ(a.months[0].deadline, D(28, 2, 2025));
  EXPECT_EQ(a.due.dong, 4500000);
  EXPECT_EQ(a.owed.dong, 4500000);
  EXPECT_EQ(a.overdue.dong, 0);  // not late on the deadline itself
  EXPECT_EQ(a.standing, Standing::kCurrent);
}

TEST(EmployerArrearsTest, FortyFiveDaysLateIsLatePayment) {
  auto r = ComputeEmployerAccounts(Rules(), OneMonth(), D(14, 4, 2025), nullptr);  // 28/02 + 45
  const EmployerAccount& a = Only(r);
  EXPECT_EQ(a.max_days_late, 45);
  EXPECT_EQ(a.standing, Standing::kLate);
  EXPECT_EQ(a.ageing[1].dong, 4500000);  // 31–60 days
  // Interest: 4.500.000 × 0,03 % × 45 days = 60.750.
  EXPECT_EQ(a.interest.dong, 60750);
  // Fine band 12–15 % of 4.500.000 (Decree 28/2020 / 12/2022 rows, flagged '?').
  EXPECT_TRUE(a.fine_known);
  EXPECT_EQ(a.fine_min.dong, 540000);
  EXPECT_EQ(a.fine_max.dong, 675000);
}

TEST(EmployerArrearsTest, SixtyOneDaysAfterAWrittenReminderIsEvasion) {
  EmployerRecords rec = OneMonth();
  rec.reminders.push_back({"0100000001", D(15, 3, 2025), "123/BHXH"});
  auto r = ComputeEmployerAccounts(Rules(), rec, D(30, 4, 2025), nullptr);  // 28/02 + 61
  const EmployerAccount& a = Only(r);
  EXPECT_EQ(a.max_days_late, 61);
  EXPECT_EQ(a.standing, Standing::kEvasion);
  EXPECT_EQ(a.ageing[2].dong, 4500000);  // 61–90 days
  EXPECT_EQ(a.fine_min.dong, 810000);    // 18 %
  EXPECT_EQ(a.fine_max.dong, 900000);    // 20 %
  // Without the reminder the same debt is late payment.
  auto r2 = ComputeEmployerAccounts(Rules(), OneMonth(), D(30, 4, 2025), nullptr);
  EXPECT_EQ(Only(r2).standing, Standing::kLate);
  // Sixty days is not yet evasion.
  auto r3 = ComputeEmployerAccounts(Rules(), rec, D(29, 4, 2025), nullptr);
  EXPECT_EQ(Only(r3).standing, Standing::kLate);
}

TEST(EmployerArrearsTest, InterestRunsOnTheBalanceDayByDayToTheDong) {
  EmployerRecords rec;
  rec.employers.push_back({"0100000002", "Công ty B", {}, ""});
  rec.declarations.push_back({"0100000002", 2025, 1, 3, Money{12345678}, {}, {}});
  // Due: 12.345.678 × 4,5 % = 555.555,51 → 555.556.
  // Paid 200.000 on 10/03/2025 (10 days late), the rest still owed on 30/03/2025 (30 days).
  rec.payments.push_back({"0100000002", D(10, 3, 2025), "UNC1", Money{200000}});
  auto r = ComputeEmployerAccounts(Rules(), rec, D(30, 3, 2025), nullptr);
  const EmployerAccount& a = Only(r);
  EXPECT_EQ(a.due.dong, 555556);
  EXPECT_EQ(a.owed.dong, 355556);
  // 555.556 × 10 + 355.556 × 20 = 12.666.680 đồng-days × 0,03 % = 3.800,004 → 3.800.
  EXPECT_EQ(a.interest.dong, 3800);
  EXPECT_EQ(a.ageing[0].dong, 355556);
}

TEST(EmployerArrearsTest, PaymentsGoToTheOldestMonthAndCreditIsKept) {
  EmployerRecords rec = OneMonth();
  rec.declarations.push_back({"0100000001", 2025, 2, 20, Money{100000000}, Money{17500000}, Money{1000000}});
  rec.payments.push_back({"0100000001", D(20, 2, 2025), "", Money{30000000}});
  auto r = ComputeEmployerAccounts(Rules(), rec, D(20, 3, 2025), nullptr);
  const EmployerAccount& a = Only(r);
  ASSERT_EQ(a.months.size(), 2u);
  EXPECT_EQ(a.months[1].due.dong, 4500000 + 17500000 + 1000000);
  EXPECT_EQ(a.months[0].owed.dong, 0);
  EXPECT_EQ(a.months[1].owed.dong, 0);
  EXPECT_EQ(a.credit.dong, 30000000 - 4500000 - 23000000);
  EXPECT_EQ(a.standing, Standing::kCurrent);
}

TEST(EmployerArrearsTest, RosterShowsWorkersWithoutAnEmployerCard) {
  EmployerRecords rec = OneMonth();
  rec.roster.push_back({"0100000001", BhxhNumber::FromInt(1), D(1, 1, 2025)});
  rec.roster.push_back({"0100000001", BhxhNumber::FromInt(2), D(1, 1, 2025)});
  rec.roster.push_back({"0100000001", BhxhNumber::FromInt(3), D(15, 2, 2025)});
  auto group = [](BhxhNumber b, Date) { return b.value() == 1 ? 1 : b.value() == 2 ? 5 : 0; };
  // On 15/04/2025: person 2 joined 104 days ago (> 30 + 60: evasion), person 3 59 days ago (late).
  auto r = ComputeEmployerAccounts(Rules(), rec, D(15, 4, 2025), group);
  const EmployerAccount& a = Only(r);
  EXPECT_EQ(a.roster, 3);
  EXPECT_EQ(a.roster_insured, 1);
  EXPECT_EQ(a.unregistered_evasion, 1);
  EXPECT_EQ(a.unregistered_late, 1);
  EXPECT_EQ(a.standing, Standing::kEvasion);
}

TEST(EmployerArrearsTest, ASalaryFundBelowTheRegionalMinimumIsEvasion) {
  EmployerRecords rec;
  rec.employers.push_back({"0100000005", "Công ty E", {}, "", 2});
  // Region II from 01/07/2024: 4.410.000 × 10 employees = 44.100.000; 44.000.000 is below.
  rec.declarations.push_back({"0100000005", 2025, 1, 10, Money{44000000}, {}, {}});
  rec.declarations.push_back({"0100000005", 2025, 2, 10, Money{44100000}, {}, {}});
  rec.payments.push_back({"0100000005", D(20, 2, 2025), "", Money{1980000}});
  rec.payments.push_back({"0100000005", D(20, 3, 2025), "", Money{1984500}});
  auto r = ComputeEmployerAccounts(Rules(), rec, D(1, 4, 2025), nullptr);
  const EmployerAccount& a = Only(r);
  EXPECT_TRUE(a.months[0].below_minimum);
  EXPECT_FALSE(a.months[1].below_minimum);
  EXPECT_EQ(a.months_below_minimum, 1);
  EXPECT_EQ(a.owed.dong, 0);
  EXPECT_EQ(a.standing, Standing::kEvasion);
  EXPECT_FALSE(a.fine_known);  // nothing overdue: the band has no amount to apply to
  // Without a region the check cannot be made.
  rec.employers[0].region = 0;
  EXPECT_EQ(Only(ComputeEmployerAccounts(Rules(), rec, D(1, 4, 2025), nullptr)).standing, Standing::kCurrent);
}

TEST(EmployerArrearsTest, InspectionListOrdersByStandingAmountAndAge) {
  EmployerRecords rec;
  for (int i = 1; i <= 3; ++i) {
    std::string tax = "010000000" + std::to_string(i);
    rec.employers.push_back({tax, "Công ty " + std::to_string(i), {}, ""});
    rec.declarations.push_back({tax, 2025, 1, 10, Money{10000000 * i}, {}, {}});
  }
  rec.reminders.push_back({"0100000001", D(1, 4, 2025), ""});
  auto r = ComputeEmployerAccounts(Rules(), rec, D(15, 5, 2025), nullptr);
  ASSERT_TRUE(r.ok());
  auto list = InspectionList(*r);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]->employer.tax_code, "0100000001");  // evasion first
  EXPECT_EQ(list[1]->employer.tax_code, "0100000003");  // then the larger debt
  EXPECT_EQ(list[2]->employer.tax_code, "0100000002");
}

TEST(EmployerArrearsTest, UnknownEmployerIsNotFound) {
  EmployerRecords rec = OneMonth();
  rec.payments.push_back({"9999999999", D(1, 2, 2025), "", Money{1}});
  EXPECT_EQ(ComputeEmployerAccounts(Rules(), rec, D(1, 3, 2025), nullptr).status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace baophu::money
