#!/usr/bin/env bash
# make bench-http: wrk against the overview API (GET /api/v1/coverage, the request the overview
# screen makes) on loopback: 64 connections for 30 s on 2 threads, with a logged-in session.
# usage: bench-http.sh BAOPHU DB [CONNECTIONS] [SECONDS]
set -euo pipefail
B=${1:-build/baophu}; DB=${2:-var/baophu.db}; CONNS=${3:-64}; SECS=${4:-30}
PORT=${PORT:-18090}
URL=http://127.0.0.1:$PORT
command -v wrk > /dev/null || { echo "wrk is missing: make deps" >&2; exit 1; }
[ -f "$DB" ] || { echo "no database $DB: run make demo first (or set DB=)" >&2; exit 1; }
if ! "$B" --db "$DB" user list | grep -q "^bench "; then
  echo "bench-http-1" | "$B" --db "$DB" user add bench --role administrator --name "wrk" --password-stdin > /dev/null
fi
LOG=$(mktemp)
"$B" --db "$DB" serve --listen 127.0.0.1:$PORT --threads $((CONNS + 8)) --max-connections-per-client $((CONNS + 8)) --quiet > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 1200); do grep -q "http://" "$LOG" && break; kill -0 $PID || { cat "$LOG"; exit 1; }; sleep 0.1; done
COOKIE=$(curl -s -i -H 'Content-Type: application/json' -d '{"username":"bench","password":"bench-http-1"}' \
  $URL/api/v1/auth/login | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "login failed" >&2; exit 1; }
UNIT=${UNIT:-95}; AS_OF=${AS_OF:-2021-11-10}
PATH_Q="/api/v1/coverage?unit=$UNIT&as_of=$AS_OF&depth=1&by=group"
echo "== $(curl -s -o /dev/null -w '%{http_code}, %{size_download} bytes' -H "Cookie: $COOKIE" "$URL$PATH_Q"): GET $PATH_Q"
echo "== people: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM person'), cards: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM card'); $(nproc) cores"
echo "== one report, asked again and again (served from the response cache after the first)"
wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "Cookie: $COOKIE" "$URL$PATH_Q"
echo "== a different date on every request (the report is built each time: cache misses)"
UNIT=$UNIT wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -H "Cookie: $COOKIE" -s "$(dirname "$0")/bench-http-dates.lua" "$URL"
