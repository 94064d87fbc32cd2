// Thin RAII wrappers over libpq used by the PostgreSQL stores: a connection (Conn) with a cache
// of prepared statements, a result (PgResult) with typed column helpers, and text parameters
// (Params). Every value travels in libpq's text format.
// Thread-safety: none. A Conn and its results belong to one thread at a time.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace baophu::pg {

// True for the URIs the PostgreSQL stores take: postgres://... and postgresql://...
bool IsPostgresUri(std::string_view uri);
// The URI with its password (user:password@, or password=... in the query) masked, for messages.
std::string RedactUri(std::string_view uri);

// Owns a PGresult. Rows and columns are 0-based.
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : r_(r) {}
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept {
    if (this != &o) {
      PQclear(r_);
      r_ = o.r_;
      o.r_ = nullptr;
    }
    return *this;
  }
  ~PgResult() { PQclear(r_); }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  PGresult* raw() const { return r_; }
  int rows() const { return PQntuples(r_); }
  // Rows an INSERT/UPDATE/DELETE touched.
  int64_t affected() const;
  bool IsNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
  // "" for NULL; valid as long as the result.
  std::string_view Text(int row, int col) const {
    return {PQgetvalue(r_, row, col), static_cast<size_t>(PQgetlength(r_, row, col))};
  }
  int64_t Int(int row, int col) const;  // 0 for NULL
  // NULL → Date() (unknown); else the day number.
  Date DateAt(int row, int col) const {
    return IsNull(row, col) ? Date() : Date::FromDays(static_cast<int32_t>(Int(row, col)));
  }

 private:
  PGresult* r_ = nullptr;
};

// Parameters of one statement, in text format ($1 is the first one added).
class Params {
 public:
  Params& Text(std::string_view v) {
    values_.emplace_back(v);
    null_.push_back(false);
    return *this;
  }
  // Empty text is NULL: optional codes (commune, CCCD ...) are NULL so that foreign keys and
  // UNIQUE ignore them, as in the SQLite store.
  Params& TextOrNull(std::string_view v) { return v.empty() ? Null() : Text(v); }
  Params& Int(int64_t v) { return Text(std::to_string(v)); }
  Params& Null() {
    values_.emplace_back();
    null_.push_back(true);
    return *this;
  }
  // An invalid (unknown) Date is NULL; every valid Date, also the sentinels, its day number.
  Params& DateOrNull(Date d) { return d.valid() ? Int(d.days()) : Null(); }

  int size() const { return static_cast<int>(values_.size()); }
  // Pointers for PQexecParams; valid until the next change.
  std::vector<const char*> Pointers() const;

 private:
  std::vector<std::string> values_;
  std::vector<bool> null_;
};

// One PostgreSQL connection.
class Conn {
 public:
  // Connects to `uri` (any form libpq accepts; the stores pass postgres:// URIs) with UTF-8 as
  // the client encoding. A failure is an IOError naming the host, the port and the database,
  // with the server's message.
  static Result<std::unique_ptr<Conn>> Open(const std::string& uri);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  PGconn* raw() const { return conn_; }
  const std::string& uri() const { return uri_; }
  // "máy chủ H cổng P, cơ sở dữ liệu D" for messages.
  std::string Where() const;

  // Runs one or more statements without parameters (simple query protocol).
  Status Exec(const char* sql);
  Status Exec(const std::string& sql) { return Exec(sql.c_str()); }
  // Runs `sql` prepared once per connection (cached by its text). On failure the Status says
  // `doing` and the server's message; last_sqlstate() / last_constraint() say what failed.
  Result<PgResult> Run(const std::string& sql, const Params& params, std::string_view doing);
  // The same without preparing (one-off statements).
  Result<PgResult> RunOnce(const std::string& sql, const Params& params, std::string_view doing);
  // The value of a one-row, one-integer query.
  Result<int64_t> QueryInt(const std::string& sql, std::string_view doing);

  // Inside BEGIN ... COMMIT (also when that transaction has failed).
  bool InTransaction() const;
  // A statement failed inside the open transaction: only ROLLBACK is possible now.
  bool TransactionFailed() const { return PQtransactionStatus(conn_) == PQTRANS_INERROR; }

  // The SQLSTATE and constraint name of the last failed statement ("" after a success).
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  const std::string& last_constraint() const { return last_constraint_; }
  bool LastFailedForeignKey() const { return last_sqlstate_ == "23503"; }
  bool LastFailedUnique() const { return last_sqlstate_ == "23505"; }

  // A Status for a failed result: connection and resource errors → IOError; constraints →
  // Conflict; a damaged database → Corruption; anything else → Internal.
  Status Error(const PGresult* r, std::string_view doing);

 private:
  Conn(PGconn* c, std::string uri) : conn_(c), uri_(std::move(uri)) {}
  Result<PgResult> Finish(PGresult* r, std::string_view doing);
  // A connection the server dropped (restart, idle timeout) is opened again before the next
  // statement; the statement that met the loss has failed with IOError, and so has any
  // transaction that was open.
  void ReconnectIfLost();

  PGconn* conn_;
  std::string uri_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL text → statement name
  std::string last_sqlstate_, last_constraint_;
};

// The current UTC time as ISO 8601 text ("2025-07-01T08:30:00Z"), as the SQLite store writes it.
std::string UtcNowIso();

}  // namespace baophu::pg
