// Commands over the steering data (schema v6, store/steering_store.h): `steering import KIND FILE`
// (campaigns, campaign-assignees, conditions, agencies, agency-reports), `campaign progress`
// (joiners against the target and the same days of the previous year, the leader board),
// `conditions` (the level in force per sub-unit and the outreach it allows) and
// `agencies status` (completeness and timeliness of the weekly forms, who is late).
#include <CLI/CLI.hpp>
#include <memory>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "report/report_text.h"
#include "steering/agency_reports.h"
#include "steering/area_conditions.h"
#include "steering/campaign.h"
#include "steering/steering_import.h"
#include "store/steering_store.h"

namespace baophu {
namespace {

struct DataArgs {
  std::string kind, file, code, unit = "VN", as_of, out;
};

Result<LoadedRegistry> Load(const Globals& g) {
  auto rules = LoadRules();
  if (!rules.ok()) return rules.status();
  auto store = OpenStore(g);
  if (!store.ok()) return store.status();
  return LoadRegistryFor(g, store->get(), std::move(*rules));
}

int CmdImport(const Globals& g, const DataArgs& a) {
  auto rules = LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  auto levels = ConditionLevels::LoadDefault();
  if (!levels.ok()) return Fail(levels.status());
  if (auto st = OpenStore(g); !st.ok()) return Fail(st.status());  // creates the folder, migrates
  auto store = SteeringStore::Open(g.db);
  if (!store.ok()) return Fail(store.status());
  auto r = ImportSteeringCsv(store->get(), *rules, *levels, a.kind, a.file);
  if (!r.ok()) return Fail(r.status());
  for (const std::string& e : r->errors) std::fprintf(stderr, "%s\n", e.c_str());
  std::printf(g.en() ? "%s: %lld rows read, %lld written\n" : "%s: đọc %lld dòng, ghi %lld dòng\n", a.file.c_str(),
              static_cast<long long>(r->rows), static_cast<long long>(r->written));
  if (r->errors.empty()) return kExitOk;
  if (r->written == 0)
    return Fail(Status::InvalidArgument(g.en() ? "bad rows: nothing written" : "có dòng lỗi: chưa ghi dòng nào"));
  return Fail(Status::InvalidArgument(g.en() ? "the store refused a row: the rows before it were written"
                                             : "kho dữ liệu từ chối một dòng: các dòng trước nó đã được ghi"));
}

int CmdCampaign(const Globals& g, const DataArgs& a) {
  auto d = Date::ParseOption(a.as_of);
  if (!d.ok()) return Fail(d.status());
  auto reg = Load(g);
  if (!reg.ok()) return Fail(reg.status());
  auto store = SteeringStore::Open(g.db);
  if (!store.ok()) return Fail(store.status());
  std::vector<Campaign> all;
  if (Status st = (*store)->ListCampaigns(&all); !st.ok()) return Fail(st);
  const Campaign* c = nullptr;
  for (const Campaign& x : all)
    if (x.code == a.code) c = &x;
  if (!c) return Fail(Status::NotFound("không có chiến dịch mã '" + a.code + "'"));
  std::vector<CampaignAssignee> assignees;
  if (Status st = (*store)->ListAssignees(c->code, &assignees); !st.ok()) return Fail(st);
  auto p = BuildCampaignProgress(*reg, *c, assignees, *d);
  if (!p.ok()) return Fail(p.status());
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  const bool vi = !g.en();
  auto n = [&](int64_t v) { return FormatCount(v, lang); };
  std::string t = c->name + " (" + c->code + "), " + c->from.ToVn() + " – " + c->to.ToVn() + "\n";
  t += (vi ? "Tính đến ngày " : "Counted to ") + p->counted_to.ToVn() + "\n";
  t += (vi ? "Tham gia mới: " : "New: ") + n(p->joined.new_people) +
       (vi ? ", tái tục sau gián đoạn: " : ", back after a break: ") + n(p->joined.renewed) +
       (vi ? ", cộng: " : ", total: ") + n(p->joined.total()) + "\n";
  t += (vi ? "Cùng kỳ năm trước (" : "Same days last year (") + p->prior_from.ToVn() + " – " + p->prior_to.ToVn() +
       "): " + n(p->joined_prior.new_people) + " + " + n(p->joined_prior.renewed) + " = " + n(p->joined_prior.total()) +
       "\n";
  const int64_t diff = p->joined.total() - p->joined_prior.total();
  t += (vi ? "Chênh lệch: " : "Difference: ") + std::string(diff < 0 ? "−" : "+") + n(diff < 0 ? -diff : diff) + "\n";
  if (c->target_new > 0)
    t += (vi ? "Chỉ tiêu: " : "Target: ") + n(c->target_new) + (vi ? ", đạt " : ", reached ") +
         FormatPercent(p->percent_hundredths, lang) + "\n";
  if (!p->leaders.empty()) {
    // Beside each assignee: the area conditions in force where they work and the outreach allowed.
    auto levels = ConditionLevels::LoadDefault();
    if (!levels.ok()) return Fail(levels.status());
    std::vector<AreaCondition> conditions;
    if (Status st = (*store)->ListConditions(&conditions); !st.ok()) return Fail(st);
    std::vector<std::vector<std::string>> cells;
    cells.push_back(vi ? std::vector<std::string>{"Hạng", "Tổ chức/cá nhân", "Địa bàn",
                                                  "Tình trạng địa bàn (hình thức được phép)", "Chỉ tiêu", "Đã vận động",
                                                  "Đạt"}
                       : std::vector<std::string>{"Rank", "Organisation/person", "Unit",
                                                  "Area condition (outreach allowed)", "Target", "Joined", "Reached"});
    for (const AssigneeProgress& l : p->leaders) {
      const UnitTree::Index i = reg->tree.Resolve(l.assignee.unit_code, p->counted_to);
      std::string cond;
      for (const ConditionInForce& c : ConditionsOn(conditions, *levels, reg->tree, l.assignee.unit_code, *d))
        if (c.level)
          cond += (cond.empty() ? "" : "; ") + (vi ? c.level->name_vi : c.level->name_en) + " (" +
                  AllowedModes(*c.level, lang) + ")";
      cells.push_back({std::to_string(l.rank), l.assignee.name, i >= 0 ? reg->tree.unit(i).name : l.assignee.unit_code,
                       cond.empty() ? "—" : cond, l.assignee.target_new > 0 ? n(l.assignee.target_new) : "—",
                       n(l.joined.total()),
                       l.percent_hundredths >= 0 ? FormatPercent(l.percent_hundredths, lang) : "—"});
    }
    t += "\n" + std::string(vi ? "Bảng xếp hạng:\n" : "Leader board:\n") + RenderTextTable(cells, 4);
  }
  return EmitText(g, t, a.out);
}

int CmdConditions(const Globals& g, const DataArgs& a) {
  auto d = Date::ParseOption(a.as_of);
  if (!d.ok()) return Fail(d.status());
  auto reg = Load(g);
  if (!reg.ok()) return Fail(reg.status());
  auto levels = ConditionLevels::LoadDefault();
  if (!levels.ok()) return Fail(levels.status());
  auto store = SteeringStore::Open(g.db);
  if (!store.ok()) return Fail(store.status());
  std::vector<AreaCondition> rows;
  if (Status st = (*store)->ListConditions(&rows); !st.ok()) return Fail(st);
  const UnitTree::Index root = reg->tree.Resolve(a.unit, *d);
  if (root < 0) return Fail(Status::NotFound("không có đơn vị mã '" + a.unit + "' ngày " + d->ToVn()));
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  std::vector<std::vector<std::string>> cells;
  cells.push_back(g.en() ? std::vector<std::string>{"Unit", "Condition", "Since", "Set on", "Outreach allowed"}
                         : std::vector<std::string>{"Đơn vị", "Tình trạng", "Từ ngày", "Áp dụng từ",
                                                    "Hình thức vận động được phép"});
  std::vector<UnitTree::Index> units{root};
  for (UnitTree::Index c : reg->tree.Children(root, *d)) units.push_back(c);
  for (UnitTree::Index u : units) {
    const std::string& code = reg->tree.unit(u).code.str();
    auto in_force = ConditionsOn(rows, *levels, reg->tree, code, *d);
    if (in_force.empty()) cells.push_back({reg->tree.unit(u).name, "—", "", "", ""});
    for (const ConditionInForce& c : in_force)
      cells.push_back({reg->tree.unit(u).name,
                       c.level ? (g.en() ? c.level->name_en : c.level->name_vi) : c.condition.kind,
                       c.condition.from.ToVn(),
                       c.inherited ? (g.en() ? "a unit above" : "đơn vị cấp trên") : (g.en() ? "the unit" : "đơn vị"),
                       c.level ? AllowedModes(*c.level, lang) : ""});
  }
  return EmitText(g, RenderTextTable(cells, 5), a.out);
}

int CmdAgencies(const Globals& g, const DataArgs& a) {
  auto d = Date::ParseOption(a.as_of);
  if (!d.ok()) return Fail(d.status());
  auto store = SteeringStore::Open(g.db);
  if (!store.ok()) return Fail(store.status());
  std::vector<Agency> agencies;
  std::vector<AgencyReport> reports;
  if (Status st = (*store)->ListAgencies(&agencies); !st.ok()) return Fail(st);
  if (Status st = (*store)->ListAgencyReports(&reports); !st.ok()) return Fail(st);
  const Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  std::vector<std::vector<std::string>> cells;
  cells.push_back(g.en() ? std::vector<std::string>{"Agency", "Due", "Received", "On time", "Completeness",
                                                    "Timeliness", "Latest week", "Due on"}
                         : std::vector<std::string>{"Cơ quan, đơn vị", "Phải nộp", "Đã nộp", "Đúng hạn", "Đầy đủ",
                                                    "Đúng hạn (%)", "Tuần gần nhất", "Hạn nộp"});
  std::string late;
  for (const AgencyCompleteness& c : ComputeAgencyCompleteness(agencies, reports, *d)) {
    cells.push_back({c.agency.name, std::to_string(c.expected), std::to_string(c.received), std::to_string(c.on_time),
                     c.completeness_hundredths >= 0 ? FormatPercent(c.completeness_hundredths, lang) : "—",
                     c.timeliness_hundredths >= 0 ? FormatPercent(c.timeliness_hundredths, lang) : "—",
                     c.last_week_end.valid() ? c.last_week_end.ToVn() : "—",
                     c.last_due.valid() ? c.last_due.ToVn() : "—"});
    if (c.late)
      late += "  " + c.agency.name + (g.en() ? " — week ending " : " — tuần kết thúc ") + c.last_week_end.ToVn() +
              (g.en() ? ", due " : ", hạn ") + c.last_due.ToVn() + "\n";
  }
  std::string t = RenderTextTable(cells, 1);
  t += late.empty() ? (g.en() ? "\nNo agency is late.\n" : "\nKhông có đơn vị nào chậm nộp.\n")
                    : (g.en() ? "\nLate (remind them):\n" : "\nChậm nộp (cần nhắc):\n") + late;
  return EmitText(g, t, a.out);
}

}  // namespace

void RegisterSteeringDataCommands(CLI::App& app, const Globals& g, int* rc) {
  auto a = std::make_shared<DataArgs>();
  auto* steering =
      app.add_subcommand("steering", "Dữ liệu chỉ đạo: chiến dịch, tình trạng địa bàn, báo cáo của cơ quan");
  steering->require_subcommand(1);
  auto* imp = steering->add_subcommand("import", "Nhập tệp CSV dữ liệu chỉ đạo");
  imp->add_option("kind", a->kind, "campaigns | campaign-assignees | conditions | agencies | agency-reports")
      ->required();
  imp->add_option("file", a->file, "Tệp CSV")->required()->check(CLI::ExistingFile);
  imp->callback([a, &g, rc] { *rc = CmdImport(g, *a); });

  auto* campaign = app.add_subcommand("campaign", "Chiến dịch vận động");
  campaign->require_subcommand(1);
  auto* progress = campaign->add_subcommand("progress", "Kết quả chiến dịch so với chỉ tiêu và cùng kỳ năm trước");
  progress->add_option("--code", a->code, "Mã chiến dịch")->required();
  progress->add_option("--as-of", a->as_of, "Tính đến ngày")->required();
  progress->add_option("--out", a->out, "Ghi ra tệp");
  progress->callback([a, &g, rc] { *rc = CmdCampaign(g, *a); });

  auto* cond =
      app.add_subcommand("conditions", "Tình trạng địa bàn (cấp độ dịch, báo động lũ) và hình thức vận động được phép");
  cond->add_option("--unit", a->unit, "Mã đơn vị (mặc định VN)");
  cond->add_option("--as-of", a->as_of, "Ngày")->required();
  cond->add_option("--out", a->out, "Ghi ra tệp");
  cond->callback([a, &g, rc] { *rc = CmdConditions(g, *a); });

  auto* agencies = app.add_subcommand("agencies", "Cơ quan, đơn vị gửi báo cáo tuần");
  agencies->require_subcommand(1);
  auto* status = agencies->add_subcommand("status", "Tính đầy đủ, đúng hạn của báo cáo tuần; danh sách chậm nộp");
  status->add_option("--as-of", a->as_of, "Tính đến ngày")->required();
  status->add_option("--out", a->out, "Ghi ra tệp");
  status->callback([a, &g, rc] { *rc = CmdAgencies(g, *a); });
}

}  // namespace baophu
