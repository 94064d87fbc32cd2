// Login, logout, the current user, the client configuration, and the administrator's views of
// users and the audit log.
#include <chrono>
#include <fstream>
#include <iterator>

#include "server/access_policy.h"
#include "server/authenticate.h"
#include "server/http_util.h"
#include "server/password.h"
#include "server/routes.h"

namespace baophu {
namespace {

std::string SessionCookie(const ServerContext& ctx, const std::string& value, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (!IsLoopbackHost(ctx.options().host)) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

Json MeJson(const ServerContext& ctx, const Session& s) {
  Json j;
  j["user"] = UserJson(s.user);
  j["csrf_token"] = s.csrf;
  j["home_unit"] = HomeUnit(s.user);
  j["may_see_personal_data"] = MaySeePersonalData(s.user);
  j["may_import"] = MayImport(s.user);
  j["may_import_lists"] = MayImportLists(s.user);
  j["is_administrator"] = IsAdministrator(s.user);
  return j;
}

void Login(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  // A JSON body only: a cross-site HTML form cannot send one, which (with SameSite=Strict)
  // stands in for a CSRF token before there is a session.
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
    return SendError(res, 400, "invalid_argument", "Yêu cầu đăng nhập phải là JSON {\"username\", \"password\"}.");
  JsonFields body = JsonFields::Parse(req.body);
  std::string username = body.String("username", "", 256);
  std::string password = body.String("password", "", 1024);
  if (body.SendIfBad(res)) return;
  if (!body.Has("username") || !body.Has("password"))
    return SendError(res, 400, "invalid_argument", "Yêu cầu đăng nhập phải là JSON {\"username\", \"password\"}.");
  auto now = LoginLimiter::Clock::now();
  std::string ip_key = "ip:" + req.remote_addr, user_key = "user:" + username;
  int retry = 0;
  if (!ctx.ip_limiter().Allowed(ip_key, now, &retry) || !ctx.limiter().Allowed(user_key, now, &retry)) {
    res.set_header("Retry-After", std::to_string(retry));
    return SendError(res, 429, "too_many_attempts",
                     "Đăng nhập sai quá nhiều lần; hãy thử lại sau " + std::to_string(retry) + " giây.");
  }
  auto acc = ctx.accounts().Acquire();
  if (!acc.ok()) return SendStatus(res, acc.status());
  auto user = Authenticate(acc->get(), username, password);
  if (!user.ok()) return SendStatus(res, user.status());
  if (!*user) {
    ctx.ip_limiter().RecordFailure(ip_key, now);
    ctx.limiter().RecordFailure(user_key, now);
    return SendError(res, 401, "bad_credentials", "Sai tên đăng nhập hoặc mật khẩu.");
  }
  ctx.limiter().Clear(user_key);
  Session s = ctx.sessions().Create(std::move(**user));
  res.set_header("Set-Cookie", SessionCookie(ctx, s.token, false));
  SendJson(res, 200, MeJson(ctx, s));
}

}  // namespace

void AddAuthRoutes(Router& r, ServerContext& ctx) {
  r.Post("/api/v1/auth/login", [&ctx](const httplib::Request& req, httplib::Response& res) { Login(ctx, req, res); });

  r.Post("/api/v1/auth/logout", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSessionCsrf(ctx, req, res);
    if (!s) return;
    ctx.sessions().Remove(s->token);
    res.set_header("Set-Cookie", SessionCookie(ctx, "", true));
    res.status = 204;
  });

  r.Get("/api/v1/auth/me", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s) return;
    SendJson(res, 200, MeJson(ctx, *s));
  });

  r.Get("/api/v1/config", [&ctx](const httplib::Request&, httplib::Response& res) {
    Json j;
    j["default_as_of"] = ctx.DefaultAsOf().ToIso();
    j["has_series"] = true;
    j["map"] = "/api/v1/geo/provinces";
    SendJson(res, 200, j);
  });

  r.Get("/api/v1/geo/provinces", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s) return;
    std::string path = ctx.options().vn_admin_dir + "/post2025_provinces.geojson";
    std::ifstream f(path, std::ios::binary);
    if (!f) return SendError(res, 404, "not_found", "Không có bản đồ tỉnh (" + path + ").");
    std::string body((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    res.set_header("Cache-Control", "private, max-age=86400");
    res.set_content(body, "application/geo+json");
  });

  r.Get("/api/v1/users", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s) return;
    if (!IsAdministrator(s->user))
      return SendError(res, 403, "permission_denied", "Chỉ quản trị viên được xem danh sách người dùng.");
    auto acc = ctx.accounts().Acquire();
    if (!acc.ok()) return SendStatus(res, acc.status());
    std::vector<User> users;
    Status st = (*acc)->ListUsers(&users);
    if (!st.ok()) return SendStatus(res, st);
    Json arr = Json::array();
    for (const User& u : users) arr.push_back(UserJson(u));
    SendJson(res, 200, Json{{"users", arr}});
  });

  r.Get("/api/v1/audit", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireSession(ctx, req, res);
    if (!s) return;
    if (!IsAdministrator(s->user))
      return SendError(res, 403, "permission_denied", "Chỉ quản trị viên được xem nhật ký truy cập.");
    int limit = IntParam(req, "limit", 100, 1, 1000);
    int64_t before = IntParam(req, "before", 0, 0, 2000000000);
    auto acc = ctx.accounts().Acquire();
    if (!acc.ok()) return SendStatus(res, acc.status());
    std::vector<AuditEntry> entries;
    Status st = (*acc)->ListAudit(limit, before, req.get_param_value("user"), &entries);
    if (!st.ok()) return SendStatus(res, st);
    Json arr = Json::array();
    for (const AuditEntry& e : entries)
      arr.push_back({{"id", e.id},
                     {"at", e.at},
                     {"username", e.username},
                     {"action", e.action},
                     {"unit_code", e.unit_code},
                     {"subject", e.subject},
                     {"client_ip", e.client_ip}});
    SendJson(res, 200, Json{{"entries", arr}});
  });
}

}  // namespace baophu
