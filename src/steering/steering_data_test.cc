// Tests of the steering data's pure parts: agency completeness and timeliness, the area
// condition in force (own row, else an ancestor's) and the outreach it allows.
#include <gtest/gtest.h>

#include "report/report_test_util.h"
#include "steering/agency_reports.h"
#include "steering/area_conditions.h"

namespace baophu {
namespace {

using testing::D;

TEST(AgencyCompleteness, CountsDueReceivedOnTimeAndLate) {
  // Weeks from Monday 11/10/2021: they end 17/10, 24/10, 31/10, 07/11 (due two days later);
  // the week ending 14/11 is not due on 10/11.
  std::vector<Agency> agencies = {{"DHBL", "Trường Đại học Bạc Liêu", "954", D(2021, 10, 11), 2},
                                  {"CDYT", "Trường Cao đẳng Y tế", "954", D(2021, 10, 11), 2}};
  std::vector<AgencyReport> reports = {
      {"DHBL", D(2021, 10, 17), 5, 3105, 4620, D(2021, 10, 19)},  // on the due day
      {"DHBL", D(2021, 10, 24), 5, 3188, 4620, D(2021, 10, 26)},
      {"DHBL", D(2021, 10, 31), 5, 3240, 4620, D(2021, 11, 3)},  // a day late
      {"DHBL", D(2021, 11, 7), 5, 3301, 4620, D(2021, 11, 9)},
      {"CDYT", D(2021, 10, 17), 5, 1450, 1880, D(2021, 10, 19)},
      {"CDYT", D(2021, 10, 24), 5, 1502, 1880, D(2021, 10, 28)},  // late
      {"CDYT", D(2021, 11, 7), 5, 1530, 1880, D(2021, 11, 12)},   // sent after the date asked: not counted
  };
  auto c = ComputeAgencyCompleteness(agencies, reports, D(2021, 11, 10));
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].expected, 4);
  EXPECT_EQ(c[0].received, 4);
  EXPECT_EQ(c[0].on_time, 3);
  EXPECT_EQ(c[0].completeness_hundredths, 10000);
  EXPECT_EQ(c[0].timeliness_hundredths, 7500);
  EXPECT_FALSE(c[0].late);
  EXPECT_EQ(c[0].last_insured, 3301);
  EXPECT_EQ(c[1].received, 2);
  EXPECT_EQ(c[1].on_time, 1);
  EXPECT_EQ(c[1].completeness_hundredths, 5000);
  EXPECT_TRUE(c[1].late);
  EXPECT_EQ(c[1].last_week_end, D(2021, 11, 7));
  EXPECT_EQ(c[1].last_due, D(2021, 11, 9));
  // On 08/11 the week ending 07/11 is not due yet: three weeks expected.
  EXPECT_EQ(ComputeAgencyCompleteness(agencies, reports, D(2021, 11, 8))[0].expected, 3);
}

TEST(AreaConditions, OwnRowElseTheNearestAncestorsAndTheModesAllowed) {
  auto levels = ConditionLevels::LoadDefault();
  ASSERT_TRUE(levels.ok()) << levels.status().ToString();
  using L = UnitLevel;
  UnitTree tree = testing::Tree(
      {testing::U("VN", "Việt Nam", L::kCountry, ""), testing::U("95", "Tỉnh Bạc Liêu", L::kProvince, "VN"),
       testing::U("954", "Thành phố Bạc Liêu", L::kDistrict, "95"),
       testing::U("960", "Huyện Đông Hải", L::kDistrict, "95")},
      {});
  std::vector<AreaCondition> rows = {{"95", "covid", D(2021, 10, 15), 2, ""},
                                     {"960", "covid", D(2021, 11, 5), 4, ""},
                                     {"960", "covid", D(2021, 11, 20), 3, ""}};
  auto c = ConditionsOn(rows, *levels, tree, "960", D(2021, 11, 10));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].condition.level, 4);
  EXPECT_FALSE(c[0].inherited);
  ASSERT_NE(c[0].level, nullptr);
  EXPECT_EQ(AllowedModes(*c[0].level, Lang::kVi), "loa truyền thanh, trực tuyến");
  auto city = ConditionsOn(rows, *levels, tree, "954", D(2021, 11, 10));
  ASSERT_EQ(city.size(), 1u);
  EXPECT_TRUE(city[0].inherited);
  EXPECT_EQ(city[0].condition.level, 2);
  EXPECT_EQ(AllowedModes(*city[0].level, Lang::kEn), "door to door, meetings, loudspeaker, online");
  EXPECT_TRUE(ConditionsOn(rows, *levels, tree, "960", D(2021, 10, 1)).empty());
}

}  // namespace
}  // namespace baophu
