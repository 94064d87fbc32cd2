#!/usr/bin/env bash
# End to end on PostgreSQL: the Bạc Liêu 2021 scenario imported through the CLI into a fresh
# database on the test server and into a SQLite file; the coverage reports must be the same
# (and show the source document's 65,19 % and gap 234.158 as of 10/11/2021). Then: re-importing
# changes nothing, a file with a bad row writes nothing, and `baophu serve` on PostgreSQL answers
# /api/v1/coverage with the same rate.
# Usage: e2e.sh BAOPHU VN_ADMIN POSTGRES_URL   (the URL of the server's `baophu` database)
set -euo pipefail
B=$1; VN=$2; URL=$3
TMP=$(mktemp -d)
NAME=baophu_e2e_$$
PG=${URL/\/baophu\?/\/$NAME?}
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  psql -q "$URL" -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" > /dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
# Run in a folder of our own: a URL must never be taken for a file path (no folder "postgresql:").
mkdir -p "$TMP/cwd"
cd "$TMP/cwd"
psql -q -v ON_ERROR_STOP=1 "$URL" -c "CREATE DATABASE $NAME" > /dev/null
SQ=$TMP/s.db
# The index snapshot of a server URI defaults to var/baophu.snap in the working folder: keep it here.
SNAP=(--snapshot "$TMP/pg.snap")
q() { psql -qAt -v ON_ERROR_STOP=1 "$PG" -c "$1"; }

"$B" demo generate --scenario bac-lieu-2021 --out "$TMP/data" --vn-admin "$VN" > /dev/null
for db in "$SQ" "$PG"; do
  start=$(date +%s)
  "$B" --db "$db" units load-vn "$VN" > /dev/null || fail "units load-vn on $db"
  for kind in units persons cards population targets; do
    [ -f "$TMP/data/$kind.csv" ] || continue
    "$B" --db "$db" import "$kind" "$TMP/data/$kind.csv" > "$TMP/import.txt" 2>&1 \
      || { cat "$TMP/import.txt"; fail "import $kind on $db"; }
  done
  echo "imported into ${db%%\?*}: $(( $(date +%s) - start )) s"
done
echo "PostgreSQL holds $(q "SELECT COUNT(*) FROM person") people, $(q "SELECT COUNT(*) FROM card") cards"

# The same reports from both stores.
for args in "--as-of 10/11/2021 --unit 95 --depth 1 --by group" \
            "--as-of 10/11/2021 --unit 95 --depth commune --format csv" \
            "--as-of 10/11/2021 --unit 31825 --units-of 01/07/2025 --by group"; do
  # shellcheck disable=SC2086
  "$B" --db "$SQ" coverage $args > "$TMP/sqlite.txt" || fail "coverage $args on SQLite"
  # shellcheck disable=SC2086
  "$B" --db "$PG" "${SNAP[@]}" coverage $args > "$TMP/pg.txt" || fail "coverage $args on PostgreSQL"
  diff -u "$TMP/sqlite.txt" "$TMP/pg.txt" || fail "coverage $args differs between SQLite and PostgreSQL"
done
"$B" --db "$PG" "${SNAP[@]}" coverage --as-of 10/11/2021 --unit 95 --depth 0 > "$TMP/pg.txt"
grep -q "65,19 %" "$TMP/pg.txt" || { cat "$TMP/pg.txt"; fail "no 65,19 % in the PostgreSQL report"; }
grep -q "234.158" "$TMP/pg.txt" || { cat "$TMP/pg.txt"; fail "no gap 234.158 in the PostgreSQL report"; }
echo "coverage: the same on SQLite and PostgreSQL ($(grep -o '65,19 %' "$TMP/pg.txt" | head -1), gap 234.158)"

