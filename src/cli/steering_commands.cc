// Steering commands: `report weekly` (the weekly report in the officials' form, as PDF, XLSX,
// DOCX or HTML), `report priority` (the sub-units ranked by the priority rule) and
// `report forecast` (the year-end rate at the recent pace, the weekly enrolments needed).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "report/report_text.h"
#include "steering/forecast.h"
#include "steering/priority.h"
#include "steering/steering_sections.h"
#include "store/steering_store.h"
#include "steering/weekly_document.h"
#include "steering/weekly_report.h"

namespace baophu {
namespace {

struct SteeringArgs {
  std::string unit, as_of, format = "pdf", out;
  int weeks = 12, lowest = 4, forecast_weeks = 4;
  PriorityRule rule;
};

Result<LoadedRegistry> Load(const Globals& g) {
  auto rules = LoadRules();
  if (!rules.ok()) return rules.status();
  auto store = OpenStore(g);
  if (!store.ok()) return store.status();
  return LoadRegistryFor(g, store->get(), std::move(*rules));
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
  auto levels = ConditionLevels::LoadDefault();
  if (!levels.ok()) return Fail(levels.status());
  auto steering = SteeringStore::Open(g.db);
  if (!steering.ok()) return Fail(steering.status());
  if (Status st = AddSteeringSections(*reg, steering->get(), *levels, lang, &*w); !st.ok()) return Fail(st);
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
                         : std::vector<std::string>{"Thứ tự", "Đơn vị", "Tỷ lệ", "Chưa tham gia", "Còn thiếu so với chỉ tiêu",
                                                    "Điểm"});
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
  forecast->add_option("--forecast-weeks", a->forecast_weeks, "Số tuần tính nhịp độ (mặc định 4)")->check(CLI::Range(1, 52));
  forecast->callback([a, &g, rc] { *rc = CmdForecast(g, *a); });
  RegisterSteeringDataCommands(app, g, rc);
}

}  // namespace baophu
