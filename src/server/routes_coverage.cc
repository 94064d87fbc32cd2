// Units (tree and search), the coverage report with the CLI's parameters, and its exports.
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <memory>

#include "report/coverage_report.h"
#include "report/coverage_series.h"
#include "report/report_text.h"
#include "server/access_policy.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace baophu {
namespace {

Json UnitJson(const UnitTree& tree, UnitTree::Index i) {
  const Unit& u = tree.unit(i);
  Json j;
  j["code"] = u.code.str();
  j["name"] = u.name;
  j["level"] = UnitLevelKey(u.level);
  j["parent"] = u.parent.str();
  j["valid_from"] = u.valid_from == Date::Min() ? Json(nullptr) : Json(u.valid_from.ToIso());
  j["valid_to"] = u.valid_to == Date::Max() ? Json(nullptr) : Json(u.valid_to.ToIso());
  return j;
}

// The coverage query of a request (the CLI's options as parameters); 400 sent on a bad one.
std::optional<CoverageQuery> ParseQuery(ServerContext& ctx, const Session& s, const httplib::Request& req,
                                        httplib::Response& res) {
  CoverageQuery q;
  auto as_of = DateParam(req, "as_of", ctx.DefaultAsOf(), res);
  if (!as_of) return std::nullopt;
  q.as_of = *as_of;
  q.unit_code = req.has_param("unit") ? req.get_param_value("unit") : HomeUnit(s.user);
  std::string depth = req.has_param("depth") ? req.get_param_value("depth") : "1";
  if (depth == "commune" || depth == "xa") {
    q.depth = -1;
  } else {
    try {
      q.depth = std::stoi(depth);
      if (q.depth < 0 || q.depth > 4) throw std::out_of_range("depth");
    } catch (...) {
      SendError(res, 400, "invalid_argument", "Tham số depth phải là 0..4 hoặc 'commune': '" + depth + "'");
      return std::nullopt;
    }
  }
  std::string by = req.get_param_value("by");
  if (!by.empty() && by != "group" && by != "nhom") {
    SendError(res, 400, "invalid_argument", "Tham số by chỉ nhận 'group': '" + by + "'");
    return std::nullopt;
  }
  q.by_group = !by.empty();
  if (req.has_param("units_of") && !req.get_param_value("units_of").empty()) {
    auto u = DateParam(req, "units_of", Date(), res);
    if (!u) return std::nullopt;
    q.units_of = *u;
  }
  return q;
}

// 403 unless the root of `q` lies within the user's units; 404 when it names no unit then.
bool CheckScope(const RegistrySnapshot& snap, const Session& s, const CoverageQuery& q, httplib::Response& res) {
  Date on = q.units_of ? *q.units_of : q.as_of;
  UnitTree::Index root = snap.reg.tree.Resolve(q.unit_code, on);
  if (root == UnitTree::kNone) {
    SendError(res, 404, "not_found",
              "Không có đơn vị hành chính mã '" + q.unit_code + "' có hiệu lực ngày " + on.ToVn() + ".");
    return false;
  }
  if (!MaySeeUnit(s.user, snap.reg.tree, root, on)) {
    SendError(res, 403, "permission_denied", "Tài khoản không được xem số liệu của đơn vị '" + q.unit_code + "'.");
    return false;
  }
  return true;
}

std::string ReportJson(const CoverageReport& r, const RuleSet& rules, Lang lang) {
  auto num = [](int64_t v) { return v < 0 ? Json(nullptr) : Json(v); };
  Json j;
  j["as_of"] = r.query.as_of.ToIso();
  j["unit"] = r.query.unit_code;
  j["units_of"] = r.query.units_of ? Json(r.query.units_of->ToIso()) : Json(nullptr);
  j["depth"] = r.query.depth;
  j["title"] = ReportTitle(r, lang);
  Json rows = Json::array();
  for (const CoverageRow& row : r.rows) {
    Json o;
    o["unit_code"] = row.unit_code;
    o["unit_name"] = UnitDisplayName(row, lang);
    o["level"] = UnitLevelKey(row.level);
    o["depth"] = row.depth;
    o["unplaced"] = row.unplaced;
    o["group"] = GroupCode(rules, row.group);
    o["group_name"] = GroupName(rules, row.group, lang);
    o["insured"] = row.insured;
    o["denominator"] = num(row.denominator);
    o["rate_hundredths"] = num(row.rate_hundredths);
    o["target_hundredths"] = num(row.target_hundredths);
    o["gap_people"] = num(row.gap_people);
    rows.push_back(std::move(o));
  }
  j["rows"] = std::move(rows);
  j["notes"] = r.notes;
  return j.dump();
}


void Coverage(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return;
  auto q = ParseQuery(ctx, *s, req, res);
  if (!q) return;
  auto snap = ctx.registry();
  if (!CheckScope(*snap, *s, *q, res)) return;
  Lang lang = LangParam(req);
  std::string key = q->as_of.ToIso() + "|" + q->unit_code + "|" + std::to_string(q->depth) + "|" +
                    (q->by_group ? "g" : "") + "|" + (q->units_of ? q->units_of->ToIso() : "") + "|" +
                    (lang == Lang::kEn ? "en" : "vi");
  const uint64_t generation = snap->generation.load();  // before the index is read
  std::shared_ptr<const std::string> body = ctx.CachedResponse(generation, key);
  if (!body) {
    auto report = BuildCoverageReport(snap->reg, *q);
    if (!report.ok()) return SendStatus(res, report.status());
    body = std::make_shared<const std::string>(ReportJson(*report, snap->reg.rules, lang));
    ctx.CacheResponse(generation, key, body);
  }
  res.set_header("Cache-Control", "no-store");
  // Sent straight from the shared body (a national report is ~64 KB): no copy per request.
  res.set_content_provider(body->size(), "application/json; charset=utf-8",
                           [body](size_t offset, size_t length, httplib::DataSink& sink) {
                             return sink.write(body->data() + offset, length);
                           });
}

void Export(ServerContext& ctx, const httplib::Request& req, httplib::Response& res, bool xlsx) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return;
  auto q = ParseQuery(ctx, *s, req, res);
  if (!q) return;
  auto snap = ctx.registry();
  if (!CheckScope(*snap, *s, *q, res)) return;
  auto report = BuildCoverageReport(snap->reg, *q);
  if (!report.ok()) return SendStatus(res, report.status());
  std::string name = "bao-phu-bhyt-" + q->unit_code + "-" + q->as_of.ToIso();
  if (!xlsx) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    res.set_content("\xEF\xBB\xBF" + FormatCoverageCsv(*report, snap->reg.rules), "text/csv; charset=utf-8");
    return;
  }
  SendXlsx(ctx, res, name + ".xlsx", [&](const std::string& path) {
    return WriteCoverageXlsx(*report, snap->reg.rules, LangParam(req), path);
  });
}

