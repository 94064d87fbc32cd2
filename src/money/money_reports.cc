#include "money/money_reports.h"

#include <cstdio>

#include "core/text.h"
#include "money/money_math.h"

namespace baophu::money {
namespace {

std::string M(Money m, bool en) { return MoneyTable::FormatMoney(m, en); }
std::string L(bool en, const char* vi, const char* eng) { return en ? eng : vi; }
std::vector<std::string> H(bool en, std::vector<std::string> vi, std::vector<std::string> eng) { return en ? eng : vi; }

}  // namespace

MoneyTable FeeTable(const FeeResult& fee, const std::optional<CardWindow>& card, bool household, bool en) {
  const Date from = fee.months.front().month, last = fee.months.back().month;
  std::string period = from.ToVn() + " – " + MonthEnd(last).ToVn();
  MoneyTable t(L(en, "Mức đóng BHYT ", "Health insurance contribution ") +
                   (household ? L(en, "hộ gia đình", "of a household") : L(en, "cá nhân", "of a person")) + ", " +
                   std::to_string(fee.months.size()) + L(en, " tháng (", " months (") + period + ")",
               H(en,
                 {"Người", "Nhóm", "Thứ tự trong hộ", "Tỷ lệ so với người thứ nhất", "Hỗ trợ NSNN", "Hỗ trợ tỉnh",
                  "Tháng đầu phải đóng", "Tổng mức đóng", "NSNN hỗ trợ", "Tỉnh hỗ trợ", "Phải đóng"},
                 {"Person", "Group", "Household order", "Share of 1st member", "State support", "Province support",
                  "First month payable", "Full amount", "State pays", "Province pays", "Payable"}));
  for (const MemberFee& m : fee.members) {
    t.AddRow({Cell::Text(m.member.label), Cell::Int(m.member.payer_group), m.order ? Cell::Int(m.order) : Cell::Empty(),
              Cell::Bp(m.share_bp), Cell::Bp(m.support.state_bp), Cell::Bp(m.support.province_bp),
              Cell::Dong(m.monthly.front()), Cell::Dong(m.full), Cell::Dong(m.state), Cell::Dong(m.province),
              Cell::Dong(m.payable)});
  }
  t.AddRow({Cell::Text(L(en, "Tổng", "Total")), Cell::Empty(), Cell::Empty(), Cell::Empty(), Cell::Empty(),
            Cell::Empty(), Cell::Empty(), Cell::Dong(fee.full), Cell::Dong(fee.state), Cell::Dong(fee.province),
            Cell::Dong(fee.payable)});
  t.AddNote("");
  // The base salary of each run of months.
  std::string bases = L(en, "Lương cơ sở từng tháng: ", "Base salary by month: ");
  size_t i = 0;
  while (i < fee.months.size()) {
    size_t j = i;
    while (j + 1 < fee.months.size() && fee.months[j + 1].base == fee.months[i].base) ++j;
    std::string range =
        fee.months[i].month.ToVn().substr(3) + (j > i ? " – " + fee.months[j].month.ToVn().substr(3) : std::string());
    bases += (i ? "; " : "") + range + ": " + M(fee.months[i].base, en) + L(en, " đồng", " VND");
    i = j + 1;
  }
  t.AddNote(bases);
  if (card) {
    t.AddNote(L(en, "Thẻ có giá trị: ", "Card valid: ") + card->from.ToVn() + " – " + card->to.ToVn() + " (" +
              (en ? card->rule_en : card->rule_vi) + ")");
  }
  return t;
}

MoneyTable CardTable(const CardRequest& r, const CardWindow& w, bool en) {
  MoneyTable t(L(en, "Thời hạn thẻ BHYT", "Health insurance card validity"),
               H(en, {"Nhóm", "Ngày đóng", "Số tháng", "Thẻ cũ hết hạn", "Từ ngày", "Đến ngày", "Quy tắc"},
                 {"Group", "Paid on", "Months", "Old card ends", "From", "To", "Rule"}));
  t.AddRow({Cell::Int(r.payer_group), Cell::Day(r.paid_on), r.child_under6 ? Cell::Empty() : Cell::Int(r.months),
            Cell::Day(r.previous_card_to), Cell::Day(w.from), Cell::Day(w.to), Cell::Text(en ? w.rule_en : w.rule_vi)});
  return t;
}

MoneyTable ArrearsTable(const std::vector<EmployerAccount>& accounts, Date as_of, bool en) {
  MoneyTable t(L(en, "Tình hình đóng BHYT của đơn vị sử dụng lao động đến ngày ",
                 "Employers' health insurance contributions as of ") +
                   as_of.ToVn(),
               H(en,
                 {"Mã số thuế", "Đơn vị", "Phải đóng", "Đã đóng", "Còn nợ", "Quá hạn", "Nợ 1–30 ngày", "31–60 ngày",
                  "61–90 ngày", "Trên 90 ngày", "Tiền lãi", "Tình trạng", "Phạt từ", "Phạt đến", "Lý do"},
                 {"Tax code", "Employer", "Due", "Paid", "Owed", "Overdue", "1–30 days", "31–60 days", "61–90 days",
                  "Over 90 days", "Interest", "Standing", "Fine from", "Fine to", "Reason"}));
  Money due, paid, owed, overdue, interest;
  int late = 0, evasion = 0;
  for (const EmployerAccount& a : accounts) {
    t.AddRow({Cell::Text(a.employer.tax_code), Cell::Text(a.employer.name), Cell::Dong(a.due), Cell::Dong(a.paid),
              Cell::Dong(a.owed), Cell::Dong(a.overdue), Cell::Dong(a.ageing[0]), Cell::Dong(a.ageing[1]),
              Cell::Dong(a.ageing[2]), Cell::Dong(a.ageing[3]), Cell::Dong(a.interest),
              Cell::Text(en ? StandingEn(a.standing) : StandingVi(a.standing)),
              a.fine_known ? Cell::Dong(a.fine_min) : Cell::Empty(),
              a.fine_known ? Cell::Dong(a.fine_max) : Cell::Empty(), Cell::Text(en ? a.reason_en : a.reason_vi)});
    due = due + a.due;
    paid = paid + a.paid;
    owed = owed + a.owed;
    overdue = overdue + a.overdue;
    interest = interest + a.interest;
    late += a.standing == Standing::kLate;
    evasion += a.standing == Standing::kEvasion;
  }
  t.AddNote("");
  t.AddNote(
      en ? "Employers: " + std::to_string(accounts.size()) + "; late payment: " + std::to_string(late) +
               "; evasion: " + std::to_string(evasion) + ". Due " + M(due, en) + ", paid " + M(paid, en) + ", owed " +
               M(owed, en) + " (overdue " + M(overdue, en) + "), interest " + M(interest, en) + " VND."
         : "Số đơn vị: " + std::to_string(accounts.size()) + "; chậm đóng: " + std::to_string(late) +
               "; trốn đóng: " + std::to_string(evasion) + ". Phải đóng " + M(due, en) + ", đã đóng " + M(paid, en) +
               ", còn nợ " + M(owed, en) + " (quá hạn " + M(overdue, en) + "), tiền lãi " + M(interest, en) + " đồng.");
  return t;
}

MoneyTable InspectionTable(const std::vector<const EmployerAccount*>& list, Date as_of, bool en) {
  MoneyTable t(L(en, "Danh sách đơn vị cần thanh tra, kiểm tra (chậm đóng, trốn đóng) đến ngày ",
                 "Employers to inspect (late payment, evasion) as of ") +
                   as_of.ToVn(),
               H(en,
                 {"STT", "Mã số thuế", "Đơn vị", "Tình trạng", "Nợ quá hạn", "Số ngày nợ lâu nhất", "Tiền lãi",
                  "Văn bản đôn đốc gần nhất", "Lao động chưa đăng ký", "Lý do"},
                 {"No.", "Tax code", "Employer", "Standing", "Overdue", "Longest days late", "Interest",
                  "Last written reminder", "Unregistered workers", "Reason"}));
  int n = 0;
  for (const EmployerAccount* a : list)
    t.AddRow({Cell::Int(++n), Cell::Text(a->employer.tax_code), Cell::Text(a->employer.name),
              Cell::Text(en ? StandingEn(a->standing) : StandingVi(a->standing)), Cell::Dong(a->overdue),
              Cell::Int(a->max_days_late), Cell::Dong(a->interest), Cell::Day(a->last_reminder),
              Cell::Int(a->unregistered_late + a->unregistered_evasion), Cell::Text(en ? a->reason_en : a->reason_vi)});
  return t;
}

MoneyTable EmployerMonthsTable(const EmployerAccount& a, Date as_of, bool en) {
  MoneyTable t(a.employer.name + " (" + a.employer.tax_code + L(en, ") — từng tháng đến ngày ", ") — by month as of ") +
                   as_of.ToVn(),
               H(en,
                 {"Tháng", "Hạn đóng", "BHYT 4,5 %", "BHXH + BHTN", "Phải đóng", "Đã đóng", "Còn nợ", "Số ngày quá hạn",
                  "Tiền lãi"},
                 {"Month", "Deadline", "Health 4.5 %", "Social + unemployment", "Due", "Paid", "Owed", "Days late",
                  "Interest"}));
  for (const EmployerMonth& m : a.months) {
    char month[16];
    std::snprintf(month, sizeof month, "%02d/%04d", m.month, m.year);
    t.AddRow({Cell::Text(month), Cell::Day(m.deadline), Cell::Dong(m.health_due), Cell::Dong(m.other_due),
              Cell::Dong(m.due), Cell::Dong(m.paid), Cell::Dong(m.owed), Cell::Int(m.days_late),
              Cell::Dong(m.interest)});
  }
  if (a.credit.dong > 0) t.AddNote(L(en, "Nộp thừa: ", "Paid in advance: ") + M(a.credit, en));
  return t;
}

MoneyTable EmployerCoverageTable(const std::vector<EmployerAccount>& accounts, Date as_of, bool en) {
  MoneyTable t(L(en, "Người lao động có thẻ BHYT theo đơn vị sử dụng lao động, ngày ",
                 "Employees holding an employer card, by employer, on ") +
                   as_of.ToVn(),
               H(en,
                 {"Mã số thuế", "Đơn vị", "Lao động kê khai", "Danh sách lao động", "Có thẻ do đơn vị đóng",
                  "Chưa có thẻ (chậm đăng ký)", "Chưa có thẻ (trốn đóng)"},
                 {"Tax code", "Employer", "Declared employees", "On the roster", "With an employer card",
                  "No card (late registration)", "No card (evasion)"}));
  for (const EmployerAccount& a : accounts)
    t.AddRow({Cell::Text(a.employer.tax_code), Cell::Text(a.employer.name), Cell::Int(a.declared_employees),
              Cell::Int(a.roster), Cell::Int(a.roster_insured), Cell::Int(a.unregistered_late),
              Cell::Int(a.unregistered_evasion)});
  return t;
}

MoneyTable SchoolFundTable(const std::vector<SchoolFundLine>& lines, Date from, Date to, bool en) {
  MoneyTable t(L(en, "Kinh phí chăm sóc sức khỏe ban đầu cho trường học (NĐ 146/2018 Điều 33), kỳ bắt đầu từ ",
                 "Schools' primary health care funds (Decree 146/2018 Art. 33), periods starting ") +
                   from.ToVn() + L(en, " đến ", " to ") + to.ToVn(),
               H(en,
                 {"Mã trường", "Trường", "Từ ngày", "Số tháng", "Số học sinh", "Học sinh có thẻ (N)", "Tỷ lệ có thẻ",
                  "Tỷ lệ trích", "Lương cơ sở tháng đầu", "Kinh phí", "Được cấp", "Lý do không được cấp"},
                 {"School code", "School", "From", "Months", "Pupils", "Insured pupils (N)", "Insured rate",
                  "Fund percentage", "Base salary (1st month)", "Fund", "Payable", "Reason not payable"}));
  for (const SchoolFundLine& l : lines)
    t.AddRow({Cell::Text(l.school.code), Cell::Text(l.school.name), Cell::Day(l.count.period_from),
              Cell::Int(l.count.months), l.count.pupils ? Cell::Int(l.count.pupils) : Cell::Empty(),
              Cell::Int(l.count.insured_pupils), l.rate_hundredths >= 0 ? Cell::Rate(l.rate_hundredths) : Cell::Empty(),
              Cell::Bp(l.fund_bp), Cell::Dong(l.first_base), Cell::Dong(l.amount),
              Cell::Text(l.payable ? L(en, "có", "yes") : L(en, "không", "no")),
              Cell::Text(en ? l.reason_en : l.reason_vi)});
  SchoolFundTotals s = Totals(lines);
  t.AddNote("");
  t.AddNote(en ? "Schools: " + std::to_string(s.schools) + ", payable: " + std::to_string(s.payable_schools) +
                     "; insured pupils " + M(Money{s.insured_pupils}, en) + "; funds " + M(s.amount, en) +
                     " VND, of which payable " + M(s.payable_amount, en) + " VND."
               : "Số trường: " + std::to_string(s.schools) + ", được cấp: " + std::to_string(s.payable_schools) +
                     "; học sinh có thẻ " + M(Money{s.insured_pupils}, en) + "; kinh phí " + M(s.amount, en) +
                     " đồng, trong đó được cấp " + M(s.payable_amount, en) + " đồng.");
  t.AddNote(L(en,
              "Kinh phí = tỷ lệ trích × N × 4,5 % × lương cơ sở × số tháng (từng tháng theo lương cơ sở của tháng đó).",
              "Fund = percentage × N × 4.5 % × base salary × months (each month at its own base salary)."));
  return t;
}

MoneyTable PupilCoverageTable(const std::vector<PupilCoverage>& counts, const std::vector<School>& schools, Date on,
                              bool written, bool en) {
  MoneyTable t(L(en, "Học sinh có thẻ BHYT theo danh sách của trường, ngày ",
                 "Pupils holding a card, from the schools' lists, on ") +
                   on.ToVn(),
               H(en,
                 {"Mã trường", "Trường", "Học sinh trong danh sách", "Có thẻ (N)", "Thẻ học sinh, sinh viên",
                  "Thẻ nhóm khác", "Chưa có thẻ", "Tỷ lệ có thẻ"},
                 {"School code", "School", "Pupils on the list", "Insured (N)", "Pupil or student card",
                  "Card of another group", "Uninsured", "Insured rate"}));
  int64_t pupils = 0, insured = 0, other = 0;
  for (const PupilCoverage& c : counts) {
    std::string name;
    for (const School& s : schools)
      if (s.code == c.school_code) name = s.name;
    t.AddRow({Cell::Text(c.school_code), Cell::Text(name), Cell::Int(c.pupils), Cell::Int(c.insured),
              Cell::Int(c.insured_as_pupils), Cell::Int(c.insured_other), Cell::Int(c.pupils - c.insured),
              Cell::Rate(RateHundredths(c.insured, c.pupils))});
    pupils += c.pupils;
    insured += c.insured;
    other += c.insured_other;
  }
  t.AddNote("");
  t.AddNote(en ? "Pupils " + M(Money{pupils}, en) + ", insured " + M(Money{insured}, en) + " of whom " +
                     M(Money{other}, en) + " through another group." +
                     (written ? " Written as the schools' counts (N) for the fund." : "")
               : "Học sinh " + M(Money{pupils}, en) + ", có thẻ " + M(Money{insured}, en) + ", trong đó " +
                     M(Money{other}, en) + " có thẻ thuộc nhóm khác (hộ nghèo, trẻ em dưới 6 tuổi, chính sách...)." +
                     (written ? " Đã ghi làm số học sinh có thẻ (N) của các trường để tính kinh phí." : ""));
  return t;
}

MoneyTable SponsorTable(const std::vector<SponsorBalance>& balances, Date as_of, bool en) {
  MoneyTable t(L(en, "Vận động tài trợ mua thẻ BHYT cho hộ khó khăn, đến ngày ",
                 "Sponsors buying health insurance cards for households in hardship, as of ") +
                   as_of.ToVn(),
               H(en,
                 {"Mã", "Nhà tài trợ", "Loại", "Cam kết", "Đã nộp", "Còn phải nộp theo cam kết", "Đã mua thẻ", "Số thẻ",
                  "Số hộ", "Số dư"},
                 {"Code", "Sponsor", "Kind", "Pledged", "Paid", "Pledge outstanding", "Spent on cards", "Cards",
                  "Households", "Balance"}));
  Money pledged, paid, spent, balance;
  int64_t cards = 0;
  for (const SponsorBalance& b : balances) {
    t.AddRow({Cell::Text(b.sponsor.code), Cell::Text(b.sponsor.name), Cell::Text(b.sponsor.kind), Cell::Dong(b.pledged),
              Cell::Dong(b.paid), Cell::Dong(b.pledge_outstanding), Cell::Dong(b.spent), Cell::Int(b.cards),
              Cell::Int(b.households), Cell::Dong(b.balance)});
    pledged = pledged + b.pledged;
    paid = paid + b.paid;
    spent = spent + b.spent;
    balance = balance + b.balance;
    cards += b.cards;
  }
  t.AddNote("");
  t.AddNote(en ? "Pledged " + M(pledged, en) + ", paid " + M(paid, en) + ", spent on " + std::to_string(cards) +
                     " cards " + M(spent, en) + ", balance " + M(balance, en) + " VND."
               : "Cam kết " + M(pledged, en) + ", đã nộp " + M(paid, en) + ", đã mua " + std::to_string(cards) +
                     " thẻ hết " + M(spent, en) + ", còn " + M(balance, en) + " đồng.");
  return t;
}

MoneyTable AllocationTable(const AllocationPlan& plan, const AllocationRequest& r, bool written, bool en) {
  MoneyTable t(L(en, "Phân bổ tiền tài trợ của ", "Allocation of the funds of ") + r.sponsor_code +
                   L(en, " (hộ nghèo khó nhất trước), ngày đóng ", " (poorest first), paid on ") + r.paid_on.ToVn() +
                   ", " + std::to_string(r.months) + L(en, " tháng", " months"),
               H(en, {"Hộ", "Mã số BHXH", "Số tiền", "Thẻ từ ngày", "Đến ngày"},
                 {"Household", "BHXH number", "Amount", "Card from", "Card to"}));
  for (const SponsorAllocation& a : plan.cards)
    t.AddRow({Cell::Text(a.household_code), Cell::Text(a.bhxh.ToString()), Cell::Dong(a.amount), Cell::Day(a.card_from),
              Cell::Day(a.card_to)});
  t.AddNote("");
  t.AddNote(en ? "Households: " + std::to_string(plan.households.size()) +
                     ", cards: " + std::to_string(plan.cards.size()) + ", spent " + M(plan.spent, en) + " of " +
                     M(r.available, en) + ", left " + M(plan.left, en) +
                     " VND; households skipped (too costly for what was left): " + std::to_string(plan.skipped.size()) +
                     (written ? "." : ". Nothing written (--dry-run).")
               : "Số hộ: " + std::to_string(plan.households.size()) + ", số thẻ: " + std::to_string(plan.cards.size()) +
                     ", đã dùng " + M(plan.spent, en) + " trên " + M(r.available, en) + ", còn " + M(plan.left, en) +
                     " đồng; số hộ bỏ qua (không đủ tiền còn lại): " + std::to_string(plan.skipped.size()) +
                     (written ? "." : ". Chưa ghi gì (--dry-run)."));
  return t;
}

MoneyTable SponsoredCardsTable(const std::vector<SponsorAllocation>& cards, const std::string& sponsor, bool en) {
  MoneyTable t(
      L(en, "Thẻ BHYT do nhà tài trợ mua", "Cards bought by sponsors") + (sponsor.empty() ? "" : " — " + sponsor),
      H(en, {"Nhà tài trợ", "Hộ", "Mã số BHXH", "Ngày đóng", "Số tháng", "Số tiền", "Thẻ từ ngày", "Đến ngày"},
        {"Sponsor", "Household", "BHXH number", "Paid on", "Months", "Amount", "Card from", "Card to"}));
  for (const SponsorAllocation& a : cards) {
    if (!sponsor.empty() && a.sponsor_code != sponsor) continue;
    t.AddRow({Cell::Text(a.sponsor_code), Cell::Text(a.household_code), Cell::Text(a.bhxh.ToString()),
              Cell::Day(a.paid_on), Cell::Int(a.months), Cell::Dong(a.amount), Cell::Day(a.card_from),
              Cell::Day(a.card_to)});
  }
  return t;
}

}  // namespace baophu::money
