// The HTTP edge shared by the route files: JSON responses, the one mapping from Status to an
// HTTP status and a stable error code, cookies, authentication, CSRF and the audit log.
// Free functions; thread-safe (state lives in ServerContext).
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/date.h"
#include "core/status.h"
#include "report/coverage_report.h"
#include "server/server_context.h"

namespace baophu {

using Json = nlohmann::ordered_json;

// The HTTP status and stable code for a Status: InvalidArgument 400 "invalid_argument",
// Unauthenticated 401, PermissionDenied 403, NotFound 404, Conflict 409, TooLarge 413,
// Unsupported / Corruption 422 (a file we cannot read), IOError / Internal 500.
struct HttpError {
  int status;
  const char* code;
};
HttpError HttpErrorFor(const Status& s);

void SendJson(httplib::Response& res, int status, const Json& body);
// {"code": code, "message": message} (message in Vietnamese).
void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message);
void SendStatus(httplib::Response& res, const Status& s);
// Reads and discards a request body (plain or multipart) up to `limit` bytes; true when all of
// it was read (the connection can then stay open: closing on unread data would reset it before
// the client reads the answer).
bool DrainBody(const httplib::Request& req, const httplib::ContentReader& read, size_t limit);
// 413 "too_large", and the connection closes (the rest of the body is not read).
void SendTooLarge(httplib::Response& res);
// Sends the file at `path` as the body, read from disk piece by piece as the client takes it
// (an export of a district must not be copied whole into memory). With `remove`, the file is
// unlinked at once (the open descriptor keeps it readable until the response ends). 500 when
// it cannot be opened.
void SendFile(httplib::Response& res, const std::string& path, const std::string& content_type, bool remove);
// An .xlsx download: `write` makes the workbook at a temporary path in the upload folder, which
// is sent as `filename` and removed; its failure is sent as an error instead.
void SendXlsx(ServerContext& ctx, httplib::Response& res, const std::string& filename,
              const std::function<Status(const std::string& path)>& write);

// The value of cookie `name` in the request, or "".
std::string CookieValue(const httplib::Request& req, const std::string& name);
inline constexpr const char* kSessionCookie = "baophu_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

// How often a session's account is read again from the store (password changed, deactivated):
// a change made by another process ends the session within this time.
inline constexpr std::chrono::seconds kSessionRecheck{1};
// Unauthenticated refusals written to the audit log per client address and minute.
inline constexpr int kRefusalAuditsPerMinute = 60;

// The session of the request; sends 401 and returns nothing when there is none, or when its
// account's password changed or the account was deactivated since login (the session ends).
std::optional<Session> RequireSession(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);
// The same, and for a changing request (POST, PUT, PATCH, DELETE) the X-CSRF-Token header must
// equal the session's token: 403 "csrf" otherwise.
std::optional<Session> RequireSessionCsrf(ServerContext& ctx, const httplib::Request& req, httplib::Response& res);

// A date parameter (dd/mm/yyyy or yyyy-mm-dd); `fallback` when absent; 400 sent on a bad value.
std::optional<Date> DateParam(const httplib::Request& req, const std::string& name, Date fallback,
                              httplib::Response& res);
int IntParam(const httplib::Request& req, const std::string& name, int fallback, int lo, int hi);
// ?lang=en → English; Vietnamese otherwise.
Lang LangParam(const httplib::Request& req);

// Records a view or export of personal data before it is sent; a handler whose audit entry
// cannot be written sends the error instead of the data.
Status Audit(ServerContext& ctx, const Session& s, const httplib::Request& req, const std::string& action,
           const std::string& unit_code, const std::string& subject);

// After a route's handler: a refused request (401, 403) is written to the audit log — the user
// (or "-"), "refused.<code>", the unit asked for, the method and path, the address.
void AuditRefusal(ServerContext& ctx, const httplib::Request& req, const httplib::Response& res);

Json UserJson(const User& u);

// The typed fields of a JSON object (a request body or one of its rows). An absent or null
// field gives the fallback; a field of the wrong type (or a string past max_len) records the
// first error, naming the field, which SendIfBad answers with 400 invalid_argument. Every
// JSON body a route reads goes through this: nothing of the JSON library's reaches the client.
class JsonFields {
 public:
  // Parses a body; an empty body is {} when `empty_is_object`.
  static JsonFields Parse(const std::string& text, bool empty_is_object = false);
  // A nested object (a row); `where` names it in messages ("dòng 3").
  JsonFields(const Json& object, std::string where);

  bool Has(const char* field) const;
  std::string String(const char* field, std::string fallback = "", size_t max_len = 4096);
  bool Bool(const char* field, bool fallback);
  int64_t Int(const char* field, int64_t fallback);
  // The array, or nullptr (absent, or wrong type: error recorded).
  const Json* Array(const char* field);
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  // Sends 400 with the first error; true when it did.
  bool SendIfBad(httplib::Response& res) const;

 private:
  JsonFields() = default;
  const Json* Field(const char* field, bool (Json::*is)() const noexcept, const char* expected);
  const Json& object() const { return obj_ ? *obj_ : parsed_; }
  Json parsed_;                // a parsed body ...
  const Json* obj_ = nullptr;  // ... or the nested object read
  std::string where_;
  std::string error_;
};

}  // namespace baophu
