#!/usr/bin/env bash
# make bench: the coverage engine against SQLite and DuckDB, in the same run on the same data.
# For each N in BENCH_PERSONS (default "1000000 10000000"): generate the national scenario, import
# it into var/bench/N/bench.db (reused when present for that N and seed), then run baophu_bench
# (the engine) and bench/peers.mjs (SQLite and DuckDB), check that the three agree on the as-of
# totals and print one table. docs/benchmarks.md holds the committed figures.
# Usage: scripts/bench.sh [BAOPHU] [VN_ADMIN]
#   env: BENCH_PERSONS  sizes (default "1000000 10000000")
#        BENCH_SEED     demo seed (default 1)
#        BENCH_BIN      the bench binary (default: baophu_bench next to BAOPHU)
#        BENCH_PREPARE_ONLY=1  generate and import, then stop
#        BENCH_OUT      where the table goes as Markdown too (default var/bench/table.md)
#        BENCH_CSV_FROM sizes from which the index is built from the CSV files instead of an
#                       imported store (default 50000000: 100 million people need ~20 GB of CSV,
#                       a ~37 GB SQLite file and hours of import; the CSVs are sorted by BHXH
#                       number and the units, population and targets go into a small store).
#                       The SQLite peer needs the store and is not run at those sizes; DuckDB
#                       runs on the CSVs when BENCH_CSV_DUCKDB=1.
set -euo pipefail
BAOPHU=${1:-build/baophu}; VN=${2:-../shared/data/vn-admin}
SIZES=${BENCH_PERSONS:-"1000000 10000000"}
SEED=${BENCH_SEED:-1}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_BIN=${BENCH_BIN:-$(dirname "$BAOPHU")/baophu_bench}
OUT_MD=${BENCH_OUT:-var/bench/table.md}
RULES="$ROOT/data/rules"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
say() { printf '\n== %s\n' "$*" >&2; }

CSV_FROM=${BENCH_CSV_FROM:-50000000}
from_csv() { [ "$1" -ge "$CSV_FROM" ]; }

