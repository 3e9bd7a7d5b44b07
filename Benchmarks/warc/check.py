#!/usr/bin/env python3
"""Checks `gazette batch` against what warcio finds in the WARC/ARC samples (issue 14, part 3).

Runs `gazette batch` over every file of ../shared/data/warc-samples/files, one file at a time, and compares its
records with expected.jsonl (warcio 1.7's reading): every document warcio finds must get a record — annotated, or an
error record naming the file and the record where the bytes are unusable — nearly all annotated, and no file may
stop at its first bad record. Prints a per-file table and totals.

    Benchmarks/warc/check.py [--gazette .build/debug/gazette] [--samples ../shared/data/warc-samples] [--jobs 2]
                             [--verbose] [--no-damage]

A document is matched by WARC-Record-ID, or by URL (ARC files: warcio makes up random record ids for them, and
writes spaces in their URLs as %20).
Columns: expected documents; annotated (matched, no error); failed (matched error records); missing (no record at
all); errors (all error records of the file); extra (annotated records warcio does not list as documents);
dmg (documents of a deliberately damaged gzip member: allowed to be lost); exit (gazette's exit status).

Then the same for damaged copies of the samples made of 3 or more gzip members (issue 17): garbage between two
members (no document may be lost) and one member's compressed data scrambled (only that member's documents may be).
"""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import re
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_one(gazette, path, name):
    with tempfile.TemporaryDirectory(prefix="gazette-warc-check-") as work:
        # `.warc.gz.bad` and the like: give the file a name gazette reads as WARC/ARC.
        link_name = name[: -len(".bad")] if name.endswith(".bad") else name
        link = os.path.join(work, link_name)
        os.symlink(os.path.abspath(path), link)
        out = os.path.join(work, "out")
        result = subprocess.run([gazette, "batch", link, "-o", out, "--jobs", "1"], capture_output=True, text=True)
        records = []
        for shard in sorted(os.listdir(out)) if os.path.isdir(out) else []:
            if shard.startswith("part-") and shard.endswith(".jsonl"):
                with open(os.path.join(out, shard), encoding="utf-8") as handle:
                    records += [json.loads(line) for line in handle if line.strip()]
        summary = [line for line in result.stderr.splitlines() if line.startswith("gazette batch:")]
        return result.returncode, records, (summary[-1] if summary else result.stderr.strip()[-300:])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gazette", default=os.path.join(ROOT, ".build", "debug", "gazette"))
    parser.add_argument("--samples", default=os.path.join(ROOT, "..", "..", "shared", "data", "warc-samples"))
    parser.add_argument("--jobs", type=int, default=2, help="files checked at the same time")
    parser.add_argument("--verbose", action="store_true", help="print the error records and summary lines")
    parser.add_argument("--no-damage", dest="damage", action="store_false",
                        help="skip the damaged copies of the multi-member .warc.gz samples (issue 17)")
    args = parser.parse_args()
    samples = os.path.abspath(args.samples)
    if not os.path.isdir(samples):
        samples = os.path.abspath(os.path.join(ROOT, "..", "shared", "data", "warc-samples"))
    expected = [json.loads(line) for line in open(os.path.join(samples, "expected.jsonl"), encoding="utf-8")]

    def check(case):
        name, path, documents, may_lose = case
        code, records, summary = run_one(args.gazette, path, os.path.basename(path))
        # Each expected document takes its own record (a file may hold one record id twice).
        by_id, by_url = {}, {}
        for r in records:
            by_id.setdefault(r.get("id"), []).append(r)
            # warcio writes the spaces of ARC URLs as %20.
            by_url.setdefault((r.get("url") or "").replace(" ", "%20"), []).append(r)
        annotated = failed = missing = 0
        problems = []
        matched = set()

        def take(candidates):
            for r in candidates:
                if id(r) not in matched:
                    matched.add(id(r))
                    return r
            return None

        lost_to_damage = 0
        for document in documents:
            record = take(by_id.get(document["id"], [])) or take(by_url.get(document["url"], []))
            if document["id"] in may_lose and (record is None or "error" in record):
                lost_to_damage += 1
                continue
            if record is None:
                missing += 1
                problems.append(f"missing {document['id']} {document['url']}")
                continue
            if "error" in record:
                failed += 1
                problems.append(f"failed {document['id']}: {record['error'].get('message', '')}")
            else:
                annotated += 1
        errors = [r for r in records if "error" in r]
        extra = [r for r in records if "error" not in r and id(r) not in matched]
        # An error naming the file and a record must name the file (source) and a record (id, or "record" in text).
        unnamed = [r for r in errors if not r.get("source") or ("record" not in r["error"].get("message", "") and not r.get("id"))]
        return dict(file=name, expected=len(documents), annotated=annotated, failed=failed, damaged=lost_to_damage,
                    missing=missing, errors=len(errors), extra=len(extra), unnamed=len(unnamed), exit=code,
                    summary=summary, problems=problems, error_messages=[r["error"].get("message", "") for r in errors])

    cases = [(os.path.basename(e["file"]), os.path.join(samples, e["file"]), e["expected"], set()) for e in expected]
    with tempfile.TemporaryDirectory(prefix="gazette-warc-damaged-") as damaged_folder:
        variants = damaged_variants(samples, expected, damaged_folder) if args.damage else []
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(check, cases))
            damaged_results = list(pool.map(check, variants))
    status = report(results, args.verbose, "warcio's reading of the samples")
    if args.damage:
        print()
        status |= report(damaged_results, args.verbose, "damaged copies of the multi-member .warc.gz samples "
                         "(+garbage: bytes between two members; +corrupt: one member's deflate data scrambled)")
    return status


