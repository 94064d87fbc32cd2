// outreach_bench: how long each outreach list takes for one unit, from the loaded engine (the
// registry is loaded once, as the server holds it). Prints, per list, the entries and the
// median and slowest of `reps` runs, without the names read from the store (the engine and the
// rosters) and with them (what the CLI and the API answer); and the engine pass alone
// (ForEachPerson over the unit).
// Usage: outreach_bench DB UNIT AS_OF [REPS]   e.g. outreach_bench var/baophu.db 31813 10/11/2021 20
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/allocator.h"
#include "outreach/lists.h"
#include "rules/money_rules.h"

using namespace baophu;  // NOLINT: a benchmark's main

int main(int argc, char** argv) {
  KeepLargeAllocations();  // as baophu (cli/main.cc) does: what the server answers with
  if (argc < 4) {
    std::fprintf(stderr, "usage: outreach_bench DB UNIT AS_OF [REPS]\n");
    return 2;
  }
  const std::string db = argv[1], unit = argv[2];
  auto as_of = Date::Parse(argv[3]);
  const int reps = argc > 4 ? std::atoi(argv[4]) : 20;
  if (!as_of.ok() || reps < 1) return 2;
  auto store = Store::Open(db);
  auto out = OutreachStore::Open(db);
  auto rules = RuleSet::LoadDefault();
  auto money = MoneyRules::LoadDefault();
  if (!store.ok() || !out.ok() || !rules.ok() || !money.ok()) {
    std::fprintf(stderr, "cannot open %s or the rules\n", db.c_str());
    return 1;
  }
  auto reg = LoadRegistry(store->get(), std::move(*rules));
  if (!reg.ok()) {
    std::fprintf(stderr, "%s\n", reg.status().ToString().c_str());
    return 1;
  }
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
  auto slots = outreach::SlotsOf(*reg, unit, *as_of);
  if (!slots.ok()) return 1;
  int64_t people = 0;
  std::vector<double> scan;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    int64_t n = 0;
    reg->index->ForEachPerson(*slots, [&](const CoverageIndex::PersonView&) { ++n; });
    scan.push_back(ms(Clock::now() - t0));
    people = n;
  }
  std::sort(scan.begin(), scan.end());
  std::printf("registry: %lld people; unit %s: %lld people in %zu slots\n", static_cast<long long>(reg->index->person_count()),
              unit.c_str(), static_cast<long long>(people), slots->size());
  std::printf("%-14s %8s %10s %10s %14s %10s\n", "list", "entries", "median ms", "max ms", "+names median", "max ms");
  std::printf("%-14s %8s %10.2f %10.2f\n", "engine pass", "-", scan[scan.size() / 2], scan.back());
  outreach::ListContext ctx;
  ctx.reg = &*reg;
  ctx.store = store->get();
  ctx.outreach = out->get();
  ctx.money = &*money;
  for (outreach::ListKind k : {outreach::ListKind::kExpired, outreach::ListKind::kExpiring, outreach::ListKind::kHouseholds,
                               outreach::ListKind::kPupils, outreach::ListKind::kBeneficiaries,
                               outreach::ListKind::kMembers, outreach::ListKind::kMatches}) {
    outreach::ListRequest req;
    req.kind = k;
    req.unit = unit;
    req.as_of = *as_of;
    std::vector<double> t[2];
    size_t entries = 0;
    for (int names = 0; names < 2; ++names) {
      req.with_names = names == 1;
      for (int i = 0; i < reps; ++i) {
        auto t0 = Clock::now();
        auto list = outreach::BuildList(ctx, req);
        t[names].push_back(ms(Clock::now() - t0));
        if (!list.ok()) {
          std::fprintf(stderr, "%s\n", list.status().ToString().c_str());
          return 1;
        }
        entries = list->entries.size();
      }
      std::sort(t[names].begin(), t[names].end());
    }
    std::printf("%-14s %8zu %10.2f %10.2f %14.2f %10.2f\n", outreach::ListKindKey(k), entries, t[0][t[0].size() / 2],
                t[0].back(), t[1][t[1].size() / 2], t[1].back());
  }
  return 0;
}
