#!/usr/bin/env bash
# Benchmark for `gazette batch` (not a test): builds a news-like .tar.gz of about SIZE_MB megabytes from the BBC
# articles in ../shared/data (sentences of random articles, shuffled, so that gzip sees realistic text), then measures
#   - the filter (`gazette --jobs 2`) on the same text as uncompressed JSON Lines,
#   - `gazette batch` on the .tar.gz with --jobs 2 on both cores and --jobs 1 pinned to one core (taskset),
# with wall time, throughput and peak RSS of each run.
# Usage: Benchmarks/batch/benchmark.sh [SIZE_MB (default 200)] [WORK_DIR (default /tmp/gazette-batch-bench)]
# Set SCRATCH to the build folder (default .build); the release build is made first. On a machine shared with other
# work, set RT=1 to run the measured commands under `chrt -f 1` (real-time priority, as root), which keeps the other
# load off the cores they use; otherwise the figures measure the other load as much as Gazette.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_mb=${1:-200}
work=${2:-/tmp/gazette-batch-bench}
scratch=${SCRATCH:-.build}
data=../shared/data/bbc_news/train.jsonl
[ -f "$data" ] || data=/work/shared/data/bbc_news/train.jsonl
mkdir -p "$work"

swift build -c release --scratch-path "$scratch" --product gazette >&2
gazette="$scratch/release/gazette"

if [ ! -f "$work/news.tar.gz" ] || [ "$(cat "$work/size" 2>/dev/null)" != "$size_mb" ]; then
    echo "building a ${size_mb} MB news-like .tar.gz in $work" >&2
    python3 - "$data" "$work" "$size_mb" <<'PY'
import io, json, random, sys, tarfile
data, work, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(7)
paragraphs = []
for line in open(data, encoding="utf-8"):
    text = json.loads(line)["text"]
    paragraphs.extend(p for p in text.split("\n\n") if p.strip())
target = size_mb * 1_000_000
count = 0
with tarfile.open(f"{work}/news.tar.gz", "w:gz", compresslevel=6) as tar, open(f"{work}/news.jsonl", "w", encoding="utf-8") as jsonl:
    raw = tar.fileobj.fileobj  # the file under the gzip stream: its position is the compressed size so far
    while raw.tell() < target:
        text = "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(4, 12)))
        body = text.encode("utf-8")
        info = tarfile.TarInfo(f"news/{count // 1000:04d}/{count:08d}.txt")
        info.size = len(body)
        tar.addfile(info, io.BytesIO(body))
        jsonl.write(json.dumps({"id": info.name, "text": text}) + "\n")
        count += 1
open(f"{work}/size", "w").write(str(size_mb))
print(f"{count} articles", file=sys.stderr)
PY
fi
ls -l "$work/news.tar.gz" "$work/news.jsonl" >&2

measure() {  # name, command...: prints wall seconds, peak RSS (MB)
    local name=$1; shift
    local priority=()
    [ -n "${RT:-}" ] && priority=(chrt -f 1)
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "${priority[@]}" "$@" > /dev/null 2> "$work/$name.stderr" || true
    read -r seconds kilobytes < "$work/time.txt"
    echo "$name $seconds $((kilobytes / 1024))"
}
text_mb=$(python3 -c "import os; print(os.path.getsize('$work/news.jsonl') / 1e6)")
tar_mb=$(python3 -c "import os; print(os.path.getsize('$work/news.tar.gz') / 1e6)")
docs=$(wc -l < "$work/news.jsonl")

results=()
results+=("$(measure filter-jobs2 "$gazette" --jobs 2 "$work/news.jsonl")")
rm -rf "$work/out2" "$work/out1"
results+=("$(measure batch-jobs2 "$gazette" batch "$work/news.tar.gz" -o "$work/out2" --jobs 2)")
results+=("$(measure batch-jobs1-one-core taskset -c 0 "$gazette" batch "$work/news.tar.gz" -o "$work/out1" --jobs 1)")

echo "input: $docs articles, $text_mb MB of text as JSON Lines, $tar_mb MB as .tar.gz"
for line in "${results[@]}"; do
    read -r name seconds rss <<< "$line"
    python3 -c "print(f'{\"$name\":24} {$seconds:8.1f} s  {$docs / $seconds:8.0f} docs/s  {$tar_mb / $seconds:6.2f} MB/s of .tar.gz  peak RSS {$rss} MB')"
done
tail -n 1 "$work/batch-jobs2.stderr"
