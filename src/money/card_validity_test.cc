#include "money/card_validity.h"

#include <gtest/gtest.h>

#include "money/money_test_util.h"

namespace baophu::money {
namespace {

CardRequest Household(Date paid, int months, Date previous_to = Date()) {
  CardRequest r;
  r.payer_group = 5;
  r.paid_on = paid;
  r.months = months;
  r.previous_card_to = previous_to;
  return r;
}

TEST(CardValidityTest, FirstTimeHouseholdCardStartsThirtyDaysAfterPayment) {
  auto w = CardValidity(Rules(), Household(D(1, 3, 2024), 12));
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->from, D(31, 3, 2024));  // 01/03/2024 + 30 days
  EXPECT_EQ(w->to, D(30, 3, 2025));    // 12 months
}

TEST(CardValidityTest, ContinuousCardStartsTheDayAfterTheOldOne) {
  auto w = CardValidity(Rules(), Household(D(20, 12, 2024), 6, D(31, 12, 2024)));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->from, D(1, 1, 2025));
  EXPECT_EQ(w->to, D(30, 6, 2025));
  // Paid the day after the old card ended: still continuous.
  w = CardValidity(Rules(), Household(D(1, 1, 2025), 6, D(31, 12, 2024)));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->from, D(1, 1, 2025));
}

TEST(CardValidityTest, GapOfThreeMonthsOrMoreWaitsThirtyDays) {
  // Old card ended 31/12/2024; a gap of exactly 3 months is reached on 01/04/2025.
  auto w = CardValidity(Rules(), Household(D(1, 4, 2025), 12, D(31, 12, 2024)));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->from, D(1, 5, 2025));
  // A shorter gap: from the payment day (docs/money.md).
  w = CardValidity(Rules(), Household(D(31, 3, 2025), 12, D(31, 12, 2024)));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->from, D(31, 3, 2025));
}

TEST(CardValidityTest, GroupsOneToThreeStartOnThePaymentDay) {
  CardRequest r = Household(D(1, 3, 2024), 12);
  r.payer_group = 1;
  auto w = CardValidity(Rules(), r);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->from, D(1, 3, 2024));
}

TEST(CardValidityTest, ChildBornBeforeSeptemberIsCoveredTo30September) {
  // Born 15/08/2020: 72 months on 15/08/2026, before 30/09/2026.
  CardRequest r;
  r.payer_group = 3;
  r.paid_on = D(20, 8, 2020);
  r.child_under6 = true;
  r.birth_date = D(15, 8, 2020);
  auto w = CardValidity(Rules(), r);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->from, D(20, 8, 2020));
  EXPECT_EQ(w->to, D(30, 9, 2026));
}

TEST(CardValidityTest, ChildBornInNovemberIsCoveredToTheEndOfThe72ndMonth) {
  // The reading in docs/money.md: born 15/11/2020, 72 months on 15/11/2026, after 30/09 →
  // to the last day of that month, 30/11/2026 (not 30/09/2026).
  auto end = ChildCardEnd(Rules(), D(15, 11, 2020));
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(*end, D(30, 11, 2026));
  EXPECT_EQ(*ChildCardEnd(Rules(), D(30, 9, 2020)), D(30, 9, 2026));  // on the cut-off day
  EXPECT_EQ(*ChildCardEnd(Rules(), D(1, 10, 2020)), D(31, 10, 2026));
  EXPECT_EQ(*ChildCardEnd(Rules(), D(29, 2, 2020)), D(30, 9, 2026));
}

TEST(CardValidityTest, PupilsFollowTheSchoolYear) {
  CardRequest r;
  r.payer_group = 4;
  r.paid_on = D(15, 8, 2024);
  r.months = 12;
  r.pupil_grade = 1;
  auto w = CardValidity(Rules(), r);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->from, D(1, 10, 2024));  // grade 1: from 1 October
  EXPECT_EQ(w->to, D(30, 9, 2025));
  // Grade 12, continuous from 01/01/2025 for 12 months: stops on 30/09/2025.
  r.pupil_grade = 12;
  r.paid_on = D(20, 12, 2024);
  r.previous_card_to = D(31, 12, 2024);
  w = CardValidity(Rules(), r);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->from, D(1, 1, 2025));
  EXPECT_EQ(w->to, D(30, 9, 2025));
}

}  // namespace
}  // namespace baophu::money
