#include "server/http_util.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "server/password.h"

namespace baophu {

HttpError HttpErrorFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk: return {200, "ok"};
    case Status::Code::kInvalidArgument: return {400, "invalid_argument"};
    case Status::Code::kUnauthenticated: return {401, "unauthenticated"};
    case Status::Code::kPermissionDenied: return {403, "permission_denied"};
    case Status::Code::kNotFound: return {404, "not_found"};
    case Status::Code::kConflict: return {409, "conflict"};
    case Status::Code::kTooLarge: return {413, "too_large"};
    case Status::Code::kUnsupported: return {422, "unsupported"};
    case Status::Code::kCorruption: return {422, "corrupt"};
    case Status::Code::kIOError: return {500, "io_error"};
    case Status::Code::kInternal: return {500, "internal"};
  }
  return {500, "internal"};
}

void SendJson(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  // replace: a value echoed from the request (a bad parameter in an error message) may not be
  // UTF-8; the strict dump() would throw and the client get a 500 (fuzz/corpus/http/bug_*).
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  Json j;
  j["code"] = code;
  j["message"] = message;
  SendJson(res, status, j);
}

Lang LangParam(const httplib::Request& req) { return req.get_param_value("lang") == "en" ? Lang::kEn : Lang::kVi; }

void SendXlsx(ServerContext& ctx, httplib::Response& res, const std::string& filename,
              const std::function<Status(const std::string& path)>& write) {
  const std::string path = ctx.upload_dir() + "/export-" + RandomToken(8) + ".xlsx";
  Status st = write(path);
  if (!st.ok()) {
    std::remove(path.c_str());
    return SendStatus(res, st);
  }
  std::ifstream in(path, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path.c_str());
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(body, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

void SendStatus(httplib::Response& res, const Status& s) {
  HttpError e = HttpErrorFor(s);
  SendError(res, e.status, e.code, s.message());
}

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t a = part.find_first_not_of(' ');
    if (a != std::string::npos) part = part.substr(a);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=')
      return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return "";
}

std::optional<Session> RequireSession(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto s = ctx.sessions().Find(CookieValue(req, kSessionCookie));
  if (!s) SendError(res, 401, "unauthenticated", "Chưa đăng nhập hoặc phiên đã hết hạn; hãy đăng nhập lại.");
  return s;
}

std::optional<Session> RequireSessionCsrf(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireSession(ctx, req, res);
  if (!s) return s;
  bool changing = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
  if (changing && req.get_header_value(kCsrfHeader) != s->csrf) {
    SendError(res, 403, "csrf", "Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF); hãy tải lại trang.");
    return std::nullopt;
  }
  return s;
}

std::optional<Date> DateParam(const httplib::Request& req, const std::string& name, Date fallback,
                              httplib::Response& res) {
  if (!req.has_param(name.c_str()) || req.get_param_value(name.c_str()).empty()) return fallback;
  auto d = Date::ParseOption(req.get_param_value(name.c_str()));
  if (!d.ok()) {
    SendError(res, 400, "invalid_argument", "Tham số " + name + ": " + d.status().message());
    return std::nullopt;
  }
  return *d;
}

int IntParam(const httplib::Request& req, const std::string& name, int fallback, int lo, int hi) {
  if (!req.has_param(name.c_str())) return fallback;
  try {
    int v = std::stoi(req.get_param_value(name.c_str()));
    return std::clamp(v, lo, hi);
  } catch (...) {
    return fallback;
  }
}

Status Audit(ServerContext& ctx, const Session& s, const httplib::Request& req, const std::string& action,
           const std::string& unit_code, const std::string& subject) {
  AuditEntry e;
  e.username = s.user.username;
  e.action = action;
  e.unit_code = unit_code;
  e.subject = subject;
  e.client_ip = req.remote_addr;
  auto acc = ctx.accounts().Acquire();
  Status st = acc.ok() ? (*acc)->AppendAudit(e) : acc.status();
  if (!st.ok()) std::fprintf(stderr, "Lỗi ghi nhật ký truy cập: %s\n", st.ToString().c_str());
  return st;
}

Json UserJson(const User& u) {
  Json j;
  j["username"] = u.username;
  j["display_name"] = u.display_name;
  j["role"] = RoleKey(u.role);
  j["role_name"] = RoleNameVi(u.role);
  j["units"] = u.units;
  j["active"] = u.active;
  return j;
}

}  // namespace baophu