enum class Format { kJson, kCsv, kXlsx };

// GET /api/v1/coverage/series[/export.csv|.xlsx]: unit, group (a code, default all), from, to
// (default: 26 weeks up to the server's date), every (day|week|month|year), units_of.
void Series(ServerContext& ctx, const httplib::Request& req, httplib::Response& res, Format format) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return;
  auto snap = ctx.registry();
  SeriesQuery sq;
  auto to = DateParam(req, "to", ctx.DefaultAsOf(), res);
  if (!to) return;
  auto from = DateParam(req, "from", Date::FromDays(to->days() - 7 * 26), res);
  if (!from) return;
  sq.from = *from;
  sq.to = *to;
  sq.unit_code = req.has_param("unit") ? req.get_param_value("unit") : HomeUnit(s->user);
  if (req.has_param("every")) {
    auto every = ParseEvery(req.get_param_value("every"));
    if (!every.ok()) return SendStatus(res, every.status());
    sq.every = *every;
  }
  std::string group = req.get_param_value("group");
  if (!group.empty() && group != "ALL") {
    const ReportingGroup* g = snap->reg.rules.FindGroupByCode(group);
    if (!g) return SendError(res, 400, "invalid_argument", "Không có nhóm đối tượng '" + group + "'.");
    sq.group = g->id;
  }
  if (req.has_param("units_of") && !req.get_param_value("units_of").empty()) {
    auto u = DateParam(req, "units_of", Date(), res);
    if (!u) return;
    sq.units_of = *u;
  }
  CoverageQuery scope;
  scope.unit_code = sq.unit_code;
  scope.as_of = sq.to;
  scope.units_of = sq.units_of;
  if (!CheckScope(*snap, *s, scope, res)) return;
  auto series = BuildCoverageSeries(snap->reg, sq);
  if (!series.ok()) return SendStatus(res, series.status());
  const std::string name = "dien-bien-" + sq.unit_code + "-" + sq.to.ToIso();
  if (format == Format::kCsv) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    res.set_content("\xEF\xBB\xBF" + FormatSeriesCsv(*series, snap->reg.rules), "text/csv; charset=utf-8");
    return;
  }
  if (format == Format::kXlsx)
    return SendXlsx(ctx, res, name + ".xlsx", [&](const std::string& path) {
      return WriteSeriesXlsx(*series, snap->reg.rules, LangParam(req), path);
    });
  auto num = [](int64_t v) { return v < 0 ? Json(nullptr) : Json(v); };
  Json points = Json::array();
  for (const SeriesPoint& p : series->points)
    points.push_back({{"date", p.date.ToIso()},
                      {"unit_valid", p.unit_valid},
                      {"insured", num(p.insured)},
                      {"denominator", num(p.denominator)},
                      {"rate_hundredths", num(p.rate_hundredths)},
                      {"target_hundredths", num(p.target_hundredths)},
                      {"gap_people", num(p.gap_people)}});
  SendJson(res, 200,
           Json{{"unit", sq.unit_code},
                {"unit_name", series->unit_name},
                {"group", GroupCode(snap->reg.rules, sq.group)},
                {"from", sq.from.ToIso()},
                {"to", sq.to.ToIso()},
                {"points", points}});
}

