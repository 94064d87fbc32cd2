#include "rules/money_rules.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace baophu {
namespace {

Date D(int d, int m, int y) { return Date::FromYmd(y, m, d); }

TEST(MoneyRulesTest, BaseSalaryIsEffectiveDated) {
  auto r = MoneyRules::LoadDefault();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->BaseSalary(D(30, 6, 2019))->dong, 1390000);
  EXPECT_EQ(r->BaseSalary(D(1, 7, 2019))->dong, 1490000);
  EXPECT_EQ(r->BaseSalary(D(30, 6, 2023))->dong, 1490000);
  EXPECT_EQ(r->BaseSalary(D(1, 7, 2023))->dong, 1800000);
  EXPECT_EQ(r->BaseSalary(D(1, 7, 2024))->dong, 2340000);
  EXPECT_EQ(r->BaseSalary(D(1, 7, 2026))->dong, 2530000);
  EXPECT_EQ(r->BaseSalary(D(1, 1, 2010)).status().code(), Status::Code::kNotFound);
}

TEST(MoneyRulesTest, RatesReductionsSupportAndParameters) {
  auto r = MoneyRules::LoadDefault();
  ASSERT_TRUE(r.ok());
  Date d = D(1, 1, 2025);
  EXPECT_EQ(r->Rate(5, d)->rate_bp, 450);
  EXPECT_EQ(r->Rate(1, d)->employer_bp, 300);
  EXPECT_EQ(*r->HouseholdShareBp(1, d), 10000);
  EXPECT_EQ(*r->HouseholdShareBp(2, d), 7000);
  EXPECT_EQ(*r->HouseholdShareBp(5, d), 4000);
  EXPECT_EQ(*r->HouseholdShareBp(9, d), 4000);  // 5th and later
  EXPECT_EQ(r->Support("pupil", "", d).state_bp, 3000);
  EXPECT_EQ(r->Support("near_poor", "95", d).total_bp(), 7000);
  EXPECT_EQ(r->CategoryOf(*ObjectCode::Parse("HS")), "pupil");
  EXPECT_EQ(r->CategoryOf(*ObjectCode::Parse("GD")), "");
  EXPECT_EQ(*r->Param("interest_bp_per_day", d), 3);
  EXPECT_EQ(*r->Param("school_fund_bp", d), 500);
  EXPECT_EQ(r->ParamRule("fine_cap_dong", D(1, 1, 2027))->confidence, "law");
  EXPECT_EQ(r->ParamRule("fine_cap_dong", d)->confidence, "?");
  EXPECT_FALSE(r->Param("no_such_key", d).ok());
}

TEST(MoneyRulesTest, AUsersFileExtendsAndOverrides) {
  std::string dir = testing::TempDir();
  std::string salary = dir + "/base_salary_user.csv";
  std::ofstream(salary) << "valid_from,amount_dong\n2024-07-01,2400000\n2027-07-01,2700000\n";
  std::string support = dir + "/support_user.csv";
  std::ofstream(support) << "category,payer,province,valid_from,support_bp\n"
                            "near_poor,province,95,2022-01-01,4000\n";
  auto r = MoneyRules::LoadDefault({salary, support});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->BaseSalary(D(1, 8, 2024))->dong, 2400000);  // replaced
  EXPECT_EQ(r->BaseSalary(D(1, 8, 2026))->dong, 2530000);  // kept
  EXPECT_EQ(r->BaseSalary(D(1, 8, 2027))->dong, 2700000);  // added
  SupportShare s = r->Support("near_poor", "95", D(1, 1, 2025));
  EXPECT_EQ(s.state_bp, 7000);
  EXPECT_EQ(s.province_bp, 3000);  // 40 % asked, capped at 100 % in all
  EXPECT_EQ(r->Support("near_poor", "96", D(1, 1, 2025)).province_bp, 0);

  std::string bad = dir + "/bad.csv";
  std::ofstream(bad) << "a,b\n1,2\n";
  EXPECT_EQ(MoneyRules::LoadDefault({bad}).status().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace baophu
