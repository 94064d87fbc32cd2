#!/usr/bin/env bash
# Runs a command against a fresh `baophu serve` on a free loopback port: BAOPHU_URL and the
# fixture's variables are exported to it; the server is stopped afterwards (by its pid).
# usage: with_server.sh BAOPHU FIXTURE_DIR CMD...
set -euo pipefail
B=$1; FIX=$2; shift 2
set -a; source "$FIX/fixture.env"; set +a
LOG=$(mktemp)
"$B" --db "$FIX/baophu.db" serve --listen 127.0.0.1:0 --as-of 10/11/2021 \
  --vn-admin "$VN_ADMIN" --max-upload-mb 1 --quiet > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -f "$LOG"' EXIT
URL=""
for _ in $(seq 1 600); do
  URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$LOG" | head -1 || true)
  [ -n "$URL" ] && break
  if ! kill -0 $PID 2>/dev/null; then cat "$LOG" >&2; exit 1; fi
  sleep 0.1
done
[ -n "$URL" ] || { echo "the server did not start" >&2; cat "$LOG" >&2; exit 1; }
export BAOPHU_URL=$URL BAOPHU_FIXTURE=$FIX
"$@"
