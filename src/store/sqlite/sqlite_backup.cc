#include "store/sqlite/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_db.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu {
namespace {

using sqlite::StatusFromSqlite;

// A raw connection (the backup API works on sqlite3 handles), closed at scope end.
struct RawDb {
  sqlite3* db = nullptr;
  RawDb() = default;
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;
  ~RawDb() {
    if (db != nullptr) sqlite3_close_v2(db);
  }
};

Status OpenRaw(const std::string& path, int flags, RawDb* out) {
  int rc = sqlite3_open_v2(path.c_str(), &out->db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) return StatusFromSqlite(rc, out->db, "không mở được cơ sở dữ liệu '" + path + "'");
  sqlite3_extended_result_codes(out->db, 1);
  sqlite3_busy_timeout(out->db, 10000);  // a running server's short transactions
  return Status::Ok();
}

// Runs a query and hands each row to `fn`; an error if it cannot be prepared or stepped.
template <typename Fn>
Status Query(sqlite3* db, const char* sql, Fn fn) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
  if (rc != SQLITE_OK) {
    Status st = StatusFromSqlite(rc, db, sql);
    sqlite3_finalize(s);
    return st;
  }
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) fn(s);
  Status st = rc == SQLITE_DONE ? Status::Ok() : StatusFromSqlite(rc, db, sql);
  sqlite3_finalize(s);
  return st;
}

// Checks that `db` is a sound baophu store of a schema version this program knows.
Status CheckIsStore(sqlite3* db, const std::string& path) {
  std::vector<int> versions;
  Status st = Query(db, "SELECT version FROM schema_migrations", [&](sqlite3_stmt* s) {
    versions.push_back(sqlite3_column_int(s, 0));
  });
  if (!st.ok() || versions.empty())
    return Status::InvalidArgument("'" + path + "' không phải kho dữ liệu baophu (không có bảng schema_migrations)");
  const auto& known = sqlite::Migrations();
  for (int v : versions) {
    bool ok = std::any_of(known.begin(), known.end(), [v](const sqlite::Migration& m) { return m.version == v; });
    if (!ok)
      return Status::Unsupported("'" + path + "' có lược đồ phiên bản " + std::to_string(v) +
                                 " mà chương trình này không biết; hãy dùng bản baophu mới hơn");
  }
  if (std::find(versions.begin(), versions.end(), 2) == versions.end())
    return Status::InvalidArgument("'" + path + "' không phải kho dữ liệu baophu (thiếu bảng store_state)");
  std::string check;
  st = Query(db, "PRAGMA quick_check", [&](sqlite3_stmt* s) {
    if (check.empty()) check = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  });
  if (!st.ok()) return st;
  if (check != "ok") return Status::Corruption("'" + path + "' bị hỏng (quick_check: " + check + ")");
  return Status::Ok();
}

// Instance, generation and write token (0 before schema version 12) of a store's file.
Result<StoreState> ReadState(sqlite3* db) {
  StoreState s;
  bool row = false;
  Status st = Query(db, "SELECT instance, generation FROM store_state WHERE id = 1", [&](sqlite3_stmt* q) {
    s.instance = sqlite3_column_int64(q, 0);
    s.generation = sqlite3_column_int64(q, 1);
    row = true;
  });
  if (!st.ok()) return st;
  if (!row) return Status::Corruption("thiếu dòng trạng thái kho dữ liệu (store_state)");
  Query(db, "SELECT write_token FROM store_state WHERE id = 1",
        [&](sqlite3_stmt* q) { s.write_token = sqlite3_column_int64(q, 0); });
  return s;
}

// Every page of `from` into `to`.
Status CopyAll(sqlite3* from, sqlite3* to, const std::string& doing) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (b == nullptr) return StatusFromSqlite(sqlite3_errcode(to), to, doing);
  int rc;
  // -1: all pages in one step, so one read transaction of the source: a consistent copy
  // however others write meanwhile. Busy: another connection holds a lock; wait and retry
  // (up to ~30 s).
  for (int tries = 0;; ++tries) {
    rc = sqlite3_backup_step(b, -1);
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 300) {
      sqlite3_sleep(100);
      continue;
    }
    break;
  }
  int rc_finish = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return StatusFromSqlite(rc, to, doing);
  if (rc_finish != SQLITE_OK) return StatusFromSqlite(rc_finish, to, doing);
  return Status::Ok();
}

}  // namespace

