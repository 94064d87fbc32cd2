#include "store/postgres/pg_migrations.h"

#include <algorithm>
#include <string>

#include "store/sqlite/migration_v12.h"

namespace baophu::pg {
namespace {

// Version 2 for PostgreSQL: random() is a double in [0, 1) there, not a 64-bit integer.
constexpr const char* kV2 = R"sql(
CREATE TABLE store_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  instance   BIGINT  NOT NULL,
  generation BIGINT  NOT NULL
);
INSERT INTO store_state (id, instance, generation) VALUES (1, floor(random() * 9007199254740991)::bigint, 0);
)sql";

// The SQLite text of `version` without its SQLite-only storage hint.
const char* FromSqlite(int version) {
  for (const sqlite::Migration& m : sqlite::Migrations()) {
    if (m.version != version) continue;
    auto* sql = new std::string(m.sql);  // lives as long as the program, as Migrations() does
    for (size_t p; (p = sql->find(" WITHOUT ROWID")) != std::string::npos;) sql->erase(p, 14);
    return sql->c_str();
  }
  return nullptr;
}

constexpr const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)";

Result<std::vector<int>> AppliedVersions(Conn* c) {
  auto r = c->RunOnce("SELECT version FROM schema_migrations ORDER BY version", Params(),
                      "không đọc được các phiên bản lược đồ đã áp dụng");
  if (!r.ok()) return r.status();
  std::vector<int> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(static_cast<int>(r->Int(i, 0)));
  return out;
}

bool Contains(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

Status ApplyOne(Conn* c, const Migration& m) {
  BAOPHU_RETURN_IF_ERROR(c->Exec("BEGIN"));
  auto fail = [&](Status st) {
    c->Exec("ROLLBACK");
    return st;
  };
  Status st = c->Exec(m.sql);
  if (!st.ok()) {
    return fail(Status::Internal("không áp dụng được bản nâng cấp lược đồ số " + std::to_string(m.version) +
                                 " trên PostgreSQL: " + st.message()));
  }
  auto rec = c->RunOnce("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                        Params().Int(m.version).Text(UtcNowIso()), "không ghi được phiên bản lược đồ");
  if (!rec.ok()) return fail(rec.status());
  return c->Exec("COMMIT");
}

// Holds the migration lock for a scope.
class MigrationLock {
 public:
  explicit MigrationLock(Conn* c) : c_(c) {}
  Status Acquire() {
    Status st = c_->Exec("SELECT pg_advisory_lock(" + std::to_string(kMigrationLockKey) + ")");
    held_ = st.ok();
    return st;
  }
  ~MigrationLock() {
    if (held_) c_->Exec("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLockKey) + ")");
  }

 private:
  Conn* c_;
  bool held_ = false;
};

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kAll = {
      {1, FromSqlite(1)},
      {2, kV2},
      {3, FromSqlite(3)},
      {4, FromSqlite(4)},
      {5, FromSqlite(5)},  // outreach (PgOutreachStore)
      {6, FromSqlite(6)},  // steering (PgSteeringStore)
      {7, FromSqlite(7)},  // outreach matches kept, store_state.person_generation
      {12, sqlite::kV12WriteTokenPg},  // store_state.write_token
  };
  return kAll;
}

Result<int> AppliedSchemaVersion(Conn* c) {
  auto v = c->QueryInt("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", "không đọc được phiên bản lược đồ");
  if (!v.ok()) return v.status();
  return static_cast<int>(*v);
}

Status Migrate(Conn* c) { return MigrateWith(c, Migrations()); }

Status MigrateWith(Conn* c, const std::vector<Migration>& migrations) {
  // A database with exactly these versions needs neither the lock nor any DDL: one read (the
  // server opens an OutreachStore per request). It fails on an empty database, which then
  // takes the path below.
  if (!c->InTransaction()) {
    auto current = AppliedVersions(c);
    if (current.ok() && current->size() == migrations.size()) {
      bool all = true;
      for (const Migration& m : migrations) all = all && Contains(*current, m.version);
      if (all) return Status::Ok();
    }
  }
  MigrationLock lock(c);
  BAOPHU_RETURN_IF_ERROR(lock.Acquire());
  BAOPHU_RETURN_IF_ERROR(c->Exec(kCreateMigrationsTable));
  auto applied = AppliedVersions(c);
  if (!applied.ok()) return applied.status();
  for (int v : *applied) {
    bool known = false;
    for (const Migration& m : migrations) known |= m.version == v;
    if (!known) {
      return Status::Unsupported("cơ sở dữ liệu PostgreSQL (" + c->Where() + ") có lược đồ phiên bản " +
                                 std::to_string(v) + ", mới hơn phiên bản " +
                                 std::to_string(migrations.back().version) +
                                 " mà chương trình này biết; hãy dùng bản baophu mới hơn");
    }
  }
  // Every version not recorded yet, in order, also one below the latest (numbers are handed
  // out to branches ahead of time; see store/sqlite/migrations.h).
  for (const Migration& m : migrations) {
    if (Contains(*applied, m.version)) continue;
    if (m.sql == nullptr)
      return Status::Internal("thiếu nội dung bản nâng cấp lược đồ số " + std::to_string(m.version));
    BAOPHU_RETURN_IF_ERROR(ApplyOne(c, m));
  }
  return Status::Ok();
}

}  // namespace baophu::pg
