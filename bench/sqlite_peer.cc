// The SQLite peer of `make bench`: the same as-of report (commune × group) and country series
// in plain SQL on the bench store, plus "insert a card, count its commune" as the update.
// Rules come from data/rules/*.csv into temp tables. Each measure stops adding runs past the
// time budget; the series then measures a spread subset of dates and extrapolates (reported).
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include <fmt/format.h>

#include "bench_util.h"
#include "core/date.h"

namespace baophu::bench {
namespace {

constexpr int32_t kMaxDay = 2932896;  // Date::Max(): a card without den_ngay

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) Fail("open");
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::fprintf(stderr, "sqlite: %s\n  in: %s\n", err ? err : "?", sql.c_str());
      std::exit(1);
    }
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) Fail(sql);
    return st;
  }
  [[noreturn]] void Fail(const std::string& what) {
    std::fprintf(stderr, "sqlite: %s: %s\n", what.c_str(), sqlite3_errmsg(db_));
    std::exit(1);
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

std::vector<std::string> SplitFirst(const std::string& line, size_t n) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',' && out.size() + 1 < n + 1) {
      out.push_back(cur);
      cur.clear();
      if (out.size() == n) return out;
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

int32_t DayOr(const std::string& iso, int32_t fallback) {
  if (iso.empty()) return fallback;
  auto d = Date::Parse(iso);
  return d.ok() ? d->days() : fallback;
}

// Temp tables rg(id, priority) and oc(code, grp, vf, vt) from the rule CSVs.
void LoadRules(Db* db, const std::string& dir) {
  db->Exec("CREATE TEMP TABLE rg (id INTEGER PRIMARY KEY, priority INTEGER NOT NULL UNIQUE);"
           "CREATE TEMP TABLE oc (code TEXT NOT NULL, grp INTEGER NOT NULL, vf INTEGER NOT NULL, vt INTEGER NOT NULL);");
  std::string line;
  std::ifstream groups(dir + "/reporting_groups.csv");
  std::getline(groups, line);
  while (std::getline(groups, line)) {
    auto f = SplitFirst(line, 3);
    if (f.size() >= 3) db->Exec(fmt::format("INSERT INTO rg VALUES ({}, {})", std::stoi(f[0]), std::stoi(f[2])));
  }
  std::ifstream codes(dir + "/object_codes.csv");
  std::getline(codes, line);
  while (std::getline(codes, line)) {
    auto f = SplitFirst(line, 6);
    if (f.size() < 6) continue;
    db->Exec(fmt::format("INSERT INTO oc VALUES ('{}', {}, {}, {})", f[0], std::stoi(f[2]),
                         DayOr(f[4], Date::Min().days()), DayOr(f[5], kMaxDay)));
  }
  db->Exec("CREATE INDEX temp.oc_by_code ON oc (code, vf)");
}

// A card's group: its object code's rule in force on its first day; 9 when the code is unknown.
constexpr const char* kBestPerPerson =
    "SELECT c.bhxh AS bhxh, MIN(rg.priority) AS pr FROM card c "
    "LEFT JOIN oc ON oc.code = c.object_code AND c.valid_from BETWEEN oc.vf AND oc.vt "
    "JOIN rg ON rg.id = COALESCE(oc.grp, 9) ";

std::string AsOfSql() {
  return fmt::format(
      "WITH best AS ({} WHERE c.valid_from <= ?1 AND COALESCE(c.valid_to, {}) >= ?1 GROUP BY c.bhxh) "
      "SELECT COALESCE(p.commune_code, ''), rg.id, COUNT(*) FROM best "
      "JOIN person p ON p.bhxh = best.bhxh JOIN rg ON rg.priority = best.pr GROUP BY 1, 2",
      kBestPerPerson, kMaxDay);
}

// Indices 0..n-1 in bit-reversed order: any prefix is spread over the whole range.
std::vector<int> SpreadOrder(int n) {
  std::vector<std::pair<unsigned, int>> keyed;
  for (int i = 0; i < n; ++i) {
    unsigned r = 0;
    for (int b = 0; b < 16; ++b) r |= ((static_cast<unsigned>(i) >> b) & 1u) << (15 - b);
    keyed.push_back({r, i});
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<int> out;
  for (const auto& k : keyed) out.push_back(k.second);
  return out;
}

}  // namespace

int RunSqlite(const BenchArgs& a) {
  Results res;
  Db db(a.db);
  // A fair chance: 2 GB page cache, temp b-trees in memory. No new indexes on the store's tables.
  db.Exec("PRAGMA cache_size = -2000000; PRAGMA temp_store = MEMORY;");
  LoadRules(&db, a.rules_dir);
  int64_t persons = 0;
  {
    sqlite3_stmt* st = db.Prepare("SELECT COUNT(*) FROM person");
    sqlite3_step(st);
    persons = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
  }
  struct stat sb {};
  int64_t file_bytes = stat(a.db.c_str(), &sb) == 0 ? sb.st_size : 0;
  res.Num("persons", static_cast<double>(persons));
  res.Num("file_bytes", static_cast<double>(file_bytes));
  res.Num("file_bytes_per_person", static_cast<double>(file_bytes) / static_cast<double>(persons));

  // 1. As-of report: commune × group.
  sqlite3_stmt* asof = db.Prepare(AsOfSql());
  std::vector<double> asof_ms;
  std::map<std::pair<std::string, int>, int64_t> cells;
  double spent = 0;
  for (int r = 0; r < a.runs && (r < 3 || spent < a.peer_budget_ms); ++r) {
    cells.clear();
    double s0 = NowMs();
    sqlite3_bind_int(asof, 1, a.as_of.days());
    while (sqlite3_step(asof) == SQLITE_ROW) {
      cells[{reinterpret_cast<const char*>(sqlite3_column_text(asof, 0)), sqlite3_column_int(asof, 1)}] =
          sqlite3_column_int64(asof, 2);
    }
    sqlite3_reset(asof);
    asof_ms.push_back(NowMs() - s0);
    spent += asof_ms.back();
    std::fprintf(stderr, "sqlite: as-of run %d: %.0f ms\n", r + 1, asof_ms.back());
    if (spent > a.peer_budget_ms && r + 1 >= 3) break;
  }
  sqlite3_finalize(asof);
  int64_t total = 0;
  for (const auto& [k, n] : cells) total += n;
  res.Num("asof_runs", static_cast<double>(asof_ms.size()));
  res.Num("asof_median_ms", Quantile(asof_ms, 0.5));
  res.Num("asof_p90_ms", Quantile(asof_ms, 0.9));
  res.Num("asof_total", static_cast<double>(total));
  if (!a.cells.empty()) {
    std::ofstream out(a.cells);
    for (const auto& [k, n] : cells) out << k.first << ',' << k.second << ',' << n << '\n';
  }

  // 2. Country series: one COUNT(DISTINCT) per Monday, spread subset when over budget.
  std::vector<Date> dates = Mondays(a.first_monday, a.weeks);
  sqlite3_stmt* one = db.Prepare(fmt::format(
      "SELECT COUNT(DISTINCT bhxh) FROM card WHERE valid_from <= ?1 AND COALESCE(valid_to, {}) >= ?1", kMaxDay));
  std::map<int, int64_t> measured;
  spent = 0;
  for (int i : SpreadOrder(a.weeks)) {
    double s0 = NowMs();
    sqlite3_bind_int(one, 1, dates[static_cast<size_t>(i)].days());
    sqlite3_step(one);
    measured[i] = sqlite3_column_int64(one, 0);
    sqlite3_reset(one);
    spent += NowMs() - s0;
    if (spent > a.peer_budget_ms && measured.size() >= 3) break;
  }
  sqlite3_finalize(one);
  double per_date = spent / static_cast<double>(measured.size());
  res.Num("series_dates_measured", static_cast<double>(measured.size()));
  res.Num("series_country_ms", per_date * a.weeks);
  res.Num("series_extrapolated", measured.size() < static_cast<size_t>(a.weeks) ? 1 : 0);
  std::fprintf(stderr, "sqlite: series: %zu of %d dates measured in %.0f ms -> %.0f ms for all%s\n", measured.size(),
               a.weeks, spent, per_date * a.weeks, measured.size() < static_cast<size_t>(a.weeks) ? " (extrapolated)" : "");
  if (!a.series.empty()) {
    std::ofstream out(a.series);
    for (const auto& [i, n] : measured) out << dates[static_cast<size_t>(i)].ToIso() << ',' << n << '\n';
  }

  // 3. Update: insert a card for an existing person, then count their commune × group on its
  // first day (the query a screen would run). All in one transaction, rolled back at the end.
  std::vector<std::pair<int64_t, std::string>> people;
  {
    sqlite3_stmt* st = db.Prepare(
        fmt::format("SELECT bhxh, commune_code FROM person WHERE commune_code IS NOT NULL LIMIT {}", a.updates));
    while (sqlite3_step(st) == SQLITE_ROW)
      people.push_back({sqlite3_column_int64(st, 0), reinterpret_cast<const char*>(sqlite3_column_text(st, 1))});
    sqlite3_finalize(st);
  }
  db.Exec("BEGIN");
  sqlite3_stmt* ins = db.Prepare(
      "INSERT INTO card (bhxh, valid_from, valid_to, card_code, object_code, benefit_level, province_code, "
      "facility_code) VALUES (?1, ?2, ?2 + 364, 'DN401' || printf('%010d', ?1), 'DN', 4, '01', '')");
  sqlite3_stmt* cnt = db.Prepare(fmt::format(
      "SELECT COUNT(*) FROM ({} JOIN person p ON p.bhxh = c.bhxh WHERE p.commune_code = ?1 AND c.valid_from <= ?2 "
      "AND COALESCE(c.valid_to, {}) >= ?2 GROUP BY c.bhxh) WHERE pr = (SELECT priority FROM rg WHERE id = 1)",
      kBestPerPerson, kMaxDay));
  auto count = [&](const std::string& commune, int32_t day) {
    sqlite3_bind_text(cnt, 1, commune.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(cnt, 2, day);
    sqlite3_step(cnt);
    int64_t n = sqlite3_column_int64(cnt, 0);
    sqlite3_reset(cnt);
    return n;
  };
  std::vector<double> update_ms;
  int missed = 0;
  spent = 0;
  for (size_t i = 0; i < people.size(); ++i) {
    int32_t day = Date::FromYmd(2040, 1, 1).AddDays(static_cast<int32_t>(i)).days();
    int64_t before = count(people[i].second, day);
    double s0 = NowMs();
    sqlite3_bind_int64(ins, 1, people[i].first);
    sqlite3_bind_int(ins, 2, day);
    if (sqlite3_step(ins) != SQLITE_DONE) db.Fail("insert card");
    sqlite3_reset(ins);
    int64_t after = count(people[i].second, day);
    update_ms.push_back(NowMs() - s0);
    spent += update_ms.back();
    if (after != before + 1) ++missed;
    if (spent > a.peer_budget_ms) break;
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(cnt);
  db.Exec("ROLLBACK");
  if (missed > 0) {
    std::fprintf(stderr, "sqlite: FAILED: %d inserted cards not counted\n", missed);
    return 1;
  }
  res.Num("updates", static_cast<double>(update_ms.size()));
  res.Num("update_median_ms", Quantile(update_ms, 0.5));
  res.Num("update_p99_ms", Quantile(update_ms, 0.99));
  res.Num("update_max_ms", Quantile(update_ms, 1.0));
  res.Num("peak_rss", static_cast<double>(PeakRssBytes()));
  std::fprintf(stderr, "sqlite: as-of median %.0f ms (%zu runs), total %lld; update median %.3f ms p99 %.3f ms\n",
               Quantile(asof_ms, 0.5), asof_ms.size(), static_cast<long long>(total), Quantile(update_ms, 0.5),
               Quantile(update_ms, 0.99));
  return res.WriteJson(a.out_json) ? 0 : 1;
}

}  // namespace baophu::bench
