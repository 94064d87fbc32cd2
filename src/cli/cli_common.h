// What every CLI command shares: the global options, opening the store, loading the rules, and
// turning a Status into a message on stderr and an exit code. Each group of commands lives in
// its own file (cli/*_commands.cc) and registers itself on the CLI11 app with a Register*
// function declared here; app.cc only calls them, so a new group touches one line of app.cc.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/status.h"
#include "report/registry_loader.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace CLI {
class App;
}

namespace baophu {

struct Globals {
  std::string db = "var/baophu.db";
  std::string lang = "vi";
  std::string snapshot;      // the engine snapshot; "" = beside the database (var/baophu.snap)
  bool no_snapshot = false;  // always build the index from the store
  bool en() const { return lang == "en"; }
};

// Prints "Lỗi: …" on stderr and returns the exit code for the status (cli/exit_code.h).
int Fail(const Status& s);
// Opens the store named by --db, creating the parent folder of a SQLite file when missing.
Result<std::unique_ptr<Store>> OpenStore(const Globals& g);
Result<RuleSet> LoadRules();
// Writes a command's text to stdout, or to `out` (then says so: "Đã ghi …" / "Wrote …").
int EmitText(const Globals& g, const std::string& text, const std::string& out);
// --format xlsx: `write` makes the workbook at `out` (required), then "Đã ghi …" / "Wrote …".
int EmitXlsx(const Globals& g, const std::string& out, const std::function<Status(const std::string&)>& write);
// The snapshot file for --db (the database path with .snap, var/baophu.snap for a server URI).
std::string SnapshotPath(const Globals& g);
// Writes an export of personal data to the accounts' audit log (user "cli:<login>", `action`
// such as "outreach.export", `what` the file's kind and format, `unit` the unit exported).
Status AuditCliExport(const Globals& g, const std::string& action, const std::string& what, const std::string& unit);
// Units, rules, denominators and the coverage index, from the snapshot when it is current.
Result<LoadedRegistry> LoadRegistryFor(const Globals& g, Store* store, RuleSet rules, bool write_snapshot = false);
// The store of --db and the registry loaded from it with the default rules (the snapshot when
// current): what most read commands start with.
struct OpenedRegistry {
  std::unique_ptr<Store> store;
  LoadedRegistry reg;
};
Result<OpenedRegistry> OpenRegistry(const Globals& g);

// Command groups. `g` is filled by the parser before any callback runs; a callback sets *rc.
void RegisterCoreCommands(CLI::App& app, const Globals& g, int* rc);    // units, import, coverage, demo
void RegisterTimeCommands(CLI::App& app, const Globals& g, int* rc);    // series, flows
void RegisterEngineCommands(CLI::App& app, const Globals& g, int* rc);  // engine snapshot|info
void RegisterMoneyCommands(CLI::App& app, const Globals& g, int* rc);  // fee, employers, schools, sponsors
void RegisterServeCommands(CLI::App& app, const Globals& g, int* rc);   // serve, user
void RegisterSteeringCommands(CLI::App& app, const Globals& g, int* rc);  // report weekly|priority|forecast
// steering import, campaign progress, conditions, agencies status (called by RegisterSteeringCommands)
void RegisterSteeringDataCommands(CLI::App& app, const Globals& g, int* rc);
void RegisterOutreachCommands(CLI::App& app, const Globals& g, int* rc);  // list, outreach
void RegisterBackupCommands(CLI::App& app, const Globals& g, int* rc);    // backup, restore

}  // namespace baophu
