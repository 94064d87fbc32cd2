// The contribution calculator: what a person or a household pays for a period of 3, 6 or 12
// months, month by month at the base salary in force on the first day of each month, with the
// household reduction by member order (only for members nobody else supports) and the state's
// and the province's support. Pure functions over MoneyRules; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/codes.h"
#include "core/date.h"
#include "core/money.h"
#include "core/status.h"
#include "rules/money_rules.h"

namespace baophu::money {

struct FeeMember {
  std::string label;     // a name or a BHXH number, for the tables
  BhxhNumber bhxh;       // may be invalid (a person not yet in the registry)
  int payer_group = 5;   // 3 (state pays), 4 (state supports part) or 5 (household); 1–2 need `salary`
  std::string category;  // support category ("pupil", "near_poor"...); "" = none
  Money salary;          // monthly salary or pension when the group's basis is not the base salary
};

struct FeeRequest {
  Date period_from;        // any day of the first month of the period (usually the payment day)
  int months = 12;         // 3, 6 or 12 (any 1..60 is accepted for the employers' side)
  std::string province;    // 2-digit province code for the province's extra support; "" = none
  bool household = false;  // apply the household-group reduction by member order
  std::vector<FeeMember> members;
};

struct MonthPrice {
  Date month;  // first day of the month
  Money base;  // base salary in force that day
};

struct MemberFee {
  FeeMember member;
  int order = 0;               // household member order (1 = first); 0 = outside the order
  int64_t share_bp = 10000;    // share of the first member's amount
  SupportShare support;        // in force on the first month
  std::vector<Money> monthly;  // payable per month
  Money full;                  // before support, whole period
  Money state;                 // paid by the state budget
  Money province;              // paid by the province
  Money payable;               // paid by the person or household
};

struct FeeResult {
  std::vector<MonthPrice> months;
  std::vector<MemberFee> members;
  Money full, state, province, payable;  // totals
};

Result<FeeResult> ComputeFee(const MoneyRules& rules, const FeeRequest& request);

}  // namespace baophu::money
