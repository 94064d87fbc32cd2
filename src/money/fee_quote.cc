#include "money/fee_quote.h"

#include "money/money_reports.h"

namespace baophu::money {

Result<FeeQuote> QuoteFee(const MoneyRules& money_rules, const RuleSet& rules, const FeeForm& form, bool en) {
  if (!form.date.valid()) return Status::InvalidArgument("thiếu ngày đóng");
  if (form.household && form.months != 3 && form.months != 6 && form.months != 12)
    return Status::InvalidArgument("hộ gia đình đóng theo kỳ 3, 6 hoặc 12 tháng, không phải " +
                                   std::to_string(form.months));
  FeeRequest r;
  r.period_from = form.date;
  r.months = form.months;
  r.province = form.province;
  r.household = form.household;
  std::string category = form.category;
  int group = form.group;
  if (!form.object.empty()) {
    auto oc = ObjectCode::Parse(form.object);
    if (!oc.ok()) return oc.status();
    const ObjectCodeRule* rule = rules.Find(*oc, form.date);
    if (!rule) return Status::NotFound("mã đối tượng '" + form.object + "' không có trong data/rules/object_codes.csv");
    group = rule->payer_group;
    if (category.empty()) category = money_rules.CategoryOf(*oc);
  }
  if (form.household && !form.registry_members.empty()) {
    r.members = form.registry_members;
  } else if (form.household) {
    if (form.members < 1 || form.members > 50)
      return Status::InvalidArgument("số thành viên đóng theo hộ phải từ 1 đến 50, không phải " +
                                     std::to_string(form.members));
    for (int i = 0; i < form.members; ++i)
      r.members.push_back({(en ? "Member " : "Thành viên ") + std::to_string(i + 1), {}, 5, "", {}});
    int k = 0;
    for (const std::string& cat : form.supported)
      r.members.push_back(
          {(en ? "Supported " : "Được hỗ trợ ") + std::to_string(++k) + " (" + cat + ")", {}, 4, cat, {}});
  } else {
    r.members.push_back({form.object.empty() ? (en ? "Person" : "Người tham gia") : form.object, {}, group, category,
                         Money{form.salary}});
  }
  auto fee = ComputeFee(money_rules, r);
  if (!fee.ok()) return fee.status();
  CardRequest cr;
  cr.payer_group = form.household ? 5 : group;
  cr.paid_on = form.date;
  cr.months = form.months;
  cr.pupil_grade = form.grade;
  cr.previous_card_to = form.previous_card_to;
  auto card = CardValidity(money_rules, cr);
  if (!card.ok()) return card.status();
  FeeQuote q;
  q.fee = std::move(*fee);
  q.card = *card;
  q.payer_group = cr.payer_group;
  q.table = FeeTable(q.fee, q.card, form.household, en);
  return q;
}

}  // namespace baophu::money
