// Sponsors (the Bạc Liêu directive: donors and businesses buy cards for households in
// hardship): each sponsor's pledges, payments, cards bought and balance; and the allocation of a
// sponsor's money to households by rule — poorest first (lowest income per head), whole
// households, the cost priced by the contribution calculator as a household group.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "money/contribution.h"
#include "registry/money_model.h"
#include "rules/money_rules.h"

namespace baophu::money {

struct SponsorBalance {
  Sponsor sponsor;
  Money pledged, paid, spent;  // spent = the cards bought
  Money balance;               // paid − spent
  Money pledge_outstanding;    // pledged − paid, never below 0
  int64_t cards = 0, households = 0;
};

// Balances on `as_of` (funds and cards dated up to that day), by sponsor code.
std::vector<SponsorBalance> SponsorBalances(const std::vector<Sponsor>& sponsors, const std::vector<SponsorFund>& funds,
                                            const std::vector<SponsorAllocation>& allocations, Date as_of);

// A household that may receive cards: its members without a valid card on the payment day.
struct Candidate {
  std::string household_code;
  Money income_per_head;
  struct Member {
    BhxhNumber bhxh;
    std::string name;
    Date previous_card_to;  // the end of their last card (invalid = never insured)
  };
  std::vector<Member> uninsured;
};

struct AllocationPlan {
  std::vector<SponsorAllocation> cards;  // one per person
  std::vector<std::string> households;   // served, in order
  std::vector<std::string> skipped;      // too expensive for what was left (a later, cheaper one may fit)
  Money spent, left;
};

struct AllocationRequest {
  std::string sponsor_code;
  Money available;  // the sponsor's balance
  Date paid_on;
  int months = 12;         // 3, 6 or 12
  std::string province;    // for the province's support
  int max_households = 0;  // 0 = as many as the money allows
};

// Households poorest first (income per head, then code); each whole household is priced as a
// household group of its uninsured members and bought when the money left covers it.
Result<AllocationPlan> PlanAllocation(const MoneyRules& rules, const AllocationRequest& request,
                                      std::vector<Candidate> candidates);

}  // namespace baophu::money
