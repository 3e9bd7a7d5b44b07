#!/usr/bin/env bash
# Measures the gazetteers on this machine: full compilation time, cold start (wall time and peak memory) of the
# filter once compiled, and what gazetteer matching adds to segmentation on a ~10 MB news file (and on the pipeline
# benchmark's input when it is there).
#
# Usage: Benchmarks/gazetteer/measure.sh [NEWS_JSONL]
#   NEWS_JSONL: JSON Lines with a "text" field (default: ../shared/data/bbc_news/train.jsonl), repeated up to 10 MB.
#   BUILD=.build-x Benchmarks/gazetteer/measure.sh   builds and runs in another scratch folder (default .build).
# Timings are measured here, never in unit tests. The cache goes to a temporary folder, so the user's is untouched.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD:-.build}
news=${1:-../shared/data/bbc_news/train.jsonl}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GAZETTE_CACHE_DIR="$work/cache"

swift build -c release --scratch-path "$build" >/dev/null
gazette="$build/release/gazette"

echo "== compile (full lists)"
"$gazette" gazetteer compile

echo "== cold start: echo \"Antony Blinken visited Xinjiang.\" | gazette (20 runs, compiled cache)"
# Wall time from bash's microsecond clock (/usr/bin/time rounds to 10 ms); peak memory from /usr/bin/time.
echo "Antony Blinken visited Xinjiang." | "$gazette" >/dev/null  # warm the page cache
for _ in $(seq 20); do
    start=$EPOCHREALTIME
    echo "Antony Blinken visited Xinjiang." | /usr/bin/time -f "%M" -o "$work/rss" "$gazette" >/dev/null
    end=$EPOCHREALTIME
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }') $(cat "$work/rss")" >>"$work/times"
done
sort -n "$work/times" | awk '{ wall[NR] = $1; if ($2 > rss) rss = $2 } END {
    printf "wall: min %.1f ms, median %.1f ms, max %.1f ms; peak RSS %d KB\n", wall[1] * 1000, wall[int((NR + 1) / 2)] * 1000, wall[NR] * 1000, rss }'

echo "== matching cost on a ~10 MB news file ($news repeated)"
if [ ! -f "$news" ]; then echo "no news file at $news; pass one as the first argument" >&2; exit 1; fi
: >"$work/news.jsonl"
while [ "$(wc -c <"$work/news.jsonl")" -lt 10000000 ]; do cat "$news" >>"$work/news.jsonl"; done
head -c 10000000 "$work/news.jsonl" | sed '$d' >"$work/news10.jsonl"
"$gazette" gazetteer measure "$work/news10.jsonl" --repeats 3

benchmark=Benchmarks/pipeline/data/news-10mb.jsonl
if [ -f "$benchmark" ]; then
    echo "== matching cost on the pipeline benchmark's 10 MB ($benchmark)"
    "$gazette" gazetteer measure "$benchmark" --repeats 3
fi
