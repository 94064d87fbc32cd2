#!/usr/bin/env bash
# Issue 12, item 7: a CLI import while the server serves, then one card committed through the
# web, then a restart. The server's next report must count the CLI import (its watch notices
# the store changed; the web commit is not applied in place on top of an index that missed the
# CLI import), and after the restart (snapshot file beside the store) the figures must equal a
# fresh `coverage --no-snapshot` of the store.
# usage: stale_server.sh BAOPHU VN_ADMIN
BAOPHU=$1; VN_ADMIN=$2
source "$(dirname "$0")/common.inc"
setup_store
echo "quantri-thu-1" | "$BAOPHU" --db "$DB" user add admin --role administrator --name "Quản trị" --password-stdin > /dev/null
"$BAOPHU" --db "$DB" engine snapshot > /dev/null

PID=""; LOG="$TMP/serve.log"; URL=""
start_server() {
  : > "$LOG"
  "$BAOPHU" --db "$DB" serve --listen 127.0.0.1:0 --as-of $AS_OF --vn-admin "$VN_ADMIN" --quiet > "$LOG" 2>&1 &
  PID=$!
  URL=""
  for _ in $(seq 1 600); do
    URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$LOG" | head -1 || true)
    [ -n "$URL" ] && break
    kill -0 $PID 2>/dev/null || { cat "$LOG" >&2; fail "the server did not start"; }
    sleep 0.1
  done
  [ -n "$URL" ] || fail "the server did not start"
}
stop_server() { kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; PID=""; }
trap 'stop_server; cleanup_tmp' EXIT
JAR="$TMP/cookies"
login() {
  CSRF=$(curl -sf -c "$JAR" -H 'Content-Type: application/json' \
    -d '{"username":"admin","password":"quantri-thu-1"}' "$URL/api/v1/auth/login" | jq -r .csrf_token)
  [ -n "$CSRF" ] && [ "$CSRF" != null ] || fail "login"
}
served() {
  curl -sf -b "$JAR" "$URL/api/v1/coverage/export.csv?as_of=$AS_OF&unit=595&depth=commune" |
    sed '1s/^\xEF\xBB\xBF//' | tr -d '\r'
}

start_server
login
BEFORE=$(served | insured)
"$BAOPHU" --db "$DB" import cards "$DATA/cards_b.csv" > /dev/null   # the CLI import, while it serves

# One card through the web: upload, then commit.
ID=$(curl -sf -b "$JAR" -H "X-CSRF-Token: $CSRF" -F "file=@$DATA/cards_c.csv" "$URL/api/v1/imports?kind=cards" | jq -r .import.id)
[ -n "$ID" ] && [ "$ID" != null ] || fail "upload"
COMMITTED=$(curl -sf -b "$JAR" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
  -d '{"accept_valid":false}' "$URL/api/v1/imports/$ID/commit" | jq -r .import.committed)
[ "$COMMITTED" = true ] || fail "web commit"

EXPECTED=$(fresh_figures)
WANT=$(echo "$EXPECTED" | insured)
# The server's report catches up (bounded by the test's TIMEOUT, polled every 0,5 s).
GOT=""
for _ in $(seq 1 120); do
  GOT=$(served)
  [ "$GOT" = "$EXPECTED" ] && break
  sleep 0.5
done
echo "insured: before the CLI import $BEFORE, store $WANT, server $(echo "$GOT" | insured)"
[ "$GOT" = "$EXPECTED" ] || { diff <(echo "$EXPECTED") <(echo "$GOT") | head -20; fail "the running server's figures differ from the store's"; }
[ "$BEFORE" != "$WANT" ] || fail "the CLI import changed nothing (test data)"

# Restart: the snapshot file the server wrote must not make the figures stale.
sleep 1  # let the background snapshot writer finish (its result is what is checked, not its timing)
stop_server
start_server
login
AFTER=$(served)
echo "after the restart: server $(echo "$AFTER" | insured)"
[ "$AFTER" = "$EXPECTED" ] || { diff <(echo "$EXPECTED") <(echo "$AFTER") | head -20; fail "after the restart the figures differ from the store's"; }
# And the CLI (snapshot when current) agrees.
[ "$(figures)" = "$EXPECTED" ] || fail "the CLI's figures from the snapshot differ from the store's"
echo "ok: stale_server"
