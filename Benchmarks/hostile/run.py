#!/usr/bin/env python3
"""Does any stage cost more than linear time on a hostile document? (Benchmarks/hostile, not a test.)

Each hostile document (a long run of capitalised names, one huge token, text without spaces, a name repeated in
many sentences, deep brackets, ...) is made at a base size and doubled four times. For each size it runs
  - `gazette bench stages FILE --json` (one thread, the time of each stage and of writing the JSON record), and
  - the filter on the file as one document (`gazette FILE > /dev/null`): wall time and peak RSS (from wait4),
and prints, per doubling, the time and its ratio to the size before: about 2.0 is linear, 4.0 quadratic. The
stage columns say which stage grew the most. RSS/byte is the growth of the filter's peak RSS over the growth of the
input since the size before (memory per input byte, without the fixed cost of the resources).

Usage: Benchmarks/hostile/run.py [--gazette BIN] [--base-kb 128] [--doublings 4] [--only NAME[,NAME]] [--repeats 3]
Without --gazette it builds `swift build -c release --product gazette` and uses .build/release/gazette.
Needs python3 (standard library only).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time


def repeat_to(unit, size):
    """`unit` repeated to `size` bytes (ASCII units, so bytes == characters)."""
    return (unit * (size // len(unit) + 1))[:size]


def distinct_capitalised(size):
    """Capitalised made-up words, all different: every key is new to the gazetteer and the document's tables."""
    letters = "bcdfghjklmnprstvz"
    words, total, i = [], 0, 0
    while total < size:
        n, word = i, ""
        while True:
            word += letters[n % len(letters)] + "aeiou"[n % 5]
            n //= len(letters)
            if n == 0:
                break
        word = word.capitalize() + " "
        words.append(word)
        total += len(word)
        i += 1
    return "".join(words)[:size]


# name → a function of the size in bytes. ASCII only, so that sizes are exact.
DOCUMENTS = {
    "capitalised-names": lambda n: repeat_to("Antony Blinken ", n),
    "capitalised-distinct": distinct_capitalised,
    "title-case-line": lambda n: repeat_to("The Quick Brown Fox Jumps Over The Lazy Dog Near Paris ", n),
    "one-huge-token": lambda n: "a" * n,
    "no-spaces": lambda n: repeat_to("Blinken,Paris;Reuters,", n),
    "repeated-names": lambda n: repeat_to("Antony Blinken met Wang Yi in Paris. Blinken said Wang agreed with Mr Blinken. ", n),
    "many-sentences": lambda n: repeat_to("It rained. ", n),
    "deep-brackets": lambda n: "(" * (n // 2) + ")" * (n - n // 2),
    "punctuation": lambda n: repeat_to("!?.,;:--...'\"", n),
    "initials": lambda n: repeat_to("J. R. R. ", n),
    "one-huge-url": lambda n: "https://example.com/" + repeat_to("ab/", n - 20),
    "many-urls": lambda n: repeat_to("see https://example.com/a?b=c and ", n),
    "url-closing-brackets": lambda n: "https://example.com/" + ")" * (n - 20),
    "sports-results": lambda n: repeat_to("Arsenal 3 Chelsea 2 ", n),
    "hyphenated": lambda n: repeat_to("Jean-", n),
}


def run_stages(gazette, path, repeats, env):
    out = subprocess.run([gazette, "bench", "stages", path, "--json", "--repeats", str(repeats)],
                         capture_output=True, text=True, env=env, check=True).stdout
    report = json.loads(out)
    return report["total_s"], {row["stage"]: row["seconds"] for row in report["stages"]}


def run_filter(gazette, path, env):
    """Wall seconds and peak RSS in bytes of `gazette --input text FILE > /dev/null`."""
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen([gazette, "--input", "text", path], stdout=null, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.monotonic() - start, usage.ru_maxrss * 1024, process.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gazette", help="the binary to measure (default: build release)")
    parser.add_argument("--base-kb", type=int, default=128, help="size of the smallest document, KB (default 128)")
    parser.add_argument("--doublings", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3, help="passes of bench stages; the median is kept")
    parser.add_argument("--only", help="comma-separated document names (default: all)")
    args = parser.parse_args()

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    gazette = args.gazette
    if gazette is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "gazette"], cwd=root, check=True,
                       stdout=sys.stderr)
        gazette = os.path.join(root, ".build", "release", "gazette")
    env = dict(os.environ)
    env.setdefault("GAZETTE_RESOURCES", root)
    names = args.only.split(",") if args.only else list(DOCUMENTS)
    unknown = [n for n in names if n not in DOCUMENTS]
    if unknown:
        sys.exit(f"hostile: unknown document {', '.join(unknown)}; known: {', '.join(DOCUMENTS)}")

    print(f"{'document':<22}{'KB':>6}{'stages s':>10}{'ratio':>7}{'filter s':>10}{'ratio':>7}{'RSS MB':>8}"
          f"{'RSS/byte':>9}  {'stage that grew most (ratio)'}")
    worst = []
    with tempfile.TemporaryDirectory(prefix="gazette-hostile-") as work:
        # The gazetteer image is compiled once, before anything is timed.
        warm = os.path.join(work, "warm.txt")
        with open(warm, "w") as f:
            f.write("Antony Blinken visited Paris.")
        run_filter(gazette, warm, env)
        for name in names:
            previous = None
            for step in range(args.doublings + 1):
                size = args.base_kb * 1024 * 2 ** step
                path = os.path.join(work, f"{name}.txt")
                with open(path, "w") as f:
                    f.write(DOCUMENTS[name](size))
                total, stages = run_stages(gazette, path, args.repeats, env)
                wall, rss, status = run_filter(gazette, path, env)
                if status not in (0, 1):
                    print(f"{name}: the filter exited {status} at {size} bytes", file=sys.stderr)
                line = f"{name:<22}{size // 1024:>6}{total:>10.3f}"
                if previous is None:
                    line += f"{'':>7}{wall:>10.3f}{'':>7}"
                else:
                    ratio, wall_ratio = total / previous[0], wall / previous[1]
                    line += f"{ratio:>7.2f}{wall:>10.3f}{wall_ratio:>7.2f}"
                # Memory per input byte: the growth of peak RSS over the growth of the input (the start-up's
                # resources, about 50 MB, do not grow with the document).
                line += f"{rss / 1e6:>8.0f}" + (f"{(rss - previous[3]) / (size - previous[4]):>9.1f}" if previous else f"{'':>9}")
                if previous is not None:
                    # Only stages that take a tenth of the time or more: small ones are noise, not growth.
                    growth = {s: t / previous[2][s] for s, t in stages.items()
                              if previous[2].get(s, 0) > 0.0005 and t >= 0.1 * total}
                    if growth:
                        stage = max(growth, key=growth.get)
                        line += f"  {stage} ({growth[stage]:.2f})"
                    if step == args.doublings:
                        worst.append((name, total / previous[0]))
                print(line, flush=True)
                previous = (total, wall, stages, rss, size)
    print()
    print("last doubling, stages total: " + ", ".join(f"{n} {r:.2f}" for n, r in worst))


if __name__ == "__main__":
    main()
