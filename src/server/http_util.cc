#include "server/http_util.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "server/authenticate.h"
#include "server/guarded_server.h"
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
  res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  res.set_header("Cache-Control", "no-store");
  SendFile(res, path, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", /*remove=*/true);
}

void SendFile(httplib::Response& res, const std::string& path, const std::string& content_type, bool remove) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    if (fd >= 0) ::close(fd);
    if (remove) std::remove(path.c_str());
    res.headers.erase("Content-Disposition");
    return SendStatus(res, Status::IOError("không đọc được tệp xuất"));
  }
  if (remove) ::unlink(path.c_str());
  res.set_content_provider(
      static_cast<size_t>(st.st_size), content_type,
      [fd](size_t offset, size_t length, httplib::DataSink& sink) {
        char buf[64 << 10];
        ssize_t n = ::pread(fd, buf, std::min(length, sizeof buf), static_cast<off_t>(offset));
        return n > 0 && sink.write(buf, static_cast<size_t>(n));
      },
      [fd](bool) { ::close(fd); });
}

void SendStatus(httplib::Response& res, const Status& s) {
  HttpError e = HttpErrorFor(s);
  SendError(res, e.status, e.code, s.message());
}

bool DrainBody(const httplib::Request& req, const httplib::ContentReader& read, size_t limit) {
  size_t seen = 0;
  auto discard = [&](const char*, size_t n) { return (seen += n) <= limit; };
  if (req.is_multipart_form_data())
    return read([](const httplib::MultipartFormData&) { return true; }, discard);
  return read(discard);
}

void SendTooLarge(httplib::Response& res) {
  res.set_header("Connection", "close");
  GuardedServer::CloseAfterResponse();
  SendError(res, 413, "too_large", "Tệp hoặc yêu cầu quá lớn.");
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
  if (!s) {
    SendError(res, 401, "unauthenticated", "Chưa đăng nhập hoặc phiên đã hết hạn; hãy đăng nhập lại.");
    return s;
  }
  // The account as it stands now (another process, the CLI, may have changed the password or
  // deactivated it): read again when the last read is older than kSessionRecheck.
  const auto now = std::chrono::steady_clock::now();
  if (now - s->checked < kSessionRecheck) return s;
  auto acc = ctx.accounts().Acquire();
  if (!acc.ok()) {
    SendStatus(res, acc.status());
    return std::nullopt;
  }
  auto current = (*acc)->FindUser(s->user.username);
  if (!current.ok()) {
    SendStatus(res, current.status());
    return std::nullopt;
  }
  if (!SessionAccountStands(s->credential, *current)) {
    ctx.sessions().Remove(s->token);
    SendError(res, 401, "unauthenticated",
              "Phiên đã kết thúc: mật khẩu đã đổi hoặc tài khoản đã bị khóa; hãy đăng nhập lại.");
    return std::nullopt;
  }
  ctx.sessions().Refresh(s->token, **current, now);
  s->user = std::move(**current);
  s->user.password_hash.clear();
  s->checked = now;
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

void AuditRefusal(ServerContext& ctx, const httplib::Request& req, const httplib::Response& res) {
  if (res.status != 401 && res.status != 403) return;
  AuditEntry e;
  auto s = ctx.sessions().Find(CookieValue(req, kSessionCookie));
  e.username = s ? s->user.username : "-";
  if (!s) {
    // Unauthenticated: anyone can send these, so at most kRefusalAuditsPerMinute entries a
    // minute per client address (the rest are counted by the limiter, not written).
    const auto now = LoginLimiter::Clock::now();
    const std::string key = "refused:" + req.remote_addr;
    if (!ctx.refusal_limiter().Allowed(key, now)) return;
    ctx.refusal_limiter().RecordFailure(key, now);
  }
  Json body = Json::parse(res.body, nullptr, false);
  std::string code = body.is_object() && body.contains("code") && body["code"].is_string()
                         ? body["code"].get<std::string>()
                         : std::to_string(res.status);
  e.action = "refused." + code;
  e.unit_code = req.get_param_value("unit").substr(0, 32);
  e.subject = (req.method + " " + req.path).substr(0, 300);
  e.client_ip = req.remote_addr;
  auto acc = ctx.accounts().Acquire();
  Status st = acc.ok() ? (*acc)->AppendAudit(e) : acc.status();
  if (!st.ok()) std::fprintf(stderr, "Lỗi ghi nhật ký truy cập: %s\n", st.ToString().c_str());
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

JsonFields JsonFields::Parse(const std::string& text, bool empty_is_object) {
  JsonFields f;
  f.parsed_ = empty_is_object && text.empty() ? Json::object() : Json::parse(text, nullptr, false);
  if (f.parsed_.is_discarded() || !f.parsed_.is_object()) {
    f.parsed_ = Json::object();
    f.error_ = "Nội dung yêu cầu phải là một đối tượng JSON.";
  }
  return f;  // obj_ stays null: the fields are parsed_'s (a pointer to it would not survive a move)
}

JsonFields::JsonFields(const Json& object, std::string where) : where_(std::move(where)) {
  static const Json kEmpty = Json::object();
  obj_ = &object;
  if (!object.is_object()) {
    obj_ = &kEmpty;
    error_ = where_ + " phải là một đối tượng JSON.";
  }
}

bool JsonFields::Has(const char* field) const {
  const Json& o = object();
  auto it = o.find(field);
  return it != o.end() && !it->is_null();
}

const Json* JsonFields::Field(const char* field, bool (Json::*is)() const noexcept, const char* expected) {
  const Json& o = object();
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return nullptr;
  if (!((*it).*is)()) {
    if (error_.empty())
      error_ = std::string("Trường \"") + field + "\"" + (where_.empty() ? "" : " (" + where_ + ")") + " phải là " +
               expected + ".";
    return nullptr;
  }
  return &*it;
}

std::string JsonFields::String(const char* field, std::string fallback, size_t max_len) {
  const Json* v = Field(field, &Json::is_string, "một chuỗi");
  if (!v) return fallback;
  const std::string& text = v->get_ref<const std::string&>();
  if (text.size() > max_len) {
    if (error_.empty())
      error_ = std::string("Trường \"") + field + "\" dài quá " + std::to_string(max_len) + " byte.";
    return fallback;
  }
  return text;
}

bool JsonFields::Bool(const char* field, bool fallback) {
  const Json* v = Field(field, &Json::is_boolean, "true hoặc false");
  return v ? v->get<bool>() : fallback;
}

int64_t JsonFields::Int(const char* field, int64_t fallback) {
  const Json* v = Field(field, &Json::is_number_integer, "một số nguyên");
  if (!v) return fallback;
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    if (error_.empty()) error_ = std::string("Trường \"") + field + "\" quá lớn.";
    return fallback;
  }
  return v->get<int64_t>();
}

const Json* JsonFields::Array(const char* field) { return Field(field, &Json::is_array, "một mảng"); }

bool JsonFields::SendIfBad(httplib::Response& res) const {
  if (ok()) return false;
  SendError(res, 400, "invalid_argument", error_);
  return true;
}

}  // namespace baophu
