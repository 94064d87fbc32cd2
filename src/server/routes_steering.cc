// The steering routes: the weekly report (JSON for the screen; PDF, XLSX, DOCX or HTML to
// download), the agencies' completeness, and an agency's weekly form sent by its user. Reports
// only (no personal data): every role may read them, for its own units. The steering data come from a SteeringStore
// pool of this file's own (the ServerContext's pools are the registry's and the accounts').
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>

#include "server/access_policy.h"
#include "server/http_util.h"
#include "server/password.h"
#include "server/routes.h"
#include "steering/agency_reports.h"
#include "steering/area_conditions.h"
#include "steering/steering_sections.h"
#include "steering/weekly_document.h"
#include "steering/weekly_report.h"
#include "store/steering_store.h"

namespace baophu {
namespace {

struct SteeringState {
  explicit SteeringState(const std::string& db) : pool([db] { return SteeringStore::Open(db); }) {}
  ConnectionPool<SteeringStore> pool;
  std::shared_ptr<const ConditionLevels> levels;  // loaded at registration; immutable
};

Lang LangOf(const httplib::Request& req) { return req.get_param_value("lang") == "en" ? Lang::kEn : Lang::kVi; }

// The weekly report of a request: unit (default the user's home unit), as_of (default the
// server's date), weeks, lowest, weight_people, weight_rate, focus. Sends the error and returns
// nullopt on a bad parameter or a unit outside the user's units.
std::optional<WeeklyReport> Build(ServerContext& ctx, SteeringState& st, const RegistrySnapshot& snap, const Session& s,
                                  const httplib::Request& req, httplib::Response& res) {
  WeeklyQuery q;
  auto as_of = DateParam(req, "as_of", ctx.DefaultAsOf(), res);
  if (!as_of) return std::nullopt;
  q.as_of = *as_of;
  q.unit_code = req.has_param("unit") ? req.get_param_value("unit") : HomeUnit(s.user);
  q.trend_weeks = IntParam(req, "weeks", 12, 1, 104);
  q.lowest = IntParam(req, "lowest", 4, 0, 100);
  q.priority.weight_people = IntParam(req, "weight_people", 70, 0, 100);
  q.priority.weight_rate = IntParam(req, "weight_rate", 30, 0, 100);
  q.priority.focus = IntParam(req, "focus", 5, 0, 100);
  const UnitTree::Index root = snap.reg.tree.Resolve(q.unit_code, q.as_of);
  if (root == UnitTree::kNone) {
    SendError(res, 404, "not_found",
              "Không có đơn vị hành chính mã '" + q.unit_code + "' có hiệu lực ngày " + q.as_of.ToVn() + ".");
    return std::nullopt;
  }
  if (!MaySeeUnit(s.user, snap.reg.tree, root, q.as_of)) {
    SendError(res, 403, "permission_denied", "Tài khoản không được xem số liệu của đơn vị '" + q.unit_code + "'.");
    return std::nullopt;
  }
  auto w = BuildWeeklyReport(snap.reg, q);
  if (!w.ok()) {
    SendStatus(res, w.status());
    return std::nullopt;
  }
  auto store = st.pool.Acquire();
  if (!store.ok() && store.status().code() == Status::Code::kUnsupported)
    return std::move(*w);  // a store without the steering tables yet: the document says so
  if (!store.ok()) {
    SendStatus(res, store.status());
    return std::nullopt;
  }
  Status added = AddSteeringSections(snap.reg, store->get(), *st.levels, LangOf(req), &*w);
  if (!added.ok()) {
    SendStatus(res, added);
    return std::nullopt;
  }
  return std::move(*w);
}

Json WeeklyJson(const WeeklyReport& w, const WeeklyDocument& d) {
  auto num = [](int64_t v) { return v < 0 ? Json(nullptr) : Json(v); };
  Json units = Json::array();
  for (size_t i = 0; i < w.units.size(); ++i) {
    const PriorityRow& u = w.units[i];
    units.push_back(Json{{"code", u.unit_code},
                         {"name", u.unit_name},
                         {"insured", u.insured},
                         {"denominator", num(u.denominator)},
                         {"rate_hundredths", num(u.rate_hundredths)},
                         {"rate_week_before_hundredths", num(w.units_rate_week_before[i])},
                         {"target_hundredths", num(u.target_hundredths)},
                         {"gap_people", num(u.gap_people)},
                         {"people_to_reach", num(u.people_to_reach)},
                         {"score", num(u.score)},
                         {"rank", u.rank},
                         {"condition", i < w.units_condition.size() ? w.units_condition[i] : ""}});
  }
  Json paragraphs = Json::array();
  for (const DocBlock& b : d.blocks)
    if (b.kind == DocBlock::kParagraph || b.kind == DocBlock::kNote || b.kind == DocBlock::kHeading)
      paragraphs.push_back(Json{{"kind", b.kind == DocBlock::kHeading ? "heading"
                                         : b.kind == DocBlock::kNote  ? "note"
                                                                      : "paragraph"},
                                {"text", b.text}});
  Json campaigns = Json::array();
  for (const CampaignLine& c : w.campaigns)
    campaigns.push_back(Json{{"name", c.name},
                             {"from", c.from.ToIso()},
                             {"to", c.to.ToIso()},
                             {"target_new", c.target_new},
                             {"joined", c.new_people},
                             {"joined_prior", c.new_people_prior}});
  Json agencies = Json::array();
  for (const AgencyLine& a : w.agencies)
    agencies.push_back(Json{{"name", a.agency},
                            {"expected", a.expected},
                            {"received", a.received},
                            {"on_time", a.on_time},
                            {"late", a.late_this_week}});
  Json trend = Json::array();
  for (const SeriesPoint& p : w.trend.points)
    trend.push_back(
        Json{{"date", p.date.ToIso()}, {"insured", num(p.insured)}, {"rate_hundredths", num(p.rate_hundredths)}});
  return Json{{"as_of", w.query.as_of.ToIso()},
              {"unit", w.total.unit_code},
              {"unit_name", w.unit_name},
              {"title", d.title},
              {"first_paragraph", d.first_paragraph},
              {"insured", w.total.insured},
              {"denominator", num(w.total.denominator)},
              {"rate_hundredths", num(w.total.rate_hundredths)},
              {"target_hundredths", num(w.total.target_hundredths)},
              {"gap_people", num(w.total.gap_people)},
              {"insured_week_before", num(w.total_week_before.insured)},
              {"units", units},
              {"trend", trend},
              {"forecast", Json{{"net_per_week", w.forecast.net_per_week},
                                {"expected_rate_hundredths", num(w.forecast.expected_rate_hundredths)},
                                {"needed_per_week", num(w.forecast.needed_per_week)},
                                {"on_track", w.forecast.on_track}}},
              {"campaigns", campaigns},
              {"agencies", agencies},
              {"paragraphs", paragraphs}};
}

void Weekly(ServerContext& ctx, SteeringState& st, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return;
  const std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
  if (format != "json" && !IsWeeklyFormat(format))
    return SendError(res, 400, "invalid_argument",
                     "Tham số format phải là json, pdf, xlsx, docx hoặc html: '" + format + "'");
  auto snap = ctx.registry();
  auto w = Build(ctx, st, *snap, *s, req, res);
  if (!w) return;
  const Lang lang = LangOf(req);
  const WeeklyDocument doc = BuildWeeklyDocument(*w, snap->reg.rules, lang);
  res.set_header("Cache-Control", "no-store");
  if (format == "json") return SendJson(res, 200, WeeklyJson(*w, doc));
  if (format == "html") return res.set_content(RenderWeeklyHtml(doc, lang), "text/html; charset=utf-8");
  const std::string path = ctx.upload_dir() + "/weekly-" + RandomToken(8) + "." + format;
  Status written = WriteWeeklyFile(doc, format, lang, path);
  if (!written.ok()) {
    std::remove(path.c_str());
    return SendStatus(res, written);
  }
  static const std::map<std::string, std::string> kTypes = {
      {"pdf", "application/pdf"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}};
  res.set_header("Content-Disposition", "attachment; filename=\"" + WeeklyFileName(*w, format, lang) + "\"");
  SendFile(res, path, kTypes.at(format), /*remove=*/true);
}

// Today on the server's clock (a form's submission day), not the server's report date.
Date Today() {
  const auto now = std::chrono::system_clock::now();
  return Date::FromDays(
      static_cast<int32_t>(std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24));
}

// GET /api/v1/steering/agencies: completeness and timeliness of the agencies of the user's units.
void Agencies(ServerContext& ctx, SteeringState& st, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return;
  auto as_of = DateParam(req, "as_of", ctx.DefaultAsOf(), res);
  if (!as_of) return;
  auto snap = ctx.registry();
  auto store = st.pool.Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  std::vector<Agency> agencies, mine;
  std::vector<AgencyReport> reports;
  if (Status e = (*store)->ListAgencies(&agencies); !e.ok()) return SendStatus(res, e);
  if (Status e = (*store)->ListAgencyReports(&reports); !e.ok()) return SendStatus(res, e);
  for (const Agency& a : agencies)
    if (MaySeeUnitCode(s->user, snap->reg.tree, a.unit_code, *as_of)) mine.push_back(a);
  auto num = [](int64_t v) { return v < 0 ? Json(nullptr) : Json(v); };
  Json out = Json::array();
  for (const AgencyCompleteness& c : ComputeAgencyCompleteness(mine, reports, *as_of))
    out.push_back(Json{{"code", c.agency.code},
                       {"name", c.agency.name},
                       {"unit", c.agency.unit_code},
                       {"expected", c.expected},
                       {"received", c.received},
                       {"on_time", c.on_time},
                       {"completeness_hundredths", num(c.completeness_hundredths)},
                       {"timeliness_hundredths", num(c.timeliness_hundredths)},
                       {"last_week_end", c.last_week_end.valid() ? Json(c.last_week_end.ToIso()) : Json(nullptr)},
                       {"last_due", c.last_due.valid() ? Json(c.last_due.ToIso()) : Json(nullptr)},
                       {"late", c.late}});
  SendJson(res, 200, Json{{"as_of", as_of->ToIso()}, {"agencies", out}});
}

// POST /api/v1/steering/agency-reports: an agency's weekly form, {"agency", "week_end",
// "rows": [{"group", "insured", "population"}]}, sent today by a user whose units hold the
// agency's unit (any role but viewer).
void SubmitAgencyReport(ServerContext& ctx, SteeringState& st, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireSessionCsrf(ctx, req, res);
  if (!s) return;
  if (s->user.role == Role::kViewer)
    return SendError(res, 403, "permission_denied", "Tài khoản chỉ xem không được nộp báo cáo.");
  JsonFields body = JsonFields::Parse(req.body);
  const std::string agency_code = body.String("agency", "", 64);
  const std::string week_end_text = body.String("week_end", "", 32);
  const Json* body_rows = body.Array("rows");
  if (body.SendIfBad(res)) return;
  if (!body_rows || !body.Has("agency") || !body.Has("week_end"))
    return SendError(
        res, 400, "invalid_argument",
        "Nội dung phải là JSON {\"agency\", \"week_end\", \"rows\": [{\"group\", \"insured\", \"population\"}]}.");
  auto week_end = Date::Parse(week_end_text);
  if (!week_end.ok()) return SendStatus(res, week_end.status());
  struct RowIn {
    int64_t insured, population;
    std::string group;
  };
  std::vector<RowIn> rows_in;  // every row's types checked before anything is looked up
  for (size_t i = 0; i < body_rows->size(); ++i) {
    JsonFields row((*body_rows)[i], "dòng " + std::to_string(i + 1));
    RowIn in{row.Int("insured", -1), row.Int("population", -1), row.String("group", "ALL", 64)};
    if (row.SendIfBad(res)) return;
    if (in.insured < 0)
      return SendError(res, 400, "invalid_argument", "Mỗi dòng cần \"insured\": một số nguyên không âm.");
    rows_in.push_back(std::move(in));
  }
  auto snap = ctx.registry();
  auto store = st.pool.Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  std::vector<Agency> agencies;
  if (Status e = (*store)->ListAgencies(&agencies); !e.ok()) return SendStatus(res, e);
  const std::string code = agency_code;
  const Agency* agency = nullptr;
  for (const Agency& a : agencies)
    if (a.code == code) agency = &a;
  if (!agency) return SendError(res, 404, "not_found", "Không có cơ quan báo cáo mã '" + code + "'.");
  const Date today = Today();
  if (!MaySeeUnitCode(s->user, snap->reg.tree, agency->unit_code, today))
    return SendError(res, 403, "permission_denied", "Tài khoản không được nộp báo cáo cho '" + agency->name + "'.");
  std::vector<AgencyReport> rows;
  for (const RowIn& in : rows_in) {
    const std::string& group = in.group;
    ReportingGroupId g = kAllGroups;
    if (group != "ALL") {
      const ReportingGroup* rg = snap->reg.rules.FindGroupByCode(group);
      if (!rg) return SendError(res, 400, "invalid_argument", "Không có nhóm đối tượng '" + group + "'.");
      g = rg->id;
    }
    rows.push_back(AgencyReport{code, *week_end, g, in.insured, in.population, today});
  }
  for (const AgencyReport& r : rows)
    if (Status e = (*store)->PutAgencyReport(r); !e.ok()) return SendStatus(res, e);
  SendJson(
      res, 200,
      Json{{"agency", code}, {"week_end", week_end->ToIso()}, {"submitted_on", today.ToIso()}, {"rows", rows.size()}});
}

}  // namespace

void AddSteeringRoutes(Router& r, ServerContext& ctx) {
  auto st = std::make_shared<SteeringState>(ctx.options().db);
  auto levels = ConditionLevels::LoadDefault();
  st->levels = std::make_shared<const ConditionLevels>(levels.ok() ? std::move(*levels) : ConditionLevels());
  r.Get("/api/v1/reports/weekly",
        [&ctx, st](const httplib::Request& req, httplib::Response& res) { Weekly(ctx, *st, req, res); });
  r.Get("/api/v1/steering/agencies",
        [&ctx, st](const httplib::Request& req, httplib::Response& res) { Agencies(ctx, *st, req, res); });
  r.Post("/api/v1/steering/agency-reports",
         [&ctx, st](const httplib::Request& req, httplib::Response& res) { SubmitAgencyReport(ctx, *st, req, res); });
}

}  // namespace baophu
