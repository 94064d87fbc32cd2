#!/usr/bin/env bash
# make soak-http: a long wrk run against `baophu serve` over several routes (the overview on
# changing days, a list of people to reach, a person lookup, an XLSX export; scripts/soak-http.lua)
# while the server's resident memory is sampled every 10 s. Prints the first, last and highest
# RSS and the request errors; fails when wrk saw errors or non-2xx answers.
# A benchmark, not a test: figures in docs/benchmarks.md.
# usage: soak-http.sh BAOPHU DB [SECONDS] [CONNECTIONS]
set -euo pipefail
B=${1:-build/baophu}; DB=${2:-var/baophu.db}; SECS=${3:-600}; CONNS=${4:-16}
PORT=${PORT:-18091}
URL=http://127.0.0.1:$PORT
command -v wrk > /dev/null || { echo "wrk is missing: make deps" >&2; exit 1; }
[ -f "$DB" ] || { echo "no database $DB: run make demo first (or set DB=)" >&2; exit 1; }
if ! "$B" --db "$DB" user list | grep -q "^bench "; then
  echo "bench-http-1" | "$B" --db "$DB" user add bench --role administrator --name "wrk" --password-stdin > /dev/null
fi
LOG=$(mktemp); RSS=$(mktemp); OUT=$(mktemp)
"$B" --db "$DB" serve --listen 127.0.0.1:$PORT --threads $((CONNS + 8)) --max-connections-per-client $((CONNS + 8)) --quiet > "$LOG" 2>&1 &
PID=$!
SAMPLER=""
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; [ -z "$SAMPLER" ] || kill $SAMPLER 2>/dev/null || true; rm -f "$LOG" "$RSS" "$OUT"' EXIT
for _ in $(seq 1 1200); do grep -q "http://" "$LOG" && break; kill -0 $PID || { cat "$LOG"; exit 1; }; sleep 0.1; done
COOKIE=$(curl -s -i -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-http-1"}' \
  $URL/api/v1/auth/login | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
export UNIT=${UNIT:-95} COMMUNE=${COMMUNE:-31813}
BHXH=${BHXH:-$(sqlite3 "$DB" "SELECT printf('%010d', bhxh) FROM person WHERE commune_code = '$COMMUNE' LIMIT 1" 2>/dev/null || true)}
export BHXH=${BHXH:-9500000101}
rss() { awk '/^VmRSS/ {print $2}' /proc/$PID/status; }
echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); people: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM person')"
echo "== routes: coverage (changing day), lists/expired?unit=$COMMUNE, people?q=$BHXH, coverage/export.xlsx"
for p in "/api/v1/coverage?unit=$UNIT&as_of=2021-11-10&depth=1" "/api/v1/lists/expired?unit=$COMMUNE&as_of=2021-11-10" \
         "/api/v1/people?q=$BHXH&as_of=2021-11-10" "/api/v1/coverage/export.xlsx?unit=$UNIT&as_of=2021-11-10&depth=1"; do
  echo "   $(curl -s -o /dev/null -w '%{http_code}, %{size_download} bytes' -H "Cookie: $COOKIE" "$URL$p"): $p"
done
echo "== soak: ${SECS} s, $CONNS connections; RSS every 10 s (KiB)"
( while kill -0 $PID 2>/dev/null; do echo "$(date +%s) $(rss)" >> "$RSS"; sleep 10; done ) &
SAMPLER=$!
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 30s --latency -H "Cookie: $COOKIE" -s "$(dirname "$0")/soak-http.lua" "$URL" | tee "$OUT"
echo "$(date +%s) $(rss)" >> "$RSS"
kill $SAMPLER 2>/dev/null || true; SAMPLER=""
awk 'NR == 1 {first = $2; t0 = $1} {last = $2; if ($2 > max) max = $2; n++}
     NR == 2 {second = $2}
     END {printf "== RSS: first %.1f MB, after warm-up (10 s) %.1f MB, last %.1f MB, max %.1f MB (%d samples over %d s)\n",
          first / 1024, second / 1024, last / 1024, max / 1024, n, $1 - t0}' "$RSS"
echo "== RSS samples (MB): $(awk '{printf "%.0f ", $2 / 1024}' "$RSS")"
errors=$(sed -n 's/.*Socket errors: \(.*\)/\1/p' "$OUT")
non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$OUT")
echo "== errors: ${errors:-none}; non-2xx: ${non2xx:-0}"
[ -z "$errors" ] && [ -z "$non2xx" ]
