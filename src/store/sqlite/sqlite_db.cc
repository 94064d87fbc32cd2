#include "store/sqlite/sqlite_db.h"

#include <ctime>

namespace baophu::sqlite {

std::string UtcNowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status StatusFromSqlite(int rc, sqlite3* db, std::string_view doing) {
  std::string msg(doing);
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  msg += " (mã SQLite " + std::to_string(rc) + ")";
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return Status::Conflict(std::move(msg));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption("tệp cơ sở dữ liệu bị hỏng hoặc không phải SQLite — " + msg);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::IOError("cơ sở dữ liệu đang bị tiến trình khác khóa — " + msg);
    case SQLITE_FULL:
      return Status::IOError("đĩa đầy — " + msg);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
      return Status::IOError(std::move(msg));
    case SQLITE_TOOBIG:
      return Status::TooLarge(std::move(msg));
    default:
      return Status::Internal(std::move(msg));
  }
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  // NOMUTEX: a Db is used by one thread at a time (see the header), so SQLite's own
  // per-connection mutex is pure overhead.
  int rc = sqlite3_open_v2(path.c_str(), &raw,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status st = StatusFromSqlite(rc, raw, "không mở được cơ sở dữ liệu '" + path + "'");
    sqlite3_close_v2(raw);
    return st;
  }
  sqlite3_extended_result_codes(raw, 1);
  return std::unique_ptr<Db>(new Db(raw, path));
}

Db::~Db() {
  cache_.clear();  // finalize before closing
  sqlite3_close_v2(db_);
}

Status Db::Exec(const char* sql) {
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Error(rc, "lỗi khi chạy lệnh SQL");
  return Status::Ok();
}

Result<std::unique_ptr<Stmt>> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                              &s, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(s);
    return Error(rc, "không chuẩn bị được câu lệnh SQL");
  }
  return std::make_unique<Stmt>(s);
}

Result<Stmt*> Db::Cached(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second.get();
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  Stmt* p = st->get();
  cache_.emplace(sql, std::move(*st));
  return p;
}

Result<int64_t> Db::QueryInt(const char* sql) {
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  int rc = (*st)->Step();
  if (rc != SQLITE_ROW) return Error(rc, "lỗi khi đọc cơ sở dữ liệu");
  return (*st)->Int(0);
}

Result<std::string> Db::QueryText(const char* sql) {
  auto st = Prepare(sql);
  if (!st.ok()) return st.status();
  int rc = (*st)->Step();
  if (rc != SQLITE_ROW) return Error(rc, "lỗi khi đọc cơ sở dữ liệu");
  return std::string((*st)->Text(0));
}

}  // namespace baophu::sqlite
