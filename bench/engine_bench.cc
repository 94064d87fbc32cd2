// The engine's side of `make bench`: build from the store, as-of report, weekly series,
// incremental updates and memory, on the bench store written by scripts/bench.sh.
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "bench_util.h"
#include "core/status.h"
#include "engine/coverage_index.h"
#include "registry/model.h"
#include "engine/snapshot.h"
#include "report/coverage_report.h"
#include "report/coverage_series.h"
#include "report/registry_loader.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace baophu::bench {
namespace {

// The province (level kProvince ancestor, on `on`) of a slot's commune; "" when unknown.
std::string ProvinceOf(const UnitTree& tree, const std::string& commune, Date on) {
  if (commune.empty()) return "";
  UnitTree::Index i = tree.Resolve(commune, on);
  while (i >= 0 && tree.unit(i).level != UnitLevel::kProvince) i = tree.Parent(i, on);
  return i >= 0 ? tree.unit(i).code.str() : "";
}

// Insured on each date, summed over `slots` × every group through Count: the way before the
// Series API, kept as a check on it and for the figure.
std::vector<int64_t> SeriesByCount(const CoverageIndex& idx, const std::vector<CoverageIndex::Slot>& slots,
                                   const std::vector<ReportingGroupId>& groups, const std::vector<Date>& dates) {
  std::vector<int64_t> out(dates.size(), 0);
  for (size_t k = 0; k < dates.size(); ++k) {
    int64_t sum = 0;
    for (CoverageIndex::Slot s : slots)
      for (ReportingGroupId g : groups) sum += idx.Count(s, g, dates[k]);
    out[k] = sum;
  }
  return out;
}

// The same for every slot, through ForEachCount (one read lock per date, non-zero cells only).
std::vector<int64_t> SeriesByForEach(const CoverageIndex& idx, const std::vector<Date>& dates) {
  std::vector<int64_t> out(dates.size(), 0);
  for (size_t k = 0; k < dates.size(); ++k) {
    int64_t sum = 0;
    idx.ForEachCount(dates[k], [&sum](CoverageIndex::Slot, ReportingGroupId, int64_t n) { sum += n; });
    out[k] = sum;
  }
  return out;
}

struct UpdateTarget {
  BhxhNumber bhxh;
  CoverageIndex::Slot slot;
};

}  // namespace


