#!/usr/bin/env python3
"""Pages per CPU-second on one core: the whole `gazette batch` (decoding, article extraction, language, annotation,
JSON Lines out) against trafilatura's extraction alone, on the same shared pages, in the same run.

    python3 Benchmarks/extraction/pipeline_speed.py [--rounds 3] [--gazette .build/release/gazette]

Gazette gets each page's original bytes (it sniffs the charset itself) as one folder, `gazette batch FOLDER --jobs 1`,
timed as a whole process (user + system CPU from wait4, start-up included). trafilatura gets the decoded page
(`trafilatura_runner.py`, Benchmarks/.venv) and only its `extract` calls are timed. Rounds alternate which runs first;
the ratio is taken within each round and the median reported. Pages: the 902 scored pages of pages.py.
"""
import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import pages as P

ROOT = os.path.dirname(os.path.dirname(P.HERE))
VENV_PYTHON = os.path.join(ROOT, "Benchmarks", ".venv", "bin", "python")


def raw_pages(records):
    """Each page's original bytes in .work/raw/ (file names by id, so the folder walk order is fixed)."""
    folder = os.path.join(P.WORK, "raw")
    os.makedirs(folder, exist_ok=True)
    for r in records:
        path = os.path.join(folder, r["id"] + ".html")
        if not os.path.exists(path):
            with gzip.open(os.path.join(P.DATA, r["html"])) as f, open(path, "wb") as out:
                out.write(f.read())
    return folder


def cpu_of(command, **kwargs):
    start = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    stderr = process.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{command[0]} failed: {stderr[-2000:]}")
    return usage.ru_utime + usage.ru_stime, time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--gazette", default=os.path.join(ROOT, ".build", "release", "gazette"))
    args = parser.parse_args()
    records = [r for r in P.load_pages() if r.get("kind") != "synthetic"]
    folder = raw_pages(records)
    manifest = os.path.join(P.WORK, "speed-manifest.jsonl")
    with open(manifest, "w") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "path": r["utf8_path"], "url": r.get("url")}) + "\n")
    env = dict(os.environ, GAZETTE_RESOURCES=ROOT)
    subprocess.run([args.gazette], input=b"warm-up\n", stdout=subprocess.DEVNULL, env=env, check=True)
    ratios, gazette_rates, trafilatura_rates = [], [], []
    for round_ in range(args.rounds):
        out = tempfile.mkdtemp(prefix="gazette-speed-")
        try:
            def gazette():
                shutil.rmtree(out, ignore_errors=True)
                return cpu_of([args.gazette, "batch", folder, "--jobs", "1", "-o", out], env=env)[0]

            def trafilatura():
                result = subprocess.run([VENV_PYTHON, os.path.join(P.HERE, "trafilatura_runner.py"), manifest],
                                        capture_output=True, text=True, check=True).stdout
                return sum(json.loads(line)["cpu_seconds"] for line in result.splitlines() if line)

            if round_ % 2 == 0:
                g, t = gazette(), trafilatura()
            else:
                t, g = trafilatura(), gazette()
        finally:
            shutil.rmtree(out, ignore_errors=True)
        gazette_rates.append(len(records) / g)
        trafilatura_rates.append(len(records) / t)
        ratios.append(gazette_rates[-1] / trafilatura_rates[-1])
        print(f"round {round_ + 1}: gazette batch {g:.2f} s CPU ({gazette_rates[-1]:.0f} pages/s), "
              f"trafilatura extract {t:.2f} s CPU ({trafilatura_rates[-1]:.0f} pages/s): {ratios[-1]:.2f}x", file=sys.stderr)
    print(f"{len(records)} pages, {args.rounds} rounds (medians): gazette batch (decode + extract + language + annotate + write, "
          f"whole process) {statistics.median(gazette_rates):.0f} pages/s; trafilatura extract alone "
          f"{statistics.median(trafilatura_rates):.0f} pages/s; ratio {statistics.median(ratios):.2f}x "
          f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
