#!/usr/bin/env bash
# Smoke test of the Spark route (not part of `swift test`). Installs PySpark 4 into a venv, then runs
# Scripts/spark/annotate.py with spark-submit in local[2] on a small JSON Lines file it writes, and checks:
#   1. every input record comes out exactly once, in input order, annotated (a known person, place, organisation);
#      gzip output; two bad records (malformed JSON, text not a string) come out as "error" records and the job
#      reports them (exit status 1, counts and messages on stderr);
#   2. gazette failing on a worker (here: cannot load its resources) fails the job (exit status 2) with gazette's
#      own message, and the output is not marked complete;
#   3. a gazette that silently drops records (a wrapper that passes on only the first lines and exits 0) fails the
#      job instead of losing them;
#   4. plain text, one document per line (--input-format lines), and the DataFrame route (annotate_dataframe).
#
# Usage: Scripts/spark/smoke.sh [--tarball PATH | --binary PATH] [--keep]
#   --tarball PATH  the Scripts/dist tarball to ship (default: build it with Scripts/dist, a release build)
#   --binary PATH   pack this gazette binary (e.g. .build/debug/gazette, built by `swift test`) with the resources
#                   in the tarball's layout instead of a release build; tests the Spark plumbing, not portability
#   --keep          keep the work folder
# Environment: GAZETTE_SPARK_VENV (default .build-spark/venv), JAVA_HOME or java on PATH (17 or newer; installed
# from Debian when missing and running as root).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

tarball=""
binary=""
keep=false
while [ $# -gt 0 ]; do
    case "$1" in
        --tarball) tarball=$(realpath "$2"); shift 2 ;;
        --binary) binary=$(realpath "$2"); shift 2 ;;
        --keep) keep=true; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "smoke: unknown argument $1" >&2; exit 2 ;;
    esac
done

