// The outreach lists and their follow-up: GET /api/v1/lists/{kind} (and its XLSX export),
// GET /api/v1/outreach/progress, POST /api/v1/outreach/assign, /outcome and /confirm. Personal
// data: the unit must lie within the user's units, a school or organisation account sees only
// the classes / organisations it is responsible for, CCCD and phone numbers are masked unless
// the role needs them, and every view, export and change is audited.
#include <cstdio>
#include <fstream>
#include <iterator>

#include "core/text.h"
#include "outreach/followup.h"
#include "outreach/list_access.h"
#include "outreach/list_format.h"
#include "outreach/match_confirm.h"
#include "server/access_policy.h"
#include "server/http_util.h"
#include "server/password.h"
#include "server/routes.h"

namespace baophu {
namespace {

using namespace outreach;  // NOLINT: the route file of the outreach layer

// The money rules (households' cost), read once.
const MoneyRules* Money() {
  static const Result<MoneyRules> rules = MoneyRules::LoadDefault();
  return rules.ok() ? &*rules : nullptr;
}

Json EntryJson(const ListEntry& e) {
  return Json{{"entry", e.entry_key},
              {"group_code", e.group_code},
              {"group_name", e.group_name},
              {"class", e.subgroup},
              {"bhxh", e.bhxh.valid() ? e.bhxh.ToString() : ""},
              {"full_name", e.full_name},
              {"birth_date", e.birth_date.valid() ? Json(e.birth_date.ToIso()) : Json(nullptr)},
              {"citizen_id", e.citizen_id},
              {"phone", e.phone},
              {"commune_code", e.commune.str()},
              {"hamlet_code", e.hamlet.str()},
              {"household_code", e.household},
              {"status", static_cast<int>(e.status)},
              {"status_name", EntryStatusVi(e.status)},
              {"status_name_en", EntryStatusEn(e.status)},
              {"card_group", e.via_group},
              {"card_end", e.card_end.valid() ? Json(e.card_end.ToIso()) : Json(nullptr)},
              {"matched_by", MatchMethodKey(e.match)},
              {"matched_by_name", MatchMethodNameVi(e.match)},
              {"doubt", e.doubt},
              {"cost", e.cost.dong},
              {"assignee", e.assignee}};
}

Json SectionJson(const ListSection& s) {
  return Json{{"group_code", s.group_code}, {"group_name", s.group_name}, {"class", s.subgroup},
              {"listed", s.listed},         {"insured", s.insured},       {"other_group", s.other_group},
              {"missing", s.missing},       {"uncertain", s.uncertain},
              {"rate", s.rate_hundredths >= 0 ? Json(FormatHundredthsPlain(s.rate_hundredths)) : Json(nullptr)},
              {"cost", s.cost.dong}};
}

// Opens what a list needs for one request.
struct Req {
  std::shared_ptr<const RegistrySnapshot> snap;
  ConnectionPool<Store>::Lease store;
  ConnectionPool<OutreachStore>::Lease outreach;
  ListContext ctx() const {
    ListContext c;
    c.reg = &snap->reg;
    c.store = store.get();
    c.outreach = outreach.get();
    c.money = Money();
    return c;
  }
};

std::optional<Req> OpenReq(ServerContext& ctx, httplib::Response& res) {
  Req r;
  r.snap = ctx.registry();
  auto store = ctx.stores().Acquire();
  if (!store.ok()) {
    SendStatus(res, store.status());
    return std::nullopt;
  }
  r.store = std::move(*store);
  auto out = ctx.outreach_stores().Acquire();
  if (!out.ok()) {
    SendStatus(res, out.status());
    return std::nullopt;
  }
  r.outreach = std::move(*out);
  return r;
}

// The session of a user who may see personal data; 401/403 sent otherwise.
std::optional<Session> RequirePersonal(ServerContext& ctx, const httplib::Request& req, httplib::Response& res,
                                       bool change) {
  auto s = change ? RequireSessionCsrf(ctx, req, res) : RequireSession(ctx, req, res);
  if (s && !MaySeePersonalData(s->user)) {
    SendError(res, 403, "permission_denied", "Tài khoản chỉ xem báo cáo, không được xem danh sách người.");
    return std::nullopt;
  }
  return s;
}

// Builds the list of the request for the session's user: scope, responsibility, masking.
std::optional<OutreachList> ListFor(ServerContext& ctx, const Session& s, const httplib::Request& req,
                                    httplib::Response& res, const std::string& kind_text) {
  auto kind = ParseListKind(kind_text);
  if (!kind.ok()) {
    SendStatus(res, kind.status());
    return std::nullopt;
  }
  auto as_of = DateParam(req, "as_of", ctx.DefaultAsOf(), res);
  if (!as_of) return std::nullopt;
  ListRequest lr;
  lr.kind = *kind;
  lr.as_of = *as_of;
  lr.unit = req.has_param("unit") ? req.get_param_value("unit") : HomeUnit(s.user);
  lr.window_days = IntParam(req, "window", 365, 1, 3650);
  lr.days = IntParam(req, "days", 30, 1, 366);
  lr.group = req.get_param_value("group");
  lr.subgroup = req.get_param_value("class");
  const Role role = s.user.role;
  // A school sees pupils, an organisation its members: only what they are responsible for.
  if ((role == Role::kSchool && lr.kind != ListKind::kPupils) ||
      (role == Role::kOrganisation && lr.kind != ListKind::kMembers)) {
    SendError(res, 403, "permission_denied", "Tài khoản này không được xem danh sách '" + kind_text + "'.");
    return std::nullopt;
  }
  auto r = OpenReq(ctx, res);
  if (!r) return std::nullopt;
  if (!MaySeeUnitCode(s.user, r->snap->reg.tree, lr.unit, lr.as_of)) {
    SendError(res, 403, "permission_denied", "Tài khoản không được xem người thuộc đơn vị '" + lr.unit + "'.");
    return std::nullopt;
  }
  auto list = BuildList(r->ctx(), lr);
  if (!list.ok()) {
    SendStatus(res, list.status());
    return std::nullopt;
  }
  if (role == Role::kSchool || role == Role::kOrganisation) {
    std::vector<Responsible> resp;
    Status st = r->outreach->ListResponsibles(&resp);
    if (!st.ok()) {
      SendStatus(res, st);
      return std::nullopt;
    }
    RestrictToResponsible(&*list, resp, role == Role::kSchool ? ResponsibleScope::kClass : ResponsibleScope::kOrganisation,
                          {s.user.username, s.user.display_name});
  }
  MaskEntries(&*list, VisibleFields(role));
  return std::move(*list);
}

// The body of the outreach POST routes, its fields' types checked up front (JsonFields):
// a wrong-typed field answers 400 naming it, before any of them is used.
std::optional<Json> BodyJson(const httplib::Request& req, httplib::Response& res) {
  JsonFields fields = JsonFields::Parse(req.body);
  for (const char* f : {"list", "as_of", "unit", "rule", "entry", "to", "assignee", "outcome", "date", "bhxh"})
    fields.String(f, "", 256);
  fields.String("note", "", 4000);
  fields.Bool("reject", false);
  if (fields.SendIfBad(res)) return std::nullopt;
  return Json::parse(req.body, nullptr, false);
}

std::string Str(const Json& j, const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : ""; }

std::string Trim(std::string s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

}  // namespace

void AddOutreachRoutes(Router& r, ServerContext& ctx) {
  r.Get("/api/v1/lists/{kind}", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonal(ctx, req, res, false);
    if (!s) return;
    auto list = ListFor(ctx, *s, req, res, req.matches[1]);
    if (!list) return;
    Status st = Audit(ctx, *s, req, "outreach.list", list->unit_code, std::string("list ") + ListKindKey(list->kind));
    if (!st.ok()) return SendStatus(res, st);
    Json sections = Json::array(), entries = Json::array();
    for (const ListSection& x : list->sections) sections.push_back(SectionJson(x));
    for (const ListEntry& e : list->entries) entries.push_back(EntryJson(e));
    SendJson(res, 200,
             Json{{"kind", ListKindKey(list->kind)}, {"title", ListKindTitleVi(list->kind)},
                  {"title_en", ListKindTitleEn(list->kind)}, {"unit_code", list->unit_code},
                  {"unit_name", list->unit_name}, {"as_of", list->as_of.ToIso()},
                  {"headline", ListHeadline(*list, false)}, {"headline_en", ListHeadline(*list, true)},
                  {"left_out", list->left}, {"sections", sections}, {"entries", entries}});
  });

