#!/usr/bin/env bash
# Builds the libFuzzer harnesses of Fuzz/ and runs each for a fixed number of executions (or seconds).
#
#   Scripts/fuzz.sh [--runs N | --seconds S] [--jobs J] [HARNESS...]
#
# HARNESS: annotate, jsonlines, resources, web, archive (default: all). Each harness starts from its seeds
# (Fuzz/Seeds/<harness>, our own small inputs; for resources also the shipped models and a gazetteer cache, added
# here) and keeps what it learns in .build-fuzz/corpus/<harness>. A crash, hang (-timeout) or out-of-memory
# (-rss_limit_mb) stops the harness, leaves the input in .build-fuzz/findings/<harness>/ and makes the script fail.
# Prints one line per harness: executions, seconds, executions per second. Needs clang's fuzzer runtime (it comes
# with the Swift toolchain) and links with lld (gold fails on the fuzzer runtime's debug info).
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
root=$PWD
runs=""; seconds=""; jobs=1; harnesses=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2;;
    --seconds) seconds=$2; shift 2;;
    --jobs) jobs=$2; shift 2;;
    -h|--help) sed -n '2,12p' "$0"; exit 0;;
    annotate|jsonlines|resources|web|archive) harnesses+=("$1"); shift;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2;;
  esac
done
[ ${#harnesses[@]} -gt 0 ] || harnesses=(annotate jsonlines resources web archive)
[ -n "$runs$seconds" ] || runs=2000

work=$root/.build-fuzz
mkdir -p "$work"
build=(swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld)
echo "fuzz: building the harnesses (release, -sanitize=fuzzer; a few minutes the first time)" >&2
if ! "${build[@]}" > "$work/build.log" 2>&1; then
  grep -E "error" "$work/build.log" >&2 || tail -20 "$work/build.log" >&2
  echo "fuzz: the harnesses do not build (log: $work/build.log)" >&2
  exit 1
fi
bin=$("${build[@]}" --show-bin-path)

export GAZETTE_RESOURCES=$root
export GAZETTE_CACHE_DIR=$work/gazetteer-cache

target_of() {
  case $1 in annotate) echo FuzzAnnotate;; jsonlines) echo FuzzJSONLines;; resources) echo FuzzResources;;
    web) echo FuzzWeb;; archive) echo FuzzArchive;; esac
}
max_len_of() { case $1 in resources) echo 600000;; archive|web) echo 16384;; *) echo 4096;; esac; }

status=0
for harness in "${harnesses[@]}"; do
  corpus=$work/corpus/$harness; findings=$work/findings/$harness
  mkdir -p "$corpus" "$findings"
  cp -n Fuzz/Seeds/$harness/* "$corpus/" 2>/dev/null || true
  if [ "$harness" = resources ]; then
    # The shipped models as seeds, each behind its loader's selector byte (see Fuzz/Sources/FuzzResources).
    { printf '\000'; cat Models/entities.nermodel; } > "$corpus/shipped.nermodel"
    { printf '\001'; cat Models/news-topics.topicmodel; } > "$corpus/shipped.topicmodel"
    # The same, resealed after each mutation (bit 3): mutations then reach the loaders' own checks.
    { printf '\010'; cat Models/entities.nermodel; } > "$corpus/shipped-resealed.nermodel"
    { printf '\011'; cat Models/news-topics.topicmodel; } > "$corpus/shipped-resealed.topicmodel"
  fi
  if [ -n "$runs" ]; then limit=(-runs="$runs"); else limit=(-max_total_time="$seconds"); fi
  # Parallel jobs (each a process writing fuzz-N.log) only when asked: -runs then counts per job.
  if [ "$jobs" -gt 1 ]; then limit+=(-jobs="$jobs" -workers="$jobs"); fi
  log=$work/$harness.log
  start=$(date +%s.%N)
  if "$bin/$(target_of "$harness")" "${limit[@]}" -max_len="$(max_len_of "$harness")" -timeout=20 -rss_limit_mb=2560 \
       -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" > "$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and $findings)"; status=1
  fi
  elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  executions=$(cat "$log" "$work"/fuzz-*.log | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}')
  rm -f "$work"/fuzz-*.log
  printf '%-10s %12d executions %8.1f s %8.0f exec/s  %s\n' "$harness" "$executions" "$elapsed" "$(awk -v e="$executions" -v s="$elapsed" 'BEGIN {print e / s}')" "$result"
done
exit $status