// Everything after the build: as-of report, cells, series, snapshot, incremental updates on
// `picks` (people of the index with their commune and hamlet), peak memory.
int MeasureIndex(const BenchArgs& a, LoadedRegistry& reg, double build_ms, const std::vector<PersonPick>& picks,
            Results& res) {
  CoverageIndex& idx = *reg.index;
  const int64_t persons = idx.person_count(), cards = idx.card_count();
  CoverageIndex::MemoryStats mem = idx.Memory();
  res.Num("build_ms", build_ms);
  res.Num("persons", static_cast<double>(persons));
  res.Num("cards", static_cast<double>(cards));
  res.Num("orphan_cards", static_cast<double>(reg.orphan_cards));
  res.Num("memory_bytes", static_cast<double>(idx.MemoryBytes()));
  res.Num("person_bytes_per_person", static_cast<double>(mem.person_columns) / static_cast<double>(persons));
  res.Num("card_bytes_per_card", static_cast<double>(mem.card_columns) / static_cast<double>(cards));
  res.Num("memory_bytes_per_person", static_cast<double>(idx.MemoryBytes()) / static_cast<double>(persons));
  res.Num("lookup_bytes", static_cast<double>(mem.lookup));
  res.Num("series_bytes", static_cast<double>(mem.series));
  res.Num("change_days", static_cast<double>(mem.change_days));
  res.Num("peak_rss_after_build", static_cast<double>(PeakRssBytes()));
  std::fprintf(stderr,
               "engine: built %lld people, %lld cards in %.0f ms; MemoryBytes %.1f B/person "
               "(person columns %.1f B/person, card column %.1f B/card); peak RSS %.2f GB\n",
               static_cast<long long>(persons), static_cast<long long>(cards), build_ms,
               static_cast<double>(idx.MemoryBytes()) / static_cast<double>(persons),
               static_cast<double>(mem.person_columns) / static_cast<double>(persons),
               static_cast<double>(mem.card_columns) / static_cast<double>(cards),
               static_cast<double>(PeakRssBytes()) / 1e9);

  // 2. As-of report: the whole country down to communes, by group.
  CoverageQuery q;
  q.unit_code = "VN";
  q.as_of = a.as_of;
  q.depth = -1;
  q.by_group = true;
  std::vector<double> report_ms;
  size_t rows = 0;
  std::map<int, int64_t> root_by_group;  // kAllGroups and each group
  for (int r = 0; r < a.runs; ++r) {
    double s0 = NowMs();
    auto rep = BuildCoverageReport(reg, q);
    report_ms.push_back(NowMs() - s0);
    if (!rep.ok()) {
      std::fprintf(stderr, "BuildCoverageReport: %s\n", rep.status().ToString().c_str());
      return 1;
    }
    rows = rep->rows.size();
    root_by_group.clear();
    for (const CoverageRow& row : rep->rows)
      if (row.depth == 0 && !row.unplaced) root_by_group[row.group] = row.insured;
  }
  res.Num("asof_runs", a.runs);
  res.Num("asof_rows", static_cast<double>(rows));
  res.Num("asof_median_ms", Quantile(report_ms, 0.5));
  res.Num("asof_p90_ms", Quantile(report_ms, 0.9));
  res.Num("asof_total", static_cast<double>(root_by_group[kAllGroups]));
  for (const auto& [g, n] : root_by_group)
    if (g != kAllGroups) res.Num(fmt::format("asof_group_{}", g), static_cast<double>(n));
  std::fprintf(stderr, "engine: as-of report (%zu rows) median %.2f ms, p90 %.2f ms over %d runs; VN insured %lld\n",
               rows, Quantile(report_ms, 0.5), Quantile(report_ms, 0.9), a.runs,
               static_cast<long long>(root_by_group[kAllGroups]));

  // The cells the peers are checked against: insured per commune code × group on as_of,
  // straight from the index (people without a commune under "").
  if (!a.cells.empty()) {
    std::map<std::pair<std::string, int>, int64_t> cells;
    idx.ForEachCount(a.as_of, [&](CoverageIndex::Slot s, ReportingGroupId g, int64_t n) {
      cells[{idx.slot(s).commune, g}] += n;
    });
    std::ofstream out(a.cells);
    for (const auto& [k, n] : cells) out << k.first << ',' << k.second << ',' << n << '\n';
  }

  // 3. Weekly series: 261 Mondays, the country and one province, all groups.
  std::vector<ReportingGroupId> groups;
  for (const ReportingGroup& g : reg.rules.groups()) groups.push_back(g.id);
  std::vector<Date> dates = Mondays(a.first_monday, a.weeks);
  std::vector<CoverageIndex::Slot> all_slots;
  for (CoverageIndex::Slot s = 0; s < idx.slot_count(); ++s) all_slots.push_back(s);
  std::vector<double> country_ms, province_ms, count_ms, foreach_ms;
  std::vector<int64_t> country(dates.size()), province(dates.size()), by_count, by_foreach;
  for (int r = 0; r < 20; ++r) {
    double s0 = NowMs();
    idx.SeriesOver({}, kAllGroups, dates, country.data());
    country_ms.push_back(NowMs() - s0);
  }
  for (int r = 0; r < 20; ++r) {
    double s0 = NowMs();
    // The province's slots are found inside the timing: the caller has to.
    std::vector<CoverageIndex::Slot> mine;
    for (CoverageIndex::Slot s = 1; s < idx.slot_count(); ++s)
      if (ProvinceOf(reg.tree, idx.slot(s).commune, a.as_of) == a.province) mine.push_back(s);
    idx.SeriesOver(mine, kAllGroups, dates, province.data());
    province_ms.push_back(NowMs() - s0);
  }
  // The ways there were before the Series API, timed too, and checked against it.
  for (int r = 0; r < 3; ++r) {
    double s0 = NowMs();
    by_count = SeriesByCount(idx, all_slots, groups, dates);
    count_ms.push_back(NowMs() - s0);
    s0 = NowMs();
    by_foreach = SeriesByForEach(idx, dates);
    foreach_ms.push_back(NowMs() - s0);
  }
  if (by_count != country || by_foreach != country) {
    std::fprintf(stderr, "engine: FAILED: the country series by SeriesOver, Count and ForEachCount differ\n");
    return 1;
  }
  res.Str("series_method", "SeriesOver (Series API), median of 20");
  res.Num("series_country_ms", Quantile(country_ms, 0.5));
  res.Num("series_province_ms", Quantile(province_ms, 0.5));
  res.Num("series_country_count_ms", Quantile(count_ms, 0.5));
  res.Num("series_country_foreach_ms", Quantile(foreach_ms, 0.5));
  res.Str("series_province", a.province);
  res.Num("series_country_last", static_cast<double>(country.back()));
  res.Num("series_province_last", static_cast<double>(province.back()));
  std::fprintf(stderr,
               "engine: weekly series (%d Mondays, SeriesOver) country %.3f ms, province %s %.3f ms (median of 20); "
               "without the Series API: summing Count %.0f ms, summing ForEachCount %.0f ms (same values)\n",
               a.weeks, Quantile(country_ms, 0.5), a.province.c_str(), Quantile(province_ms, 0.5),
               Quantile(count_ms, 0.5), Quantile(foreach_ms, 0.5));
  // 3b. The product's series (BuildCoverageSeries: insured, denominator, rate, target and gap on
  // every date, the unit resolved per stretch of the tree), what `baophu series` and the API run.
  {
    std::vector<double> rc_ms, rp_ms;
    SeriesQuery sq;
    sq.from = dates.front();
    sq.to = dates.back();
    sq.every = Every::kWeek;
    Result<CoverageSeries> rc = Status::Internal("not run"), rp = Status::Internal("not run");
    for (int r = 0; r < 20; ++r) {
      sq.unit_code = kCountryCode;
      double s0 = NowMs();
      rc = BuildCoverageSeries(reg, sq);
      rc_ms.push_back(NowMs() - s0);
      sq.unit_code = a.province;
      s0 = NowMs();
      rp = BuildCoverageSeries(reg, sq);
      rp_ms.push_back(NowMs() - s0);
    }
    if (!rc.ok() || !rp.ok() || rc->points.size() != dates.size() || rc->points.back().insured != country.back()) {
      std::fprintf(stderr, "engine: FAILED: BuildCoverageSeries %s / %s or differs from SeriesOver\n",
                   rc.status().ToString().c_str(), rp.status().ToString().c_str());
      return 1;
    }
    res.Num("report_series_country_ms", Quantile(rc_ms, 0.5));
    res.Num("report_series_province_ms", Quantile(rp_ms, 0.5));
    std::fprintf(stderr, "engine: BuildCoverageSeries (%zu Mondays, with rate and gap) country %.3f ms, province %s %.3f ms\n",
                 dates.size(), Quantile(rc_ms, 0.5), a.province.c_str(), Quantile(rp_ms, 0.5));
  }

  // 3c. Snapshot: write the index, load it back (checksums verified), and time both.
  if (!a.snapshot.empty()) {
    double s0 = NowMs();
    Status w = WriteSnapshot(idx, a.snapshot, {reg.store_instance, reg.store_generation});
    double s1 = NowMs();
    auto loaded = LoadSnapshot(a.snapshot, reg.rules);
    double s2 = NowMs();
    if (!w.ok() || !loaded.ok() || (*loaded)->person_count() != idx.person_count()) {
      std::fprintf(stderr, "engine: FAILED: snapshot %s / %s\n", w.ToString().c_str(),
                   loaded.ok() ? "loaded" : loaded.status().ToString().c_str());
      return 1;
    }
    res.Num("snapshot_write_ms", s1 - s0);
    res.Num("snapshot_load_ms", s2 - s1);
    std::fprintf(stderr, "engine: snapshot written in %.0f ms, loaded in %.0f ms\n", s1 - s0, s2 - s1);
  }

  if (!a.series.empty()) {
    std::ofstream out(a.series);
    for (size_t k = 0; k < dates.size(); ++k) out << dates[k].ToIso() << ',' << country[k] << '\n';
  }

  // 4. Incremental updates: a new card for an existing person, then one Count that must see it.
  // The cards start in 2040 (after every generated card), a day apart, so each one moves the
  // count of its slot × group on its first day by exactly one.
  std::map<std::pair<std::string, std::string>, CoverageIndex::Slot> slot_of;
  for (CoverageIndex::Slot s = 0; s < idx.slot_count(); ++s) {
    CoverageIndex::SlotKey k = idx.slot(s);
    slot_of[{k.commune, k.hamlet}] = s;
  }
  std::vector<UpdateTarget> targets;
  for (const PersonPick& p : picks) {
    if (static_cast<int>(targets.size()) >= a.updates) break;
    auto it = slot_of.find({p.commune, p.hamlet});
    if (!p.commune.empty() && it != slot_of.end()) targets.push_back({p.bhxh, it->second});
  }
  auto dn = ObjectCode::Parse("DN");
  ReportingGroupId dn_group = reg.rules.ReportingGroupOf(*dn, a.as_of);
  std::vector<double> update_ms;
  int missed = 0;
  for (size_t i = 0; i < targets.size(); ++i) {
    Card c;
    c.bhxh = targets[i].bhxh;
    c.object = *dn;
    c.benefit_level = 4;
    c.province_code = "01";
    c.card_code = "DN401" + c.bhxh.ToString();
    c.valid_from = Date::FromYmd(2040, 1, 1).AddDays(static_cast<int32_t>(i));
    c.valid_to = c.valid_from.AddDays(364);
    int64_t before = idx.Count(targets[i].slot, dn_group, c.valid_from);
    double s0 = NowMs();
    Status st = idx.ApplyCard(c);
    int64_t after = idx.Count(targets[i].slot, dn_group, c.valid_from);
    update_ms.push_back(NowMs() - s0);
    if (!st.ok() || after != before + 1) ++missed;
  }
  if (missed > 0 || targets.empty()) {
    std::fprintf(stderr, "engine: FAILED: %d of %zu new cards not seen by the next Count\n", missed, targets.size());
    return 1;
  }
  res.Num("updates", static_cast<double>(update_ms.size()));
  res.Num("update_median_ms", Quantile(update_ms, 0.5));
  res.Num("update_p99_ms", Quantile(update_ms, 0.99));
  res.Num("update_max_ms", Quantile(update_ms, 1.0));
  std::fprintf(stderr, "engine: ApplyCard + Count over %zu updates: median %.4f ms, p99 %.4f ms, max %.4f ms\n",
               update_ms.size(), Quantile(update_ms, 0.5), Quantile(update_ms, 0.99), Quantile(update_ms, 1.0));

  res.Num("peak_rss", static_cast<double>(PeakRssBytes()));
  return res.WriteJson(a.out_json) ? 0 : 1;
}