  r.Get("/api/v1/lists/{kind}/export.xlsx", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonal(ctx, req, res, false);
    if (!s) return;
    auto list = ListFor(ctx, *s, req, res, req.matches[1]);
    if (!list) return;
    Status st = Audit(ctx, *s, req, "outreach.export.xlsx", list->unit_code,
                      std::string("list ") + ListKindKey(list->kind));
    if (!st.ok()) return SendStatus(res, st);
    std::string path = ctx.upload_dir() + "/list-" + RandomToken(8) + ".xlsx";
    st = EntriesTable(*list, req.get_param_value("lang") == "en", /*unmask=*/true)  // masked above by role
             .WriteXlsx(path, "Danh sách");
    if (!st.ok()) {
      std::remove(path.c_str());
      return SendStatus(res, st);
    }
    res.set_header("Content-Disposition", "attachment; filename=\"danh-sach-" + std::string(ListKindKey(list->kind)) +
                                              "-" + list->unit_code + "-" + list->as_of.ToIso() + ".xlsx\"");
    res.set_header("Cache-Control", "no-store");
    SendFile(res, path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", /*remove=*/true);
  });

  r.Get("/api/v1/outreach/progress", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonal(ctx, req, res, false);
    if (!s) return;
    auto as_of = DateParam(req, "as_of", ctx.DefaultAsOf(), res);
    if (!as_of) return;
    std::string unit = req.has_param("unit") ? req.get_param_value("unit") : HomeUnit(s->user);
    auto r = OpenReq(ctx, res);
    if (!r) return;
    if (!MaySeeUnitCode(s->user, r->snap->reg.tree, unit, *as_of))
      return SendError(res, 403, "permission_denied", "Tài khoản không được xem đơn vị '" + unit + "'.");
    auto p = BuildProgress(r->ctx(), *as_of, unit == kCountryCode ? "" : unit);
    if (!p.ok()) return SendStatus(res, p.status());
    Status st = Audit(ctx, *s, req, "outreach.progress", unit, "progress");
    if (!st.ok()) return SendStatus(res, st);
    auto conv = [](const ConversionRow& c) {
      return Json{{"key", c.key}, {"name", c.name}, {"assigned", c.assigned}, {"left", c.left},
                  {"enrolled", c.enrolled}, {"open", c.open},
                  {"rate", c.rate_hundredths >= 0 ? Json(FormatHundredthsPlain(c.rate_hundredths)) : Json(nullptr)}};
    };
    Json by_assignee = Json::array(), by_unit = Json::array(), entries = Json::array();
    for (const auto& c : p->by_assignee) by_assignee.push_back(conv(c));
    for (const auto& c : p->by_unit) by_unit.push_back(conv(c));
    const bool school = s->user.role == Role::kSchool || s->user.role == Role::kOrganisation;
    for (const EntryProgress& e : p->entries) {
      // A school or an organisation sees the entries assigned to it.
      if (school && e.assignment.assignee != s->user.username && e.assignment.assignee != s->user.display_name) continue;
      const std::string key =
          VisibleFields(s->user.role).citizen_id ? e.assignment.entry_key : MaskEntryKey(e.assignment.entry_key);
      entries.push_back(Json{{"list", e.assignment.list}, {"entry", key},
                             {"bhxh", e.bhxh.valid() ? e.bhxh.ToString() : ""}, {"full_name", e.full_name},
                             {"assignee", e.assignment.assignee}, {"assigned_on", e.assignment.assigned_on.ToIso()},
                             {"last_outcome", e.last ? OutcomeKey(*e.last) : ""},
                             {"last_outcome_name", e.last ? OutcomeNameVi(*e.last) : ""},
                             {"last_date", e.last_date.valid() ? Json(e.last_date.ToIso()) : Json(nullptr)},
                             {"note", e.last_note}, {"enrolled", e.enrolled}, {"auto_enrolled", e.auto_enrolled},
                             {"enrolled_on", e.enrolled_on.valid() ? Json(e.enrolled_on.ToIso()) : Json(nullptr)},
                             {"left", e.left}});
    }
    SendJson(res, 200, Json{{"as_of", as_of->ToIso()}, {"unit_code", unit}, {"total", conv(p->total)},
                            {"by_assignee", by_assignee}, {"by_unit", by_unit}, {"entries", entries}});
  });

