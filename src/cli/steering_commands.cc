// Steering commands: `report weekly` (the weekly report in the officials' form, as PDF, XLSX,
// DOCX or HTML), `report schedule` (every Monday's report into a folder), `report priority`
// (the sub-units ranked by the priority rule), `report forecast` (the year-end rate at the
// recent pace, the weekly enrolments needed) and `report new-rural` (the commune criterion).
#include <CLI/CLI.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "core/text.h"
#include "core/csv.h"
#include "report/report_text.h"
#include "steering/dhis2_export.h"
#include "steering/fhir_export.h"
#include "steering/forecast.h"
#include "steering/new_rural.h"
#include "steering/priority.h"
#include "steering/steering_sections.h"
#include "steering/weekly_document.h"
#include "steering/weekly_report.h"
#include "store/steering_store.h"

namespace baophu {
namespace {

struct SteeringArgs {
  std::string unit, as_of, format = "pdf", out, status = "standard", communes;
  std::string dir, formats = "pdf,docx,xlsx", since, until;  // report schedule (since/until: report dhis2 too)
  int depth = 1;                                             // report dhis2
  bool valid_only = false;                                   // report fhir
  int weeks = 12, lowest = 4, forecast_weeks = 4;
  PriorityRule rule;
};

Result<LoadedRegistry> Load(const Globals& g) {
  auto opened = OpenRegistry(g);
  if (!opened.ok()) return opened.status();
  return std::move(opened->reg);
}

// The area-condition levels; a rules folder without the table (a copy made before it existed,
// under BAOPHU_RULES_DIR) leaves the levels unnamed rather than stopping the weekly report.
ConditionLevels LevelsOrNone() {
  auto l = ConditionLevels::LoadDefault();
  if (l.ok()) return std::move(*l);
  std::fprintf(stderr, "Cảnh báo: %s\n", l.status().message().c_str());
  return ConditionLevels();
}

Result<WeeklyReport> Weekly(const LoadedRegistry& reg, const SteeringArgs& a) {
  auto d = Date::ParseOption(a.as_of);
  if (!d.ok()) return d.status();
  WeeklyQuery q;
  q.unit_code = a.unit;
  q.as_of = *d;
  q.trend_weeks = a.weeks;
  q.lowest = a.lowest;
  q.forecast_weeks = a.forecast_weeks;
  q.priority = a.rule;
  return BuildWeeklyReport(reg, q);
}

int CmdWeekly(const Globals& g, const SteeringArgs& a) {
  if (!IsWeeklyFormat(a.format))
    return Fail(Status::InvalidArgument("--format phải là pdf, xlsx, docx hoặc html: '" + a.format + "'"));
  auto reg = Load(g);
  if (!reg.ok()) return Fail(reg.status());
  auto w = Weekly(*reg, a);
  if (!w.ok()) return Fail(w.status());
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  const ConditionLevels levels = LevelsOrNone();
  auto steering = SteeringStore::Open(g.db);
  if (steering.ok()) {
    if (Status st = AddSteeringSections(*reg, steering->get(), levels, lang, &*w); !st.ok()) return Fail(st);
  } else if (steering.status().code() == Status::Code::kUnsupported) {  // a store without the steering tables yet
    std::fprintf(stderr, "%s\n", steering.status().message().c_str());
  } else {
    return Fail(steering.status());
  }
  const WeeklyDocument doc = BuildWeeklyDocument(*w, reg->rules, lang);
  const std::string path = a.out.empty() ? WeeklyFileName(*w, a.format, lang) : a.out;
  Status st = WriteWeeklyFile(doc, a.format, lang, path);
  if (!st.ok()) return Fail(st);
  std::printf("%s\n%s %s\n", doc.first_paragraph.c_str(), g.en() ? "Wrote" : "Đã ghi", path.c_str());
  return kExitOk;
}

int CmdPriority(const Globals& g, const SteeringArgs& a) {
  auto reg = Load(g);
  if (!reg.ok()) return Fail(reg.status());
  auto w = Weekly(*reg, a);
  if (!w.ok()) return Fail(w.status());
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  std::vector<PriorityRow> ranked = w->units;
  std::stable_sort(ranked.begin(), ranked.end(), [](const PriorityRow& x, const PriorityRow& y) {
    return (x.rank == 0 ? 1 << 30 : x.rank) < (y.rank == 0 ? 1 << 30 : y.rank);
  });
  std::vector<std::vector<std::string>> cells;
  cells.push_back(g.en() ? std::vector<std::string>{"Rank", "Unit", "Rate", "Not insured", "Gap to target", "Score"}
                         : std::vector<std::string>{"Thứ tự", "Đơn vị", "Tỷ lệ", "Chưa tham gia",
                                                    "Còn thiếu so với chỉ tiêu", "Điểm"});
  for (const PriorityRow& p : ranked)
    cells.push_back({p.rank ? std::to_string(p.rank) : "—", p.unit_name,
                     p.rate_hundredths >= 0 ? FormatPercent(p.rate_hundredths, lang) : "—",
                     p.people_to_reach >= 0 ? FormatCount(p.people_to_reach, lang) : "—",
                     p.gap_people >= 0 ? FormatCount(p.gap_people, lang) : "—",
                     p.score >= 0 ? FormatCount(p.score, lang) : "—"});
  std::string text = (g.en() ? "Priority ranking, " : "Thứ tự ưu tiên, ") + w->unit_name + ", " +
                     w->query.as_of.ToVn() + "\n" + (g.en() ? "Rule: " : "Quy tắc: ") + DescribeRule(a.rule, lang) +
                     "\n\n" + RenderTextTable(cells, 2);
  if (!w->focus.empty()) {
    text += g.en() ? "\nFocus units: " : "\nĐơn vị tập trung: ";
    for (size_t i = 0; i < w->focus.size(); ++i) text += (i ? ", " : "") + w->focus[i].unit_name;
    text += "\n";
  }
  return EmitText(g, text, a.out);
}

int CmdForecast(const Globals& g, const SteeringArgs& a) {
  auto reg = Load(g);
  if (!reg.ok()) return Fail(reg.status());
  auto w = Weekly(*reg, a);
  if (!w.ok()) return Fail(w.status());
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  const WeeklyDocument doc = BuildWeeklyDocument(*w, reg->rules, lang);
  // The forecast paragraph is the last paragraph of section III.
  std::string forecast;
  bool in_trend = false;
  for (const DocBlock& b : doc.blocks) {
    if (b.kind == DocBlock::kHeading) in_trend = b.text.rfind("III.", 0) == 0;
    if (in_trend && b.kind == DocBlock::kParagraph) forecast = b.text;
  }
  return EmitText(g, w->unit_name + "\n" + forecast + "\n", a.out);
}

int CmdNewRural(const Globals& g, const SteeringArgs& a) {
  auto d = Date::ParseOption(a.as_of);
  if (!d.ok()) return Fail(d.status());
  auto table = NewRuralTable::LoadDefault();
  if (!table.ok()) return Fail(table.status());
  // --communes FILE: code,status per commune (the others take --status; an empty one: left out).
  std::map<std::string, std::string> status_of;
  if (!a.communes.empty()) {
    auto r = CsvReader::Open(a.communes);
    if (!r.ok()) return Fail(r.status());
    std::vector<std::string> f;
    r->Next(&f);  // header: code,status
    while (r->Next(&f))
      if (f.size() >= 2) status_of[f[0]] = f[1];
    if (!r->status().ok()) return Fail(r->status());
  }
  auto reg = Load(g);
  if (!reg.ok()) return Fail(reg.status());
  auto rows = CheckNewRural(*reg, *table, a.unit, *d, status_of, a.status);
  if (!rows.ok()) return Fail(rows.status());
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  std::vector<std::vector<std::string>> cells;
  cells.push_back(
      g.en() ? std::vector<std::string>{"Commune", "Status", "Rate", "Threshold", "Met", "People short", "Source"}
             : std::vector<std::string>{"Xã", "Mức nông thôn mới", "Tỷ lệ", "Ngưỡng", "Đạt", "Còn thiếu (người)",
                                        "Căn cứ"});
  int met = 0, known = 0;
  for (const NewRuralRow& n : *rows) {
    const bool has = n.threshold_hundredths >= 0 && n.people_short >= 0;
    known += has;
    met += has && n.met;
    cells.push_back({n.unit_name, n.status, n.rate_hundredths >= 0 ? FormatPercent(n.rate_hundredths, lang) : "—",
                     n.threshold_hundredths >= 0 ? FormatPercent(n.threshold_hundredths, lang) : "—",
                     !has    ? "—"
                     : n.met ? (g.en() ? "yes" : "đạt")
                             : (g.en() ? "no" : "chưa đạt"),
                     has ? FormatCount(n.people_short, lang) : "—",
                     n.rule ? n.rule->source + (n.rule->confidence == "?" ? " [?]" : "") : ""});
  }
  std::string text = RenderTextTable(cells, 2);
  text += (g.en() ? "\nMet: " : "\nĐạt: ") + std::to_string(met) + "/" + std::to_string(known) + "\n";
  return EmitText(g, text, a.out);
}

// Every Monday from --since to --until (default today) whose report is not in --dir yet gets it,
// as of the Sunday before (the week's last day): run daily (cron, a systemd timer) and each
// Monday's report appears once; a missed Monday is caught up on the next run.
int CmdSchedule(const Globals& g, const SteeringArgs& a) {
  auto since = Date::ParseOption(a.since);
  if (!since.ok()) return Fail(since.status());
  Date until;
  if (a.until.empty()) {
    const auto now = std::chrono::system_clock::now();
    until = Date::FromDays(
        static_cast<int32_t>(std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24));
  } else {
    auto u = Date::ParseOption(a.until);
    if (!u.ok()) return Fail(u.status());
    until = *u;
  }
  std::vector<std::string> formats;
  for (size_t p = 0; p <= a.formats.size();) {
    const size_t c = std::min(a.formats.find(',', p), a.formats.size());
    const std::string f = a.formats.substr(p, c - p);
    if (!IsWeeklyFormat(f))
      return Fail(Status::InvalidArgument("--formats: '" + f + "' không phải pdf, xlsx, docx, html"));
    formats.push_back(f);
    p = c + 1;
  }
  std::error_code ec;
  std::filesystem::create_directories(a.dir, ec);
  if (ec) return Fail(Status::IOError("không tạo được thư mục " + a.dir + ": " + ec.message()));
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  Date monday = since->AddDays((7 - since->Weekday()) % 7);  // the first Monday on or after since
  std::unique_ptr<LoadedRegistry> reg;
  std::unique_ptr<SteeringStore> steering;
  std::optional<ConditionLevels> levels;
  int written = 0;
  for (; monday <= until; monday = monday.AddDays(7)) {
    const Date as_of = monday.AddDays(-1);
    std::vector<std::string> missing;
    for (const std::string& f : formats) {
      const std::string path = a.dir + "/" + std::string(lang == Lang::kVi ? "bao-cao-tuan-" : "weekly-report-") +
                               a.unit + "-" + as_of.ToIso() + "." + f;
      if (!std::filesystem::exists(path)) missing.push_back(f);
    }
    if (missing.empty()) continue;
    if (!reg) {  // loaded once, and only when something is to be written
      auto r = Load(g);
      if (!r.ok()) return Fail(r.status());
      reg = std::make_unique<LoadedRegistry>(std::move(*r));
      auto st = SteeringStore::Open(g.db);
      if (!st.ok()) return Fail(st.status());
      steering = std::move(*st);
      levels = LevelsOrNone();
    }
    SteeringArgs one = a;
    one.as_of = as_of.ToIso();
    auto w = Weekly(*reg, one);
    if (!w.ok()) return Fail(w.status());
    if (Status st = AddSteeringSections(*reg, steering.get(), *levels, lang, &*w); !st.ok()) return Fail(st);
    const WeeklyDocument doc = BuildWeeklyDocument(*w, reg->rules, lang);
    for (const std::string& f : missing) {
      const std::string path = a.dir + "/" + WeeklyFileName(*w, f, lang);
      if (Status st = WriteWeeklyFile(doc, f, lang, path); !st.ok()) return Fail(st);
      std::printf("%s %s\n", g.en() ? "Wrote" : "Đã ghi", path.c_str());
      ++written;
    }
  }
  if (written == 0)
    std::printf("%s\n", g.en() ? "Nothing to write: every Monday's report is there."
                               : "Không có gì cần ghi: đã đủ báo cáo của các thứ Hai.");
  return kExitOk;
}

int CmdDhis2(const Globals& g, const SteeringArgs& a) {
  auto from = Date::ParseOption(a.since);
  if (!from.ok()) return Fail(from.status());
  auto to = Date::ParseOption(a.until);
  if (!to.ok()) return Fail(to.status());
  auto reg = Load(g);
  if (!reg.ok()) return Fail(reg.status());
  Dhis2Query q;
  q.unit_code = a.unit;
  q.from = *from;
  q.to = *to;
  q.depth = a.depth;
  auto json = ExportDhis2DataValueSet(*reg, q);
  if (!json.ok()) return Fail(json.status());
  return EmitText(g, *json + "\n", a.out);
}

// People's coverage as FHIR R4 Patient + Coverage resources (a Bundle). Personal data: the
// export is audited.
int CmdFhir(const Globals& g, const SteeringArgs& a) {
  auto as_of = Date::ParseOption(a.as_of);
  if (!as_of.ok()) return Fail(as_of.status());
  auto opened = OpenRegistry(g);
  if (!opened.ok()) return Fail(opened.status());
  FhirQuery q;
  q.unit_code = a.unit;
  q.as_of = *as_of;
  q.valid_only = a.valid_only;
  auto people = FhirPeople(opened->reg, q);
  if (!people.ok()) return Fail(people.status());
  if (!a.out.empty()) {
    Status st = AuditCliExport(g, "fhir.export", "fhir json", a.unit);
    if (!st.ok()) return Fail(st);
  }
  // Streamed to the file (or stdout) as it is made: a district's Bundle never sits in memory.
  std::FILE* f = a.out.empty() ? stdout : std::fopen(a.out.c_str(), "wb");
  if (!f) return Fail(Status::IOError("không ghi được tệp '" + a.out + "'"));
  FhirCounts counts;
  Status st = WriteFhirBundle(opened->reg, opened->store.get(), q, *people, [f](std::string_view piece) {
    return std::fwrite(piece.data(), 1, piece.size(), f) == piece.size();
  }, &counts);
  bool written = st.ok() && std::fputs("\n", f) >= 0;
  written = (f == stdout ? std::fflush(f) == 0 : std::fclose(f) == 0) && written;
  if (!st.ok()) return Fail(st);
  if (!written) return Fail(Status::IOError("không ghi được tệp '" + a.out + "'"));
  int rc = kExitOk;
  if (!a.out.empty()) {
    std::printf(g.en() ? "Wrote %s\n" : "Đã ghi %s\n", a.out.c_str());
    std::fprintf(stderr, g.en() ? "%s patients, %s coverages\n" : "%s người (Patient), %s thẻ (Coverage)\n",
                 FormatIntVn(counts.patients).c_str(), FormatIntVn(counts.coverages).c_str());
  }
  return rc;
}

}  // namespace

void RegisterSteeringCommands(CLI::App& app, const Globals& g, int* rc) {
  auto a = std::make_shared<SteeringArgs>();
  auto* report = app.add_subcommand("report", "Báo cáo chỉ đạo: báo cáo tuần, thứ tự ưu tiên, dự báo");
  report->require_subcommand(1);
  auto common = [a](CLI::App* c) {
    c->add_option("--unit", a->unit, "Mã đơn vị (tỉnh, huyện, xã)")->required();
    c->add_option("--as-of", a->as_of, "Tính đến ngày (dd/mm/yyyy hoặc yyyy-mm-dd)")->required();
    c->add_option("--weight-people", a->rule.weight_people, "Trọng số số người chưa tham gia (mặc định 70)")
        ->check(CLI::Range(0, 100));
    c->add_option("--weight-rate", a->rule.weight_rate, "Trọng số mức thiếu của tỷ lệ so với 100 % (mặc định 30)")
        ->check(CLI::Range(0, 100));
    c->add_option("--focus", a->rule.focus, "Số đơn vị tập trung được nêu tên (mặc định 5)")->check(CLI::Range(0, 100));
    c->add_option("--out", a->out, "Ghi ra tệp");
  };
  auto* weekly = report->add_subcommand("weekly", "Báo cáo tuần tình hình bao phủ BHYT (PDF, XLSX, DOCX, HTML)");
  common(weekly);
  weekly->add_option("--format", a->format, "pdf (mặc định) | xlsx | docx | html");
  weekly->add_option("--weeks", a->weeks, "Số tuần của biểu đồ diễn biến (mặc định 12)")->check(CLI::Range(1, 104));
  weekly->add_option("--lowest", a->lowest, "Nêu tên tối đa bấy nhiêu đơn vị thấp nhất dưới chỉ tiêu (mặc định 4)")
      ->check(CLI::Range(0, 100));
  weekly->add_option("--forecast-weeks", a->forecast_weeks, "Số tuần tính nhịp độ cho dự báo (mặc định 4)")
      ->check(CLI::Range(1, 52));
  weekly->callback([a, &g, rc] { *rc = CmdWeekly(g, *a); });
  auto* priority = report->add_subcommand("priority", "Xếp thứ tự ưu tiên các đơn vị trực thuộc");
  common(priority);
  priority->callback([a, &g, rc] { *rc = CmdPriority(g, *a); });
  auto* forecast = report->add_subcommand("forecast", "Dự báo tỷ lệ cuối năm và số người cần tăng mỗi tuần");
  common(forecast);
  forecast->add_option("--forecast-weeks", a->forecast_weeks, "Số tuần tính nhịp độ (mặc định 4)")
      ->check(CLI::Range(1, 52));
  forecast->callback([a, &g, rc] { *rc = CmdForecast(g, *a); });
  auto* rural = report->add_subcommand(
      "new-rural", "Tiêu chí BHYT xã nông thôn mới: từng xã đạt/chưa đạt, còn thiếu bao nhiêu người");
  rural->add_option("--unit", a->unit, "Mã đơn vị (huyện, tỉnh)")->required();
  rural->add_option("--as-of", a->as_of, "Tính đến ngày")->required();
  rural->add_option("--status", a->status, "Mức phấn đấu của các xã: standard (mặc định) | advanced | model");
  rural->add_option("--communes", a->communes,
                    "Tệp CSV code,status: mức của từng xã (xã không có trong tệp theo --status)");
  rural->add_option("--out", a->out, "Ghi ra tệp");
  rural->callback([a, &g, rc] { *rc = CmdNewRural(g, *a); });
  auto* schedule = report->add_subcommand(
      "schedule",
      "Ghi báo cáo tuần của mỗi thứ Hai (tính đến Chủ nhật trước đó) còn thiếu vào một thư mục; chạy hằng ngày");
  schedule->add_option("--unit", a->unit, "Mã đơn vị")->required();
  schedule->add_option("--dir", a->dir, "Thư mục ghi báo cáo")->required();
  schedule->add_option("--since", a->since, "Từ ngày (thứ Hai đầu tiên từ ngày này)")->required();
  schedule->add_option("--until", a->until, "Đến ngày (mặc định hôm nay)");
  schedule->add_option("--formats", a->formats, "Các định dạng, cách nhau dấu phẩy (mặc định pdf,docx,xlsx)");
  schedule->callback([a, &g, rc] { *rc = CmdSchedule(g, *a); });
  auto* dhis2 = report->add_subcommand("dhis2", "Xuất số liệu bao phủ theo tuần dạng DHIS2 data value set (JSON)");
  dhis2->add_option("--unit", a->unit, "Mã đơn vị")->required();
  dhis2->add_option("--from", a->since, "Từ ngày")->required();
  dhis2->add_option("--to", a->until, "Đến ngày")->required();
  dhis2->add_option("--depth", a->depth, "Số cấp dưới đơn vị (mặc định 1)")->check(CLI::Range(0, 4));
  dhis2->add_option("--out", a->out, "Ghi ra tệp");
  dhis2->callback([a, &g, rc] { *rc = CmdDhis2(g, *a); });
  auto* fhir = report->add_subcommand(
      "fhir", "Xuất người tham gia và thẻ BHYT dạng HL7 FHIR R4 (Patient, Coverage) trong một Bundle JSON");
  fhir->add_option("--unit", a->unit, "Mã đơn vị (xã, huyện)")->required();
  fhir->add_option("--as-of", a->as_of, "Ngày (đơn vị hành chính của ngày này)")->required();
  fhir->add_flag("--valid-only", a->valid_only, "Chỉ thẻ còn hạn vào ngày đó (và người có thẻ)");
  fhir->add_option("--out", a->out, "Ghi ra tệp (việc xuất được ghi nhật ký)");
  fhir->callback([a, &g, rc] { *rc = CmdFhir(g, *a); });
  RegisterSteeringDataCommands(app, g, rc);
}

}  // namespace baophu