// GET /api/v1/coverage/flows[/export.csv|.xlsx]: people who joined, renewed or lapsed in
// [from, to] (default: the 7 days up to `to`) per sub-unit down to `depth`.
void Flows(ServerContext& ctx, const httplib::Request& req, httplib::Response& res, Format format) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return;
  auto snap = ctx.registry();
  FlowsQuery fq;
  auto to = DateParam(req, "to", ctx.DefaultAsOf(), res);
  if (!to) return;
  auto from = DateParam(req, "from", Date::FromDays(to->days() - 6), res);
  if (!from) return;
  fq.from = *from;
  fq.to = *to;
  fq.unit_code = req.has_param("unit") ? req.get_param_value("unit") : HomeUnit(s->user);
  fq.depth = IntParam(req, "depth", 1, 0, 3);
  CoverageQuery scope;
  scope.unit_code = fq.unit_code;
  scope.as_of = fq.to;
  if (!CheckScope(*snap, *s, scope, res)) return;
  auto flows = BuildCoverageFlows(snap->reg, fq);
  if (!flows.ok()) return SendStatus(res, flows.status());
  const std::string name = "bien-dong-" + fq.unit_code + "-" + fq.from.ToIso() + "-" + fq.to.ToIso();
  if (format == Format::kCsv) {
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
    res.set_content("\xEF\xBB\xBF" + FormatFlowsCsv(*flows, snap->reg.rules), "text/csv; charset=utf-8");
    return;
  }
  if (format == Format::kXlsx)
    return SendXlsx(ctx, res, name + ".xlsx", [&](const std::string& path) {
      return WriteFlowsXlsx(*flows, snap->reg.rules, LangParam(req), path);
    });
  Json rows = Json::array();
  for (const FlowRow& r : flows->rows)
    rows.push_back({{"unit_code", r.unit_code},
                    {"unit_name", r.unit_name},
                    {"depth", r.depth},
                    {"group", GroupCode(snap->reg.rules, r.group)},
                    {"new", r.new_people},
                    {"renewed", r.renewed},
                    {"lapsed", r.lapsed}});
  SendJson(res, 200, Json{{"unit", fq.unit_code}, {"from", fq.from.ToIso()}, {"to", fq.to.ToIso()}, {"rows", rows}});
}

}  // namespace