Status BackupSqliteStore(const std::string& db_path, const std::string& out_path, StoreState* state) {
  if (!std::filesystem::exists(db_path)) return Status::NotFound("không có cơ sở dữ liệu '" + db_path + "'");
  RawDb src;
  BAOPHU_RETURN_IF_ERROR(OpenRaw(db_path, SQLITE_OPEN_READWRITE, &src));
  {
    std::vector<int> versions;
    Status st = Query(src.db, "SELECT version FROM schema_migrations", [&](sqlite3_stmt*) { versions.push_back(0); });
    if (!st.ok() || versions.empty())
      return Status::InvalidArgument("'" + db_path + "' không phải kho dữ liệu baophu");
  }
  // Created here, owner-only and exclusively (never over an existing file), before SQLite opens it.
  int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::IOError("không tạo được tệp sao lưu '" + out_path + "': " + std::strerror(errno) +
                           (errno == EEXIST ? " (tệp đã có; chọn tên khác)" : ""));
  }
  ::close(fd);
  auto fail = [&](Status st) {
    std::error_code ec;
    std::filesystem::remove(out_path, ec);
    return st;
  };
  {
    RawDb dst;
    Status st = OpenRaw(out_path, SQLITE_OPEN_READWRITE, &dst);
    if (st.ok()) st = CopyAll(src.db, dst.db, "sao lưu '" + db_path + "' vào '" + out_path + "'");
    if (st.ok()) st = CheckIsStore(dst.db, out_path);
    if (st.ok() && state != nullptr) {
      auto s = ReadState(dst.db);
      if (s.ok()) *state = *s;
      else st = s.status();
    }
    if (!st.ok()) return fail(st);
  }
  return Status::Ok();
}

Status RestoreSqliteStore(const std::string& backup_path, const std::string& db_path, StoreState* state) {
  if (!std::filesystem::exists(backup_path)) return Status::NotFound("không có tệp sao lưu '" + backup_path + "'");
  RawDb src;
  BAOPHU_RETURN_IF_ERROR(OpenRaw(backup_path, SQLITE_OPEN_READWRITE, &src));
  BAOPHU_RETURN_IF_ERROR(CheckIsStore(src.db, backup_path));
  auto restored = ReadState(src.db);
  if (!restored.ok()) return restored.status();
  int64_t generation = restored->generation;
  {
    RawDb dst;
    BAOPHU_RETURN_IF_ERROR(OpenRaw(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, &dst));
    ::chmod(db_path.c_str(), 0600);
    auto before = ReadState(dst.db);  // the target's own state, when it is a store already
    if (before.ok()) generation = std::max(generation, before->generation);
    BAOPHU_RETURN_IF_ERROR(CopyAll(src.db, dst.db, "khôi phục '" + backup_path + "' vào '" + db_path + "'"));
  }
  sqlite3_close_v2(src.db);
  src.db = nullptr;
  // Migrated to this program's schema (a backup of an older version), then marked new.
  {
    auto store = SQLiteStore::Open(db_path);
    if (!store.ok()) return store.status();
  }
  RawDb dst;
  BAOPHU_RETURN_IF_ERROR(OpenRaw(db_path, SQLITE_OPEN_READWRITE, &dst));
  const int64_t token = NewWriteToken();
  const std::string sql = "UPDATE store_state SET generation = " + std::to_string(generation + 1) +
                          ", write_token = " + std::to_string(token) + " WHERE id = 1";
  char* err = nullptr;
  int rc = sqlite3_exec(dst.db, sql.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return StatusFromSqlite(rc, dst.db, "không đánh dấu được trạng thái mới sau khi khôi phục");
  if (state != nullptr) {
    auto s = ReadState(dst.db);
    if (!s.ok()) return s.status();
    *state = *s;
  }
  return Status::Ok();
}

}  // namespace baophu
