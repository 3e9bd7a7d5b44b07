"""Main-content extraction benchmark: Gazette's ArticleExtractor against trafilatura on the shared pages.

Usage (from the package root or anywhere):
    python3 Benchmarks/extraction/run.py [--split dev|test|all] [--no-trafilatura] [--cached-trafilatura]
                                         [--trafilatura-option favor-precision|favor-recall]
                                         [--mode article|whole] [--repeat N] [--show ID] [--worst N]

Builds the `GazetteExtractBench` executable (release), runs it and trafilatura (Benchmarks/.venv) over every scored
page, scores both the same way (pages.py, README.md) and prints a table per source and split, with speed.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import pages as P

ROOT = os.path.normpath(os.path.join(P.HERE, "..", ".."))
VENV_PYTHON = os.path.join(ROOT, "Benchmarks", ".venv", "bin", "python")


def run_gazette(records, mode, repeat):
    subprocess.run(["swift", "build", "-c", "release", "--product", "GazetteExtractBench"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "GazetteExtractBench")
    manifest = "".join(f"{r['id']}\t{r['utf8_path']}\t{r.get('url') or ''}\n" for r in records)
    out = subprocess.run([binary, "--mode", mode, "--repeat", str(repeat)], input=manifest, capture_output=True,
                         text=True, check=True).stdout
    return {o["id"]: o for o in map(json.loads, filter(None, out.split("\n")))}


def run_trafilatura(records, cached, flags):
    cache = os.path.join(P.WORK, "trafilatura" + "".join(flags) + ".json")
    if cached and os.path.exists(cache):
        with open(cache) as f:
            return json.load(f)
    manifest = os.path.join(P.WORK, "manifest.jsonl")
    with open(manifest, "w") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "path": r["utf8_path"], "url": r.get("url")}) + "\n")
    out = subprocess.run([VENV_PYTHON, os.path.join(P.HERE, "trafilatura_runner.py"), manifest, *flags], capture_output=True,
                         text=True, check=True).stdout
    results = {o["id"]: o for o in map(json.loads, filter(None, out.split("\n")))}
    with open(cache, "w") as f:
        json.dump(results, f)
    return results


def score(records, outputs):
    """Per group and split: mean P/R/F1 over pages with expected text, snippet rates over pages with snippets."""
    table = {}
    for r in records:
        o = outputs.get(r["id"])
        text = o["text"] if o else ""
        for key in ((r["group"], r["split"]), (r["group"], "all"), ("ALL", r["split"]), ("ALL", "all")):
            t = table.setdefault(key, {"prf": [], "found": 0, "must": 0, "absent": 0, "must_not": 0, "ok": 0,
                                       "snippet_pages": 0, "seconds": 0.0, "pages": 0})
            t["pages"] += 1
            t["seconds"] += o["cpu_seconds"] if o else 0
            if r.get("expected_text"):
                t["prf"].append(P.bag_of_words(text, P.reference_text(r)))
            if r.get("must_contain") is not None or r.get("must_not_contain") is not None:
                found, must, absent, must_not, ok = P.snippets(text, r)
                t["found"] += found
                t["must"] += must
                t["absent"] += absent
                t["must_not"] += must_not
                t["ok"] += ok
                t["snippet_pages"] += 1
    return table


def fmt(t):
    cells = []
    if t["prf"]:
        n = len(t["prf"])
        cells += [f"{sum(x[i] for x in t['prf']) / n:.3f}" for i in range(3)]
    else:
        cells += ["", "", ""]
    if t["snippet_pages"]:
        cells += [f"{t['found'] / max(t['must'], 1):.3f}", f"{t['absent'] / max(t['must_not'], 1):.3f}",
                  f"{t['ok'] / t['snippet_pages']:.3f}"]
    else:
        cells += ["", "", ""]
    cells.append(f"{t['pages'] / t['seconds']:.0f}" if t["seconds"] else "")
    return cells


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="all", choices=["dev", "test", "all"])
    parser.add_argument("--mode", default="article", choices=["article", "whole"])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--cached-trafilatura", action="store_true", help="reuse the last run's trafilatura output")
    parser.add_argument("--trafilatura-option", action="append", default=[], choices=["favor-precision", "favor-recall"],
                        help="run trafilatura with favor_precision=True or favor_recall=True")
    parser.add_argument("--worst", type=int, default=0, help="list the N dev pages with the lowest F1")
    parser.add_argument("--show", help="print Gazette's text for one page id")
    args = parser.parse_args()

    records = [r for r in P.load_pages() if args.split == "all" or r["split"] == args.split]
    systems = {"gazette": run_gazette(records, args.mode, args.repeat)}
    if not args.no_trafilatura:
        systems["trafilatura"] = run_trafilatura(records, args.cached_trafilatura, ["--" + o for o in args.trafilatura_option])

    if args.show:
        print(systems["gazette"][args.show]["text"])
        return

    header = ["group", "split", "system", "pages", "P", "R", "F1", "must", "must_not", "pages_ok", "pages/s"]
    widths = [22, 6, 12, 6, 7, 7, 7, 7, 9, 9, 8]
    print("".join(h.ljust(w) if i < 3 else h.rjust(w) for i, (h, w) in enumerate(zip(header, widths))))
    tables = {name: score(records, outputs) for name, outputs in systems.items()}
    groups = ["l3s-gn1", "mozilla-readability", "trafilatura-evaldata", "trafilatura-other", "ALL"]
    for group in groups:
        for split in ("dev", "test", "all"):
            for name, table in tables.items():
                t = table.get((group, split))
                if not t:
                    continue
                row = [group, split, name, str(t["pages"])] + fmt(t)
                print("".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    for name, table in tables.items():
        t = table[("ALL", "all")]
        print(f"{name}: {t['pages']} pages, {t['seconds']:.2f} s CPU, {t['pages'] / t['seconds']:.0f} pages/s on one core")

    if args.worst:
        rows = []
        for r in records:
            if r["split"] == "dev" and r.get("expected_text"):
                p, rec, f = P.bag_of_words(systems["gazette"][r["id"]]["text"], P.reference_text(r))
                tf = P.bag_of_words(systems["trafilatura"][r["id"]]["text"], P.reference_text(r))[2] if "trafilatura" in systems else 0
                rows.append((f - tf, f, p, rec, tf, r["id"]))
        for row in sorted(rows)[: args.worst]:
            print(f"delta {row[0]:+.2f}  F1 {row[1]:.2f}  P {row[2]:.2f}  R {row[3]:.2f}  trafilatura {row[4]:.2f}  {row[5]}")


if __name__ == "__main__":
    main()