void AddCoverageRoutes(Router& r, ServerContext& ctx) {
  r.Get("/api/v1/units", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s) return;
    auto on = DateParam(req, "on", ctx.DefaultAsOf(), res);
    if (!on) return;
    auto snap = ctx.registry();
    const UnitTree& tree = snap->reg.tree;
    std::vector<std::string> codes = IsAdministrator(s->user) || s->user.units.empty()
                                         ? std::vector<std::string>{kCountryCode}
                                         : s->user.units;
    Json arr = Json::array();
    for (const std::string& c : codes) {
      UnitTree::Index i = tree.Resolve(c, *on);
      if (i != UnitTree::kNone) arr.push_back(UnitJson(tree, i));
    }
    SendJson(res, 200, Json{{"on", on->ToIso()}, {"units", arr}});
  });

  r.Get("/api/v1/units/search", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s) return;
    std::string q = req.get_param_value("q");
    if (q.empty()) return SendError(res, 400, "invalid_argument", "Hãy nhập tên đơn vị cần tìm (tham số q).");
    Date on;
    if (req.has_param("on")) {
      auto d = DateParam(req, "on", Date(), res);
      if (!d) return;
      on = *d;
    }
    int limit = IntParam(req, "limit", 20, 1, 200);
    auto snap = ctx.registry();
    Json arr = Json::array();
    for (UnitTree::Index i : snap->search->Search(snap->reg.tree, q, on, static_cast<size_t>(limit))) {
      Json u = UnitJson(snap->reg.tree, i);
      UnitTree::Index p = snap->reg.tree.Parent(i, snap->reg.tree.unit(i).valid_from);
      u["parent_name"] = p == UnitTree::kNone ? "" : snap->reg.tree.unit(p).name;
      arr.push_back(std::move(u));
    }
    SendJson(res, 200, Json{{"q", q}, {"units", arr}});
  });

  r.Get("/api/v1/units/{code}", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s) return;
    auto on = DateParam(req, "on", ctx.DefaultAsOf(), res);
    if (!on) return;
    auto snap = ctx.registry();
    const UnitTree& tree = snap->reg.tree;
    std::string code = req.matches[1];
    UnitTree::Index i = tree.Resolve(code, *on);
    if (i == UnitTree::kNone)
      return SendError(res, 404, "not_found",
                       "Không có đơn vị hành chính mã '" + code + "' có hiệu lực ngày " + on->ToVn() + ".");
    Json j = UnitJson(tree, i);
    Json path = Json::array();
    for (UnitTree::Index p = tree.Parent(i, *on); p != UnitTree::kNone; p = tree.Parent(p, *on))
      path.insert(path.begin(), UnitJson(tree, p));
    Json children = Json::array();
    for (UnitTree::Index c : tree.Children(i, *on)) children.push_back(UnitJson(tree, c));
    SendJson(res, 200, Json{{"on", on->ToIso()}, {"unit", j}, {"ancestors", path}, {"children", children}});
  });

  r.Get("/api/v1/coverage", [&ctx](const httplib::Request& req, httplib::Response& res) { Coverage(ctx, req, res); });
  r.Get("/api/v1/coverage/export.csv",
          [&ctx](const httplib::Request& req, httplib::Response& res) { Export(ctx, req, res, false); });
  r.Get("/api/v1/coverage/export.xlsx",
          [&ctx](const httplib::Request& req, httplib::Response& res) { Export(ctx, req, res, true); });
  for (auto [suffix, format] : {std::pair{"", Format::kJson}, std::pair{"/export.csv", Format::kCsv},
                                 std::pair{"/export.xlsx", Format::kXlsx}}) {
    const Format f = format;
    r.Get(std::string("/api/v1/coverage/series") + suffix,
          [&ctx, f](const httplib::Request& req, httplib::Response& res) { Series(ctx, req, res, f); });
    r.Get(std::string("/api/v1/coverage/flows") + suffix,
          [&ctx, f](const httplib::Request& req, httplib::Response& res) { Flows(ctx, req, res, f); });
  }
}

}  // namespace baophu
