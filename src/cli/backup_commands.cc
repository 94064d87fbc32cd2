// `baophu backup --out FILE` and `baophu restore FILE`: a consistent copy of a SQLite store
// while others write, and its restoration (store/sqlite/sqlite_backup.h). For PostgreSQL the
// tools are pg_dump and pg_restore (docs/postgres.md); these commands say so.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <utility>
#include <string>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "store/postgres/pg_conn.h"
#include "store/sqlite/sqlite_backup.h"

namespace baophu {
namespace {

// The file of a SQLite --db, or Unsupported with the PostgreSQL tools for a server URL.
Result<std::string> SqlitePath(const Globals& g, const char* tool) {
  if (pg::IsPostgresUri(g.db)) {
    return Status::Unsupported(std::string("kho PostgreSQL: hãy dùng ") + tool +
                               " (xem docs/postgres.md, mục \"Sao lưu và khôi phục\")");
  }
  std::string p = g.db;
  if (p.rfind("sqlite://", 0) == 0) p.erase(0, 9);
  return p;
}

int CmdBackup(const Globals& g, const std::string& out) {
  auto db = SqlitePath(g, "pg_dump -Fc");
  if (!db.ok()) return Fail(db.status());
  StoreState s;
  Status st = BackupSqliteStore(*db, out, &s);
  if (!st.ok()) return Fail(st);
  std::printf("Đã sao lưu %s vào %s (thế hệ dữ liệu %lld).\n", db->c_str(), out.c_str(),
              static_cast<long long>(s.generation));
  return kExitOk;
}

int CmdRestore(const Globals& g, const std::string& file) {
  auto db = SqlitePath(g, "pg_restore");
  if (!db.ok()) return Fail(db.status());
  StoreState s;
  Status st = RestoreSqliteStore(file, *db, &s);
  if (!st.ok()) return Fail(st);
  std::printf("Đã khôi phục %s từ %s (thế hệ dữ liệu mới %lld). Snapshot chỉ mục cũ sẽ không được dùng; "
              "máy chủ đang chạy sẽ tự nạp lại.\n",
              db->c_str(), file.c_str(), static_cast<long long>(s.generation));
  return kExitOk;
}

}  // namespace

void RegisterBackupCommands(CLI::App& app, const Globals& g, int* rc) {
  auto paths = std::make_shared<std::pair<std::string, std::string>>();  // --out, FILE: live as long as the app
  auto* backup = app.add_subcommand("backup", "Sao lưu kho dữ liệu SQLite (nhất quán cả khi đang có người ghi)");
  backup->add_option("--out", paths->first, "Tệp sao lưu (mới; chỉ chủ sở hữu đọc được)")->required();
  backup->callback([&g, rc, paths] { *rc = CmdBackup(g, paths->first); });
  auto* restore = app.add_subcommand("restore", "Khôi phục kho dữ liệu SQLite từ một tệp sao lưu");
  restore->add_option("file", paths->second, "Tệp sao lưu (do baophu backup tạo)")->required();
  restore->callback([&g, rc, paths] { *rc = CmdRestore(g, paths->second); });
}

}  // namespace baophu
