// People and their cards, by BHXH number, CCCD or name. Personal data: every response is
// preceded by the scope check (the person's commune within the user's units) and an audit entry.
#include <algorithm>
#include <cstdio>
#include <iterator>
#include <set>

#include "outreach/list_access.h"
#include "outreach/lists.h"
#include "report/people_lookup.h"
#include "report/people_xlsx.h"
#include "report/report_text.h"
#include "server/access_policy.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace baophu {
namespace {

const char* SexKey(Sex s) { return s == Sex::kMale ? "male" : s == Sex::kFemale ? "female" : "unknown"; }

std::string UnitNameOf(const UnitTree& tree, const std::string& code) {
  if (code.empty()) return "";
  auto versions = tree.Versions(code);
  return versions.empty() ? code : tree.unit(versions.back()).name;
}

Json PersonJson(const RegistrySnapshot& snap, const PersonRecord& r, Date on, bool mask_cccd) {
  const Person& p = r.person;
  Json j;
  j["bhxh"] = p.bhxh.ToString();
  j["citizen_id"] = mask_cccd ? outreach::MaskMiddle(p.citizen_id.str()) : p.citizen_id.str();
  j["full_name"] = p.full_name;
  j["birth_date"] = p.birth_date.valid() ? Json(p.birth_date.ToIso()) : Json(nullptr);
  j["sex"] = SexKey(p.sex);
  j["commune_code"] = p.commune.str();
  j["commune_name"] = UnitNameOf(snap.reg.tree, p.commune.str());
  j["hamlet_code"] = p.hamlet.str();
  j["hamlet_name"] = UnitNameOf(snap.reg.tree, p.hamlet.str());
  j["household_code"] = p.household_code;
  bool insured = false;
  Json cards = Json::array();
  for (auto it = r.cards.rbegin(); it != r.cards.rend(); ++it) {  // newest first
    const Card& c = *it;
    bool valid = CardValidOn(c, on);
    insured = insured || valid;
    ReportingGroupId g = snap.reg.rules.ReportingGroupOf(c.object, c.valid_from);
    cards.push_back({{"card_code", c.card_code},
                     {"object_code", c.object.empty() ? std::string() : c.object.str()},
                     {"group", GroupCode(snap.reg.rules, g)},
                     {"group_name", GroupName(snap.reg.rules, g, Lang::kVi)},
                     {"benefit_level", c.benefit_level},
                     {"valid_from", c.valid_from.valid() ? Json(c.valid_from.ToIso()) : Json(nullptr)},
                     {"valid_to", c.valid_to.valid() ? Json(c.valid_to.ToIso()) : Json(nullptr)},
                     {"facility_code", c.facility_code},
                     {"valid_on_as_of", valid}});
  }
  j["insured_on_as_of"] = insured;
  j["cards"] = std::move(cards);
  return j;
}

// The session of a user who may see personal data; 401/403 sent otherwise.
std::optional<Session> RequirePersonalData(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireSession(ctx, req, res);
  if (s && !MaySeePersonalData(s->user)) {
    SendError(res, 403, "permission_denied", "Tài khoản chỉ xem báo cáo, không được xem thông tin cá nhân.");
    return std::nullopt;
  }
  return s;
}

struct Found {
  std::shared_ptr<const RegistrySnapshot> snap;
  PeopleLookup people;
  Date as_of;
  bool mask_cccd = false;  // schools and organisations: as in their lists
};

// The people a school or organisation account is in charge of (outreach::PeopleInCharge); an
// error sent on failure.
std::optional<std::set<int64_t>> InCharge(ServerContext& ctx, const RegistrySnapshot& snap, const Session& s, Date as_of,
                                          httplib::Response& res) {
  auto store = ctx.stores().Acquire();
  auto out = ctx.outreach_stores().Acquire();
  if (!store.ok() || !out.ok()) {
    SendStatus(res, store.ok() ? out.status() : store.status());
    return std::nullopt;
  }
  outreach::ListContext lc;
  lc.reg = &snap.reg;
  lc.store = store->get();
  lc.outreach = out->get();
  lc.money = &ctx.money_rules();
  auto people = outreach::PeopleInCharge(lc, s.user, as_of);
  if (!people.ok()) {
    SendStatus(res, people.status());
    return std::nullopt;
  }
  return std::move(*people);
}

// Looks up `query` (optionally restricted to `unit`) and applies the scope, decided by each
// person's commune on the query's date (as_of): 403 when `unit` lies outside the user's units;
// people outside are left out, exact matches (BHXH, CCCD) included, so that the answer about a
// number outside one's scope is the answer about an unknown number (the out-of-scope hit is
// audited). Schools and organisations see only the people in their charge, CCCD masked.
std::optional<Found> Lookup(ServerContext& ctx, const Session& s, const httplib::Request& req, const std::string& query,
                            httplib::Response& res) {
  Found f;
  auto as_of = DateParam(req, "as_of", ctx.DefaultAsOf(), res);
  if (!as_of) return std::nullopt;
  f.as_of = *as_of;
  f.snap = ctx.registry();
  f.mask_cccd = !outreach::VisibleFields(s.user.role).citizen_id;
  const UnitTree& tree = f.snap->reg.tree;
  std::string unit = req.get_param_value("unit");
  if (!unit.empty() && !MaySeeUnitCode(s.user, tree, unit, f.as_of)) {
    SendError(res, 403, "permission_denied", "Tài khoản không được xem người thuộc đơn vị '" + unit + "'.");
    return std::nullopt;
  }
  std::optional<std::set<int64_t>> in_charge;
  if (s.user.role == Role::kSchool || s.user.role == Role::kOrganisation) {
    in_charge = InCharge(ctx, *f.snap, s, f.as_of, res);
    if (!in_charge) return std::nullopt;
  }
  int limit = IntParam(req, "limit", 50, 1, 500);
  auto store = ctx.stores().Acquire();
  if (!store.ok()) {
    SendStatus(res, store.status());
    return std::nullopt;
  }
  auto found = LookupPeople(store->get(), query, unit.empty() ? limit : limit * 10);
  if (!found.ok()) {
    SendStatus(res, found.status());
    return std::nullopt;
  }
  f.people.kind = found->kind;
  for (PersonRecord& r : found->people) {
    const std::string& commune = r.person.commune.str();
    bool in_scope = MaySeeUnitCode(s.user, tree, commune, f.as_of) &&
                    (!in_charge || in_charge->count(r.person.bhxh.value()) > 0);
    if (in_scope && !unit.empty()) {
      // Within the requested unit too (the same rule, with `unit` as the only unit).
      User only = s.user;
      only.role = Role::kCommune;
      only.units = {unit};
      in_scope = MaySeeUnitCode(only, tree, commune, f.as_of);
    }
    if (!in_scope) {
      if (found->kind != PeopleQueryKind::kName) {
        // Not sent: the answer is the one for an unknown number. The administrator sees the try.
        Status st = Audit(ctx, s, req, "refused.out_of_scope", commune, query);
        if (!st.ok()) {
          SendStatus(res, st);
          return std::nullopt;
        }
      }
      continue;
    }
    if (static_cast<int>(f.people.people.size()) < limit) f.people.people.push_back(std::move(r));
  }
  return f;
}

// GET /api/v1/people/{bhxh}[/cards|/export.xlsx]: the person, scope-checked; 404 sent for an
// unknown number and for a number outside the user's scope alike.
std::optional<Found> OnePerson(ServerContext& ctx, const Session& s, const httplib::Request& req,
                               httplib::Response& res) {
  std::string bhxh = req.matches[1];
  auto f = Lookup(ctx, s, req, bhxh, res);
  if (!f) return f;
  if (f->people.people.empty()) {
    SendError(res, 404, "not_found", "Không có người mang mã số BHXH " + bhxh + ".");
    return std::nullopt;
  }
  return f;
}

}  // namespace

