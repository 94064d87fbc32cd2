#!/usr/bin/env bash
# `baophu report fhir` on the web fixture (the Bạc Liêu demo), Phường 2 on 10/11/2021: the Bundle
# validates against HL7's R4 JSON schema (tests/fhir_check.mjs), and its Patients and Coverages
# are exactly the people of the commune and their cards as plain SQL over the store counts them —
# all cards, then with --valid-only the cards valid that day and the people holding one.
# Usage: fhir_check.sh BAOPHU FIXTURE_DIR
set -euo pipefail
BAOPHU=$1
DB=$2/baophu.db
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
UNIT=31813
DAY=$(( ($(date -u -d 2021-11-10 +%s)) / 86400 ))  # the store's day number of 10/11/2021

expect() {  # the SQL count of patients and coverages: "P C"
  python3 - "$DB" "$UNIT" "$DAY" "$1" <<'PY'
import sqlite3, sys
db, unit, day, valid_only = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
c = sqlite3.connect("file:" + db + "?mode=ro", uri=True)
cond = " AND c.valid_from <= ? AND (c.valid_to IS NULL OR c.valid_to >= ?)" if valid_only else ""
args = (unit, day, day) if valid_only else (unit,)
cards = c.execute("SELECT COUNT(*) FROM card c JOIN person p ON p.bhxh = c.bhxh WHERE p.commune_code = ?" + cond, args).fetchone()[0]
if valid_only:
    people = c.execute("SELECT COUNT(DISTINCT p.bhxh) FROM card c JOIN person p ON p.bhxh = c.bhxh WHERE p.commune_code = ?" + cond, args).fetchone()[0]
else:
    people = c.execute("SELECT COUNT(*) FROM person WHERE commune_code = ?", (unit,)).fetchone()[0]
print(people, cards)
PY
}

for valid in 0 1; do
  flag=$([ "$valid" = 1 ] && echo --valid-only || true)
  "$BAOPHU" --db "$DB" report fhir --unit "$UNIT" --as-of 10/11/2021 $flag > "$TMP/bundle.json"
  got=$(node "$HERE/fhir_check.mjs" "$TMP/bundle.json")
  want=$(expect "$valid")
  if [ "$got" != "$want" ]; then
    echo "FHIR $flag: the Bundle has '$got' (patients coverages), the store '$want'" >&2
    exit 1
  fi
  echo "FHIR ${flag:-(all cards)}: $got (patients coverages), valid R4, equal to the store"
done
# A unit the registry does not know is refused with a message.
if "$BAOPHU" --db "$DB" report fhir --unit 99999 --as-of 10/11/2021 > /dev/null 2> "$TMP/err"; then
  echo "an unknown unit was exported" >&2; exit 1
fi
grep -q "không có đơn vị hành chính mã '99999'" "$TMP/err"
