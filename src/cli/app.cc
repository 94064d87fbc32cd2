#include "cli/app.h"

#include <CLI/CLI.hpp>

namespace baophu {

int RunCli(int argc, char** argv) {
  CLI::App app{"baophu — theo dõi bao phủ bảo hiểm y tế toàn dân"};
  std::string db = "var/baophu.db";
  app.add_option("--db", db, "Cơ sở dữ liệu (tệp SQLite)");
  app.require_subcommand(1);
  CLI11_PARSE(app, argc, argv);
  return 0;
}

}  // namespace baophu
