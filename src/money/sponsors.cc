#include "money/sponsors.h"

#include <algorithm>
#include <map>
#include <set>

#include "money/card_validity.h"

namespace baophu::money {

std::vector<SponsorBalance> SponsorBalances(const std::vector<Sponsor>& sponsors, const std::vector<SponsorFund>& funds,
                                            const std::vector<SponsorAllocation>& allocations, Date as_of) {
  std::map<std::string, SponsorBalance> by;
  for (const Sponsor& s : sponsors) by[s.code].sponsor = s;
  for (const SponsorFund& f : funds) {
    if (f.date > as_of) continue;
    auto& b = by[f.sponsor_code];
    if (f.kind == FundKind::kPledge)
      b.pledged = b.pledged + f.amount;
    else
      b.paid = b.paid + f.amount;
  }
  std::map<std::string, std::set<std::string>> households;
  for (const SponsorAllocation& a : allocations) {
    if (a.paid_on > as_of) continue;
    auto& b = by[a.sponsor_code];
    b.spent = b.spent + a.amount;
    ++b.cards;
    households[a.sponsor_code].insert(a.household_code);
  }
  std::vector<SponsorBalance> out;
  for (auto& [code, b] : by) {
    if (b.sponsor.code.empty()) b.sponsor.code = code;
    b.balance = b.paid - b.spent;
    b.pledge_outstanding = Money{std::max<int64_t>(0, (b.pledged - b.paid).dong)};
    b.households = static_cast<int64_t>(households[code].size());
    out.push_back(b);
  }
  return out;
}

Result<AllocationPlan> PlanAllocation(const MoneyRules& rules, const AllocationRequest& req,
                                      std::vector<Candidate> candidates) {
  if (req.months != 3 && req.months != 6 && req.months != 12)
    return Status::InvalidArgument("kỳ đóng hộ gia đình phải là 3, 6 hoặc 12 tháng");
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.income_per_head != b.income_per_head) return a.income_per_head < b.income_per_head;
    return a.household_code < b.household_code;
  });
  AllocationPlan plan;
  plan.left = req.available;
  for (const Candidate& c : candidates) {
    if (c.uninsured.empty()) continue;
    if (req.max_households > 0 && static_cast<int>(plan.households.size()) >= req.max_households) break;
    FeeRequest fr;
    fr.period_from = req.paid_on;
    fr.months = req.months;
    fr.province = req.province;
    fr.household = true;
    for (const auto& m : c.uninsured) fr.members.push_back({m.name, m.bhxh, 5, "", {}});
    auto fee = ComputeFee(rules, fr);
    if (!fee.ok()) return fee.status();
    if (fee->payable > plan.left) {
      plan.skipped.push_back(c.household_code);
      continue;
    }
    for (size_t i = 0; i < c.uninsured.size(); ++i) {
      CardRequest cr;
      cr.payer_group = 5;
      cr.paid_on = req.paid_on;
      cr.months = req.months;
      cr.previous_card_to = c.uninsured[i].previous_card_to;
      auto w = CardValidity(rules, cr);
      if (!w.ok()) return w.status();
      SponsorAllocation a;
      a.sponsor_code = req.sponsor_code;
      a.bhxh = c.uninsured[i].bhxh;
      a.household_code = c.household_code;
      a.paid_on = req.paid_on;
      a.months = req.months;
      a.amount = fee->members[i].payable;
      a.card_from = w->from;
      a.card_to = w->to;
      plan.cards.push_back(a);
    }
    plan.households.push_back(c.household_code);
    plan.spent = plan.spent + fee->payable;
    plan.left = plan.left - fee->payable;
  }
  return plan;
}

}  // namespace baophu::money
