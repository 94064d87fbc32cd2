// The outreach commands: `list KIND` (the people to reach, per unit and date, as a table, CSV
// or XLSX) and `outreach import|confirm|assign|outcome|progress` (the outside lists, decisions
// on uncertain matches, assignments, outcomes and the conversion rate). Each parses its
// options, calls one function of outreach/ and prints.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "core/text.h"
#include "outreach/followup.h"
#include "outreach/list_format.h"
#include "outreach/match_confirm.h"
#include "outreach/roster_import.h"
#include "store/account_store.h"

namespace baophu {
namespace {

using namespace outreach;  // NOLINT: the command file of the outreach layer

struct OutreachArgs {
  std::string kind, unit, as_of, group, klass, format = "table", out, file, errors;
  std::string entry, to, rule, outcome, date, note, by, bhxh, view = "assignee";
  int window = 365, days = 30;
  bool unmask = false, accept_valid = false, reject = false, summary = false;
};

// Everything a list needs, opened for one command.
struct Opened {
  std::unique_ptr<Store> store;
  std::unique_ptr<OutreachStore> outreach;
  LoadedRegistry reg;
  MoneyRules money;
  ListContext ctx() {
    ListContext c;
    c.reg = &reg;
    c.store = store.get();
    c.outreach = outreach.get();
    c.money = &money;
    return c;
  }
};

Result<std::unique_ptr<Opened>> Open(const Globals& g, bool registry) {
  auto o = std::make_unique<Opened>();
  auto store = OpenStore(g);
  if (!store.ok()) return store.status();
  o->store = std::move(*store);
  auto out = OutreachStore::Open(g.db);
  if (!out.ok()) return out.status();
  o->outreach = std::move(*out);
  if (!registry) return o;
  auto rules = LoadRules();
  if (!rules.ok()) return rules.status();
  auto reg = LoadRegistryFor(g, o->store.get(), std::move(*rules));
  if (!reg.ok()) return reg.status();
  o->reg = std::move(*reg);
  auto money = MoneyRules::LoadDefault();
  if (!money.ok()) return money.status();
  o->money = std::move(*money);
  return o;
}

Result<ListRequest> Request(const OutreachArgs& a) {
  ListRequest r;
  auto k = ParseListKind(a.kind);
  if (!k.ok()) return k.status();
  r.kind = *k;
  auto d = Date::ParseOption(a.as_of);
  if (!d.ok()) return d.status();
  r.as_of = *d;
  r.unit = a.unit;
  r.window_days = a.window;
  r.days = a.days;
  r.group = a.group;
  r.subgroup = a.klass;
  return r;
}

// Exports of personal data are audited in the accounts' log (user "cli:<login>").
Status AuditExport(const Globals& g, const std::string& what, const std::string& unit) {
  return AuditCliExport(g, "outreach.export", what, unit);
}

int Emit(const Globals& g, const OutreachArgs& a, const std::vector<money::MoneyTable>& tables,
         const std::string& headline, const std::string& audit_what) {
  if (a.format == "xlsx") {
    if (a.out.empty()) return Fail(Status::InvalidArgument("--format xlsx cần --out TỆP.xlsx"));
    Status st = tables.back().WriteXlsx(a.out, g.en() ? "List" : "Danh sách");
    if (!st.ok()) return Fail(st);
    if (!audit_what.empty()) {
      st = AuditExport(g, audit_what + " xlsx", a.unit);
      if (!st.ok()) return Fail(st);
    }
    std::printf(g.en() ? "Wrote %s\n" : "Đã ghi %s\n", a.out.c_str());
    return kExitOk;
  }
  std::string text;
  if (a.format == "csv") {
    text = tables.back().ToCsv();
  } else if (a.format == "table") {
    if (!headline.empty()) text = headline + "\n\n";
    for (const auto& t : tables)
      if (!t.empty()) text += t.ToText(g.en()) + "\n";
  } else {
    return Fail(Status::InvalidArgument("--format phải là table, csv hoặc xlsx: '" + a.format + "'"));
  }
  if (!a.out.empty() && !audit_what.empty()) {
    Status st = AuditExport(g, audit_what + " " + a.format, a.unit);
    if (!st.ok()) return Fail(st);
  }
  return EmitText(g, text, a.out);
}

int CmdList(const Globals& g, const OutreachArgs& a) {
  auto req = Request(a);
  if (!req.ok()) return Fail(req.status());
  auto o = Open(g, true);
  if (!o.ok()) return Fail(o.status());
  auto list = BuildList((*o)->ctx(), *req);
  if (!list.ok()) return Fail(list.status());
  std::vector<money::MoneyTable> tables;
  money::MoneyTable sections = SectionsTable(*list, g.en());
  if (!list->sections.empty()) tables.push_back(sections);
  if (a.summary) {
    if (tables.empty()) tables.push_back(sections);
    return Emit(g, a, tables, ListHeadline(*list, g.en()), "");
  }
  tables.push_back(EntriesTable(*list, g.en(), a.unmask));  // titled with the headline
  // An empty list prints its headline alone (an empty table prints nothing).
  return Emit(g, a, tables, list->entries.empty() && list->sections.empty() ? ListHeadline(*list, g.en()) : "",
              std::string("list ") + ListKindKey(list->kind));
}

int CmdImportList(const Globals& g, const OutreachArgs& a) {
  auto kind = ParseListImportKind(a.kind);
  if (!kind.ok()) return Fail(kind.status());
  auto o = Open(g, false);
  if (!o.ok()) return Fail(o.status());
  ImportOptions opts;
  opts.accept_valid = a.accept_valid;
  auto r = ImportListFile((*o)->store.get(), (*o)->outreach.get(), *kind, a.file, opts);
  if (!r.ok()) return Fail(r.status());
  std::string name = std::filesystem::path(a.file).filename().string();
  std::printf(g.en() ? "Import %s from %s: read %s, inserted %s, updated %s, unchanged %s, rejected %s\n"
                     : "Nhập %s từ %s: đọc %s, thêm mới %s, cập nhật %s, không đổi %s, bị từ chối %s\n",
              a.kind.c_str(), name.c_str(), FormatIntVn(r->read).c_str(), FormatIntVn(r->inserted).c_str(),
              FormatIntVn(r->updated).c_str(), FormatIntVn(r->unchanged).c_str(), FormatIntVn(r->rejected).c_str());
  for (const RowError& e : r->errors)
    std::printf("  Lỗi: %s dòng %lld, cột %s, giá trị '%s': %s\n", e.file.c_str(), static_cast<long long>(e.line),
                e.column.c_str(), e.value.c_str(), e.reason.c_str());
  if (!a.errors.empty()) {
    Status st = WriteErrorsCsv(r->errors, a.errors);
    if (!st.ok()) return Fail(st);
  }
  if (r->rejected > 0) {
    if (!r->committed)
      std::printf("Không ghi gì vào cơ sở dữ liệu (nhập tất cả hoặc không). Sửa các dòng lỗi, hoặc dùng --accept-valid.\n");
    return kExitRejectedRows;
  }
  return kExitOk;
}

int CmdConfirm(const Globals& g, const OutreachArgs& a) {
  MatchChoice c;
  c.entry_key = a.entry;
  auto b = BhxhNumber::Parse(a.bhxh);
  if (!b.ok()) return Fail(b.status());
  c.bhxh = *b;
  c.reject = a.reject;
  c.decided_by = a.by;
  auto o = Open(g, false);
  if (!o.ok()) return Fail(o.status());
  auto row = DecideMatch((*o)->store.get(), (*o)->outreach.get(), c);
  if (!row.ok()) return Fail(row.status());
  std::printf(g.en() ? (a.reject ? "Rejected %s for %s\n" : "Confirmed %s for %s\n")
                     : (a.reject ? "Đã loại %s khỏi mục %s\n" : "Đã xác nhận %s cho mục %s\n"),
              a.bhxh.c_str(), a.entry.c_str());
  return kExitOk;
}

int CmdAssign(const Globals& g, const OutreachArgs& a) {
  auto req = Request(a);
  if (!req.ok()) return Fail(req.status());
  auto o = Open(g, true);
  if (!o.ok()) return Fail(o.status());
  if (!a.rule.empty()) {
    auto rule = ParseAssignRule(a.rule);
    if (!rule) return Fail(Status::InvalidArgument("--rule phải là class, hamlet hoặc organisation: '" + a.rule + "'"));
    auto rep = AssignByRule((*o)->ctx(), *req, *rule);
    if (!rep.ok()) return Fail(rep.status());
    std::printf(g.en() ? "Assigned %s entries by %s; %s already assigned; %s without a responsible person\n"
                       : "Đã giao %s mục theo %s; %s mục đã giao trước đó; %s mục chưa có người phụ trách\n",
                FormatIntVn(rep->assigned).c_str(), a.rule.c_str(), FormatIntVn(rep->already).c_str(),
                FormatIntVn(rep->without_responsible).c_str());
    return kExitOk;
  }
  if (a.entry.empty() || a.to.empty()) return Fail(Status::InvalidArgument("cần --entry và --to, hoặc --rule"));
  Status st = AssignEntry((*o)->ctx(), *req, a.entry, a.to);
  if (!st.ok()) return Fail(st);
  std::printf(g.en() ? "Assigned %s to %s\n" : "Đã giao %s cho %s\n", a.entry.c_str(), a.to.c_str());
  return kExitOk;
}

int CmdOutcome(const Globals& g, const OutreachArgs& a) {
  OutcomeRecord r;
  auto k = ParseListKind(a.kind);
  if (!k.ok()) return Fail(k.status());
  r.list = ListKindKey(*k);
  r.entry_key = a.entry;
  auto kind = ParseOutcomeKind(a.outcome);
  if (!kind)
    return Fail(Status::InvalidArgument("--outcome phải là contacted, promised, enrolled, refused, moved, deceased "
                                        "hoặc wrong-data: '" + a.outcome + "'"));
  r.outcome = *kind;
  auto d = Date::ParseOption(a.date);
  if (!d.ok()) return Fail(d.status());
  r.date = *d;
  r.note = ToNfc(a.note);
  r.recorded_by = a.by;
  auto o = Open(g, false);
  if (!o.ok()) return Fail(o.status());
  auto seq = RecordOutcome((*o)->outreach.get(), r);
  if (!seq.ok()) return Fail(seq.status());
  std::printf(g.en() ? "Recorded %s for %s on %s\n" : "Đã ghi kết quả '%s' cho %s ngày %s\n",
              g.en() ? OutcomeNameEn(r.outcome) : OutcomeNameVi(r.outcome), r.entry_key.c_str(), r.date.ToVn().c_str());
  return kExitOk;
}

int CmdProgress(const Globals& g, const OutreachArgs& a) {
  auto d = Date::ParseOption(a.as_of);
  if (!d.ok()) return Fail(d.status());
  auto o = Open(g, true);
  if (!o.ok()) return Fail(o.status());
  auto p = BuildProgress((*o)->ctx(), *d, a.unit);
  if (!p.ok()) return Fail(p.status());
  std::vector<money::MoneyTable> tables;
  if (a.view == "entries") tables.push_back(ProgressEntriesTable(*p, g.en()));
  else if (a.view == "unit") tables.push_back(ConversionTable(*p, true, g.en()));
  else if (a.view == "assignee") tables.push_back(ConversionTable(*p, false, g.en()));
  else return Fail(Status::InvalidArgument("--by phải là assignee, unit hoặc entries: '" + a.view + "'"));
  return Emit(g, a, tables, "", a.view == "entries" ? "outreach progress" : "");
}

void AddListOptions(CLI::App* c, OutreachArgs* a, bool output) {
  c->add_option("--unit", a->unit, "Mã đơn vị (tỉnh, huyện, xã hoặc thôn)")->required();
  c->add_option("--as-of", a->as_of, "Ngày của danh sách (dd/mm/yyyy)")->required();
  c->add_option("--window", a->window, "Hết hạn: thẻ cuối cùng hết hạn trong bao nhiêu ngày trước (mặc định 365)");
  c->add_option("--days", a->days, "Sắp hết hạn: trong bao nhiêu ngày tới (mặc định 30)");
  c->add_option("--group", a->group, "Chỉ một trường / tổ chức / loại đối tượng");
  c->add_option("--class", a->klass, "Chỉ một lớp của trường");
  if (output) {
    c->add_option("--format", a->format, "table | csv | xlsx");
    c->add_option("--out", a->out, "Ghi ra tệp");
  }
}

}  // namespace

void RegisterOutreachCommands(CLI::App& app, const Globals& g, int* rc) {
  auto a = std::make_shared<OutreachArgs>();
  auto* list = app.add_subcommand("list", "Danh sách cần vận động: expired, expiring, households, pupils, "
                                          "beneficiaries, members, matches");
  list->add_option("kind", a->kind, "Loại danh sách")->required();
  AddListOptions(list, a.get(), true);
  list->add_flag("--summary", a->summary, "Chỉ bảng tổng hợp (theo trường, lớp, tổ chức, loại, hộ)");
  list->add_flag("--show-personal", a->unmask, "Hiện đủ số CCCD và điện thoại (vai trò cần đến)");
  list->callback([a, &g, rc] { *rc = CmdList(g, *a); });

  auto* o = app.add_subcommand("outreach", "Vận động: nhập danh sách, xác nhận đối chiếu, giao việc, kết quả");
  o->require_subcommand(1);
  auto* imp = o->add_subcommand("import", "Nhập danh sách: pupils, beneficiaries, members, responsibles");
  imp->add_option("kind", a->kind, "Loại danh sách")->required();
  imp->add_option("file", a->file, "Tệp .csv hoặc .xlsx")->required()->check(CLI::ExistingFile);
  imp->add_flag("--accept-valid", a->accept_valid, "Nhập các dòng hợp lệ khi có dòng lỗi");
  imp->add_option("--errors", a->errors, "Ghi các dòng bị từ chối ra tệp CSV");
  imp->callback([a, &g, rc] { *rc = CmdImportList(g, *a); });

  auto* confirm = o->add_subcommand("confirm", "Xác nhận (hoặc loại) một ứng viên của đối chiếu chưa chắc chắn");
  confirm->add_option("--entry", a->entry, "Mã mục (r:…) trong danh sách matches")->required();
  confirm->add_option("--bhxh", a->bhxh, "Mã số BHXH của ứng viên")->required();
  confirm->add_flag("--reject", a->reject, "Không phải người này");
  confirm->add_option("--by", a->by, "Người xác nhận");
  confirm->callback([a, &g, rc] { *rc = CmdConfirm(g, *a); });

  auto* assign = o->add_subcommand("assign", "Giao mục của danh sách cho người phụ trách (từng mục, hoặc theo quy tắc)");
  assign->add_option("kind", a->kind, "Loại danh sách")->required();
  AddListOptions(assign, a.get(), false);
  assign->add_option("--entry", a->entry, "Mã mục (cột 'Mã mục' của danh sách)");
  assign->add_option("--to", a->to, "Người phụ trách");
  assign->add_option("--rule", a->rule, "class (lớp → giáo viên), hamlet (thôn → cán bộ), organisation (tổ chức)");
  assign->callback([a, &g, rc] { *rc = CmdAssign(g, *a); });

  auto* outcome = o->add_subcommand("outcome", "Ghi kết quả vận động của một mục đã giao");
  outcome->add_option("kind", a->kind, "Loại danh sách")->required();
  outcome->add_option("--entry", a->entry, "Mã mục")->required();
  outcome->add_option("--outcome", a->outcome,
                      "contacted, promised, enrolled, refused, moved, deceased, wrong-data")->required();
  outcome->add_option("--date", a->date, "Ngày")->required();
  outcome->add_option("--note", a->note, "Ghi chú");
  outcome->add_option("--by", a->by, "Người ghi");
  outcome->callback([a, &g, rc] { *rc = CmdOutcome(g, *a); });

  auto* progress = o->add_subcommand("progress", "Kết quả vận động: tỷ lệ thành công theo người phụ trách, đơn vị");
  progress->add_option("--as-of", a->as_of, "Ngày tính")->required();
  progress->add_option("--unit", a->unit, "Chỉ các mục của đơn vị này");
  progress->add_option("--by", a->view, "assignee | unit | entries");
  progress->add_option("--format", a->format, "table | csv | xlsx");
  progress->add_option("--out", a->out, "Ghi ra tệp");
  progress->callback([a, &g, rc] { *rc = CmdProgress(g, *a); });
}

}  // namespace baophu