# Re-importing changes nothing (and leaves the generation): the first 50.000 rows of each file
# (the whole files would only take longer; the scenario tests re-import them whole on SQLite).
gen=$(q "SELECT generation FROM store_state")
for kind in persons cards; do
  head -50001 "$TMP/data/$kind.csv" > "$TMP/again_$kind.csv"
  "$B" --db "$PG" "${SNAP[@]}" import "$kind" "$TMP/again_$kind.csv" > "$TMP/reimport.txt" 2>&1 || fail "re-import $kind"
  grep -q "thêm mới 0, cập nhật 0, không đổi 50.000" "$TMP/reimport.txt" \
    || { cat "$TMP/reimport.txt"; fail "re-import of $kind changed something"; }
done
[ "$(q "SELECT generation FROM store_state")" = "$gen" ] || fail "re-import raised the generation"

# A file with one bad row among changed ones writes nothing.
people=$(q "SELECT COUNT(*) FROM person")
names=$(q "SELECT md5(string_agg(full_name, ',' ORDER BY bhxh)) FROM person")
{ head -1 "$TMP/data/persons.csv"; sed -n '2,201p' "$TMP/data/persons.csv" | sed 's/,/ Mới,/3'; } > "$TMP/changed.csv"
cp "$TMP/changed.csv" "$TMP/bad.csv"
head -1 "$TMP/data/persons.csv" | tr -c ',\n' 'x' >> "$TMP/bad.csv"
if "$B" --db "$PG" "${SNAP[@]}" import persons "$TMP/bad.csv" > "$TMP/bad.txt" 2>&1; then cat "$TMP/bad.txt"; fail "a bad file was accepted"; fi
[ "$(q "SELECT COUNT(*) FROM person")" = "$people" ] || fail "the bad file added people"
[ "$(q "SELECT md5(string_agg(full_name, ',' ORDER BY bhxh)) FROM person")" = "$names" ] || fail "the bad file changed names"
[ "$(q "SELECT generation FROM store_state")" = "$gen" ] || fail "the bad file raised the generation"
echo "bad file: refused, nothing written"

# baophu serve on PostgreSQL.
echo "tinh-thu-1" | "$B" --db "$PG" "${SNAP[@]}" user add tinh --role province --units 95 --name "BHXH tỉnh Bạc Liêu" \
  --password-stdin > /dev/null || fail "user add on PostgreSQL"
"$B" --db "$PG" "${SNAP[@]}" serve --listen 127.0.0.1:0 --as-of 10/11/2021 --vn-admin "$VN" --quiet > "$TMP/serve.log" 2>&1 &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 1200); do
  BASE=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$TMP/serve.log" | head -1 || true)
  [ -n "$BASE" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/serve.log"; fail "baophu serve stopped"; }
  sleep 0.1
done
[ -n "$BASE" ] || { cat "$TMP/serve.log"; fail "baophu serve did not start"; }
JAR=$TMP/cookies
curl -sf -c "$JAR" -H 'Content-Type: application/json' -d '{"username":"tinh","password":"tinh-thu-1"}' \
  "$BASE/api/v1/auth/login" > "$TMP/login.json" || fail "login"
curl -sf -b "$JAR" "$BASE/api/v1/coverage?unit=95&as_of=2021-11-10&depth=0" > "$TMP/coverage.json" || fail "/api/v1/coverage"
python3 - "$TMP/coverage.json" <<'PY' || fail "/api/v1/coverage on PostgreSQL"
import json, sys
doc = json.load(open(sys.argv[1]))
row = next(r for r in doc["rows"] if r["group"] == "ALL" and r["depth"] == 0)
# 591427 / 907236 = 65,19 %; gap ceil(0,91 × 907236) − 591427 = 234158 (as the SQLite web fixture)
got = (row["insured"], row["denominator"], row["rate_hundredths"], row["gap_people"])
assert got == (591427, 907236, 6519, 234158), got
print("serve: /api/v1/coverage from PostgreSQL: 591.427 / 907.236 = 65,19 %, gap 234.158")
PY
[ -z "$(ls -A "$TMP/cwd")" ] || { ls -laR "$TMP/cwd"; fail "files or folders were made in the working folder"; }
echo "ok: postgres e2e"
