#include "store/postgres/pg_conn.h"

#include <cstdlib>
#include <ctime>

namespace baophu::pg {

bool IsPostgresUri(std::string_view uri) { return uri.starts_with("postgres://") || uri.starts_with("postgresql://"); }

std::string RedactUri(std::string_view uri) {
  std::string out(uri);
  // user:password@host → user:***@host
  size_t scheme = out.find("://");
  if (scheme != std::string::npos) {
    size_t at = out.find('@', scheme + 3);
    size_t slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      size_t colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // ...?password=secret&... → password=***
  for (size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
    size_t end = out.find('&', p);
    out.replace(p + 9, (end == std::string::npos ? out.size() : end) - p - 9, "***");
  }
  return out;
}

int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(r_);
  return (n == nullptr || *n == 0) ? 0 : std::strtoll(n, nullptr, 10);
}

int64_t PgResult::Int(int row, int col) const {
  if (IsNull(row, col)) return 0;
  return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10);
}

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> p(values_.size());
  for (size_t i = 0; i < values_.size(); ++i) p[i] = null_[i] ? nullptr : values_[i].c_str();
  return p;
}

namespace {

// The server's NOTICEs (e.g. "relation already exists, skipping") are not for the user.
void IgnoreNotice(void*, const char*) {}

std::string Trimmed(const char* s) {
  std::string m = s ? s : "";
  while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
  return m;
}

std::string DescribeServer(PGconn* c) {
  const char* host = PQhost(c);
  const char* port = PQport(c);
  const char* db = PQdb(c);
  const char* user = PQuser(c);
  std::string h = host ? host : "";
  std::string where = h.starts_with("/") ? "ổ cắm " + h + "/.s.PGSQL." + (port ? port : "5432")
                                         : "máy chủ " + (h.empty() ? std::string("localhost") : h) + " cổng " +
                                               (port && *port ? port : "5432");
  where += ", cơ sở dữ liệu '" + std::string(db ? db : "") + "'";
  if (user && *user) where += ", người dùng '" + std::string(user) + "'";
  return where;
}

}  // namespace

Result<std::unique_ptr<Conn>> Conn::Open(const std::string& uri) {
  // The URI first (expanded), then client_encoding, which overrides it: text is UTF-8 also
  // after a reconnection (PQreset), whatever the server's default.
  const char* keywords[] = {"dbname", "client_encoding", nullptr};
  const char* values[] = {uri.c_str(), "UTF8", nullptr};
  PGconn* c = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (c == nullptr) return Status::IOError("không đủ bộ nhớ để kết nối PostgreSQL");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string msg = "không kết nối được PostgreSQL (" + DescribeServer(c) + ", địa chỉ '" + RedactUri(uri) +
                      "'): " + Trimmed(PQerrorMessage(c));
    PQfinish(c);
    return Status::IOError(msg);
  }
  PQsetNoticeProcessor(c, IgnoreNotice, nullptr);
  return std::unique_ptr<Conn>(new Conn(c, uri));
}

Conn::~Conn() { PQfinish(conn_); }

std::string Conn::Where() const { return DescribeServer(conn_); }

bool Conn::InTransaction() const {
  PGTransactionStatusType t = PQtransactionStatus(conn_);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
}

Status Conn::Error(const PGresult* r, std::string_view doing) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  last_sqlstate_ = state ? state : "";
  last_constraint_ = constraint ? constraint : "";
  std::string server = Trimmed(r ? PQresultErrorMessage(r) : PQerrorMessage(conn_));
  if (server.empty()) server = Trimmed(PQerrorMessage(conn_));
  std::string msg = std::string(doing) + ": " + server;
  if (!last_sqlstate_.empty()) msg += " (SQLSTATE " + last_sqlstate_ + ")";
  if (PQstatus(conn_) != CONNECTION_OK) {
    return Status::IOError("mất kết nối tới PostgreSQL (" + Where() + ") — " + msg);
  }
  const std::string cls = last_sqlstate_.substr(0, 2);
  if (cls == "23") return Status::Conflict(std::move(msg));
  if (cls == "40") return Status::Conflict("giao dịch xung đột với một giao dịch khác; hãy thử lại — " + msg);
  if (last_sqlstate_ == "XX001" || last_sqlstate_ == "XX002") {
    return Status::Corruption("dữ liệu PostgreSQL bị hỏng — " + msg);
  }
  if (cls == "08" || cls == "53" || cls == "57" || cls == "58" || cls == "25") return Status::IOError(std::move(msg));
  if (cls == "54") return Status::TooLarge(std::move(msg));
  return Status::Internal(std::move(msg));
}

Result<PgResult> Conn::Finish(PGresult* raw, std::string_view doing) {
  PgResult r(raw);
  ExecStatusType st = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    last_sqlstate_.clear();
    last_constraint_.clear();
    return r;
  }
  return Error(raw, doing);
}

void Conn::ReconnectIfLost() {
  if (PQstatus(conn_) != CONNECTION_BAD) return;
  PQreset(conn_);
  prepared_.clear();  // the new session has none of them
}

Status Conn::Exec(const char* sql) {
  ReconnectIfLost();
  auto r = Finish(PQexec(conn_, sql), std::string("lỗi PostgreSQL khi chạy '") + std::string(sql).substr(0, 60) + "'");
  return r.ok() ? Status::Ok() : r.status();
}

Result<PgResult> Conn::Run(const std::string& sql, const Params& params, std::string_view doing) {
  ReconnectIfLost();
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "baophu_" + std::to_string(prepared_.size() + 1);
    PgResult prep(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr));
    if (PQresultStatus(prep.raw()) != PGRES_COMMAND_OK) return Error(prep.raw(), doing);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values = params.Pointers();
  return Finish(PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(), nullptr, nullptr, 0), doing);
}

Result<PgResult> Conn::RunOnce(const std::string& sql, const Params& params, std::string_view doing) {
  ReconnectIfLost();
  std::vector<const char*> values = params.Pointers();
  return Finish(PQexecParams(conn_, sql.c_str(), params.size(), nullptr, values.data(), nullptr, nullptr, 0), doing);
}

Result<int64_t> Conn::QueryInt(const std::string& sql, std::string_view doing) {
  auto r = RunOnce(sql, Params(), doing);
  if (!r.ok()) return r.status();
  if (r->rows() != 1) return Status::Internal(std::string(doing) + ": không có dòng kết quả");
  return r->Int(0, 0);
}

std::string UtcNowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace baophu::pg
