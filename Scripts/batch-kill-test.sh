#!/usr/bin/env bash
# Resume check for `gazette batch` on a real archive (not part of `swift test`): kills the batch with SIGKILL at
# random moments KILLS times, runs it to the end, then checks that the shards hold every member of the archive exactly
# once. Extra arguments go to `gazette batch` (for example --unordered --compress).
# Usage: Scripts/batch-kill-test.sh ARCHIVE.tar.gz [KILLS (default 5)] [gazette batch options...]
# Set GAZETTE to the executable (default: the release build in .build).
set -euo pipefail
archive=$1
kills=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
gazette=${GAZETTE:-.build/release/gazette}
out=$(mktemp -d /tmp/gazette-kill-test.XXXXXX)
echo "output in $out" >&2

for ((i = 1; i <= kills; i++)); do
    "$gazette" batch "$archive" -o "$out" "$@" 2>> "$out.log" &
    pid=$!
    delay=$(python3 -c "import random; print(round(random.uniform(0.3, 4.0), 2))")
    sleep "$delay"
    if kill -KILL "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        shards=$(grep -c '"shard"' "$out/manifest.jsonl" || true)
        echo "kill $i after ${delay}s: $shards shards committed" >&2
    else
        echo "run $i finished before the kill" >&2
        wait "$pid" || true
    fi
done
"$gazette" batch "$archive" -o "$out" "$@" 2>> "$out.log"
tail -n 1 "$out.log" >&2

python3 - "$archive" "$out" <<'PY'
import collections, glob, gzip, json, sys, tarfile
archive, out = sys.argv[1], sys.argv[2]
expected = collections.Counter(m.name for m in tarfile.open(archive) if m.isfile())
seen = collections.Counter()
for path in sorted(glob.glob(out + "/part-*")):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as shard:
        for line in shard:
            seen[json.loads(line)["member"]] += 1
missing = sum((expected - seen).values())
twice = sum(count - 1 for count in seen.values() if count > 1)
extra = sum((seen - expected).values()) - twice
print(f"{len(expected)} members in the archive, {sum(seen.values())} records: {missing} missing, {twice} duplicated, {max(extra, 0)} unknown")
sys.exit(0 if missing == 0 and twice == 0 and extra <= 0 else 1)
PY
