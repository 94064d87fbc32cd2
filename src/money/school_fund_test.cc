#include "money/school_fund.h"

#include <gtest/gtest.h>

#include "money/money_test_util.h"

namespace baophu::money {
namespace {

TEST(SchoolFundTest, ThousandPupilsForTwelveMonthsAt2340000) {
  // 5 % × 1.000 × 4,5 % × 2.340.000 × 12 = 63.180.000.
  auto m = SchoolFundAmount(Rules(), 1000, D(1, 9, 2024), 12);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->dong, 63180000);
}

TEST(SchoolFundTest, APeriodAcrossJulyIsPricedMonthByMonth) {
  // 3 months from 01/06/2024: June at 1.800.000, July and August at 2.340.000.
  // 5 % × 4,5 % = 0,225 %: 1.000 × (1.800.000 + 2 × 2.340.000) × 0,225 % = 14.580.000.
  auto m = SchoolFundAmount(Rules(), 1000, D(1, 6, 2024), 3);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->dong, 14580000);
}

TEST(SchoolFundTest, RoundsOnceHalfUp) {
  // 7 pupils × 1 month × 2.340.000 × 0,225 % = 36.855 exactly; 1 pupil: 5.265.
  EXPECT_EQ(SchoolFundAmount(Rules(), 7, D(1, 9, 2024), 1)->dong, 36855);
  // At 1.490.000: 1 pupil × 0,225 % = 3.352,5 → 3.353.
  EXPECT_EQ(SchoolFundAmount(Rules(), 1, D(1, 9, 2021), 1)->dong, 3353);
}

TEST(SchoolFundTest, PayableOnlyWithMedicalRoomPractitionerAndNoContract) {
  std::vector<School> schools = {
      {"T1", "Trường 1", {}, true, true, false},
      {"T2", "Trường 2", {}, false, true, false},
      {"T3", "Trường 3", {}, true, true, true},
  };
  std::vector<SchoolPupilCount> counts;
  for (const auto& s : schools) counts.push_back({s.code, D(1, 9, 2024), 12, 1100, 1000});
  auto lines = ComputeSchoolFunds(Rules(), schools, counts, D(1, 1, 2024), D(31, 12, 2024));
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->size(), 3u);
  EXPECT_TRUE((*lines)[0].payable);
  EXPECT_EQ((*lines)[0].amount.dong, 63180000);
  EXPECT_EQ((*lines)[0].rate_hundredths, 9091);  // 1.000 / 1.100
  EXPECT_FALSE((*lines)[1].payable);
  EXPECT_EQ((*lines)[1].reason_vi, "không có phòng y tế");
  EXPECT_FALSE((*lines)[2].payable);
  EXPECT_EQ((*lines)[2].reason_en, "holds an insurance treatment contract");
  SchoolFundTotals t = Totals(*lines);
  EXPECT_EQ(t.payable_schools, 1);
  EXPECT_EQ(t.payable_amount.dong, 63180000);
  EXPECT_EQ(t.amount.dong, 3 * 63180000);
}

TEST(SchoolFundTest, InsuredPupilsCountEveryGroup) {
  std::vector<SchoolPupil> roster;
  for (int i = 1; i <= 5; ++i) roster.push_back({"T1", BhxhNumber::FromInt(i)});
  roster.push_back({"T2", BhxhNumber::FromInt(9)});
  // 1, 2: pupil cards; 3: a poor-household card; 4: under-6; 5 and 9: none.
  auto card = [](BhxhNumber b, Date) -> ObjectCode {
    switch (b.value()) {
      case 1:
      case 2:
        return *ObjectCode::Parse("HS");
      case 3:
        return *ObjectCode::Parse("HN");
      case 4:
        return *ObjectCode::Parse("TE");
      default:
        return ObjectCode();
    }
  };
  auto c = CountInsuredPupils(Rules(), roster, D(1, 9, 2024), card);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].pupils, 5);
  EXPECT_EQ(c[0].insured, 4);
  EXPECT_EQ(c[0].insured_as_pupils, 2);
  EXPECT_EQ(c[0].insured_other, 2);
  EXPECT_EQ(c[1].insured, 0);
}

}  // namespace
}  // namespace baophu::money
