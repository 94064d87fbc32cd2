#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, the whole project instrumented) in
# build-fuzz/ and fuzzes each for SECONDS, one process at a time, starting from the committed
# corpus (copied to build-fuzz/corpus/<name>/, where new inputs accumulate).
#   fuzz/run.sh SECONDS [TARGET...]      targets: csv xlsx values import (default: all)
#   MERGE=1 fuzz/run.sh ...              then merges inputs that add coverage into fuzz/corpus/<name>/
#                                        (review them: keep the committed corpus small)
# A crash, hang or sanitizer report stops that target; the input is saved in
# build-fuzz/artifacts/<name>/ and the script exits non-zero at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv xlsx values import)
BUILD=${BUILD:-build-fuzz}
JOBS=${JOBS:-2}

cmake -S . -B "$BUILD" -DBAOPHU_FUZZ=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target "${TARGETS[@]/%/_fuzz}"

declare -A MAX_LEN=([csv]=8192 [xlsx]=16384 [values]=256 [import]=8192)
failed=()
for t in "${TARGETS[@]}"; do
  work="$BUILD/corpus/$t"
  art="$BUILD/artifacts/$t"
  mkdir -p "$work" "$art"
  cp -n fuzz/corpus/"$t"/* "$work"/ 2>/dev/null || true
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  log="$BUILD/$t.log"
  echo "== $t: ${SECONDS_EACH}s (log $log)"
  if "$BUILD/fuzz/${t}_fuzz" "$work" -max_total_time="$SECONDS_EACH" -max_len="${MAX_LEN[$t]:-4096}" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "   ok: $runs runs, $secs exec/s, $cov, corpus $(ls "$work" | wc -l) files"
  else
    echo "   FAILED: see $log and $art/"
    grep -E "ERROR|runtime error|invariant failed|SUMMARY" "$log" | head -5 || true
    failed+=("$t")
  fi
  if [ "${MERGE:-0}" = 1 ]; then
    "$BUILD/fuzz/${t}_fuzz" -merge=1 -max_len="${MAX_LEN[$t]:-4096}" fuzz/corpus/"$t" "$work" >"$BUILD/$t.merge.log" 2>&1
    echo "   merged: fuzz/corpus/$t now $(ls fuzz/corpus/"$t" | wc -l) files"
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "failed: ${failed[*]}"; exit 1; }
