#!/usr/bin/env bash
# Import throughput: generate the national scenario at N people (default 1,000,000), import
# persons and cards from CSV into a fresh SQLite store, print the time and the rate.
# Usage: scripts/bench-import.sh [BAOPHU] [VN_ADMIN] [N]
set -euo pipefail
BAOPHU=${1:-build/baophu}; VN=${2:-../shared/data/vn-admin}; N=${3:-1000000}
WORK=${BENCH_DIR:-var/bench-import}
rm -rf "$WORK"; mkdir -p "$WORK"
DB="$WORK/bench.db"
"$BAOPHU" --db "$DB" units load-vn "$VN" > /dev/null
t0=$(date +%s.%N)
"$BAOPHU" demo generate --scenario national --persons "$N" --out "$WORK/data" --vn-admin "$VN" > /dev/null
t1=$(date +%s.%N)
"$BAOPHU" --db "$DB" import persons "$WORK/data/persons.csv"
t2=$(date +%s.%N)
"$BAOPHU" --db "$DB" import cards "$WORK/data/cards.csv"
t3=$(date +%s.%N)
persons=$(($(wc -l < "$WORK/data/persons.csv") - 1))
cards=$(($(wc -l < "$WORK/data/cards.csv") - 1))
python3 - "$t0" "$t1" "$t2" "$t3" "$persons" "$cards" <<'PY'
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:5]); p, c = int(sys.argv[5]), int(sys.argv[6])
print(f"generate: {t1-t0:.1f} s")
print(f"import persons: {p:,} rows in {t2-t1:.1f} s = {p/(t2-t1):,.0f} rows/s")
print(f"import cards:   {c:,} rows in {t3-t2:.1f} s = {c/(t3-t2):,.0f} rows/s")
print(f"persons + cards: {t3-t1:.1f} s (target < 60 s)")
PY
