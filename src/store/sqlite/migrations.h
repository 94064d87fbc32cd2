// The schema of the SQLite store as an ordered list of migrations. Each is applied once, in its
// own transaction, and recorded in schema_migrations(version, applied_at). Never edit a
// migration that has shipped: append a new one. The SQL stays portable to PostgreSQL (INTEGER /
// BIGINT / TEXT, composite keys, no AUTOINCREMENT, no SQLite-only types).
//
// Dates are INTEGER day numbers since 1970-01-01 (Date::days()). Open-ended validity windows
// store the sentinels themselves (Date::Min() = -719162, Date::Max() = 2932896) rather than NULL,
// because valid_from is part of primary keys and `valid_to >= ?` range scans stay simple; NULL
// means only "unknown" (e.g. a birth date that was not given).
#pragma once

#include <vector>

#include "core/status.h"
#include "store/sqlite/sqlite_db.h"

namespace baophu::sqlite {

struct Migration {
  int version;      // 1, 2, 3 ... in order
  const char* sql;  // one or more statements
};

// All migrations, oldest first.
const std::vector<Migration>& Migrations();
inline int LatestSchemaVersion() { return Migrations().back().version; }

// Applies every migration the file has not recorded yet (not only those above its latest
// version: see MigrateWith), bringing the database up to LatestSchemaVersion(). Safe to run concurrently from several
// processes (each step re-checks the version under BEGIN IMMEDIATE). Fails with Unsupported when
// the file has a newer schema than this program knows.
Status Migrate(Db* db);
// The same with a given list (tests): a recorded version missing from `migrations` is refused
// as Unsupported; a missing version below the file's latest is applied.
Status MigrateWith(Db* db, const std::vector<Migration>& migrations);

// The latest applied version (0 for an empty database).
Result<int> AppliedSchemaVersion(Db* db);

}  // namespace baophu::sqlite
