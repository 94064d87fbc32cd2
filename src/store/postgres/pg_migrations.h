// The schema of the PostgreSQL store: the SQLite store's migrations (store/sqlite/migrations.cc)
// with the same version numbers, recorded in the same schema_migrations(version, applied_at)
// table. Versions 1 and 3 to 7 run the SQLite text as it is apart from `WITHOUT ROWID` (a
// SQLite storage hint); version 2 draws its random instance id with PostgreSQL's random(). Append a
// version here when one is appended there and the store implements its tables.
#pragma once

#include <vector>

#include "core/status.h"
#include "store/postgres/pg_conn.h"
#include "store/sqlite/migrations.h"

namespace baophu::pg {

using Migration = sqlite::Migration;

// All migrations of the PostgreSQL store, oldest first.
const std::vector<Migration>& Migrations();
inline int LatestSchemaVersion() { return Migrations().back().version; }

// The key of the session-level advisory lock held while migrating, so that servers starting at
// the same time against one database migrate it once (pg_advisory_lock; "baophu01" in ASCII).
constexpr int64_t kMigrationLockKey = 0x62616f7068753031;

// Applies every migration the database has not recorded yet, each in its own transaction,
// under the advisory lock. Unsupported when the database has a version this program does not
// know (a newer baophu wrote it).
Status Migrate(Conn* conn);
Status MigrateWith(Conn* conn, const std::vector<Migration>& migrations);

// The latest applied version (0 for an empty database).
Result<int> AppliedSchemaVersion(Conn* conn);

}  // namespace baophu::pg
