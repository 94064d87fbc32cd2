#include "money/card_validity.h"

#include <algorithm>

#include "money/money_math.h"

namespace baophu::money {

Result<Date> ChildCardEnd(const MoneyRules& rules, Date birth) {
  if (!birth.valid()) return Status::InvalidArgument("thẻ trẻ em dưới 6 tuổi cần ngày sinh");
  auto months = rules.Param("child_card_months", birth);
  if (!months.ok()) return months.status();
  auto cutoff = rules.Param("child_card_cutoff_mmdd", birth);
  if (!cutoff.ok()) return cutoff.status();
  Date reached = birth.AddMonths(static_cast<int>(*months));  // the day 72 months are reached
  Date cut = Date::FromYmd(reached.year(), static_cast<int>(*cutoff / 100), static_cast<int>(*cutoff % 100));
  if (!cut.valid()) return Status::Corruption("child_card_cutoff_mmdd không phải một ngày: " + std::to_string(*cutoff));
  if (reached <= cut) return cut;
  return MonthEnd(reached);
}

Result<CardWindow> CardValidity(const MoneyRules& rules, const CardRequest& req) {
  if (!req.paid_on.valid()) return Status::InvalidArgument("thiếu ngày đóng tiền");
  if (req.payer_group < 1 || req.payer_group > 5) return Status::InvalidArgument("nhóm đóng phải từ 1 đến 5");
  if (req.months < 1 || req.months > 60) return Status::InvalidArgument("số tháng đóng phải từ 1 đến 60");
  CardWindow w;
  const bool has_prev = req.previous_card_to.valid();
  // Continuous: the old card still runs on the payment day, or ended the day before.
  const bool continuous = has_prev && req.previous_card_to >= req.paid_on.AddDays(-1);

  if (req.child_under6) {
    auto end = ChildCardEnd(rules, req.birth_date);
    if (!end.ok()) return end.status();
    w.from = continuous ? req.previous_card_to.AddDays(1) : std::max(req.paid_on, req.birth_date);
    w.to = *end;
    w.rule_vi = "trẻ em dưới 6 tuổi: đến khi đủ 72 tháng tuổi (quy tắc 30/9)";
    w.rule_en = "child under 6: to 72 months of age (30 September rule)";
    if (w.to < w.from) return Status::InvalidArgument("trẻ đã đủ 72 tháng tuổi trước ngày " + w.from.ToVn());
    return w;
  }

  if (continuous) {
    w.from = req.previous_card_to.AddDays(1);
    w.rule_vi = "tham gia liên tục: từ ngày sau khi thẻ cũ hết hạn";
    w.rule_en = "continuous: from the day after the old card ends";
  } else if (req.payer_group <= 3) {
    w.from = req.paid_on;
    w.rule_vi = "nhóm 1–3: từ ngày đóng";
    w.rule_en = "groups 1–3: from the payment day";
  } else {
    auto gap_months = rules.Param("card_gap_months", req.paid_on);
    if (!gap_months.ok()) return gap_months.status();
    auto wait = rules.Param("card_wait_days", req.paid_on);
    if (!wait.ok()) return wait.status();
    // A gap shorter than card_gap_months: from the payment day, no waiting (docs/money.md).
    bool short_gap = has_prev && req.previous_card_to.AddDays(1).AddMonths(static_cast<int>(*gap_months)) > req.paid_on;
    if (short_gap) {
      w.from = req.paid_on;
      w.rule_vi = "gián đoạn dưới " + std::to_string(*gap_months) + " tháng: từ ngày đóng";
      w.rule_en = "gap under " + std::to_string(*gap_months) + " months: from the payment day";
    } else {
      w.from = req.paid_on.AddDays(static_cast<int32_t>(*wait));
      w.rule_vi = (has_prev ? "gián đoạn từ " + std::to_string(*gap_months) + " tháng trở lên"
                            : std::string("tham gia lần đầu")) +
                  ": sau " + std::to_string(*wait) + " ngày kể từ ngày đóng";
      w.rule_en = (has_prev ? "gap of " + std::to_string(*gap_months) + " months or more" : std::string("first time")) +
                  ": " + std::to_string(*wait) + " days after payment";
    }
  }
  w.to = w.from.AddMonths(req.months).AddDays(-1);

  if (req.pupil_grade != 0) {
    if (req.pupil_grade < 1 || req.pupil_grade > 12) return Status::InvalidArgument("lớp phải từ 1 đến 12");
    auto start = rules.Param("pupil_year_start_mmdd", req.paid_on);
    if (!start.ok()) return start.status();
    auto end = rules.Param("pupil_year_end_mmdd", req.paid_on);
    if (!end.ok()) return end.status();
    // Grade 1: a card bought before the school year starts runs from its first day (1 October).
    Date year_start = Date::FromYmd(req.paid_on.year(), static_cast<int>(*start / 100), static_cast<int>(*start % 100));
    if (req.pupil_grade == 1 && !continuous && w.from < year_start) {
      w.from = year_start;
      w.to = w.from.AddMonths(req.months).AddDays(-1);
      w.rule_vi = "học sinh lớp 1: từ " + year_start.ToVn();
      w.rule_en = "grade 1 pupil: from " + year_start.ToVn();
    }
    if (req.pupil_grade == 12) {
      int grad_year = w.from.month() >= 10 ? w.from.year() + 1 : w.from.year();
      Date last = Date::FromYmd(grad_year, static_cast<int>(*end / 100), static_cast<int>(*end % 100));
      if (w.to > last) {
        w.to = last;
        w.rule_vi += "; học sinh lớp 12: đến " + last.ToVn();
        w.rule_en += "; grade 12 pupil: to " + last.ToVn();
      }
    }
  }
  return w;
}

}  // namespace baophu::money
