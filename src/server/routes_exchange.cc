// Data exchange with the anchors (issue 7, item 6): coverage per unit and ISO week as a DHIS2
// data value set (aggregate: every role, for its own units), and people's coverage as an HL7
// FHIR R4 Bundle of Patient + Coverage resources (personal data: the roles that see it, within
// their units; every export written to the audit log first).
#include <cstdio>
#include <memory>
#include <string>

#include "server/access_policy.h"
#include "server/http_util.h"
#include "server/routes.h"
#include "steering/dhis2_export.h"
#include "steering/fhir_export.h"

namespace baophu {
namespace {

// The unit of the request (default the user's home unit) if it exists on `on` and the user may
// see it; the error sent and nullopt otherwise.
std::optional<std::string> UnitParam(const RegistrySnapshot& snap, const Session& s, const httplib::Request& req,
                                     Date on, httplib::Response& res) {
  std::string unit = req.has_param("unit") ? req.get_param_value("unit") : HomeUnit(s.user);
  const UnitTree::Index root = snap.reg.tree.Resolve(unit, on);
  if (root == UnitTree::kNone) {
    SendError(res, 404, "not_found", "Không có đơn vị hành chính mã '" + unit + "' có hiệu lực ngày " + on.ToVn() + ".");
    return std::nullopt;
  }
  if (!MaySeeUnit(s.user, snap.reg.tree, root, on)) {
    SendError(res, 403, "permission_denied", "Tài khoản không được xem số liệu của đơn vị '" + unit + "'.");
    return std::nullopt;
  }
  return unit;
}

// Schools and organisations: 403 (an exchange with the health systems is not theirs).
bool RefuseNonExchange(const Session& s, httplib::Response& res) {
  if (MayExchange(s.user)) return false;
  SendError(res, 403, "permission_denied", "Tài khoản trường học, tổ chức không được xuất dữ liệu trao đổi.");
  return true;
}

}  // namespace

void AddExchangeRoutes(Router& r, ServerContext& ctx) {
  r.Get("/api/v1/exchange/dhis2", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s || RefuseNonExchange(*s, res)) return;
    auto snap = ctx.registry();
    auto to = DateParam(req, "to", ctx.DefaultAsOf(), res);
    if (!to) return;
    auto from = DateParam(req, "from", to->AddDays(-6), res);
    if (!from) return;
    auto unit = UnitParam(*snap, *s, req, *to, res);
    if (!unit) return;
    Dhis2Query q;
    q.unit_code = *unit;
    q.from = *from;
    q.to = *to;
    q.depth = IntParam(req, "depth", 1, 0, 4);
    auto json = ExportDhis2DataValueSet(snap->reg, q);
    if (!json.ok()) return SendStatus(res, json.status());
    res.set_header("Content-Disposition", "attachment; filename=\"dhis2-" + *unit + "-" + to->ToIso() + ".json\"");
    res.set_content(*json, "application/json; charset=utf-8");
  });

  r.Get("/api/v1/exchange/fhir", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s || RefuseNonExchange(*s, res)) return;
    if (!MaySeePersonalData(s->user))
      return SendError(res, 403, "permission_denied", "Tài khoản chỉ xem báo cáo, không được xem thông tin cá nhân.");
    auto snap = ctx.registry();
    auto as_of = DateParam(req, "as_of", ctx.DefaultAsOf(), res);
    if (!as_of) return;
    auto unit = UnitParam(*snap, *s, req, *as_of, res);
    if (!unit) return;
    FhirQuery q;
    q.unit_code = *unit;
    q.as_of = *as_of;
    q.valid_only = req.get_param_value("valid_only") == "1" || req.get_param_value("valid_only") == "true";
    auto store = ctx.stores().Acquire();
    if (!store.ok()) return SendStatus(res, store.status());
    Status st = Audit(ctx, *s, req, "fhir.export", *unit, std::string("fhir") + (q.valid_only ? " valid_only" : ""));
    if (!st.ok()) return SendStatus(res, st);
    auto people = FhirPeople(snap->reg, q);
    if (!people.ok()) return SendStatus(res, people.status());
    res.set_header("Content-Disposition", "attachment; filename=\"fhir-" + *unit + "-" + as_of->ToIso() + ".json\"");
    res.set_header("Cache-Control", "no-store");
    // Streamed in chunks as it is made (a district is ~150 MB of JSON): the provider holds the
    // snapshot, the store lease and the people. A failure after the first byte can only cut
    // the transfer short (the client sees an incomplete chunked body), never send a half file
    // as whole.
    auto lease = std::make_shared<ConnectionPool<Store>::Lease>(std::move(*store));
    auto list = std::make_shared<std::vector<BhxhNumber>>(std::move(*people));
    res.set_chunked_content_provider("application/fhir+json; charset=utf-8",
                                     [snap, lease, list, q](size_t, httplib::DataSink& sink) {
                                       FhirCounts counts;
                                       Status st = WriteFhirBundle(snap->reg, lease->get(), q, *list,
                                                                   [&sink](std::string_view piece) {
                                                                     return sink.write(piece.data(), piece.size());
                                                                   },
                                                                   &counts);
                                       if (!st.ok()) {
                                         std::fprintf(stderr, "Xuất FHIR bị ngắt: %s\n", st.ToString().c_str());
                                         return false;
                                       }
                                       sink.done();
                                       return true;
                                     });
  });
}

}  // namespace baophu
