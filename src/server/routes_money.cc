// The contribution calculator over HTTP: GET /api/v1/fee (JSON) and /api/v1/fee/export.xlsx,
// the same quote as `baophu fee person|household` (money/fee_quote.h). No personal data: any
// signed-in user may ask.
#include <string>
#include <vector>

#include "money/fee_quote.h"
#include "server/http_util.h"
#include "server/routes.h"

namespace baophu {
namespace {

// The form from the query: date, months, kind (person|household), group, object, category,
// salary, grade, members, supported (comma-separated categories), province, previous_card_to.
std::optional<money::FeeForm> ParseFeeForm(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  money::FeeForm f;
  auto date = DateParam(req, "date", ctx.DefaultAsOf(), res);
  if (!date) return std::nullopt;
  f.date = *date;
  const std::string kind = req.has_param("kind") ? req.get_param_value("kind") : "person";
  if (kind != "person" && kind != "household") {
    SendError(res, 400, "invalid_argument", "kind phải là person (một người) hoặc household (hộ gia đình): '" + kind + "'.");
    return std::nullopt;
  }
  f.household = kind == "household";
  f.months = IntParam(req, "months", 12, 1, 60);
  f.group = IntParam(req, "group", 5, 1, 5);
  f.object = req.get_param_value("object");
  f.category = req.get_param_value("category");
  f.grade = IntParam(req, "grade", 0, 0, 12);
  f.members = IntParam(req, "members", 1, 0, 1000);
  f.province = req.get_param_value("province");
  const std::string salary = req.get_param_value("salary");
  if (!salary.empty()) {
    for (char c : salary)
      if (c < '0' || c > '9' || salary.size() > 12) {
        SendError(res, 400, "invalid_argument", "Tiền lương phải là số đồng nguyên dương: '" + salary + "'.");
        return std::nullopt;
      }
    f.salary = std::stoll(salary);
  }
  const std::string supported = req.get_param_value("supported");
  for (size_t b = 0; b < supported.size();) {
    size_t e = supported.find(',', b);
    if (e == std::string::npos) e = supported.size();
    if (e > b) f.supported.push_back(supported.substr(b, e - b));
    b = e + 1;
  }
  if (req.has_param("previous_card_to") && !req.get_param_value("previous_card_to").empty()) {
    auto p = DateParam(req, "previous_card_to", Date(), res);
    if (!p) return std::nullopt;
    f.previous_card_to = *p;
  }
  return f;
}

Json MoneyJson(Money m) { return Json(m.dong); }

void Fee(ServerContext& ctx, const httplib::Request& req, httplib::Response& res, bool xlsx) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return;
  auto form = ParseFeeForm(ctx, req, res);
  if (!form) return;
  const bool en = LangParam(req) == Lang::kEn;
  auto quote = money::QuoteFee(ctx.money_rules(), ctx.rules(), *form, en);
  if (!quote.ok()) return SendStatus(res, quote.status());
  if (xlsx)
    return SendXlsx(ctx, res, "muc-dong-bhyt-" + form->date.ToIso() + ".xlsx", [&](const std::string& path) {
      return quote->table.WriteXlsx(path, en ? "Contribution" : "Mức đóng");
    });
  Json months = Json::array();
  for (const money::MonthPrice& m : quote->fee.months)
    months.push_back({{"month", m.month.ToIso()}, {"base_salary", MoneyJson(m.base)}});
  Json members = Json::array();
  for (const money::MemberFee& m : quote->fee.members) {
    Json monthly = Json::array();
    for (Money v : m.monthly) monthly.push_back(MoneyJson(v));
    members.push_back({{"label", m.member.label},
                       {"payer_group", m.member.payer_group},
                       {"category", m.member.category},
                       {"order", m.order},
                       {"share_bp", m.share_bp},
                       {"monthly", monthly},
                       {"full", MoneyJson(m.full)},
                       {"state", MoneyJson(m.state)},
                       {"province", MoneyJson(m.province)},
                       {"payable", MoneyJson(m.payable)}});
  }
  SendJson(res, 200,
           Json{{"date", form->date.ToIso()},
                {"months", form->months},
                {"kind", form->household ? "household" : "person"},
                {"payer_group", quote->payer_group},
                {"month_prices", months},
                {"members", members},
                {"totals",
                 {{"full", MoneyJson(quote->fee.full)},
                  {"state", MoneyJson(quote->fee.state)},
                  {"province", MoneyJson(quote->fee.province)},
                  {"payable", MoneyJson(quote->fee.payable)}}},
                {"card", {{"from", quote->card.from.ToIso()}, {"to", quote->card.to.ToIso()},
                          {"rule", en ? quote->card.rule_en : quote->card.rule_vi}}}});
}

}  // namespace

void AddMoneyRoutes(Router& r, ServerContext& ctx) {
  r.Get("/api/v1/fee", [&ctx](const httplib::Request& req, httplib::Response& res) { Fee(ctx, req, res, false); });
  r.Get("/api/v1/fee/export.xlsx",
        [&ctx](const httplib::Request& req, httplib::Response& res) { Fee(ctx, req, res, true); });
}

}  // namespace baophu
