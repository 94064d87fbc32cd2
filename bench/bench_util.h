// Small helpers shared by the bench's parts: wall-clock timing, order statistics, peak RSS, a
// flat JSON object writer, and the weekly dates. Not thread-safe (the bench is one thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/codes.h"
#include "core/date.h"

namespace baophu {
struct LoadedRegistry;
}

namespace baophu::bench {

inline double NowMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// q in [0, 1]: nearest-rank quantile of the samples (sorted copy); 0 for no samples.
double Quantile(std::vector<double> v, double q);
// VmHWM of this process in bytes (peak resident set), 0 when /proc is not there.
int64_t PeakRssBytes();
// `weeks` Mondays from `first` (a Monday), 7 days apart.
std::vector<Date> Mondays(Date first, int weeks);

// Results as one flat JSON object of numbers and strings, written at the end.
class Results {
 public:
  void Num(const std::string& key, double v) { nums_[key] = v; }
  void Str(const std::string& key, const std::string& v) { strs_[key] = v; }
  bool WriteJson(const std::string& path) const;

 private:
  std::map<std::string, double> nums_;
  std::map<std::string, std::string> strs_;
};

// Everything one run needs, from the command line.
struct BenchArgs {
  std::string db;                 // the bench store (SQLite file)
  std::string rules_dir;          // data/rules
  std::string out_json;           // results
  std::string cells;              // as-of cells: commune,group,insured (one line each)
  std::string series;             // country series: date,insured
  std::string snapshot;           // where to write and load back the engine snapshot ("" = skip)
  std::string from_csv;           // engine: build from these CSV files (persons.csv, cards.csv
                                  // sorted by BHXH) instead of the store's people ("" = store)
  std::string province = "01";    // the province of the province series
  Date as_of;                     // 2025-12-31
  Date first_monday;              // 2021-01-04
  int weeks = 261;                // Mondays in the series
  int runs = 20;                  // as-of report runs
  int updates = 1000;             // incremental updates
  double peer_budget_ms = 60000;  // a peer measure stops adding runs past this
};

// A person the incremental-update measure gives a new card to.
struct PersonPick {
  BhxhNumber bhxh;
  std::string commune, hamlet;
};

// Everything after the build (engine_bench.cc): as-of report, cells, series, snapshot, new cards
// for `picks`, peak memory; the figures into `res`, written to a.out_json. 0 on success.
int MeasureIndex(const BenchArgs& a, LoadedRegistry& reg, double build_ms, const std::vector<PersonPick>& picks,
                 Results& res);

int RunEngine(const BenchArgs& a);
int RunEngineFromCsv(const BenchArgs& a);
int RunSqlite(const BenchArgs& a);
int RunScan(const BenchArgs& a);

}  // namespace baophu::bench
