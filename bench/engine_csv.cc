// `baophu_bench engine --from-csv DIR`: the index built straight from the national scenario's
// persons.csv and cards.csv, for the sizes whose import into the store does not fit the
// machine's disk and time (100 million people: ~20 GB of CSV, a ~37 GB SQLite file and hours of
// import). The units, population and targets still come from the store (--db), through
// LoadRegistry, so every report runs exactly as in the product; only the people and cards
// arrive through this reader instead of Store::ScanIndexInputs.
//
// The files must be sorted by BHXH number (scripts/bench.sh runs `sort -s` on them), as the
// store's scan is: the builder then needs no sort buffer, which is what keeps the build of
// 100 million people inside 24 GB. The reader is hand-written because it only reads files this
// bench generated (fixed columns, no quotes: a quote is an error) and must read ~20 GB quickly;
// the product's importer (ingest/) validates every value and is not meant for that.
#include <atomic>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "core/codes.h"
#include "core/date.h"
#include "core/status.h"
#include "engine/coverage_index.h"
#include "registry/model.h"
#include "report/registry_loader.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace baophu::bench {
namespace {

// Splits `line` at commas into at most `max` fields; returns how many.
size_t SplitFields(std::string_view line, std::string_view* f, size_t max) {
  size_t n = 0, b = 0;
  for (size_t i = 0; i <= line.size() && n < max; ++i)
    if (i == line.size() || line[i] == ',') {
      f[n++] = line.substr(b, i - b);
      b = i + 1;
    }
  return n;
}

int64_t Digits(std::string_view s) {
  int64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return s.empty() ? -1 : v;
}

// dd/mm/yyyy → Date; Date() when malformed.
Date DateVn(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return Date();
  int64_t d = Digits(s.substr(0, 2)), m = Digits(s.substr(3, 2)), y = Digits(s.substr(6, 4));
  if (d < 1 || m < 1 || m > 12 || y < 1) return Date();
  return Date::FromYmd(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
}

// Reads `path` line by line (header skipped) and calls fn(line, line_number); stops at the
// first error fn returns.
Status ForEachLine(const std::string& path, const std::function<Status(std::string_view, int64_t)>& fn) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return Status::NotFound("cannot open " + path);
  std::vector<char> buf(size_t{1} << 24);
  std::string carry;
  int64_t line_no = 0;
  Status st = Status::Ok();
  size_t got;
  while (st.ok() && (got = std::fread(buf.data(), 1, buf.size(), f)) > 0) {
    size_t b = 0;
    for (size_t i = 0; i < got && st.ok(); ++i) {
      if (buf[i] != '\n') continue;
      std::string_view line;
      if (!carry.empty()) {
        carry.append(buf.data() + b, i - b);
        line = carry;
      } else {
        line = std::string_view(buf.data() + b, i - b);
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (++line_no > 1) st = fn(line, line_no);
      carry.clear();
      b = i + 1;
    }
    carry.append(buf.data() + b, got - b);
  }
  std::fclose(f);
  if (st.ok() && !carry.empty()) st = fn(carry, ++line_no);
  return st;
}

Status Bad(const std::string& file, int64_t line, std::string_view what) {
  return Status::InvalidArgument(file + ":" + std::to_string(line) + ": " + std::string(what));
}

}  // namespace

int RunEngineFromCsv(const BenchArgs& a) {
  Results res;
  auto rules = RuleSet::LoadFromDir(a.rules_dir);
  if (!rules.ok()) {
    std::fprintf(stderr, "rules: %s\n", rules.status().ToString().c_str());
    return 1;
  }
  auto store = Store::Open(a.db);
  if (!store.ok()) {
    std::fprintf(stderr, "store: %s\n", store.status().ToString().c_str());
    return 1;
  }
  // Units, population and targets; the store holds no people, so its index is empty.
  auto loaded = LoadRegistry(store->get(), *rules);
  if (!loaded.ok()) {
    std::fprintf(stderr, "LoadRegistry: %s\n", loaded.status().ToString().c_str());
    return 1;
  }
  if (loaded->index->person_count() != 0) {
    std::fprintf(stderr, "engine --from-csv: the store %s already holds people; give it units only\n", a.db.c_str());
    return 1;
  }

  const std::string persons_csv = a.from_csv + "/persons.csv", cards_csv = a.from_csv + "/cards.csv";
  std::vector<PersonPick> picks;
  CoverageIndexBuilder builder(loaded->rules);
  std::atomic<int64_t> n_persons{0}, n_cards{0};
  double t0 = NowMs();
  // People on this thread, cards on another, as LoadRegistry streams the store's two scans.
  Status card_status = Status::Ok();
  std::thread cards_thread([&] {
    CardIndexRow r;
    card_status = ForEachLine(cards_csv, [&](std::string_view line, int64_t no) {
      std::string_view f[5];
      if (line.find('"') != std::string_view::npos || SplitFields(line, f, 5) < 4) return Bad(cards_csv, no, "not a bench card row");
      r.bhxh = Digits(f[0]);
      r.valid_from = DateVn(f[2]);
      r.valid_to = DateVn(f[3]);
      r.object_code = f[1].size() == 15 ? f[1].substr(0, 2) : std::string_view();
      r.benefit_level = f[1].size() == 15 ? f[1][2] - '0' : 0;
      if (r.bhxh < 0 || r.valid_from == Date()) return Bad(cards_csv, no, "bad BHXH number or date");
      builder.AddCard(r);
      n_cards.fetch_add(1, std::memory_order_relaxed);
      return Status::Ok();
    });
  });
  PersonIndexRow p;
  Status person_status = ForEachLine(persons_csv, [&](std::string_view line, int64_t no) {
    std::string_view f[8];
    if (line.find('"') != std::string_view::npos || SplitFields(line, f, 8) < 8) return Bad(persons_csv, no, "not a bench person row");
    p.bhxh = Digits(f[0]);
    p.birth = DateVn(f[3]);
    std::optional<Sex> sex = ParseSex(f[4]);
    p.sex = sex ? *sex : Sex::kUnknown;
    p.commune = f[5];
    p.hamlet = f[6];
    p.household = f[7];
    if (p.bhxh < 0) return Bad(persons_csv, no, "bad BHXH number");
    builder.AddPerson(p);
    if (static_cast<int>(picks.size()) < a.updates)
      picks.push_back({BhxhNumber::FromInt(p.bhxh), std::string(p.commune), std::string(p.hamlet)});
    n_persons.fetch_add(1, std::memory_order_relaxed);
    return Status::Ok();
  });
  cards_thread.join();
  if (!person_status.ok() || !card_status.ok()) {
    std::fprintf(stderr, "engine --from-csv: %s %s\n", person_status.ToString().c_str(), card_status.ToString().c_str());
    return 1;
  }
  double t1 = NowMs();
  std::fprintf(stderr, "engine: read %lld people and %lld cards from %s in %.0f ms; finishing the index\n",
               static_cast<long long>(n_persons.load()), static_cast<long long>(n_cards.load()), a.from_csv.c_str(),
               t1 - t0);
  int64_t orphans = 0;
  loaded->index = builder.Finish(&orphans);
  loaded->orphan_cards = orphans;
  double build_ms = NowMs() - t0;
  res.Str("build_source", "csv");
  res.Num("csv_read_ms", t1 - t0);
  res.Num("finish_ms", build_ms - (t1 - t0));
  return MeasureIndex(a, *loaded, build_ms, picks, res);
}

}  // namespace baophu::bench