// The product's path: LoadRegistry from the bench store (the index built from its rows).
int RunEngine(const BenchArgs& a) {
  if (!a.from_csv.empty()) return RunEngineFromCsv(a);
  Results res;
  auto rules = RuleSet::LoadFromDir(a.rules_dir);
  if (!rules.ok()) {
    std::fprintf(stderr, "rules: %s\n", rules.status().ToString().c_str());
    return 1;
  }
  double t0 = NowMs();
  auto store = Store::Open(a.db);
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", store.status().ToString().c_str());
    return 1;
  }
  auto loaded = LoadRegistry(store->get(), *rules);
  if (!loaded.ok()) {
    std::fprintf(stderr, "LoadRegistry: %s\n", loaded.status().ToString().c_str());
    return 1;
  }
  double build_ms = NowMs() - t0;
  res.Str("build_source", "store");
  std::vector<PersonPick> picks;
  Status scan = (*store)->ScanPersons([&](const Person& p) {
    if (static_cast<int>(picks.size()) >= a.updates) return Status::Conflict("enough people taken");
    picks.push_back({p.bhxh, p.commune.str(), p.hamlet.str()});
    return Status::Ok();
  });
  (void)scan;  // Cancelled once enough people are taken
  return MeasureIndex(a, *loaded, build_ms, picks, res);
}

