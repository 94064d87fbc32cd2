// Commands about coverage over time: `series` (insured, rate and gap of one unit and group on a
// run of dates) and `flows` (new, renewed and lapsed people of a period, per sub-unit).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "report/coverage_series.h"
#include "report/registry_loader.h"

namespace baophu {
namespace {

struct TimeArgs {
  std::string unit = kCountryCode, group = "ALL", from, to, every = "week", units_of, format = "table", out;
  int week_start = 1;
  int depth = 1;
};

Result<ReportingGroupId> ParseGroup(const RuleSet& rules, const std::string& text) {
  if (text.empty() || text == "ALL" || text == "all" || text == "0") return kAllGroups;
  if (const ReportingGroup* g = rules.FindGroupByCode(text)) return g->id;
  try {
    int id = std::stoi(text);
    if (const ReportingGroup* g = rules.FindGroup(static_cast<ReportingGroupId>(id))) return g->id;
  } catch (...) {
  }
  std::string known;
  for (const ReportingGroup& g : rules.groups()) known += (known.empty() ? "" : ", ") + g.code;
  return Status::InvalidArgument("không có nhóm đối tượng '" + text + "' (các nhóm: ALL, " + known + ")");
}

int CmdSeries(const Globals& g, const TimeArgs& a) {
  auto rules = LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  SeriesQuery q;
  q.unit_code = a.unit;
  auto group = ParseGroup(*rules, a.group);
  if (!group.ok()) return Fail(group.status());
  q.group = *group;
  auto from = Date::ParseOption(a.from);
  if (!from.ok()) return Fail(from.status());
  auto to = Date::ParseOption(a.to);
  if (!to.ok()) return Fail(to.status());
  q.from = *from;
  q.to = *to;
  auto every = ParseEvery(a.every);
  if (!every.ok()) return Fail(every.status());
  q.every = *every;
  q.week_start = a.week_start;
  if (!a.units_of.empty()) {
    auto u = Date::ParseOption(a.units_of);
    if (!u.ok()) return Fail(u.status());
    q.units_of = *u;
  }
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto reg = LoadRegistryFor(g, store->get(), std::move(*rules));
  if (!reg.ok()) return Fail(reg.status());
  auto s = BuildCoverageSeries(*reg, q);
  if (!s.ok()) return Fail(s.status());
  if (a.format == "table") return EmitText(g, FormatSeriesTable(*s, *reg, g.en() ? Lang::kEn : Lang::kVi), a.out);
  if (a.format == "csv") return EmitText(g, FormatSeriesCsv(*s, reg->rules), a.out);
  if (a.format == "json") return EmitText(g, FormatSeriesJson(*s, reg->rules), a.out);
  if (a.format == "xlsx")
    return EmitXlsx(g, a.out, [&](const std::string& path) {
      return WriteSeriesXlsx(*s, reg->rules, g.en() ? Lang::kEn : Lang::kVi, path);
    });
  return Fail(Status::InvalidArgument("--format phải là table, csv, json hoặc xlsx: '" + a.format + "'"));
}

int CmdFlows(const Globals& g, const TimeArgs& a) {
  auto rules = LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  FlowsQuery q;
  q.unit_code = a.unit;
  q.depth = a.depth;
  auto from = Date::ParseOption(a.from);
  if (!from.ok()) return Fail(from.status());
  auto to = Date::ParseOption(a.to);
  if (!to.ok()) return Fail(to.status());
  q.from = *from;
  q.to = *to;
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto reg = LoadRegistryFor(g, store->get(), std::move(*rules));
  if (!reg.ok()) return Fail(reg.status());
  auto f = BuildCoverageFlows(*reg, q);
  if (!f.ok()) return Fail(f.status());
  if (a.format == "table") return EmitText(g, FormatFlowsTable(*f, reg->rules, g.en() ? Lang::kEn : Lang::kVi), a.out);
  if (a.format == "csv") return EmitText(g, FormatFlowsCsv(*f, reg->rules), a.out);
  if (a.format == "xlsx")
    return EmitXlsx(g, a.out, [&](const std::string& path) {
      return WriteFlowsXlsx(*f, reg->rules, g.en() ? Lang::kEn : Lang::kVi, path);
    });
  return Fail(Status::InvalidArgument("--format phải là table, csv hoặc xlsx: '" + a.format + "'"));
}

}  // namespace

void RegisterTimeCommands(CLI::App& app, const Globals& g, int* rc) {
  auto a = std::make_shared<TimeArgs>();
  auto* series = app.add_subcommand("series", "Diễn biến tỷ lệ bao phủ theo ngày, tuần, tháng hoặc năm");
  series->add_option("--unit", a->unit, "Mã đơn vị (mặc định VN: toàn quốc)");
  series->add_option("--group", a->group, "Nhóm đối tượng: ALL (mặc định), NLD, BHXH, NSNN, NSHT, HSSV, HGD…");
  series->add_option("--from", a->from, "Ngày đầu (dd/mm/yyyy hoặc yyyy-mm-dd)")->required();
  series->add_option("--to", a->to, "Ngày cuối")->required();
  series->add_option("--every", a->every, "day | week (mặc định) | month | year");
  series->add_option("--week-start", a->week_start, "Điểm hằng tuần rơi vào thứ: 1 = thứ Hai (mặc định) … 7 = Chủ nhật")
      ->check(CLI::Range(1, 7));
  series->add_option("--units-of", a->units_of, "Tính theo đơn vị hành chính có hiệu lực ở ngày này");
  series->add_option("--format", a->format, "table | csv | json | xlsx (cần --out)");
  series->add_option("--out", a->out, "Ghi ra tệp");
  series->callback([a, &g, rc] { *rc = CmdSeries(g, *a); });

  auto* flows = app.add_subcommand("flows", "Số người mới tham gia, tái tục, không tái tục trong một khoảng ngày");
  flows->add_option("--unit", a->unit, "Mã đơn vị gốc (mặc định VN)");
  flows->add_option("--from", a->from, "Ngày đầu")->required();
  flows->add_option("--to", a->to, "Ngày cuối")->required();
  flows->add_option("--depth", a->depth, "Số cấp hiển thị dưới đơn vị gốc (mặc định 1)");
  flows->add_option("--format", a->format, "table | csv | xlsx (cần --out)");
  flows->add_option("--out", a->out, "Ghi ra tệp");
  flows->callback([a, &g, rc] { *rc = CmdFlows(g, *a); });
}

}  // namespace baophu
