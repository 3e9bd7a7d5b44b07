#!/usr/bin/env bash
# Smoke test of the Spark route (not part of `swift test`). Installs PySpark 4 into a venv, then runs
# Integrations/spark/annotate.py with spark-submit in local[2] on a small JSON Lines file it writes, and checks:
#   1. every input record comes out exactly once, in input order, annotated (a PERSON, a LOC and an ORG in each);
#      gzip output; two bad records (malformed JSON, text not a string) come out as "error" records and the job
#      reports them (exit status 1, counts and messages on stderr);
#   2. gazette failing on a worker (here: cannot load its resources) fails the job (exit status 2) with gazette's
#      own message, and the output is not marked complete;
#   3. a gazette that silently drops records (a wrapper that passes on only the first lines and exits 0) fails the
#      job instead of losing them;
#   4. plain text, one document per line (--input-format lines, the tarball shipped with --archives), and the
#      DataFrame route (annotate_dataframe).
#
# Usage: Integrations/spark/smoke.sh [--tarball PATH | --binary PATH] [--skip-if-unavailable] [--keep]
#   --tarball PATH  the Scripts/dist.sh tarball to ship (default: build it with Scripts/dist.sh, a release build)
#   --binary PATH   pack this gazette binary (e.g. .build/debug/gazette, built by `swift test`) with the resources
#                   in the tarball's layout instead of a release build; tests the Spark plumbing, not portability
#   --skip-if-unavailable  exit 0 with a SKIPPED line when Java 17 or PySpark cannot be installed (no network);
#                   any failure after that still fails
#   --keep          keep the work folder
# Its last line is "smoke: N passed, N failed".
# Environment: GAZETTE_SPARK_VENV (default .build-spark/venv), JAVA_HOME or java on PATH (17 or newer; installed
# from Debian when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

tarball=""
binary=""
keep=false
skip_if_unavailable=false
while [ $# -gt 0 ]; do
    case "$1" in
        --tarball) tarball=$(realpath "$2"); shift 2 ;;
        --binary) binary=$(realpath "$2"); shift 2 ;;
        --skip-if-unavailable) skip_if_unavailable=true; shift ;;
        --keep) keep=true; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "smoke: unknown argument $1" >&2; exit 2 ;;
    esac
done

# shellcheck source=../smoke-common.sh
source Integrations/smoke-common.sh

make_work_folder gazette-spark-smoke

