#!/usr/bin/env bash
# The data-driven cases (tests/cases/<name>/script) run on a SQLite file and on a fresh
# PostgreSQL database of the test server: every baophu command must print the same on both.
# Shell lines ('!…': checks that read the SQLite file directly) are left out of both runs; the
# SQLite run itself is checked against expected.txt by case.<name>.
# Usage: cases.sh BAOPHU VN_ADMIN POSTGRES_URL CASE_DIR...   (the URL of the server's `baophu` database)
set -uo pipefail
B=$(realpath "$1"); VN=$(realpath "$2"); URL=$3; shift 3
TMP=$(mktemp -d)
NAME=baophu_cases_$$
PG=${URL/\/baophu\?/\/$NAME?}
cleanup() {
  psql -q "$URL" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" > /dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
status=0
for dir in "$@"; do
  CASE=$(realpath "$dir")
  psql -q "$URL" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" > /dev/null 2>&1
  psql -q -v ON_ERROR_STOP=1 "$URL" -c "CREATE DATABASE $NAME" > /dev/null || exit 1
  rm -f "$TMP"/case.db* "$TMP"/pg.snap
  for db in sqlite pg; do
    out="$TMP/$db.txt"
    : > "$out"
    if [ $db = sqlite ]; then args=(--db "$TMP/case.db"); else args=(--db "$PG" --snapshot "$TMP/pg.snap"); fi
    (
      cd "$CASE"
      while IFS= read -r line || [ -n "$line" ]; do
        [[ -z "$line" || "$line" == \#* || "$line" == !* ]] && continue
        cmd=${line//\$VN_ADMIN/$VN}
        cmd=${cmd//\$TMP/$TMP}
        echo "\$ baophu $line" >> "$out"
        # shellcheck disable=SC2086
        eval "\"$B\" \"\${args[@]}\" $cmd" >> "$out" 2>&1
        rc=$?
        [ $rc -ne 0 ] && echo "[exit $rc]" >> "$out"
      done < script
    )
  done
  if diff -u "$TMP/sqlite.txt" "$TMP/pg.txt"; then
    echo "ok: $(basename "$CASE") (the same on SQLite and PostgreSQL, $(grep -c '^\$ baophu' "$TMP/pg.txt") commands)"
  else
    echo "FAILED: $(basename "$CASE") differs between SQLite ('-') and PostgreSQL ('+')"
    status=1
  fi
done
exit $status