  r.Post("/api/v1/outreach/assign", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonal(ctx, req, res, true);
    if (!s) return;
    if (s->user.role == Role::kSchool || s->user.role == Role::kOrganisation)
      return SendError(res, 403, "permission_denied", "Việc giao danh sách do cấp xã, tỉnh thực hiện.");
    auto body = BodyJson(req, res);
    if (!body) return;
    auto kind = ParseListKind(Str(*body, "list"));
    if (!kind.ok()) return SendStatus(res, kind.status());
    auto as_of = Date::ParseOption(Str(*body, "as_of"));
    if (!as_of.ok()) return SendStatus(res, as_of.status());
    ListRequest lr;
    lr.kind = *kind;
    lr.as_of = *as_of;
    lr.unit = Str(*body, "unit");
    auto r = OpenReq(ctx, res);
    if (!r) return;
    if (!MaySeeUnitCode(s->user, r->snap->reg.tree, lr.unit, std::max(ctx.DefaultAsOf(), lr.as_of)))
      return SendError(res, 403, "permission_denied", "Tài khoản không được giao việc ở đơn vị '" + lr.unit + "'.");
    std::string rule = Str(*body, "rule");
    if (!rule.empty()) {
      auto ar = ParseAssignRule(rule);
      if (!ar) return SendError(res, 400, "invalid_argument", "rule phải là class, hamlet hoặc organisation.");
      auto rep = AssignByRule(r->ctx(), lr, *ar);
      if (!rep.ok()) return SendStatus(res, rep.status());
      Status st = Audit(ctx, *s, req, "outreach.assign", lr.unit,
                        std::string(ListKindKey(lr.kind)) + " rule " + AssignRuleKey(*ar));
      if (!st.ok()) return SendStatus(res, st);
      return SendJson(res, 200, Json{{"assigned", rep->assigned}, {"already", rep->already},
                                     {"without_responsible", rep->without_responsible}});
    }
    // One entry: {"entry", "to"} ("assignee" is accepted for "to").
    const std::string entry = Str(*body, "entry");
    const std::string to = ToNfc(Trim(body->contains("to") ? Str(*body, "to") : Str(*body, "assignee")));
    if (entry.empty() || to.empty())
      return SendError(res, 400, "invalid_argument", "Cần mã mục (entry) và người được giao (to), hoặc quy tắc (rule).");
    Status st = AssignEntry(r->ctx(), lr, entry, to);
    if (!st.ok()) return SendStatus(res, st);
    st = Audit(ctx, *s, req, "outreach.assign", lr.unit, std::string(ListKindKey(lr.kind)) + " " + entry + " → " + to);
    if (!st.ok()) return SendStatus(res, st);
    SendJson(res, 200, Json{{"assigned", 1}, {"already", 0}, {"without_responsible", 0}});
  });

  r.Post("/api/v1/outreach/outcome", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonal(ctx, req, res, true);
    if (!s) return;
    auto body = BodyJson(req, res);
    if (!body) return;
    auto kind = ParseListKind(Str(*body, "list"));
    if (!kind.ok()) return SendStatus(res, kind.status());
    OutcomeRecord o;
    o.list = ListKindKey(*kind);
    o.entry_key = Str(*body, "entry");
    auto k = ParseOutcomeKind(Str(*body, "outcome"));
    if (!k) return SendError(res, 400, "invalid_argument", "Kết quả không hợp lệ: '" + Str(*body, "outcome") + "'.");
    o.outcome = *k;
    auto d = Date::ParseOption(Str(*body, "date"));
    if (!d.ok()) return SendStatus(res, d.status());
    o.date = *d;
    o.note = ToNfc(Str(*body, "note"));
    o.recorded_by = s->user.username;
    auto r = OpenReq(ctx, res);
    if (!r) return;
    // A school or an organisation records outcomes of the entries assigned to it only; a
    // province or commune account those of its units.
    std::vector<Assignment> all;
    Status st = r->outreach->ListAssignments(&all);
    if (!st.ok()) return SendStatus(res, st);
    const OutcomeRecord as_shown = o;  // refusals quote the key as the user sent it
    if (!VisibleFields(s->user.role).citizen_id) {
      // Such a user was shown the key with the CCCD masked: the entry it stands for is found
      // among the entries assigned to them (none or two alike: answered as not assigned).
      std::vector<std::string> mine;
      for (const Assignment& x : all)
        if (x.list == o.list && (x.assignee == s->user.username || x.assignee == s->user.display_name))
          mine.push_back(x.entry_key);
      o.entry_key = UnmaskEntryKey(as_shown.entry_key, mine);
      if (o.entry_key.empty()) return SendStatus(res, NotAssigned(as_shown));
    }
    const Assignment* a = nullptr;
    for (const Assignment& x : all)
      if (x.list == o.list && x.entry_key == o.entry_key) a = &x;
    if (a && (s->user.role == Role::kSchool || s->user.role == Role::kOrganisation) &&
        a->assignee != s->user.username && a->assignee != s->user.display_name)
      return SendError(res, 403, "permission_denied", "Mục này không được giao cho tài khoản này.");
    // An entry of a unit outside the user's, or naming a person who lives outside them, is
    // answered as an entry not assigned: nothing is written, nothing told (issue 12).
    const User user = s->user;
    const UnitTree& tree = r->snap->reg.tree;
    const Date today = ctx.DefaultAsOf();
    auto scope = [&](const std::string& code) { return MaySeeUnitCode(user, tree, code, today); };
    if (a && !scope(a->unit.str())) return SendStatus(res, NotAssigned(as_shown));
    auto within = EntryPersonWithin(r->store.get(), r->outreach.get(), o.entry_key, scope);
    if (!within.ok()) return SendStatus(res, within.status());
    if (!*within) return SendStatus(res, NotAssigned(as_shown));
    if (!a && (s->user.role == Role::kSchool || s->user.role == Role::kOrganisation))
      return SendError(res, 403, "permission_denied", "Mục này không được giao cho tài khoản này.");
    auto seq = RecordOutcome(r->outreach.get(), o);
    if (!seq.ok()) return SendStatus(res, seq.status());
    st = Audit(ctx, *s, req, "outreach.outcome", a ? a->unit.str() : "",
               o.list + " " + o.entry_key + " " + OutcomeKey(o.outcome) + " " + o.date.ToIso());
    if (!st.ok()) return SendStatus(res, st);
    SendJson(res, 200, Json{{"list", o.list},
                            {"entry", VisibleFields(s->user.role).citizen_id ? o.entry_key : MaskEntryKey(o.entry_key)},
                            {"seq", *seq}});
  });

  // Confirms (or rejects) a candidate of an uncertain match: administrator, province, commune,
  // for a row of a commune within the user's units.
  r.Post("/api/v1/outreach/confirm", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonal(ctx, req, res, true);
    if (!s) return;
    if (s->user.role == Role::kSchool || s->user.role == Role::kOrganisation)
      return SendError(res, 403, "permission_denied", "Việc xác nhận đối chiếu do cấp xã, tỉnh thực hiện.");
    auto body = BodyJson(req, res);
    if (!body) return;
    MatchChoice c;
    c.entry_key = Str(*body, "entry");
    auto b = BhxhNumber::Parse(Str(*body, "bhxh"));
    if (!b.ok()) return SendStatus(res, b.status());
    c.bhxh = *b;
    c.reject = body->contains("reject") && (*body)["reject"].is_boolean() && (*body)["reject"].get<bool>();
    c.decided_by = s->user.username;
    auto r = OpenReq(ctx, res);
    if (!r) return;
    const User user = s->user;
    const UnitTree& tree = r->snap->reg.tree;
    const Date today = ctx.DefaultAsOf();
    // A row of a unit outside the user's, or a candidate living outside them, is answered as a
    // number that is no candidate of the row (issue 12).
    c.scope = [&](const std::string& code) { return MaySeeUnitCode(user, tree, code, today); };
    auto row = DecideMatch(r->store.get(), r->outreach.get(), c, [&](const RosterRow& x) {
      return MaySeeUnitCode(user, tree, x.unit.str(), today) ? Status::Ok() : NotOffered(c);
    });
    if (!row.ok()) return SendStatus(res, row.status());
    Status st = Audit(ctx, *s, req, "outreach.confirm", row->unit.str(),
                      c.entry_key + (c.reject ? " reject " : " confirm ") + c.bhxh.ToString());
    if (!st.ok()) return SendStatus(res, st);
    SendJson(res, 200, Json{{"entry", c.entry_key}, {"bhxh", c.bhxh.ToString()}, {"decision", c.reject ? "rejected" : "confirmed"},
                            {"decided_by", c.decided_by}});
  });
}

}  // namespace baophu