def gzip_members(data):
    """The members of a sound multi-member gzip file: (start, end, decompressed bytes); None when not sound."""
    members, position = [], 0
    while position < len(data):
        if data[position:position + 2] != b"\x1f\x8b":
            return None
        inflater = zlib.decompressobj(31)
        try:
            output = inflater.decompress(data[position:])
        except zlib.error:
            return None
        if not inflater.eof:
            return None
        end = len(data) - len(inflater.unused_data)
        members.append((position, end, output))
        position = end
    return members


def damaged_variants(samples, expected, folder):
    """For each sample of 3 or more gzip members, each holding whole WARC records: a copy with garbage between the
    middle member and the next (every document must survive), and one with the middle member's data scrambled (only
    the documents of that member may be lost)."""
    variants = []
    for entry in expected:
        name = os.path.basename(entry["file"])
        if ".warc.gz" not in name:
            continue
        data = open(os.path.join(samples, entry["file"]), "rb").read()
        members = gzip_members(data)
        if not members or len(members) < 3 or not all(m[2].lstrip(b"\r\n").startswith(b"WARC/") for m in members):
            continue
        middle = len(members) // 2
        start, end, output = members[middle]
        in_middle = {i.decode("utf-8", "replace") for i in re.findall(rb"WARC-Record-ID:\s*<([^>]*)>", output)}
        stem = name.replace(".warc.gz", "")
        garbage = os.path.join(folder, stem + "+garbage.warc.gz")
        with open(garbage, "wb") as handle:
            handle.write(data[:end] + b"NOT GZIP DATA " * 5 + data[end:])
        variants.append((stem + "+garbage", garbage, entry["expected"], set()))
        corrupt = os.path.join(folder, stem + "+corrupt.warc.gz")
        scrambled = bytearray(data)
        for index in range(start + 20, end - 12):
            scrambled[index] ^= 0x5A
        with open(corrupt, "wb") as handle:
            handle.write(bytes(scrambled))
        variants.append((stem + "+corrupt", corrupt, entry["expected"], in_middle))
    return variants


def report(results, verbose, title):
    print(f"== {title}")

    header = f"{'file':50} {'exp':>4} {'ann':>4} {'fail':>4} {'miss':>4} {'dmg':>4} {'err':>4} {'extra':>5} {'exit':>4}"
    print(header)
    print("-" * len(header))
    for r in results:
        print(f"{r['file'][:50]:50} {r['expected']:4} {r['annotated']:4} {r['failed']:4} {r['missing']:4} {r['damaged']:4} "
              f"{r['errors']:4} {r['extra']:5} {r['exit']:4}")
        if verbose:
            print(f"    {r['summary']}")
            for message in r["error_messages"]:
                print(f"    error: {message[:200]}")
            for problem in r["problems"]:
                print(f"    {problem[:200]}")
    totals = {k: sum(r[k] for r in results)
              for k in ("expected", "annotated", "failed", "missing", "damaged", "errors", "extra", "unnamed")}
    print("-" * len(header))
    print(f"{'total':50} {totals['expected']:4} {totals['annotated']:4} {totals['failed']:4} {totals['missing']:4} "
          f"{totals['damaged']:4} {totals['errors']:4} {totals['extra']:5}")
    files_losing = [r["file"] for r in results if r["missing"]]
    print(f"\n{totals['annotated']}/{totals['expected']} documents annotated, {totals['failed']} error records for expected "
          f"documents, {totals['missing']} lost, {totals['damaged']} in damaged members (error record or none); "
          f"{len(files_losing)} files lose documents; "
          f"{totals['unnamed']} error records not naming file and record; "
          f"{sum(1 for r in results if r['exit'] not in (0, 1))} runs failed to run")
    if files_losing:
        print("files losing documents: " + ", ".join(files_losing))
    ok = totals["missing"] == 0 and totals["unnamed"] == 0 and totals["annotated"] >= 0.95 * (totals["expected"] - totals["damaged"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
