// Backup and restore of a SQLite store with SQLite's own online backup API (sqlite3_backup_*),
// not a file copy: a copy of a live WAL database file can miss committed pages still in the
// -wal file, while the backup API copies one consistent state page by page.
// `baophu backup --out FILE` and `baophu restore FILE` (cli/backup_commands.cc). PostgreSQL
// stores use pg_dump / pg_restore (docs/postgres.md).
#pragma once

#include <string>

#include "core/status.h"
#include "store/store.h"

namespace baophu {

// Copies the store at `db_path` into the new file `out_path` (refused when it exists), created
// owner-only (0600: it holds personal data). The copy is one consistent state even while other
// processes write: every page is copied in one step, under one read transaction of the source
// (in WAL mode readers and writers do not block each other). The copy is then checked
// (PRAGMA quick_check). `state`, when given, receives the state copied.
Status BackupSqliteStore(const std::string& db_path, const std::string& out_path, StoreState* state = nullptr);

// Replaces the contents of the store at `db_path` (created when missing) by the backup at
// `backup_path`, after checking that it is a sound baophu store (quick_check) of a schema version
// this program knows; copied through the backup API (waiting for other connections' locks),
// then migrated to the latest schema. The restored state is then marked new: generation =
// max(the target's before, the backup's) + 1 and a new write token, so that no snapshot of the
// coverage index written before (from the backup's state or the target's) is trusted again and
// a running server's watch sees the change. `state`, when given, receives the new state.
Status RestoreSqliteStore(const std::string& backup_path, const std::string& db_path, StoreState* state = nullptr);

}  // namespace baophu