// The store's part of the build: reading every person and card through Store::Scan*, with
// callbacks that do nothing (what LoadRegistry costs before the index builder sees a row).
int RunScan(const BenchArgs& a) {
  Results res;
  auto store = Store::Open(a.db);
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", store.status().ToString().c_str());
    return 1;
  }
  int64_t persons = 0, cards = 0;
  double t0 = NowMs();
  Status st = (*store)->ScanPersons([&](const Person&) { ++persons; return Status::Ok(); });
  double t1 = NowMs();
  if (st.ok()) st = (*store)->ScanCards([&](const Card&) { ++cards; return Status::Ok(); });
  double t2 = NowMs();
  if (!st.ok()) {
    std::fprintf(stderr, "scan: %s\n", st.ToString().c_str());
    return 1;
  }
  // The build's path: the lean rows, people and cards on two connections at once.
  std::atomic<int64_t> lean_persons{0}, lean_cards{0};
  double t3 = NowMs();
  st = (*store)->ScanIndexInputs(
      [&](const PersonIndexRow&) {
        lean_persons.fetch_add(1, std::memory_order_relaxed);
        return Status::Ok();
      },
      [&](const CardIndexRow&) {
        lean_cards.fetch_add(1, std::memory_order_relaxed);
        return Status::Ok();
      });
  double t4 = NowMs();
  if (!st.ok() || lean_persons != persons || lean_cards != cards) {
    std::fprintf(stderr, "index scan: %s (%lld people, %lld cards)\n", st.ToString().c_str(),
                 static_cast<long long>(lean_persons.load()), static_cast<long long>(lean_cards.load()));
    return 1;
  }
  res.Num("scan_persons_ms", t1 - t0);
  res.Num("scan_cards_ms", t2 - t1);
  res.Num("scan_index_inputs_ms", t4 - t3);
  std::fprintf(stderr,
               "scan: %lld people in %.0f ms, %lld cards in %.0f ms (Store::Scan*, no-op callbacks); "
               "Store::ScanIndexInputs (both, in parallel): %.0f ms\n",
               static_cast<long long>(persons), t1 - t0, static_cast<long long>(cards), t2 - t1, t4 - t3);
  return res.WriteJson(a.out_json) ? 0 : 1;
}

}  // namespace baophu::bench