# --- Java 17+ ---------------------------------------------------------------------------------------------------
java_major() { java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'; }
if ! command -v java > /dev/null || [ "$(java_major)" -lt 17 ]; then
    [ "$(id -u)" -eq 0 ] || unavailable "Spark 4 needs Java 17 or newer on PATH"
    step "installing openjdk-17-jre-headless"
    { apt-get update -q > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless > /dev/null; } \
        || unavailable "could not install Java 17 from Debian"
fi
step "java $(java_major)"

# --- PySpark in a venv ------------------------------------------------------------------------------------------
venv=${GAZETTE_SPARK_VENV:-.build-spark/venv}
if ! "$venv/bin/python" -c 'import pyspark, sys; sys.exit(int(pyspark.__version__.split(".")[0]) != 4)' 2> /dev/null; then
    step "installing pyspark>=4,<5 into $venv"
    python3 -m venv "$venv" || unavailable "python3 -m venv failed"
    installed=false
    for attempt in 1 2 3; do
        if "$venv/bin/python" -m pip install -q --disable-pip-version-check --retries 5 --timeout 60 "pyspark>=4,<5"; then
            installed=true
            break
        fi
        step "pip install failed (attempt $attempt)"
        sleep $((attempt * 10))
    done
    $installed || unavailable "could not install pyspark>=4,<5 from PyPI"
fi
venv=$(cd "$venv" && pwd)  # absolute, symlinks kept: the venv's python must stay the venv's
python="$venv/bin/python"
step "pyspark $("$python" -c 'import pyspark; print(pyspark.__version__)')"
# The job streams through the Python client (Integrations/python); the driver imports it as users install it, and
# the job ships it to the executors itself.
"$python" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps ./Integrations/python \
    || unavailable "could not install the Python client (Integrations/python)"
rm -rf Integrations/python/build Integrations/python/*.egg-info

# --- The gazette tarball ----------------------------------------------------------------------------------------
if [ -n "$binary" ]; then
    [ -x "$binary" ] || fail "no executable at $binary"
    mkdir -p "$work/pack/gazette/bin" "$work/pack/gazette/share/gazette"
    cp "$binary" "$work/pack/gazette/bin/gazette"
    cp -R Gazetteers Models "$work/pack/gazette/share/gazette/"
    tarball="$work/gazette-linux-$(uname -m).tar.gz"
    tar -C "$work/pack" -czf "$tarball" gazette
    step "packed $binary with the resources into $(basename "$tarball")"
elif [ -z "$tarball" ]; then
    step "building the portable tarball (Scripts/dist.sh)"
    tarball=$(realpath "$(Scripts/dist.sh)")
fi
[ -f "$tarball" ] || fail "no tarball at $tarball"
dist=$(basename "$tarball")

# --- Input --------------------------------------------------------------------------------------------------------
# Our own sentences (never text from the research data). Records 1..240, two of them bad, one blank line.
"$python" - "$work/input.jsonl" <<'PY'
import json, sys
people = ["Angela Merkel", "Emmanuel Macron", "Narendra Modi", "Olaf Scholz"]
places = ["Canberra", "Tokyo", "Nairobi", "Jakarta"]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for n in range(1, 241):
        if n == 57:
            out.write('{"id": "doc-57", "text": "unterminated\n')          # malformed JSON
            continue
        if n == 158:
            out.write(json.dumps({"id": "doc-158", "text": 158}) + "\n")  # text is not a string
            continue
        if n == 100:
            out.write("   \n")                                             # blank: not a record
        person, place = people[n % 4], places[(n // 4) % 4]
        text = (f"{person} arrived in {place} on Tuesday for talks at the United Nations. "
                f"Officials said the visit, number {n}, would focus on trade. ")
        if n % 10 == 0:
            text += "Café owners in the old town welcomed the délégation \u2014 \U0001F600 " * 20
        out.write(json.dumps({"id": f"doc-{n}", "source": "smoke", "text": text}, ensure_ascii=n % 2 == 0) + "\n")
PY

# Run 1 lets annotate.py place the gazetteer cache (beside the unpacked tarball, new for each job); later runs share
# one, so that they don't compile the gazetteers again (seconds with a debug build).
cache_setting=()
# Short jobs: the JVM's start dominates, and C1-only JIT with the serial collector cut its CPU time (a no-op job:
# 8.4 s of CPU instead of 13.9 s here).
java_options="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# One log per run: Spark's own messages and the driver's (spark-submit sends a Python driver's stderr to stdout).
submit() {
    local log=$1; shift
    # SPARK_LOCAL_IP: no dependence on the host name resolving; the UI is not needed.
    env SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python" "${cache_setting[@]}" \
        "$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --conf spark.log.level=WARN \
        --driver-java-options "$java_options" --files "$tarball" "$@" > "$log" 2>&1
}
show_log() { echo "--- $1 (last 40 lines)" >&2; tail -n 40 "$1" >&2; }

# --- 1. Every record exactly once, annotated; bad records reported -------------------------------------------------
step "1. jsonl in local[2], 3 partitions, gzip output"
status=0
submit "$work/run1.log" Integrations/spark/annotate.py "$work/input.jsonl" "$work/out1" --compress --min-partitions 3 \
    --dist "$dist" || status=$?
[ "$status" -eq 1 ] || { show_log "$work/run1.log"; fail "run 1 exited with $status, expected 1 (two records failed)"; }
grep -q 'annotate: 240 records in, 240 written to .*, 2 failed (GZ101 x1, GZ103 x1' "$work/run1.log" \
    || { show_log "$work/run1.log"; fail "run 1 did not report the two failed records"; }
grep -A2 '^annotate: ' "$work/run1.log" >&2
[ -f "$work/out1/_SUCCESS" ] || fail "run 1 output is not marked complete"
"$python" - "$work/input.jsonl" "$work/out1" <<'PY' || fail "run 1 output check"
import glob, gzip, json, sys
inputs = [line for line in open(sys.argv[1], encoding="utf-8") if line.strip(" \t\n")]
parts = sorted(glob.glob(sys.argv[2] + "/part-*"))
assert len(parts) >= 3 and all(p.endswith(".gz") for p in parts), f"expected >= 3 gzip parts, got {parts}"
outputs = [json.loads(line) for part in parts for line in gzip.open(part, "rt", encoding="utf-8")]
assert len(outputs) == len(inputs) == 240, f"{len(inputs)} records in, {len(outputs)} out"
seen = set()
for n, (line, record) in enumerate(zip(inputs, outputs), start=1):
    expected = f"doc-{n}"
    if n == 57:
        assert record["error"]["code"] == "GZ101" and "id" not in record, record
        continue
    assert record["id"] == expected, f"record {n}: id {record.get('id')} (order or loss)"
    assert record["id"] not in seen, f"{expected} twice"
    seen.add(record["id"])
    if n == 158:
        assert record["error"]["code"] == "GZ103", record
        continue
    source = json.loads(line)
    assert "error" not in record, record["error"]
    assert record["schema"] == "gazette.doc/1" and record["source"] == "smoke" and record["text"] == source["text"]
    # Each text names a head of government, a capital and the United Nations. Which exact spans the gazetteers and
    # rules find is the entity tests' business; here every record must carry all three kinds.
    found = {(e["label"], e["text"]) for e in record["entities"]}
    assert {label for label, _ in found} >= {"PERSON", "LOC", "ORG"}, f"{expected}: only {sorted(found)}"
    for e in record["entities"]:
        assert record["text"][e["start"]:e["end"]] == e["text"], f"{expected}: offsets of {e}"
print(f"run 1: {len(outputs)} records in {len(parts)} parts, in order, each once; 2 error records")
PY
pass "every record exactly once, in order, annotated; the two bad records reported"
cache_setting=("GAZETTE_CACHE_DIR=$work/gazetteer-cache")

# Runs 2 and 3 each call annotate.main several times in one driver: one JVM start (the slow part) for several jobs.
# --- 2. gazette failing on the worker, or losing records, fails the job ------------------------------------------
step "2. gazette cannot start on the worker; a gazette that drops records and exits 0"
mkdir -p "$work/lossy"
tar -xzf "$tarball" -C "$work/lossy"
printf '#!/bin/sh\nhead -n 5 | "%s" "$@"\n' "$work/lossy/gazette/bin/gazette" > "$work/lossy/gazette-first-5"
chmod +x "$work/lossy/gazette-first-5"
cat > "$work/failures_job.py" <<'PY'
import contextlib, io, sys
import annotate
source, work, dist = sys.argv[1:4]
cases = {
    "unstartable": [source, f"{work}/out2", "--dist", dist, "--gazette-args", "--resources /nonexistent/gazette"],
    "lossy": [source, f"{work}/out3", "--gazette", f"{work}/lossy/gazette-first-5"],
}
for name, argv in cases.items():
    message = io.StringIO()
    with contextlib.redirect_stderr(message):
        status = annotate.main(argv)
    print(f"case {name}: status {status}: {message.getvalue().strip()}")
PY
submit "$work/run2.log" --py-files Integrations/spark/annotate.py "$work/failures_job.py" "$work/input.jsonl" "$work" "$dist" \
    || { show_log "$work/run2.log"; fail "run 2 driver failed"; }
grep '^case ' "$work/run2.log" | cut -c1-220 >&2
grep -q '^case unstartable: status 2: annotate: the job failed.*exited with status 2.*gazette said: gazette: ' "$work/run2.log" \
    || { show_log "$work/run2.log"; fail "gazette unable to start did not fail the job with its message"; }
[ ! -f "$work/out2/_SUCCESS" ] || fail "the failed job's output is marked complete"
pass "gazette failing on the worker fails the job"
grep -q '^case lossy: status 2: annotate: the job failed.*gazette wrote 5 records for' "$work/run2.log" \
    || { show_log "$work/run2.log"; fail "records lost by the tool did not fail the job"; }
[ ! -f "$work/out3/_SUCCESS" ] || fail "the lossy job's output is marked complete"
pass "records lost by the tool fail the job"

# --- 3. plain text lines, and the DataFrame route ------------------------------------------------------------------
step "3. --input-format lines (tarball shipped with --archives), and annotate_dataframe"
"$python" - "$work/input.jsonl" "$work/lines.txt" <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        try:
            text = json.loads(line)["text"]
        except (ValueError, KeyError):
            continue
        if isinstance(text, str):
            out.write(text.replace("\n", " ") + "\n")
PY
cat > "$work/routes_job.py" <<'PY'
import sys
import annotate
from pyspark.sql import SparkSession
lines, work, dist = sys.argv[1:4]
status = annotate.main([lines, f"{work}/out4", "--input-format", "lines", "--dist", "gazette-dist"])
print(f"lines: status {status}")
spark = SparkSession.builder.getOrCreate()
frame = spark.createDataFrame([(i, f"Olaf Scholz met Narendra Modi in Tokyo, meeting {i}.", i % 3) for i in range(1, 51)],
                              "doc_id long, body string, batch int").repartition(2)
annotated = annotate.annotate_dataframe(frame, text_column="body", dist=dist).cache()
rows = annotated.collect()
assert len(rows) == 50 and sorted(r.doc_id for r in rows) == list(range(1, 51)), "rows lost or doubled"
assert dict(annotated.dtypes)["doc_id"] == "bigint" and dict(annotated.dtypes)["batch"] == "int"
for r in rows:
    assert r.error is None, r.error
    assert {e.label for e in r.entities} >= {"PERSON", "LOC"}, r.entities
    assert r.body[r.entities[0].start:r.entities[0].end] == r.entities[0].text
print(f"dataframe: {len(rows)} rows, columns {annotated.columns}")
spark.stop()
PY
# --archives NAME#alias ships the tarball unpacked, the other way to ship it; --dist names the alias.
submit "$work/run3.log" --archives "$tarball#gazette-dist" --py-files Integrations/spark/annotate.py \
    "$work/routes_job.py" "$work/lines.txt" "$work" "$dist" \
    || { show_log "$work/run3.log"; fail "run 3 driver failed"; }
grep -q '^lines: status 0' "$work/run3.log" || { show_log "$work/run3.log"; fail "the lines job failed"; }
"$python" - "$work/lines.txt" "$work/out4" <<'PY' || fail "lines output check"
import glob, json, sys
lines = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
outputs = [json.loads(line) for part in sorted(glob.glob(sys.argv[2] + "/part-*")) for line in open(part, encoding="utf-8")]
assert [o["id"] for o in outputs] == [str(n) for n in range(1, len(lines) + 1)], "ids are not the line numbers in order"
assert all(o["text"] == line and o["entities"] for o, line in zip(outputs, lines))
print(f"lines: {len(outputs)} records, ids 1..{len(lines)} in order")
PY
pass "plain text lines, shipped with --archives"
grep '^dataframe: ' "$work/run3.log" >&2 || { show_log "$work/run3.log"; fail "the DataFrame route failed"; }
pass "DataFrame route"

echo "smoke: $passed passed, 0 failed"
