// The money commands: fee (contributions and card dates), employers (arrears, inspection list,
// employees' coverage), schools (primary-care funds) and sponsors (balances, allocation, cards
// bought). Each parses its options, calls one function of money/ and prints a MoneyTable as a
// Vietnamese (or English) table, CSV or XLSX.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "money/fee_quote.h"
#include "money/money_records.h"
#include "money/money_reports.h"
#include "rules/money_rules.h"

namespace baophu {
namespace {

using namespace money;  // NOLINT: the command file of the money layer

struct MoneyArgs {
  // shared
  std::string format = "table", out;
  std::vector<std::string> rules_files;
  // fee
  std::string date, previous_card_to, birth, province, category, object;
  int months = 12, members = 1, group = 5, grade = 0;
  int64_t salary = 0;
  std::vector<std::string> supported;
  bool child = false;
  // employers, schools, sponsors
  std::string household_code;
  std::string as_of, tax_code, from, to, sponsor, unit;
  int max_households = 0;
  bool dry_run = false, write = false;
};

Result<Date> OptDate(const std::string& text, const char* option) {
  auto d = Date::ParseOption(text);
  if (!d.ok()) return Status::InvalidArgument(std::string(option) + ": " + d.status().message());
  return *d;
}

Result<MoneyRules> LoadMoneyRules(const MoneyArgs& a) { return MoneyRules::LoadDefault(a.rules_files); }

// Prints or writes the table in the chosen format.
int Emit(const MoneyTable& t, const MoneyArgs& a, const Globals& g, const std::string& sheet) {
  std::string text;
  if (a.format == "table") {
    text = t.ToText(g.en());
  } else if (a.format == "csv") {
    text = t.ToCsv();
  } else if (a.format == "xlsx") {
    if (a.out.empty()) return Fail(Status::InvalidArgument("--format xlsx cần --out TỆP.xlsx"));
    Status st = t.WriteXlsx(a.out, sheet);
    if (!st.ok()) return Fail(st);
    std::printf(g.en() ? "Wrote %s\n" : "Đã ghi %s\n", a.out.c_str());
    return kExitOk;
  } else {
    return Fail(Status::InvalidArgument("--format phải là table, csv hoặc xlsx: '" + a.format + "'"));
  }
  return EmitText(g, text, a.out);
}

// --- fee ---------------------------------------------------------------------------------------

int CmdFee(const Globals& g, const MoneyArgs& a, bool household) {
  auto rules = LoadMoneyRules(a);
  if (!rules.ok()) return Fail(rules.status());
  auto rs = LoadRules();
  if (!rs.ok()) return Fail(rs.status());
  auto date = OptDate(a.date, "--date");
  if (!date.ok()) return Fail(date.status());
  FeeForm form;
  form.date = *date;
  form.months = a.months;
  form.province = a.province;
  form.household = household;
  form.group = a.group;
  form.object = a.object;
  form.category = a.category;
  form.salary = a.salary;
  form.grade = a.grade;
  form.members = a.members;
  form.supported = a.supported;
  if (!a.previous_card_to.empty()) {
    auto p = OptDate(a.previous_card_to, "--previous-card-to");
    if (!p.ok()) return Fail(p.status());
    form.previous_card_to = *p;
  }
  std::vector<std::string> notes;
  if (household && !a.household_code.empty()) {
    // A household of the registry: its members without a valid card on the date, in register
    // order; the card continues from the household's latest card unless one was given.
    auto store = OpenStore(g);
    if (!store.ok()) return Fail(store.status());
    auto hh = LoadHouseholdMembers(store->get(), a.household_code, *date);
    if (!hh.ok()) return Fail(hh.status());
    Date previous_card_to;
    for (const auto& m : hh->uninsured) {
      form.registry_members.push_back({m.name + " (" + m.bhxh.ToString() + ")", m.bhxh, 5, "", {}});
      if (m.previous_card_to.valid() && (!previous_card_to.valid() || m.previous_card_to > previous_card_to))
        previous_card_to = m.previous_card_to;
    }
    if (!form.previous_card_to.valid()) form.previous_card_to = previous_card_to;
    for (const auto& m : hh->insured)
      notes.push_back((g.en() ? "Already insured on the date: " : "Đã có thẻ vào ngày đóng: ") + m.name + " (" +
                      m.bhxh.ToString() + ", " + m.card_object.str() + ")");
    if (form.registry_members.empty())
      return Fail(Status::InvalidArgument("mọi thành viên của hộ '" + a.household_code + "' đều đã có thẻ vào ngày " +
                                          date->ToVn()));
  }
  auto quote = QuoteFee(*rules, *rs, form, g.en());
  if (!quote.ok()) return Fail(quote.status());
  for (const std::string& n : notes) quote->table.AddNote(n);
  return Emit(quote->table, a, g, g.en() ? "Contribution" : "Mức đóng");
}

int CmdCard(const Globals& g, const MoneyArgs& a) {
  auto rules = LoadMoneyRules(a);
  if (!rules.ok()) return Fail(rules.status());
  auto date = OptDate(a.date, "--date");
  if (!date.ok()) return Fail(date.status());
  CardRequest r;
  r.payer_group = a.group;
  r.paid_on = *date;
  r.months = a.months;
  r.pupil_grade = a.grade;
  r.child_under6 = a.child;
  if (!a.previous_card_to.empty()) {
    auto p = OptDate(a.previous_card_to, "--previous-card-to");
    if (!p.ok()) return Fail(p.status());
    r.previous_card_to = *p;
  }
  if (!a.birth.empty()) {
    auto b = OptDate(a.birth, "--birth");
    if (!b.ok()) return Fail(b.status());
    r.birth_date = *b;
  }
  auto w = CardValidity(*rules, r);
  if (!w.ok()) return Fail(w.status());
  return Emit(CardTable(r, *w, g.en()), a, g, g.en() ? "Card" : "Thẻ");
}

// --- employers -------------------------------------------------------------------------------

enum class EmployerView { kArrears, kInspect, kCoverage };

int CmdEmployers(const Globals& g, const MoneyArgs& a, EmployerView view) {
  auto rules = LoadMoneyRules(a);
  if (!rules.ok()) return Fail(rules.status());
  auto as_of = OptDate(a.as_of, "--as-of");
  if (!as_of.ok()) return Fail(as_of.status());
  auto object_rules = LoadRules();
  if (!object_rules.ok()) return Fail(object_rules.status());
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto records = LoadEmployerRecords(store->get());
  if (!records.ok()) return Fail(records.status());
  auto accounts = ComputeEmployerAccounts(*rules, *records, *as_of, CardPayerGroup(store->get(), *object_rules));
  if (!accounts.ok()) return Fail(accounts.status());
  if (!a.unit.empty()) {
    accounts = WithinUnit(store->get(), std::move(*accounts), a.unit, *as_of);
    if (!accounts.ok()) return Fail(accounts.status());
  }
  switch (view) {
    case EmployerView::kArrears:
      if (!a.tax_code.empty()) {
        for (const EmployerAccount& acc : *accounts)
          if (acc.employer.tax_code == a.tax_code)
            return Emit(EmployerMonthsTable(acc, *as_of, g.en()), a, g, a.tax_code);
        return Fail(Status::NotFound("không có đơn vị mã số thuế " + a.tax_code));
      }
      return Emit(ArrearsTable(*accounts, *as_of, g.en()), a, g, g.en() ? "Arrears" : "Nợ đóng");
    case EmployerView::kInspect:
      return Emit(InspectionTable(InspectionList(*accounts), *as_of, g.en()), a, g,
                  g.en() ? "Inspection" : "Thanh tra");
    case EmployerView::kCoverage:
      return Emit(EmployerCoverageTable(*accounts, *as_of, g.en()), a, g, g.en() ? "Coverage" : "Lao động có thẻ");
  }
  return kExitOk;
}

// --- schools ---------------------------------------------------------------------------------

int CmdSchoolFund(const Globals& g, const MoneyArgs& a) {
  auto rules = LoadMoneyRules(a);
  if (!rules.ok()) return Fail(rules.status());
  auto from = a.from.empty() ? Result<Date>(Date::Min()) : OptDate(a.from, "--from");
  if (!from.ok()) return Fail(from.status());
  auto to = a.to.empty() ? Result<Date>(Date::Max()) : OptDate(a.to, "--to");
  if (!to.ok()) return Fail(to.status());
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto rec = LoadSchoolRecords(store->get());
  if (!rec.ok()) return Fail(rec.status());
  auto lines = ComputeSchoolFunds(*rules, rec->schools, rec->counts, *from, *to);
  if (!lines.ok()) return Fail(lines.status());
  Date shown_from = a.from.empty() && !lines->empty() ? lines->front().count.period_from : *from;
  Date shown_to = *to;
  if (a.to.empty()) {
    shown_to = shown_from;
    for (const SchoolFundLine& l : *lines) shown_to = std::max(shown_to, l.count.period_from);
  }
  return Emit(SchoolFundTable(*lines, shown_from, shown_to, g.en()), a, g,
              g.en() ? "School funds" : "Kinh phí trường học");
}

int CmdSchoolCount(const Globals& g, const MoneyArgs& a) {
  auto rules = LoadMoneyRules(a);
  if (!rules.ok()) return Fail(rules.status());
  auto from = OptDate(a.from, "--period-from");
  if (!from.ok()) return Fail(from.status());
  if (a.months != 3 && a.months != 6 && a.months != 12)
    return Fail(
        Status::InvalidArgument("kỳ cấp kinh phí là 3, 6 hoặc 12 tháng, không phải " + std::to_string(a.months)));
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto rec = LoadSchoolRecords(store->get());
  if (!rec.ok()) return Fail(rec.status());
  if (rec->roster.empty())
    return Fail(Status::NotFound("chưa có danh sách học sinh của trường nào (nhập 'school-roster' trước)"));
  std::vector<PupilCoverage> counts = CountInsuredPupils(*rules, rec->roster, *from, CardObject(store->get(), *rules));
  if (a.write) {
    Transaction tx(store->get());
    Status st = tx.Begin();
    if (!st.ok()) return Fail(st);
    for (const PupilCoverage& c : counts) {
      auto r = (*store)->UpsertSchoolPupilCount({c.school_code, *from, a.months, c.pupils, c.insured});
      if (!r.ok()) return Fail(r.status());
    }
    st = tx.Commit();
    if (!st.ok()) return Fail(st);
  }
  return Emit(PupilCoverageTable(counts, rec->schools, *from, a.write, g.en()), a, g,
              g.en() ? "Pupils" : "Học sinh có thẻ");
}

// --- sponsors --------------------------------------------------------------------------------

int CmdSponsorsReport(const Globals& g, const MoneyArgs& a) {
  auto as_of = OptDate(a.as_of, "--as-of");
  if (!as_of.ok()) return Fail(as_of.status());
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto rec = LoadSponsorRecords(store->get());
  if (!rec.ok()) return Fail(rec.status());
  return Emit(SponsorTable(SponsorBalances(rec->sponsors, rec->funds, rec->allocations, *as_of), *as_of, g.en()), a, g,
              g.en() ? "Sponsors" : "Nhà tài trợ");
}

int CmdSponsorsAllocate(const Globals& g, const MoneyArgs& a) {
  auto rules = LoadMoneyRules(a);
  if (!rules.ok()) return Fail(rules.status());
  auto date = OptDate(a.date, "--date");
  if (!date.ok()) return Fail(date.status());
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto rec = LoadSponsorRecords(store->get());
  if (!rec.ok()) return Fail(rec.status());
  AllocationRequest req;
  req.sponsor_code = a.sponsor;
  req.paid_on = *date;
  req.months = a.months;
  req.province = a.province;
  req.max_households = a.max_households;
  bool found = false;
  for (const SponsorBalance& b : SponsorBalances(rec->sponsors, rec->funds, rec->allocations, *date)) {
    if (b.sponsor.code != a.sponsor) continue;
    found = !b.sponsor.name.empty();
    req.available = b.balance;
  }
  // Running the same allocation again: what it bought on that day is available to it again,
  // and the same households come out (nothing new is written).
  for (const SponsorAllocation& c : rec->allocations)
    if (c.sponsor_code == a.sponsor && c.paid_on == *date) req.available = req.available + c.amount;
  if (!found) return Fail(Status::NotFound("không có nhà tài trợ mã '" + a.sponsor + "' (nhập 'sponsors' trước)"));
  auto candidates = LoadCandidates(store->get(), a.unit, *date, a.sponsor);
  if (!candidates.ok()) return Fail(candidates.status());
  auto plan = PlanAllocation(*rules, req, std::move(*candidates));
  if (!plan.ok()) return Fail(plan.status());
  if (!a.dry_run && !plan->cards.empty()) {
    Transaction tx(store->get());
    Status st = tx.Begin();
    if (!st.ok()) return Fail(st);
    for (const SponsorAllocation& c : plan->cards) {
      auto r = (*store)->UpsertAllocation(c);
      if (!r.ok()) return Fail(r.status());
    }
    st = tx.Commit();
    if (!st.ok()) return Fail(st);
  }
  return Emit(AllocationTable(*plan, req, !a.dry_run, g.en()), a, g, g.en() ? "Allocation" : "Phân bổ");
}

int CmdSponsoredCards(const Globals& g, const MoneyArgs& a) {
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto rec = LoadSponsorRecords(store->get());
  if (!rec.ok()) return Fail(rec.status());
  return Emit(SponsoredCardsTable(rec->allocations, a.sponsor, g.en()), a, g, g.en() ? "Cards" : "Thẻ đã mua");
}

// Output options every money command takes.
void AddOutput(CLI::App* c, MoneyArgs* a) {
  c->add_option("--format", a->format, "table | csv | xlsx")->check(CLI::IsMember({"table", "csv", "xlsx"}));
  c->add_option("--out", a->out, "Ghi ra tệp");
  c->add_option("--rules", a->rules_files, "Tệp quy tắc bổ sung (ví dụ mức hỗ trợ thêm của tỉnh); lặp lại được");
}

}  // namespace

void RegisterMoneyCommands(CLI::App& app, const Globals& g, int* rc) {
  // The parsed values must outlive this function: they live in one object the callbacks own.
  auto a = std::make_shared<MoneyArgs>();

  auto* fee = app.add_subcommand("fee", "Mức đóng BHYT và thời hạn thẻ");
  fee->require_subcommand(1);
  auto* person = fee->add_subcommand("person", "Mức đóng của một người cho kỳ 3, 6 hoặc 12 tháng");
  auto* household = fee->add_subcommand("household", "Mức đóng của hộ gia đình (giảm trừ theo thứ tự thành viên)");
  for (CLI::App* c : {person, household}) {
    c->add_option("--date", a->date, "Ngày đóng (dd/mm/yyyy hoặc yyyy-mm-dd)")->required();
    c->add_option("--months", a->months, "Số tháng: 3, 6 hoặc 12");
    c->add_option("--province", a->province, "Mã tỉnh (2 chữ số) để tính hỗ trợ thêm của tỉnh");
    c->add_option("--previous-card-to", a->previous_card_to, "Ngày hết hạn của thẻ cũ (nếu có)");
    AddOutput(c, a.get());
  }
  person->add_option("--group", a->group, "Nhóm đóng 1–5 (mặc định 5)")->check(CLI::Range(1, 5));
  person->add_option("--object", a->object, "Mã đối tượng (HS, SV, CN, GD...): suy ra nhóm và mức hỗ trợ");
  person->add_option("--category", a->category, "Nhóm hỗ trợ: pupil, student, near_poor, agro_average...");
  person->add_option("--salary", a->salary, "Tiền lương tháng (nhóm 1) hoặc lương hưu (nhóm 2), đồng");
  person->add_option("--grade", a->grade, "Lớp (1–12) của học sinh: thẻ theo năm học");
  household->add_option("--members", a->members, "Số thành viên đóng theo hộ gia đình");
  household->add_option("--household", a->household_code,
                        "Mã hộ gia đình trong cơ sở dữ liệu: tính cho các thành viên chưa có thẻ vào ngày đóng");
  household->add_option("--supported", a->supported,
                        "Thêm một thành viên được hỗ trợ (pupil, near_poor...); lặp lại được");
  person->callback([a, &g, rc] { *rc = CmdFee(g, *a, false); });
  household->callback([a, &g, rc] { *rc = CmdFee(g, *a, true); });
  auto* card = fee->add_subcommand("card", "Thời hạn thẻ mà một lần đóng mua được");
  card->add_option("--date", a->date, "Ngày đóng")->required();
  card->add_option("--months", a->months, "Số tháng đóng");
  card->add_option("--group", a->group, "Nhóm đóng 1–5")->check(CLI::Range(1, 5));
  card->add_option("--previous-card-to", a->previous_card_to, "Ngày hết hạn của thẻ cũ (nếu có)");
  card->add_flag("--child", a->child, "Trẻ em dưới 6 tuổi (thẻ đến khi đủ 72 tháng tuổi)");
  card->add_option("--birth", a->birth, "Ngày sinh (trẻ em dưới 6 tuổi)");
  card->add_option("--grade", a->grade, "Lớp (1–12) của học sinh");
  AddOutput(card, a.get());
  card->callback([a, &g, rc] { *rc = CmdCard(g, *a); });

  auto* employers = app.add_subcommand("employers", "Đơn vị sử dụng lao động: nợ đóng, chậm đóng, trốn đóng");
  employers->require_subcommand(1);
  auto* arrears = employers->add_subcommand("arrears", "Phải đóng, đã đóng, còn nợ, tuổi nợ, tiền lãi, mức phạt");
  auto* inspect = employers->add_subcommand("inspect", "Danh sách cần thanh tra: trốn đóng trước, nợ lớn và lâu trước");
  auto* coverage = employers->add_subcommand("coverage", "Người lao động có thẻ do đơn vị đóng");
  for (CLI::App* c : {arrears, inspect, coverage}) {
    c->add_option("--as-of", a->as_of, "Ngày tính")->required();
    c->add_option("--unit", a->unit, "Chỉ các đơn vị đóng trên địa bàn này (mã xã, huyện, tỉnh)");
    AddOutput(c, a.get());
  }
  arrears->add_option("--tax-code", a->tax_code, "Chi tiết từng tháng của một đơn vị");
  arrears->callback([a, &g, rc] { *rc = CmdEmployers(g, *a, EmployerView::kArrears); });
  inspect->callback([a, &g, rc] { *rc = CmdEmployers(g, *a, EmployerView::kInspect); });
  coverage->callback([a, &g, rc] { *rc = CmdEmployers(g, *a, EmployerView::kCoverage); });

  auto* schools = app.add_subcommand("schools", "Trường học");
  schools->require_subcommand(1);
  auto* fund = schools->add_subcommand("fund", "Kinh phí chăm sóc sức khỏe ban đầu (NĐ 146/2018 Điều 33)");
  fund->add_option("--from", a->from, "Các kỳ bắt đầu từ ngày");
  fund->add_option("--to", a->to, "đến ngày");
  AddOutput(fund, a.get());
  fund->callback([a, &g, rc] { *rc = CmdSchoolFund(g, *a); });
  auto* count = schools->add_subcommand("count", "Số học sinh có thẻ (N) từ danh sách học sinh và thẻ BHYT, mọi nhóm");
  count->add_option("--period-from", a->from, "Ngày đầu kỳ cấp kinh phí")->required();
  count->add_option("--months", a->months, "Số tháng của kỳ: 3, 6 hoặc 12");
  count->add_flag("--write", a->write, "Ghi làm số học sinh có thẻ của kỳ (thay cho số trường báo cáo)");
  AddOutput(count, a.get());
  count->callback([a, &g, rc] { *rc = CmdSchoolCount(g, *a); });

  auto* sponsors = app.add_subcommand("sponsors", "Nhà tài trợ mua thẻ BHYT cho hộ khó khăn");
  sponsors->require_subcommand(1);
  auto* report = sponsors->add_subcommand("report", "Cam kết, đã nộp, đã mua thẻ, số dư của từng nhà tài trợ");
  report->add_option("--as-of", a->as_of, "Ngày tính")->required();
  AddOutput(report, a.get());
  report->callback([a, &g, rc] { *rc = CmdSponsorsReport(g, *a); });
  auto* allocate = sponsors->add_subcommand("allocate", "Phân bổ tiền tài trợ: hộ khó khăn nhất chưa có thẻ trước");
  allocate->add_option("--sponsor", a->sponsor, "Mã nhà tài trợ")->required();
  allocate->add_option("--date", a->date, "Ngày đóng tiền mua thẻ")->required();
  allocate->add_option("--unit", a->unit, "Chỉ các hộ trong đơn vị này (mã xã, huyện, tỉnh)");
  allocate->add_option("--months", a->months, "Số tháng: 3, 6 hoặc 12");
  allocate->add_option("--province", a->province, "Mã tỉnh (2 chữ số) để tính hỗ trợ thêm của tỉnh");
  allocate->add_option("--max-households", a->max_households, "Số hộ tối đa");
  allocate->add_flag("--dry-run", a->dry_run, "Chỉ tính, không ghi");
  AddOutput(allocate, a.get());
  allocate->callback([a, &g, rc] { *rc = CmdSponsorsAllocate(g, *a); });
  auto* cards = sponsors->add_subcommand("cards", "Các thẻ nhà tài trợ đã mua");
  cards->add_option("--sponsor", a->sponsor, "Mã nhà tài trợ");
  AddOutput(cards, a.get());
  cards->callback([a, &g, rc] { *rc = CmdSponsoredCards(g, *a); });
}

}  // namespace baophu
