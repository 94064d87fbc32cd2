// Thin RAII wrappers over the SQLite C API used by SQLiteStore: a connection (Db) with a cache of
// prepared statements, and a statement (Stmt) with typed bind/column helpers.
// Thread-safety: none. A Db and its statements belong to one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/date.h"
#include "core/status.h"

namespace baophu::sqlite {

// Maps an SQLite result code (and the connection's last message) to a Status: I/O, disk full,
// busy and read-only errors → IOError; a damaged file → Corruption; a constraint → Conflict
// (callers that can name the offending key replace it with their own message).
Status StatusFromSqlite(int rc, sqlite3* db, std::string_view doing);

// The current UTC time as ISO 8601 text ("2025-07-01T08:30:00Z"), for applied_at/imported_at
// columns (computed here rather than in SQL, whose date functions differ between engines).
std::string UtcNowIso();

// A prepared statement. Parameters are 1-based and columns 0-based, as in SQLite. Text is bound
// without copying (SQLITE_STATIC): the caller keeps it alive until Reset().
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  void BindInt(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void BindNull(int i) { sqlite3_bind_null(s_, i); }
  void BindText(int i, std::string_view v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
  }
  // Empty text is stored as NULL: optional codes (commune, CCCD...) are NULL so that foreign
  // keys and UNIQUE ignore them.
  void BindTextOrNull(int i, std::string_view v) {
    if (v.empty()) BindNull(i); else BindText(i, v);
  }
  // An invalid (unknown) Date is NULL; every valid Date, including the open-ended sentinels
  // Date::Min() and Date::Max(), is its day number.
  void BindDate(int i, Date d) {
    if (d.valid()) BindInt(i, d.days()); else BindNull(i);
  }

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(s_); }
  // Ready for the next execution; drops bindings so no dangling text stays bound.
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

  bool IsNull(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  int64_t Int(int c) const { return sqlite3_column_int64(s_, c); }
  // Valid until the next Step/Reset.
  std::string_view Text(int c) const {
    const unsigned char* p = sqlite3_column_text(s_, c);
    if (p == nullptr) return {};
    return {reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s_, c))};
  }
  Date DateAt(int c) const {
    return IsNull(c) ? Date() : Date::FromDays(static_cast<int32_t>(Int(c)));
  }

 private:
  sqlite3_stmt* s_;
};

// Resets a statement when the scope ends, also on early returns, so that a finished or
// abandoned query holds no read snapshot and no bound text.
class ScopedReset {
 public:
  explicit ScopedReset(Stmt* s) : s_(s) {}
  ~ScopedReset() { s_->Reset(); }
  ScopedReset(const ScopedReset&) = delete;
  ScopedReset& operator=(const ScopedReset&) = delete;

 private:
  Stmt* s_;
};

// One SQLite connection.
class Db {
 public:
  // Opens (creating when missing) the database file at `path`, read-write, with extended
  // result codes on.
  static Result<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }

  // Runs one or more statements that return no rows.
  Status Exec(const char* sql);
  // A new statement owned by the caller (scans, which may nest with cached statements).
  Result<std::unique_ptr<Stmt>> Prepare(std::string_view sql);
  // A statement prepared once per connection, keyed by the address of `sql`, which must be a
  // string with static storage (a named constant). Live as long as the Db.
  Result<Stmt*> Cached(const char* sql);
  // The result of a one-row, one-integer query (e.g. COUNT(*)).
  Result<int64_t> QueryInt(const char* sql);
  // The result of a one-row, one-text query (e.g. PRAGMA journal_mode).
  Result<std::string> QueryText(const char* sql);

  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  Status Error(int rc, std::string_view doing) const { return StatusFromSqlite(rc, db_, doing); }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cache_;
};

}  // namespace baophu::sqlite

// Declares `Stmt* var` as the cached statement for `sql` on `db`, or returns the error.
#define BAOPHU_SQLITE_STMT(var, db, sql)            \
  ::baophu::sqlite::Stmt* var = nullptr;            \
  do {                                              \
    auto _r = (db)->Cached(sql);                    \
    if (!_r.ok()) return _r.status();               \
    var = *_r;                                      \
  } while (0)
