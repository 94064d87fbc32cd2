#!/usr/bin/env bash
# Fuzzes the libFuzzer targets of the sanitizer build (clang, ASan + UBSan, the whole project
# instrumented: build-san/, the same build `make test-san` tests) for SECONDS each, one process
# at a time, starting from the committed corpus (copied to build-san/fuzz-corpus/<name>/, where
# new inputs accumulate).
#   fuzz/run.sh SECONDS [TARGET...]      targets: every fuzz/<name>_fuzz.cc (default: all)
#   MERGE=1 fuzz/run.sh ...              then merges inputs that add coverage into fuzz/corpus/<name>/
#                                        (review them: keep the committed corpus small)
#   NO_BUILD=1 fuzz/run.sh ...           the binaries are already built (`make fuzz-ci`)
# A crash, hang, leak, RSS over 2 GB or sanitizer report stops that target; the input is saved
# in build-san/fuzz-artifacts/<name>/ (the path is printed) and the script exits non-zero at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cc; do TARGETS+=("$(basename "$f" _fuzz.cc)"); done
fi
BUILD=${BUILD:-build-san}
JOBS=${JOBS:-2}

if [ "${NO_BUILD:-0}" != 1 ]; then
  make -s "$BUILD/Makefile" BUILD_SAN="$BUILD" >/dev/null
  cmake --build "$BUILD" -j "$JOBS" --target "${TARGETS[@]/%/_fuzz}"
fi

declare -A MAX_LEN=([csv]=8192 [xlsx]=16384 [values]=256 [import]=8192 [money_import]=8192
                    [outreach_list]=8192 [snapshot]=65536 [http]=4096)
failed=()
for t in "${TARGETS[@]}"; do
  work="$BUILD/fuzz-corpus/$t"
  art="$BUILD/fuzz-artifacts/$t"
  mkdir -p "$work" "$art"
  cp -n fuzz/corpus/"$t"/* "$work"/ 2>/dev/null || true
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  log="$BUILD/fuzz-$t.log"
  echo "== $t: ${SECONDS_EACH}s (log $log)"
  start=$(date +%s)
  if "$BUILD/fuzz/${t}_fuzz" "$work" -max_total_time="$SECONDS_EACH" -max_len="${MAX_LEN[$t]:-4096}" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$art/" "${dict[@]}" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    secs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
    echo "   ok: $runs runs, $secs exec/s, $cov, corpus $(ls "$work" | wc -l) files, $(( $(date +%s) - start )) s"
  else
    echo "   FAILED: see $log; reproducer:"
    ls -1 "$art"/* 2>/dev/null | sed 's/^/     /' || true
    grep -E "ERROR|runtime error|invariant failed|SUMMARY|Test unit written" "$log" | head -8 || true
    echo "   replay: $BUILD/fuzz/${t}_fuzz <reproducer>"
    failed+=("$t")
  fi
  if [ "${MERGE:-0}" = 1 ]; then
    "$BUILD/fuzz/${t}_fuzz" -merge=1 -max_len="${MAX_LEN[$t]:-4096}" fuzz/corpus/"$t" "$work" >"$BUILD/fuzz-$t.merge.log" 2>&1
    echo "   merged: fuzz/corpus/$t now $(ls fuzz/corpus/"$t" | wc -l) files"
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz findings: ${failed[*]}"; exit 1; }
