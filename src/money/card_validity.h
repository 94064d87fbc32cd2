// The card's validity window that a payment buys (Law on Health Insurance Art. 16, Decree 146):
// groups 1–3 from the payment day or the day after the old card; groups 4–5 joining for the
// first time or after a gap of 3 months or more, 30 days after payment; children under 6 to 72
// months of age by the 30 September rule; pupils by school year. Every threshold comes from
// money_params.csv. Pure functions; thread-safe.
#pragma once

#include <string>

#include "core/date.h"
#include "core/status.h"
#include "rules/money_rules.h"

namespace baophu::money {

struct CardRequest {
  int payer_group = 5;        // 1..5
  Date paid_on;               // the payment day (for groups 1–3, the day the card is due from)
  int months = 12;            // months paid
  Date previous_card_to;      // the last day of the person's previous card; invalid = none
  bool child_under6 = false;  // a TE card: valid to 72 months of age
  Date birth_date;            // required for child_under6
  int pupil_grade = 0;        // 1..12 for pupils (HS), 0 otherwise
};

struct CardWindow {
  Date from, to;
  std::string rule_vi;  // which rule gave the window, for the tables
  std::string rule_en;
};

Result<CardWindow> CardValidity(const MoneyRules& rules, const CardRequest& request);

// The last day of a child's under-6 card: born on or before 30 September of the year they reach
// 72 months → 30 September of that year; born later → the last day of the month they reach 72
// months (docs/money.md: the reading of "đủ 72 tháng tuổi").
Result<Date> ChildCardEnd(const MoneyRules& rules, Date birth);

}  // namespace baophu::money
