// A contribution quote as the CLI (`baophu fee person|household`) and the API (/api/v1/fee)
// ask for it: the form's fields → the FeeRequest (the object code gives the payer group and the
// support category) → ComputeFee and CardValidity → one table. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "money/card_validity.h"
#include "money/contribution.h"
#include "money/money_table.h"
#include "rules/money_rules.h"
#include "rules/rule_set.h"

namespace baophu::money {

struct FeeForm {
  Date date;              // the payment day
  int months = 12;        // 3, 6 or 12 for households
  std::string province;   // 2-digit code for the province's extra support; "" = none
  bool household = false;
  // A person: the payer group 1–5, or an object code (HS, SV, GD…) that gives it and the
  // support category; a salary for groups 1–2; a grade 1–12 for pupils' school-year cards.
  int group = 5;
  std::string object;
  std::string category;
  int64_t salary = 0;
  int grade = 0;
  // A household: `members` paying in order, plus one supported member per category listed; or,
  // when not empty, the registry's members (their order and labels as given).
  int members = 1;
  std::vector<std::string> supported;
  std::vector<FeeMember> registry_members;
  Date previous_card_to;  // the last day of the previous card; invalid = none
};

struct FeeQuote {
  FeeResult fee;
  CardWindow card;
  int payer_group = 5;
  MoneyTable table{"", {}};
};

// InvalidArgument for a household period other than 3, 6 or 12 months, a member count outside
// 1..50, an unknown object code; the calculators' own errors otherwise.
Result<FeeQuote> QuoteFee(const MoneyRules& money_rules, const RuleSet& rules, const FeeForm& form, bool en);

}  // namespace baophu::money
