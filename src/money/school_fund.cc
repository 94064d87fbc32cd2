#include "money/school_fund.h"

#include <algorithm>
#include <map>

#include "core/text.h"
#include "money/money_math.h"

namespace baophu::money {

Result<Money> SchoolFundAmount(const MoneyRules& rules, int64_t n, Date period_from, int months) {
  if (months < 1 || months > 12) return Status::InvalidArgument("kỳ cấp kinh phí phải từ 1 đến 12 tháng");
  if (n < 0) return Status::InvalidArgument("số học sinh có thẻ không được âm");
  // Σ fund_bp × N × rate_bp × base over the months, then one division: exact until the end.
  __int128 num = 0;
  for (int i = 0; i < months; ++i) {
    Date m = MonthStartPlus(period_from, i);
    auto fund = rules.Param("school_fund_bp", m);
    if (!fund.ok()) return fund.status();
    auto rate = rules.Rate(4, m);
    if (!rate.ok()) return rate.status();
    auto base = rules.BaseSalary(m);
    if (!base.ok()) return base.status();
    num += static_cast<__int128>(*fund) * n * rate->rate_bp * base->dong;
  }
  const __int128 den = static_cast<__int128>(kBpWhole) * kBpWhole;
  return Money{static_cast<int64_t>((num + den / 2) / den)};
}

Result<std::vector<SchoolFundLine>> ComputeSchoolFunds(const MoneyRules& rules, const std::vector<School>& schools,
                                                       const std::vector<SchoolPupilCount>& counts, Date from,
                                                       Date to) {
  std::map<std::string, const School*> by_code;
  for (const School& s : schools) by_code[s.code] = &s;
  std::vector<SchoolFundLine> out;
  for (const SchoolPupilCount& c : counts) {
    if (c.period_from < from || c.period_from > to) continue;
    auto it = by_code.find(c.school_code);
    if (it == by_code.end()) return Status::NotFound("trường mã " + c.school_code + " chưa có trong danh sách trường");
    SchoolFundLine l;
    l.school = *it->second;
    l.count = c;
    Date first = MonthStart(c.period_from);
    auto fund = rules.Param("school_fund_bp", first);
    if (!fund.ok()) return fund.status();
    auto rate = rules.Rate(4, first);
    if (!rate.ok()) return rate.status();
    auto base = rules.BaseSalary(first);
    if (!base.ok()) return base.status();
    l.fund_bp = *fund;
    l.rate_bp = rate->rate_bp;
    l.first_base = *base;
    auto amount = SchoolFundAmount(rules, c.insured_pupils, c.period_from, c.months);
    if (!amount.ok()) return amount.status();
    l.amount = *amount;
    if (c.pupils > 0) l.rate_hundredths = RateHundredths(c.insured_pupils, c.pupils);
    std::vector<std::pair<std::string, std::string>> why;
    if (!l.school.medical_room) why.push_back({"không có phòng y tế", "no medical room"});
    if (!l.school.practitioner) why.push_back({"không có nhân viên y tế", "no primary-care practitioner"});
    if (l.school.treatment_contract)
      why.push_back({"đã ký hợp đồng khám chữa bệnh BHYT", "holds an insurance treatment contract"});
    if (c.insured_pupils == 0) why.push_back({"không có học sinh có thẻ", "no insured pupils"});
    l.payable = why.empty();
    for (const auto& [vi, en] : why) {
      l.reason_vi += (l.reason_vi.empty() ? "" : "; ") + vi;
      l.reason_en += (l.reason_en.empty() ? "" : "; ") + en;
    }
    out.push_back(std::move(l));
  }
  std::sort(out.begin(), out.end(), [](const SchoolFundLine& a, const SchoolFundLine& b) {
    return std::tie(a.school.code, a.count.period_from) < std::tie(b.school.code, b.count.period_from);
  });
  return out;
}

std::vector<PupilCoverage> CountInsuredPupils(const MoneyRules& rules, const std::vector<SchoolPupil>& roster, Date on,
                                              const CardObjectOn& card_object_on) {
  std::map<std::string, PupilCoverage> by;
  for (const SchoolPupil& p : roster) {
    PupilCoverage& c = by[p.school_code];
    c.school_code = p.school_code;
    ++c.pupils;
    ObjectCode oc = card_object_on(p.bhxh, on);
    if (oc.empty()) continue;
    ++c.insured;
    std::string cat = rules.CategoryOf(oc);
    if (cat == "pupil" || cat == "student")
      ++c.insured_as_pupils;
    else
      ++c.insured_other;
  }
  std::vector<PupilCoverage> out;
  for (auto& [code, c] : by) out.push_back(c);
  return out;
}

SchoolFundTotals Totals(const std::vector<SchoolFundLine>& lines) {
  SchoolFundTotals t;
  for (const SchoolFundLine& l : lines) {
    ++t.schools;
    t.insured_pupils += l.count.insured_pupils;
    t.amount = t.amount + l.amount;
    if (l.payable) {
      ++t.payable_schools;
      t.payable_amount = t.payable_amount + l.amount;
    }
  }
  return t;
}

}  // namespace baophu::money
