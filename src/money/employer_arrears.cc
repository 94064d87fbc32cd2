#include "money/employer_arrears.h"

#include <algorithm>
#include <map>

#include "money/money_math.h"

namespace baophu::money {

const char* StandingKey(Standing s) {
  switch (s) {
    case Standing::kCurrent:
      return "current";
    case Standing::kLate:
      return "late";
    case Standing::kEvasion:
      return "evasion";
  }
  return "";
}
const char* StandingVi(Standing s) {
  switch (s) {
    case Standing::kCurrent:
      return "đúng hạn";
    case Standing::kLate:
      return "chậm đóng";
    case Standing::kEvasion:
      return "trốn đóng";
  }
  return "";
}
const char* StandingEn(Standing s) {
  switch (s) {
    case Standing::kCurrent:
      return "up to date";
    case Standing::kLate:
      return "late payment";
    case Standing::kEvasion:
      return "evasion";
  }
  return "";
}

namespace {

int Bucket(int32_t days) { return days <= 30 ? 0 : days <= 60 ? 1 : days <= 90 ? 2 : 3; }

// Interest numerators (balance × days) accumulate per month until the balance changes.
struct Accrual {
  Date last;  // the day up to which interest has been counted
  int64_t num = 0;
};

}  // namespace

Result<std::vector<EmployerAccount>> ComputeEmployerAccounts(const MoneyRules& rules, const EmployerRecords& rec,
                                                             Date as_of, const PayerGroupOn& payer_group_on) {
  if (!as_of.valid()) return Status::InvalidArgument("thiếu ngày tính");
  auto deadline_months = rules.Param("payment_deadline_months", as_of);
  if (!deadline_months.ok()) return deadline_months.status();
  auto evasion_days = rules.Param("evasion_days", as_of);
  if (!evasion_days.ok()) return evasion_days.status();
  auto register_days = rules.Param("register_days", as_of);
  if (!register_days.ok()) return register_days.status();
  auto interest_bp = rules.Param("interest_bp_per_day", as_of);
  if (!interest_bp.ok()) return interest_bp.status();

  std::map<std::string, EmployerAccount> by_tax;
  for (const Employer& e : rec.employers) by_tax[e.tax_code].employer = e;
  auto account = [&](const std::string& tax) -> Result<EmployerAccount*> {
    auto it = by_tax.find(tax);
    if (it == by_tax.end())
      return Status::NotFound("đơn vị sử dụng lao động mã số thuế " + tax + " chưa có trong danh sách");
    return &it->second;
  };

  // Months due, in order.
  std::vector<EmployerDeclaration> decls = rec.declarations;
  std::sort(decls.begin(), decls.end(), [](const auto& a, const auto& b) {
    return std::tie(a.tax_code, a.year, a.month) < std::tie(b.tax_code, b.year, b.month);
  });
  for (const EmployerDeclaration& d : decls) {
    Date first = Date::FromYmd(d.year, d.month, 1);
    if (first > as_of) continue;
    auto acc = account(d.tax_code);
    if (!acc.ok()) return acc.status();
    auto rate = rules.Rate(1, first);
    if (!rate.ok()) return rate.status();
    EmployerMonth m;
    m.year = d.year;
    m.month = d.month;
    m.deadline = MonthEnd(first.AddMonths(static_cast<int>(*deadline_months)));
    m.health_due = ApplyBp(d.salary_fund, rate->rate_bp);
    m.other_due = d.social_due + d.unemployment_due;
    m.due = m.health_due + m.other_due;
    // Declaring a salary below the legal basis is evasion: the fund must cover every declared
    // employee at least at the region's minimum wage.
    if ((*acc)->employer.region > 0 && d.employees > 0) {
      auto min_wage = rules.Param("min_wage_region_" + std::to_string((*acc)->employer.region), first);
      if (min_wage.ok() && d.salary_fund.dong < d.employees * *min_wage) {
        m.below_minimum = true;
        ++(*acc)->months_below_minimum;
      }
    }
    (*acc)->months.push_back(m);
    (*acc)->declared_employees = d.employees;
  }

  // Payments, oldest first, applied to the oldest month with a balance; interest accrues on a
  // month's balance for each day after its deadline.
  std::vector<EmployerPayment> pays = rec.payments;
  std::sort(pays.begin(), pays.end(), [](const auto& a, const auto& b) {
    return std::tie(a.tax_code, a.date, a.reference) < std::tie(b.tax_code, b.date, b.reference);
  });
  std::map<std::string, std::vector<Accrual>> accruals;
  for (auto& [tax, acc] : by_tax) {
    auto& acr = accruals[tax];
    for (const EmployerMonth& m : acc.months) acr.push_back({m.deadline, 0});
  }
  auto accrue_to = [&](EmployerMonth& m, Accrual& a, Date d) {
    Date until = std::min(d, as_of);
    if (until > a.last) {
      a.num += (m.due - m.paid).dong * (until - a.last);
      a.last = until;
    }
  };
  for (const EmployerPayment& p : pays) {
    if (p.date > as_of) continue;
    auto acc = account(p.tax_code);
    if (!acc.ok()) return acc.status();
    Money left = p.amount;
    auto& acr = accruals[p.tax_code];
    for (size_t i = 0; i < (*acc)->months.size() && left.dong > 0; ++i) {
      EmployerMonth& m = (*acc)->months[i];
      Money bal = m.due - m.paid;
      if (bal.dong <= 0) continue;
      // Interest for each day from the deadline to the payment day (the days late).
      accrue_to(m, acr[i], p.date);
      Money take{std::min(bal.dong, left.dong)};
      m.paid = m.paid + take;
      left = left - take;
    }
    (*acc)->credit = (*acc)->credit + left;
    (*acc)->paid = (*acc)->paid + p.amount;
  }
  for (const EmployerReminder& r : rec.reminders) {
    if (r.date > as_of) continue;
    auto acc = account(r.tax_code);
    if (!acc.ok()) return acc.status();
    if (!(*acc)->last_reminder.valid() || r.date > (*acc)->last_reminder) (*acc)->last_reminder = r.date;
  }

  std::vector<EmployerAccount> out;
  for (auto& [tax, acc] : by_tax) {
    auto& acr = accruals[tax];
    bool evasion = false;
    for (size_t i = 0; i < acc.months.size(); ++i) {
      EmployerMonth& m = acc.months[i];
      m.owed = m.due - m.paid;
      acc.due = acc.due + m.due;
      acc.owed = acc.owed + m.owed;
      accrue_to(m, acr[i], as_of);
      m.interest = Money{RoundDiv(acr[i].num * *interest_bp, kBpWhole)};
      acc.interest = acc.interest + m.interest;
      if (m.owed.dong > 0 && as_of > m.deadline) {
        m.days_late = as_of - m.deadline;
        acc.overdue = acc.overdue + m.owed;
        acc.ageing[static_cast<size_t>(Bucket(m.days_late))] =
            acc.ageing[static_cast<size_t>(Bucket(m.days_late))] + m.owed;
        acc.max_days_late = std::max(acc.max_days_late, m.days_late);
        // Evasion: unpaid more than evasion_days after the deadline despite a written reminder
        // sent after the deadline.
        if (m.days_late > *evasion_days && acc.last_reminder.valid() && acc.last_reminder > m.deadline) evasion = true;
      }
    }
    // The roster: people working there without an employer card.
    for (const RosterEntry& r : rec.roster) {
      if (r.tax_code != tax || r.from > as_of) continue;
      ++acc.roster;
      int group = payer_group_on ? payer_group_on(r.bhxh, as_of) : 0;
      if (group == 1) {
        ++acc.roster_insured;
        continue;
      }
      int32_t days = as_of - r.from;
      if (days > *register_days + *evasion_days)
        ++acc.unregistered_evasion;
      else if (days > *register_days)
        ++acc.unregistered_late;
    }
    std::string vi, en;
    if (evasion) {
      acc.standing = Standing::kEvasion;
      vi = "nợ quá " + std::to_string(*evasion_days) + " ngày sau hạn, đã có văn bản đôn đốc ngày " +
           acc.last_reminder.ToVn();
      en = "owing more than " + std::to_string(*evasion_days) +
           " days after the deadline after a written reminder of " + acc.last_reminder.ToVn();
    } else if (acc.overdue.dong > 0) {
      acc.standing = Standing::kLate;
      vi = "nợ " + std::to_string(acc.max_days_late) + " ngày sau hạn" +
           (acc.max_days_late > *evasion_days ? " (chưa có văn bản đôn đốc sau hạn)" : "");
      en = "owing " + std::to_string(acc.max_days_late) + " days after the deadline" +
           (acc.max_days_late > *evasion_days ? " (no written reminder after the deadline)" : "");
    }
    if (acc.unregistered_evasion > 0) {
      acc.standing = Standing::kEvasion;
      vi += std::string(vi.empty() ? "" : "; ") + std::to_string(acc.unregistered_evasion) +
            " người lao động chưa đăng ký quá " + std::to_string(*register_days + *evasion_days) + " ngày";
      en += std::string(en.empty() ? "" : "; ") + "workers unregistered for more than " +
            std::to_string(*register_days + *evasion_days) + " days: " + std::to_string(acc.unregistered_evasion);
    } else if (acc.unregistered_late > 0) {
      if (acc.standing == Standing::kCurrent) acc.standing = Standing::kLate;
      vi += std::string(vi.empty() ? "" : "; ") + std::to_string(acc.unregistered_late) +
            " người lao động chưa đăng ký quá " + std::to_string(*register_days) + " ngày";
      en += std::string(en.empty() ? "" : "; ") + "workers unregistered for more than " +
            std::to_string(*register_days) + " days: " + std::to_string(acc.unregistered_late);
    }
    if (acc.months_below_minimum > 0) {
      acc.standing = Standing::kEvasion;
      vi += std::string(vi.empty() ? "" : "; ") + std::to_string(acc.months_below_minimum) +
            " tháng kê khai quỹ lương thấp hơn lương tối thiểu vùng " + std::to_string(acc.employer.region);
      en += std::string(en.empty() ? "" : "; ") + "months declared below the region " +
            std::to_string(acc.employer.region) + " minimum wage: " + std::to_string(acc.months_below_minimum);
    }
    acc.reason_vi = vi;
    acc.reason_en = en;
    // The fine band on the amount owed past the deadline.
    if (acc.standing != Standing::kCurrent && acc.overdue.dong > 0) {
      const bool ev = acc.standing == Standing::kEvasion;
      auto lo = rules.Param(ev ? "fine_evasion_min_bp" : "fine_late_min_bp", as_of);
      auto hi = rules.Param(ev ? "fine_evasion_max_bp" : "fine_late_max_bp", as_of);
      auto cap = rules.Param("fine_cap_dong", as_of);
      if (lo.ok() && hi.ok() && cap.ok()) {
        acc.fine_known = true;
        acc.fine_min = Money{std::min(ApplyBp(acc.overdue, *lo).dong, *cap)};
        acc.fine_max = Money{std::min(ApplyBp(acc.overdue, *hi).dong, *cap)};
      }
    }
    out.push_back(std::move(acc));
  }
  return out;
}

std::vector<const EmployerAccount*> InspectionList(const std::vector<EmployerAccount>& accounts) {
  std::vector<const EmployerAccount*> list;
  for (const EmployerAccount& a : accounts)
    if (a.standing != Standing::kCurrent) list.push_back(&a);
  std::stable_sort(list.begin(), list.end(), [](const EmployerAccount* a, const EmployerAccount* b) {
    if (a->standing != b->standing) return a->standing > b->standing;
    if (a->overdue != b->overdue) return a->overdue > b->overdue;
    return a->max_days_late > b->max_days_late;
  });
  return list;
}

}  // namespace baophu::money
