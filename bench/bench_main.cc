// baophu_bench: one measure set per process, so each has its own peak RSS.
//   baophu_bench engine --db var/bench/N/bench.db --out engine.json --cells cells.csv --series s.csv
//   baophu_bench sqlite --db var/bench/N/bench.db --out sqlite.json --cells cells.csv --series s.csv
//   baophu_bench engine --from-csv var/bench/N/data --db units.db …  (100 million: no store import)
//   baophu_bench scan   --db var/bench/N/bench.db --out scan.json   (the store's share of the build)
// Progress goes to stderr; the figures to --out (JSON), read by bench/table.mjs.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_util.h"
#include "core/allocator.h"
#include "core/date.h"


int main(int argc, char** argv) {
  baophu::KeepLargeAllocations();  // as the baophu binary does
  using baophu::Date;
  baophu::bench::BenchArgs a;
  a.as_of = Date::FromYmd(2025, 12, 31);
  a.first_monday = Date::FromYmd(2021, 1, 4);
  std::string mode = argc > 1 ? argv[1] : "";
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") a.db = v;
    else if (k == "--rules") a.rules_dir = v;
    else if (k == "--out") a.out_json = v;
    else if (k == "--cells") a.cells = v;
    else if (k == "--series") a.series = v;
    else if (k == "--snapshot") a.snapshot = v;
    else if (k == "--from-csv") a.from_csv = v;
    else if (k == "--province") a.province = v;
    else if (k == "--runs") a.runs = std::atoi(v.c_str());
    else if (k == "--updates") a.updates = std::atoi(v.c_str());
    else if (k == "--budget-s") a.peer_budget_ms = 1000.0 * std::atof(v.c_str());
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      return 2;
    }
  }
  if (a.db.empty() || a.out_json.empty() || a.rules_dir.empty() || (mode != "engine" && mode != "sqlite" && mode != "scan")) {
    std::fprintf(stderr, "usage: baophu_bench engine|sqlite|scan --db DB --rules DIR --out JSON [--cells F] [--series F]\n"
                         "       [--province 01] [--runs 20] [--updates 1000] [--budget-s 60] [--snapshot F]\n"
                         "       engine --from-csv DIR: the index from DIR/persons.csv and DIR/cards.csv (sorted by\n"
                         "       BHXH number), the units, population and targets from --db\n");
    return 2;
  }
  if (mode == "scan") return baophu::bench::RunScan(a);
  return mode == "engine" ? baophu::bench::RunEngine(a) : baophu::bench::RunSqlite(a);
}
