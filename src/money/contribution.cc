#include "money/contribution.h"

#include <algorithm>

#include "money/money_math.h"

namespace baophu::money {

Result<FeeResult> ComputeFee(const MoneyRules& rules, const FeeRequest& req) {
  if (!req.period_from.valid()) return Status::InvalidArgument("thiếu ngày bắt đầu kỳ đóng");
  if (req.months < 1 || req.months > 60)
    return Status::InvalidArgument("số tháng đóng phải từ 1 đến 60 (hộ gia đình: 3, 6 hoặc 12), không phải " +
                                   std::to_string(req.months));
  if (req.members.empty()) return Status::InvalidArgument("chưa có người nào để tính mức đóng");
  FeeResult out;
  for (int i = 0; i < req.months; ++i) {
    Date m = MonthStartPlus(req.period_from, i);
    auto base = rules.BaseSalary(m);
    if (!base.ok()) return base.status();
    out.months.push_back({m, *base});
  }
  const Date first = out.months.front().month;
  int order = 0;
  for (const FeeMember& fm : req.members) {
    if (fm.payer_group < 1 || fm.payer_group > 5)
      return Status::InvalidArgument("nhóm đóng phải từ 1 đến 5: " + fm.label);
    if (!fm.category.empty() && !rules.KnowsCategory(fm.category))
      return Status::InvalidArgument("không có nhóm hỗ trợ '" + fm.category + "' trong data/rules/support.csv (" +
                                     fm.label + ")");
    MemberFee mf;
    mf.member = fm;
    mf.support = rules.Support(fm.category, req.province, first);
    if (fm.payer_group == 3) mf.support = SupportShare{kBpWhole, 0};  // the state pays it all
    // The household reduction: only members in the household group whom nobody supports.
    if (req.household && fm.payer_group == 5 && mf.support.total_bp() == 0) {
      mf.order = ++order;
      auto share = rules.HouseholdShareBp(mf.order, first);
      if (!share.ok()) return share.status();
      mf.share_bp = *share;
    }
    for (const MonthPrice& mp : out.months) {
      auto rate = rules.Rate(fm.payer_group, mp.month);
      if (!rate.ok()) return rate.status();
      Money basis = mp.base;
      if (rate->basis != "base") {
        if (fm.salary.dong <= 0)
          return Status::InvalidArgument("nhóm " + std::to_string(fm.payer_group) +
                                         " đóng theo tiền lương/lương hưu: cần mức lương của " + fm.label);
        auto cap = rules.Param("salary_cap_multiple", mp.month);
        if (!cap.ok()) return cap.status();
        basis = Money{std::min(fm.salary.dong, mp.base.dong * *cap)};
      }
      // Rounding: the first member's monthly amount to the đồng, then the member's share of
      // it to the đồng, then the support to the đồng (half up each time); see docs/money.md.
      Money first_member = ApplyBp(basis, rate->rate_bp);
      Money full = ApplyBp(first_member, mf.share_bp);
      SupportShare sup = rules.Support(fm.category, req.province, mp.month);
      if (fm.payer_group == 3) sup = SupportShare{kBpWhole, 0};
      Money payable = ApplyBp(full, kBpWhole - sup.total_bp());
      Money province = ApplyBp(full, sup.province_bp);
      Money state = full - payable - province;
      mf.monthly.push_back(payable);
      mf.full = mf.full + full;
      mf.payable = mf.payable + payable;
      mf.state = mf.state + state;
      mf.province = mf.province + province;
    }
    out.full = out.full + mf.full;
    out.payable = out.payable + mf.payable;
    out.state = out.state + mf.state;
    out.province = out.province + mf.province;
    out.members.push_back(std::move(mf));
  }
  return out;
}

}  // namespace baophu::money
