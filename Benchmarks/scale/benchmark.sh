#!/usr/bin/env bash
# Benchmark for running Gazette at scale on one machine (not a test). On one JSON Lines file it times
#   - the plain filter: `gazette --input jsonl` (one thread) and `--jobs N`,
#   - GNU parallel: `parallel --pipepart -k -j N` over the same file, one gazette process per block,
#   - Spark: Integrations/spark/annotate.py in local[N] (spark-submit; the time of the job and of the whole command),
# all with the same binary (from the Scripts/dist.sh tarball), and checks that every route wrote the same records, byte
# for byte, in the same order.
#
# The input is made from the BBC articles in ../shared/data (whole articles drawn at random until SIZE_MB), or is
# any JSON Lines file with a "text" field given as INPUT.
# Each route runs --repeat times (default 1) and its fastest run is reported: on a shared machine the fastest run is
# the one least disturbed by other work.
# Usage: Benchmarks/scale/benchmark.sh [--size-mb 100] [--input FILE] [--jobs 2] [--repeat 1] [--tarball PATH] [--work DIR]
# Needs: GNU parallel; for the Spark run the venv that Integrations/spark/smoke.sh makes (.build-spark/venv).
set -euo pipefail
cd "$(dirname "$0")/../.."

size_mb=100
input=""
jobs=$(nproc)
tarball=""
repeat=1
work=/tmp/gazette-scale-bench
while [ $# -gt 0 ]; do
    case "$1" in
        --size-mb) size_mb=$2; shift 2 ;;
        --input) input=$(realpath "$2"); shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        --tarball) tarball=$(realpath "$2"); shift 2 ;;
        --work) work=$2; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "benchmark: unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v parallel > /dev/null || { echo "benchmark: needs GNU parallel (apt-get install parallel)" >&2; exit 2; }
mkdir -p "$work"
work=$(realpath "$work")

[ -n "$tarball" ] || tarball=$(realpath "$(Scripts/dist.sh)")
rm -rf "$work/dist" && mkdir -p "$work/dist" && tar -xzf "$tarball" -C "$work/dist"
gazette="$work/dist/gazette/bin/gazette"
export GAZETTE_CACHE_DIR="$work/cache"  # compiled once here, so no run pays for it

if [ -z "$input" ]; then
    input="$work/news-$size_mb.jsonl"
    if [ ! -f "$input" ]; then
        data=../shared/data/bbc_news/train.jsonl
        [ -f "$data" ] || data=/work/shared/data/bbc_news/train.jsonl
        python3 - "$data" "$input" "$size_mb" <<'PY'
import json, random, sys
data, path, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = [json.loads(line)["text"] for line in open(data, encoding="utf-8")]
rng = random.Random(11)
written, n = 0, 0
with open(path, "w", encoding="utf-8") as out:
    while written < size_mb * 1_000_000:
        line = json.dumps({"id": f"news-{n}", "text": rng.choice(texts)}, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
        n += 1
PY
    fi
fi
records=$(wc -l < "$input")
megabytes=$(python3 -c "import os, sys; print(f'{os.path.getsize(sys.argv[1]) / 1e6:.1f}')" "$input")
"$gazette" --input jsonl < /dev/null > /dev/null  # warm the gazetteer cache
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

results=()
measure() {  # name, output file, command...: the fastest of --repeat runs: wall time, CPU time (all processes), peak RSS
    local name=$1 output=$2 best="" attempt status
    shift 2
    for ((attempt = 1; attempt <= repeat; attempt++)); do
        status=0
        /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$output" 2> "$work/$name.stderr" || status=$?
        [ "$status" -le 1 ] || { echo "benchmark: $name failed ($status)" >&2; tail -n 20 "$work/$name.stderr" "$output" >&2; exit 1; }
        read -r seconds user system kilobytes < "$work/time.txt"
        if [ -z "$best" ] || [ "$(echo "$seconds < ${best%% *}" | bc)" -eq 1 ]; then
            best="$seconds $(echo "$user + $system" | bc) $((kilobytes / 1024))"
            cp "$output" "$output.fastest"
        fi
    done
    results+=("$name $best")
}

measure filter-jobs1 "$work/filter-jobs1.jsonl" "$gazette" --input jsonl "$input"
measure "filter-jobs$jobs" "$work/filter-jobs$jobs.jsonl" "$gazette" --input jsonl --jobs "$jobs" "$input"
# --pipepart reads the file itself and hands each job whole lines; -k keeps the blocks in input order. --block -4:
# four blocks per job slot, enough to balance uneven blocks with few process starts.
measure "parallel-j$jobs" "$work/parallel.jsonl" \
    parallel --pipepart -a "$input" --block -4 -k -j "$jobs" "$gazette" --input jsonl

spark_note="(no venv at .build-spark/venv: run Integrations/spark/smoke.sh once)"
if [ -x .build-spark/venv/bin/spark-submit ]; then
    venv_python=$(cd .build-spark/venv/bin && pwd)/python
    # As many partitions as a 32 MB split gives, at least 4 per core, so the two cores stay busy to the end.
    measure "spark-local$jobs" "$work/spark.log" env SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$venv_python" \
        PYSPARK_DRIVER_PYTHON="$venv_python" .build-spark/venv/bin/spark-submit --master "local[$jobs]" \
        --driver-memory 2g --conf spark.ui.enabled=false --conf spark.log.level=WARN --files "$tarball" \
        Integrations/spark/annotate.py "$input" "$work/spark-out" --dist "$(basename "$tarball")" --min-partitions $((jobs * 4)) \
        --overwrite
    cat "$work/spark-out"/part-* > "$work/spark.jsonl"
    spark_note=$(grep -h '^annotate: ' "$work/spark.log.fastest" | head -n 1 | cut -d: -f2-)
    # Spark's own share: the same job with `cat` in place of gazette (reading, the Python pipe, writing).
    printf '#!/bin/sh\nexec cat\n' > "$work/passthrough" && chmod +x "$work/passthrough"
    measure "spark-local$jobs-cat" "$work/spark-cat.log" env SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$venv_python" \
        PYSPARK_DRIVER_PYTHON="$venv_python" .build-spark/venv/bin/spark-submit --master "local[$jobs]" \
        --driver-memory 2g --conf spark.ui.enabled=false --conf spark.log.level=WARN \
        Integrations/spark/annotate.py "$input" "$work/spark-cat-out" --gazette "$work/passthrough" --min-partitions $((jobs * 4)) \
        --overwrite
    spark_note="$spark_note
spark job with cat:$(grep -h '^annotate: ' "$work/spark-cat.log.fastest" | head -n 1 | cut -d: -f2-)"
fi

echo "input: $records records, $megabytes MB of JSON Lines ($input); load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
for line in "${results[@]}"; do
    read -r name seconds cpu rss <<< "$line"
    python3 -c "import sys; n, s, c, r, mb = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[6]); print(f'{n:18} {s:7.1f} s  {int(sys.argv[5]) / s:7.0f} records/s  {mb / s:6.2f} MB/s  CPU {c:7.1f} s  peak RSS {r} MB')" \
        "$name" "$seconds" "$cpu" "$rss" "$records" "$megabytes"
done
echo "spark job alone:$spark_note"
for output in "$work/filter-jobs$jobs.jsonl" "$work/parallel.jsonl" "$work/spark.jsonl"; do
    [ -f "$output" ] || continue
    cmp -s "$work/filter-jobs1.jsonl" "$output" && echo "same records as filter-jobs1: $(basename "$output")" \
        || { echo "benchmark: $(basename "$output") differs from the plain filter's output" >&2; exit 1; }
done
