// baophu_weekly_bench: the time to make the weekly report of one unit from a loaded registry
// (issue 7: under 2 s for a 10-million-person province), each stage apart, median of --runs.
//   baophu_weekly_bench --db var/bench/10000000/bench.db --unit 01 --as-of 2025-12-31 [--runs 5]
// The registry is loaded once (from the engine snapshot beside the database when current), as
// `baophu serve` holds it; the steering data (campaigns, agencies) are read from the same file.
// Figures go to stdout; not a test (timings are not pass/fail).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "bench_util.h"
#include "core/allocator.h"
#include "report/registry_loader.h"
#include "steering/area_conditions.h"
#include "steering/steering_sections.h"
#include "steering/weekly_document.h"
#include "steering/weekly_report.h"
#include "store/steering_store.h"

using namespace baophu;
using baophu::bench::NowMs;
using baophu::bench::Quantile;

int main(int argc, char** argv) {
  KeepLargeAllocations();
  std::string db, unit = "95", as_of_text = "2021-11-10", out_dir = std::filesystem::temp_directory_path().string();
  int runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--db")
      db = v;
    else if (k == "--unit")
      unit = v;
    else if (k == "--as-of")
      as_of_text = v;
    else if (k == "--runs")
      runs = std::atoi(v.c_str());
    else if (k == "--out-dir")
      out_dir = v;
    else
      return std::fprintf(stderr, "unknown option %s\n", k.c_str()), 2;
  }
  auto as_of = Date::ParseOption(as_of_text);
  if (db.empty() || !as_of.ok() || runs < 1)
    return std::fprintf(stderr, "usage: --db FILE --unit CODE --as-of DATE\n"), 2;
  auto store = Store::Open(db);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.status().ToString().c_str()), 1;
  auto rules = RuleSet::LoadDefault();
  if (!rules.ok()) return std::fprintf(stderr, "%s\n", rules.status().ToString().c_str()), 1;
  RegistryOptions ro;
  ro.snapshot_path = std::filesystem::path(db).replace_extension(".snap").string();
  const double l0 = NowMs();
  auto reg = LoadRegistry(store->get(), std::move(*rules), ro);
  if (!reg.ok()) return std::fprintf(stderr, "%s\n", reg.status().ToString().c_str()), 1;
  std::printf("registry: %lld people, loaded in %.0f ms (%s)\n", static_cast<long long>(reg->index->person_count()),
              NowMs() - l0, reg->index_from_snapshot ? "snapshot" : "built");
  auto steering = SteeringStore::Open(db);
  auto levels = ConditionLevels::LoadDefault();
  if (!steering.ok() || !levels.ok()) return std::fprintf(stderr, "steering store or levels\n"), 1;
  std::vector<double> build_ms, sections_ms, doc_ms, total_ms;
  std::map<std::string, std::vector<double>> write_ms;
  for (int r = 0; r < runs; ++r) {
    WeeklyQuery q;
    q.unit_code = unit;
    q.as_of = *as_of;
    const double t0 = NowMs();
    auto w = BuildWeeklyReport(*reg, q);
    if (!w.ok()) return std::fprintf(stderr, "%s\n", w.status().ToString().c_str()), 1;
    const double t1 = NowMs();
    Status st = AddSteeringSections(*reg, steering->get(), *levels, Lang::kVi, &*w);
    if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
    const double t2 = NowMs();
    const WeeklyDocument doc = BuildWeeklyDocument(*w, reg->rules, Lang::kVi);
    const double t3 = NowMs();
    build_ms.push_back(t1 - t0);
    sections_ms.push_back(t2 - t1);
    doc_ms.push_back(t3 - t2);
    double total = t3 - t0;
    for (const char* f : {"pdf", "xlsx", "docx", "html"}) {
      const double s0 = NowMs();
      st = WriteWeeklyFile(doc, f, Lang::kVi, out_dir + "/weekly_bench." + f);
      if (!st.ok()) return std::fprintf(stderr, "%s\n", st.ToString().c_str()), 1;
      write_ms[f].push_back(NowMs() - s0);
      total += write_ms[f].back();
    }
    total_ms.push_back(total);
  }
  std::printf("weekly report of %s on %s, median of %d runs:\n", unit.c_str(), as_of->ToVn().c_str(), runs);
  std::printf("  figures (reports, series, forecast) %.1f ms\n", Quantile(build_ms, 0.5));
  std::printf("  steering sections (campaigns, agencies, conditions) %.1f ms\n", Quantile(sections_ms, 0.5));
  std::printf("  document %.1f ms\n", Quantile(doc_ms, 0.5));
  for (const auto& [f, v] : write_ms) std::printf("  write %s %.1f ms\n", f.c_str(), Quantile(v, 0.5));
  std::printf("  total, all four formats %.1f ms\n", Quantile(total_ms, 0.5));
  return 0;
}
