// What every CLI command shares: the global options, opening the store, loading the rules, and
// turning a Status into a message on stderr and an exit code. Each group of commands lives in
// its own file (cli/*_commands.cc) and registers itself on the CLI11 app with a Register*
// function declared here; app.cc only calls them, so a new group touches one line of app.cc.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace baophu {

struct Globals {
  std::string db = "var/baophu.db";
  std::string lang = "vi";
  bool en() const { return lang == "en"; }
};

// Prints "Lỗi: …" on stderr and returns the exit code for the status (cli/exit_code.h).
int Fail(const Status& s);
// Opens the store named by --db, creating the parent folder of a SQLite file when missing.
Result<std::unique_ptr<Store>> OpenStore(const Globals& g);
Result<RuleSet> LoadRules();

// Command groups. `g` is filled by the parser before any callback runs; a callback sets *rc.
void RegisterCoreCommands(CLI::App& app, const Globals& g, int* rc);   // units, import, coverage, demo
void RegisterTimeCommands(CLI::App& app, const Globals& g, int* rc);   // series, flows
void RegisterServeCommands(CLI::App& app, const Globals& g, int* rc);  // serve, user

}  // namespace baophu