started=$SECONDS
step() { printf 'smoke [%3ds] %s\n' $((SECONDS - started)) "$*" >&2; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-spark-smoke.XXXXXX")
if $keep; then step "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi

# --- Java 17+ ---------------------------------------------------------------------------------------------------
java_major() { java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'; }
if ! command -v java > /dev/null || [ "$(java_major)" -lt 17 ]; then
    [ "$(id -u)" -eq 0 ] || fail "Spark 4 needs Java 17 or newer on PATH"
    step "installing openjdk-17-jre-headless"
    apt-get update -q > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jre-headless > /dev/null
fi
step "java $(java_major)"

# --- PySpark in a venv ------------------------------------------------------------------------------------------
venv=${GAZETTE_SPARK_VENV:-.build-spark/venv}
if ! "$venv/bin/python" -c 'import pyspark, sys; sys.exit(int(pyspark.__version__.split(".")[0]) != 4)' 2> /dev/null; then
    step "installing pyspark>=4,<5 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --retries 5 --timeout 60 "pyspark>=4,<5"
fi
venv=$(cd "$venv" && pwd)  # absolute, symlinks kept: the venv's python must stay the venv's
python="$venv/bin/python"
step "pyspark $("$python" -c 'import pyspark; print(pyspark.__version__)')"

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
    step "building the portable tarball (Scripts/dist)"
    tarball=$(realpath "$(Scripts/dist)")
fi
[ -f "$tarball" ] || fail "no tarball at $tarball"
dist=$(basename "$tarball")

# --- Input --------------------------------------------------------------------------------------------------------
# Our own sentences (never text from the research data). Records 1..240, two of them bad, one blank line.
"$python" - "$work/input.jsonl" <<'PY'
import json, sys
people = ["Angela Merkel", "Emmanuel Macron", "Narendra Modi", "Olaf Scholz"]
places = ["Berlin", "Tokyo", "Nairobi", "Lima"]
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

# One log per run: Spark's own messages and the driver's (spark-submit sends a Python driver's stderr to stdout).
submit() {
    local log=$1; shift
    # SPARK_LOCAL_IP: no dependence on the host name resolving; the UI is not needed.
    SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$python" PYSPARK_DRIVER_PYTHON="$python" \
        "$venv/bin/spark-submit" --master 'local[2]' --conf spark.ui.enabled=false --conf spark.log.level=WARN \
        --files "$tarball" "$@" > "$log" 2>&1
}
show_log() { echo "--- $1 (last 40 lines)" >&2; tail -n 40 "$1" >&2; }

# --- 1. Every record exactly once, annotated; bad records reported -------------------------------------------------
step "1. jsonl in local[2], 3 partitions, gzip output"
status=0
submit "$work/run1.log" Scripts/spark/annotate.py "$work/input.jsonl" "$work/out1" --compress --min-partitions 3 \
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
    found = {(e["label"], e["text"]) for e in record["entities"]}
    for needed in [("LOC", ["Berlin", "Tokyo", "Nairobi", "Lima"][(n // 4) % 4]), ("ORG", "United Nations"),
                   ("PERSON", ["Angela Merkel", "Emmanuel Macron", "Narendra Modi", "Olaf Scholz"][n % 4])]:
        assert needed in found, f"{expected}: {needed} not found in {sorted(found)}"
    for e in record["entities"]:
        assert record["text"][e["start"]:e["end"]] == e["text"], f"{expected}: offsets of {e}"
print(f"run 1: {len(outputs)} records in {len(parts)} parts, in order, each once; 2 error records")
PY

# --- 2. gazette failing on the worker fails the job ----------------------------------------------------------------
step "2. gazette cannot start on the worker (--resources /nonexistent)"
status=0
submit "$work/run2.log" Scripts/spark/annotate.py "$work/input.jsonl" "$work/out2" --dist "$dist" \
    --gazette-args "--resources /nonexistent/gazette" || status=$?
[ "$status" -eq 2 ] || { show_log "$work/run2.log"; fail "run 2 exited with $status, expected 2"; }
grep -q 'annotate: the job failed.*exited with status 2.*gazette said: gazette: ' "$work/run2.log" \
    || { show_log "$work/run2.log"; fail "run 2 did not name gazette's failure"; }
[ ! -f "$work/out2/_SUCCESS" ] || fail "run 2 output is marked complete"
grep 'annotate: the job failed' "$work/run2.log" | cut -c1-200 >&2

# --- 3. a tool that loses records fails the job --------------------------------------------------------------------
step "3. a gazette that drops records and exits 0"
mkdir -p "$work/lossy"
tar -xzf "$tarball" -C "$work/lossy"
cat > "$work/lossy/gazette-first-5" <<EOF
#!/bin/sh
head -n 5 | "$work/lossy/gazette/bin/gazette" "\$@"
EOF
chmod +x "$work/lossy/gazette-first-5"
status=0
submit "$work/run3.log" Scripts/spark/annotate.py "$work/input.jsonl" "$work/out3" --gazette "$work/lossy/gazette-first-5" \
    || status=$?
[ "$status" -eq 2 ] || { show_log "$work/run3.log"; fail "run 3 exited with $status, expected 2"; }
grep -q 'annotate: the job failed.*gazette wrote 5 records for' "$work/run3.log" \
    || { show_log "$work/run3.log"; fail "run 3 did not report the lost records"; }
grep 'annotate: the job failed' "$work/run3.log" | cut -c1-200 >&2

# --- 4. plain text lines, and the DataFrame route ------------------------------------------------------------------
step "4. --input-format lines, and annotate_dataframe"
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
# Shipped unpacked this time (--archives NAME#alias, --dist alias), the other way to ship the tarball.
submit "$work/run4.log" --archives "$tarball#gazette-dist" Scripts/spark/annotate.py "$work/lines.txt" "$work/out4" \
    --input-format lines --dist gazette-dist \
    || { show_log "$work/run4.log"; fail "run 4 (lines) failed"; }
cat > "$work/dataframe_job.py" <<'PY'
import sys
from pyspark.sql import SparkSession
from annotate import annotate_dataframe
spark = SparkSession.builder.getOrCreate()
frame = spark.createDataFrame([(i, f"Olaf Scholz met Narendra Modi in Tokyo, meeting {i}.", i % 3) for i in range(1, 51)],
                              "doc_id long, body string, batch int").repartition(2)
annotated = annotate_dataframe(frame, text_column="body", dist=sys.argv[1]).cache()
rows = annotated.collect()
assert len(rows) == 50 and sorted(r.doc_id for r in rows) == list(range(1, 51)), "rows lost or doubled"
assert dict(annotated.dtypes)["doc_id"] == "bigint" and dict(annotated.dtypes)["batch"] == "int"
for r in rows:
    assert r.error is None, r.error
    found = {(e.label, e.text) for e in r.entities}
    assert {("PERSON", "Olaf Scholz"), ("PERSON", "Narendra Modi"), ("LOC", "Tokyo")} <= found, found
    assert r.body[r.entities[0].start:r.entities[0].end] == r.entities[0].text
print(f"dataframe: {len(rows)} rows, columns {annotated.columns}")
spark.stop()
PY
submit "$work/run5.log" --py-files Scripts/spark/annotate.py "$work/dataframe_job.py" "$dist" \
    || { show_log "$work/run5.log"; fail "run 5 (DataFrame route) failed"; }
grep '^dataframe: ' "$work/run5.log" >&2
"$python" - "$work/lines.txt" "$work/out4" <<'PY' || fail "run 4 output check"
import glob, json, sys
lines = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
outputs = [json.loads(line) for part in sorted(glob.glob(sys.argv[2] + "/part-*")) for line in open(part, encoding="utf-8")]
assert [o["id"] for o in outputs] == [str(n) for n in range(1, len(lines) + 1)], "ids are not the line numbers in order"
assert all(o["text"] == line and o["entities"] for o, line in zip(outputs, lines))
print(f"lines: {len(outputs)} records, ids 1..{len(lines)} in order")
PY

step "passed"
