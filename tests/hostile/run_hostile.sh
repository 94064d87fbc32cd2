#!/usr/bin/env bash
# One hostile import file (issue 12, items 11 and 14) through the real CLI, in at most 512 MB of
# address space (prlimit --as; ctest's TIMEOUT bounds the time): it must be refused, or its bad
# row rejected, with a clear message, and never crash (no signal, no bad_alloc).
# Usage: run_hostile.sh BAOPHU DIR FILE MODE PATTERN
#   MODE refuse:   exit 4 or 8 (the file refused) and PATTERN in the output
#   MODE rowerror: exit 3 (rejected rows) and PATTERN in the --errors report
set -uo pipefail
BAOPHU=$(realpath "$1"); DIR=$2; FILE=$3; MODE=$4; PATTERN=$5
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
/usr/bin/time -v -o "$TMP/time.txt" prlimit --as=536870912 \
  "$BAOPHU" --db "$TMP/h.db" import persons "$DIR/$FILE" --errors "$TMP/errors.csv" > "$TMP/out.txt" 2>&1
rc=$?
cat "$TMP/out.txt" | cut -c1-400 | head -20
echo "exit $rc; peak memory (VmHWM): $(awk -F': ' '/Maximum resident/ {print $2}' "$TMP/time.txt") KB;" \
     "time: $(awk -F': ' '/Elapsed/ {print $2}' "$TMP/time.txt")"
if grep -q "bad_alloc\|Segmentation\|Aborted\|terminate called" "$TMP/out.txt"; then echo "FAILED: crashed"; exit 1; fi
case "$MODE" in
  refuse)
    # 4 (invalid file) or 8 (corrupt file): see src/cli/exit_code.h; never 0, 3 or a signal.
    [ "$rc" -eq 4 ] || [ "$rc" -eq 8 ] || { echo "FAILED: expected exit 4 or 8 (file refused), got $rc"; exit 1; }
    grep -q -- "$PATTERN" "$TMP/out.txt" || { echo "FAILED: no '$PATTERN' in the output"; exit 1; } ;;
  rowerror)
    [ "$rc" -eq 3 ] || { echo "FAILED: expected exit 3 (rows rejected), got $rc"; exit 1; }
    head -c 2000 "$TMP/errors.csv"; echo
    grep -q -- "$PATTERN" "$TMP/errors.csv" || { echo "FAILED: no '$PATTERN' in errors.csv"; exit 1; } ;;
  *) echo "unknown mode $MODE"; exit 2 ;;
esac
echo "ok: $FILE"