# The CSV path: generate, sort both files by BHXH number (stable, header kept), and a store with
# the units, population and targets only.
prepare_csv() {
  local n=$1 dir=var/bench/$1 stamp="var/bench/$1/STAMP" want="persons=$1 seed=$SEED csv"
  if [ -f "$dir/units.db" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "N=$n: reusing $dir/data ($want); delete $dir to regenerate"
    return
  fi
  rm -rf "$dir"; mkdir -p "$dir/tmp"
  local t0 t1 t2
  say "N=$n: generating the national scenario into $dir/data"
  t0=$(now)
  "$BAOPHU" demo generate --scenario national --persons "$n" --seed "$SEED" --out "$dir/data" --vn-admin "$VN" > /dev/null
  t1=$(now)
  say "N=$n: generated in $(secs "$t0" "$t1") s; sorting persons.csv and cards.csv by BHXH number"
  for f in persons cards; do
    { head -1 "$dir/data/$f.csv"; tail -n +2 "$dir/data/$f.csv" |
        LC_ALL=C sort -s -t, -k1,1 -S 3G --parallel=2 -T "$dir/tmp"; } > "$dir/data/$f.sorted"
    mv "$dir/data/$f.sorted" "$dir/data/$f.csv"
  done
  rm -rf "$dir/tmp"
  "$BAOPHU" --db "$dir/units.db" units load-vn "$VN" > /dev/null
  for kind in population targets; do
    "$BAOPHU" --db "$dir/units.db" import "$kind" "$dir/data/$kind.csv" > /dev/null
  done
  t2=$(now)
  echo "$want" > "$stamp"
  printf 'generate_s=%s\nsort_s=%s\n' "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" > "$dir/prepare.times"
  say "N=$n: sorted and units stored in $(secs "$t1" "$t2") s"
}

# Generates and imports N people into var/bench/N unless the stamp says it is already there.
prepare() {
  if from_csv "$1"; then prepare_csv "$1"; return; fi
  local n=$1 dir=var/bench/$1 stamp="var/bench/$1/STAMP" want="persons=$1 seed=$SEED"
  if [ -f "$dir/bench.db" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    say "N=$n: reusing $dir/bench.db ($want); delete $dir to regenerate"
    return
  fi
  rm -rf "$dir"; mkdir -p "$dir"
  local t0 t1 t2 db="$dir/bench.db.tmp"
  say "N=$n: generating the national scenario into $dir/data"
  t0=$(now)
  "$BAOPHU" demo generate --scenario national --persons "$n" --seed "$SEED" --out "$dir/data" --vn-admin "$VN" > /dev/null
  t1=$(now)
  say "N=$n: generated in $(secs "$t0" "$t1") s; importing into $dir/bench.db (10M takes several minutes)"
  "$BAOPHU" --db "$db" units load-vn "$VN" > /dev/null
  for kind in persons cards population targets; do
    local ts; ts=$(now)
    if ! "$BAOPHU" --db "$db" import "$kind" "$dir/data/$kind.csv" > /dev/null 2> "$dir/import-$kind.log"; then
      tail -5 "$dir/import-$kind.log" >&2; echo "import $kind failed (log: $dir/import-$kind.log)" >&2; exit 1
    fi
    echo "   import $kind: $(secs "$ts" "$(now)") s ($(wc -l < "$dir/import-$kind.log") warning lines in $dir/import-$kind.log)" >&2
  done
  t2=$(now)
  mv "$db" "$dir/bench.db"
  for ext in -wal -shm; do [ -f "$db$ext" ] && mv "$db$ext" "$dir/bench.db$ext"; done
  echo "$want" > "$stamp"
  printf 'generate_s=%s\nimport_s=%s\n' "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" > "$dir/prepare.times"
  say "N=$n: imported in $(secs "$t1" "$t2") s"
}

if [ ! -f "$VN/post2025_wards.csv" ]; then
  echo "vn-admin data not found at $VN (set VN_ADMIN)" >&2; exit 1
fi
for n in $SIZES; do prepare "$n"; done
[ "${BENCH_PREPARE_ONLY:-0}" = 1 ] && exit 0

# The DuckDB peer's package, from the committed lock file.
if [ ! -f "$ROOT/bench/node_modules/@duckdb/node-api/package.json" ] ||
   [ "$ROOT/bench/package-lock.json" -nt "$ROOT/bench/node_modules/.package-lock.json" ]; then
  say "npm ci in bench/ (@duckdb/node-api)"
  (cd "$ROOT/bench" && npm ci --no-audit --no-fund > /dev/null)
fi
if [ ! -x "$BENCH_BIN" ]; then
  echo "$BENCH_BIN not found: build the target baophu_bench (make build does)" >&2; exit 1
fi

BUDGET=${BENCH_PEER_BUDGET_S:-60}
for n in $SIZES; do
  dir=var/bench/$n
  if from_csv "$n"; then
    say "N=$n: baophu (engine, index built from the sorted CSV files)"
    t0=$(now)
    "$BENCH_BIN" engine --from-csv "$dir/data" --db "$dir/units.db" --rules "$RULES" --out "$dir/engine.json" \
      --cells "$dir/engine.cells" --series "$dir/engine.series" --snapshot "$dir/bench.snap"
    t1=$(now)
    rm -f "$dir/sqlite.json" "$dir/duckdb.json"
    if [ "${BENCH_CSV_DUCKDB:-0}" = 1 ]; then
      say "N=$n: DuckDB (@duckdb/node-api, the same CSVs)"
      node "$ROOT/bench/peers.mjs" --data "$dir/data" --rules "$RULES" --out "$dir/duckdb.json" \
        --cells "$dir/duckdb.cells" --series "$dir/duckdb.series" --budget-s "$BUDGET"
    fi
    t3=$(now)
    printf 'engine_s=%s\nduckdb_s=%s\n' "$(secs "$t0" "$t1")" "$(secs "$t1" "$t3")" > "$dir/run.times"
    continue
  fi
  say "N=$n: baophu (engine)"
  t0=$(now)
  "$BENCH_BIN" engine --db "$dir/bench.db" --rules "$RULES" --out "$dir/engine.json" \
    --cells "$dir/engine.cells" --series "$dir/engine.series" --snapshot "$dir/bench.snap"
  "$BENCH_BIN" scan --db "$dir/bench.db" --rules "$RULES" --out "$dir/scan.json"
  t1=$(now)
  say "N=$n: SQLite (plain SQL on the same store; each measure stops adding runs after ${BUDGET} s)"
  "$BENCH_BIN" sqlite --db "$dir/bench.db" --rules "$RULES" --out "$dir/sqlite.json" \
    --cells "$dir/sqlite.cells" --series "$dir/sqlite.series" --budget-s "$BUDGET"
  t2=$(now)
  say "N=$n: DuckDB (@duckdb/node-api, the same CSVs)"
  node "$ROOT/bench/peers.mjs" --data "$dir/data" --rules "$RULES" --out "$dir/duckdb.json" \
    --cells "$dir/duckdb.cells" --series "$dir/duckdb.series" --budget-s "$BUDGET"
  t3=$(now)
  printf 'engine_s=%s\nsqlite_s=%s\nduckdb_s=%s\n' "$(secs "$t0" "$t1")" "$(secs "$t1" "$t2")" "$(secs "$t2" "$t3")" \
    > "$dir/run.times"
  say "N=$n: wall time: engine $(secs "$t0" "$t1") s, SQLite $(secs "$t1" "$t2") s, DuckDB $(secs "$t2" "$t3") s"
done

say "Results"
mkdir -p "$(dirname "$OUT_MD")"
{
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
  ram=$(awk '/MemTotal/ { printf "%.1f GB RAM", $2 / 1048576 }' /proc/meminfo)
  echo "Machine: $(nproc) CPUs, $cpu, $ram; $(uname -sr)"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "Command: BENCH_PERSONS=\"$SIZES\" scripts/bench.sh $BAOPHU $VN (make bench)"
  echo
  # shellcheck disable=SC2086
  node "$ROOT/bench/table.mjs" var/bench $SIZES
} | tee "$OUT_MD"
exit "${PIPESTATUS[0]}"
