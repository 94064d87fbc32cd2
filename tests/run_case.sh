#!/usr/bin/env bash
# Runs one data-driven case: tests/cases/<name>/script holds baophu command lines (one per
# line, '#' comments, $VN_ADMIN and $TMP expanded; a line starting with '!' is a shell command), run in the case folder against a fresh database.
# Their stdout (and "[exit N]" for non-zero exits) must equal the case's expected.txt.
# Usage: run_case.sh BAOPHU VN_ADMIN CASE_DIR [--update]
set -uo pipefail
BAOPHU=$(realpath "$1"); VN_ADMIN=$(realpath "$2"); CASE=$(realpath "$3"); UPDATE=${4:-}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
ACTUAL="$TMP/actual.txt"
: > "$ACTUAL"
cd "$CASE"
while IFS= read -r line || [ -n "$line" ]; do
  [[ -z "$line" || "$line" == \#* ]] && continue
  cmd=${line//\$VN_ADMIN/$VN_ADMIN}
  cmd=${cmd//\$TMP/$TMP}
  if [[ "$cmd" == !* ]]; then  # a shell command, e.g. '!cat $TMP/errors.csv'
    echo "\$ ${line:1}" >> "$ACTUAL"
    eval "${cmd:1}" >> "$ACTUAL" 2>&1
    rc=$?
  else
    echo "\$ baophu $line" >> "$ACTUAL"
    # shellcheck disable=SC2086
    eval "\"$BAOPHU\" --db \"$TMP/case.db\" $cmd" >> "$ACTUAL" 2>&1
    rc=$?
  fi
  [ $rc -ne 0 ] && echo "[exit $rc]" >> "$ACTUAL"
done < script
sed -i -e "s|$TMP|\$TMP|g" -e "s|$VN_ADMIN|\$VN_ADMIN|g" "$ACTUAL"  # paths differ from machine to machine
if [ "$UPDATE" = "--update" ]; then cp "$ACTUAL" expected.txt; echo "updated $CASE/expected.txt"; exit 0; fi
if ! diff -u expected.txt "$ACTUAL"; then
  echo "FAILED: $CASE (actual output above, '+' lines)"; exit 1
fi
echo "ok: $(basename "$CASE")"