void AddPeopleRoutes(Router& r, ServerContext& ctx) {
  r.Get("/api/v1/people", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonalData(ctx, req, res);
    if (!s) return;
    std::string q = req.get_param_value("q");
    auto f = Lookup(ctx, *s, req, q, res);
    if (!f) return;
    std::string unit = req.get_param_value("unit");
    Status st = Audit(ctx, *s, req, "people.search", unit.empty() ? HomeUnit(s->user) : unit, q);
    if (!st.ok()) return SendStatus(res, st);
    Json arr = Json::array();
    for (const PersonRecord& r : f->people.people) arr.push_back(PersonJson(*f->snap, r, f->as_of, f->mask_cccd));
    const char* kind = f->people.kind == PeopleQueryKind::kBhxh        ? "bhxh"
                       : f->people.kind == PeopleQueryKind::kCitizenId ? "citizen_id"
                                                                       : "name";
    SendJson(res, 200, Json{{"q", q}, {"kind", kind}, {"as_of", f->as_of.ToIso()}, {"people", arr}});
  });

  r.Get("/api/v1/people/{bhxh}", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonalData(ctx, req, res);
    if (!s) return;
    auto f = OnePerson(ctx, *s, req, res);
    if (!f) return;
    const PersonRecord& r = f->people.people.front();
    Status st = Audit(ctx, *s, req, "person.view", r.person.commune.str(), r.person.bhxh.ToString());
    if (!st.ok()) return SendStatus(res, st);
    SendJson(res, 200, Json{{"as_of", f->as_of.ToIso()}, {"person", PersonJson(*f->snap, r, f->as_of, f->mask_cccd)}});
  });

  r.Get("/api/v1/people/{bhxh}/cards", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequirePersonalData(ctx, req, res);
    if (!s) return;
    auto f = OnePerson(ctx, *s, req, res);
    if (!f) return;
    const PersonRecord& r = f->people.people.front();
    Status st = Audit(ctx, *s, req, "person.cards", r.person.commune.str(), r.person.bhxh.ToString());
    if (!st.ok()) return SendStatus(res, st);
    Json j = PersonJson(*f->snap, r, f->as_of, f->mask_cccd);
    SendJson(res, 200, Json{{"bhxh", r.person.bhxh.ToString()}, {"as_of", f->as_of.ToIso()}, {"cards", j["cards"]}});
  });

  auto export_xlsx = [&ctx](const httplib::Request& req, httplib::Response& res, bool one) {
    auto s = RequirePersonalData(ctx, req, res);
    if (!s) return;
    auto f = one ? OnePerson(ctx, *s, req, res) : Lookup(ctx, *s, req, req.get_param_value("q"), res);
    if (!f) return;
    std::string unit = one ? f->people.people.front().person.commune.str() : req.get_param_value("unit");
    std::string subject = one ? std::string(req.matches[1]) : req.get_param_value("q");
    Status st = Audit(ctx, *s, req, "people.export.xlsx", unit.empty() ? HomeUnit(s->user) : unit, subject);
    if (!st.ok()) return SendStatus(res, st);
    SendXlsx(ctx, res, "nguoi-tham-gia-" + f->as_of.ToIso() + ".xlsx", [&](const std::string& path) {
      return WritePeopleXlsx(f->people.people, f->snap->reg.rules, f->as_of, path,
                             f->mask_cccd ? &outreach::MaskMiddle : nullptr);
    });
  };
  r.Get("/api/v1/people/export.xlsx", [export_xlsx](const httplib::Request& req, httplib::Response& res) {
    export_xlsx(req, res, false);
  });
  r.Get("/api/v1/people/{bhxh}/export.xlsx", [export_xlsx](const httplib::Request& req, httplib::Response& res) {
    export_xlsx(req, res, true);
  });
}

}  // namespace baophu
