#include "rules/rule_set.h"

#include <gtest/gtest.h>

namespace baophu {
namespace {

TEST(RuleSetTest, LoadsTheRepositoryTables) {
  auto rs = RuleSet::LoadDefault();
  ASSERT_TRUE(rs.ok()) << rs.status().ToString();
  ASSERT_EQ(rs->groups().front().code, "NLD");
  EXPECT_EQ(rs->groups().back().id, kUnclassifiedGroup);
  Date d2021 = Date::FromYmd(2021, 11, 10);
  EXPECT_EQ(rs->ReportingGroupOf(*ObjectCode::Parse("HS"), d2021), rs->FindGroupByCode("HSSV")->id);
  EXPECT_EQ(rs->ReportingGroupOf(*ObjectCode::Parse("GD"), d2021), rs->FindGroupByCode("HGD")->id);
  EXPECT_EQ(rs->ReportingGroupOf(*ObjectCode::Parse("DN"), d2021), rs->FindGroupByCode("NLD")->id);
  EXPECT_EQ(rs->ReportingGroupOf(*ObjectCode::Parse("ZZ"), d2021), kUnclassifiedGroup);
  EXPECT_EQ(rs->Find(*ObjectCode::Parse("TE"), d2021)->payer_group, 3);
}

TEST(RuleSetTest, BenefitLevelIsEffectiveDated) {
  auto rs = RuleSet::LoadDefault();
  ASSERT_TRUE(rs.ok());
  ObjectCode cn = *ObjectCode::Parse("CN");
  EXPECT_EQ(rs->Find(cn, Date::FromYmd(2025, 12, 31))->benefit_level, 3);
  EXPECT_EQ(rs->Find(cn, Date::FromYmd(2026, 1, 1))->benefit_level, 2);
}

TEST(RuleSetTest, PriorityRanksFollowTheTable) {
  auto rs = RuleSet::LoadDefault();
  ASSERT_TRUE(rs.ok());
  EXPECT_LT(rs->Rank(rs->FindGroupByCode("NLD")->id), rs->Rank(rs->FindGroupByCode("HSSV")->id));
  EXPECT_LT(rs->Rank(rs->FindGroupByCode("HSSV")->id), rs->Rank(rs->FindGroupByCode("HGD")->id));
  EXPECT_LT(rs->Rank(rs->FindGroupByCode("HGD")->id), rs->Rank(kUnclassifiedGroup));
}

}  // namespace
}  // namespace baophu
