#!/usr/bin/env python3
"""Scores today's entity model and the new one on the same NER slices, in one run, and prints both with the difference.

Usage:
  Scripts/ner-eval.py --slices DIR [--split heldout|validation] [--binary BIN] [--resources DIR] [--model FILE]
                      [--baseline-rev REV | --baseline-binary BIN --baseline-resources DIR | --no-baseline]
                      [--conll-dev FILE] [--jobs N] [--json FILE]

- The slices are the `<source>.<split>.conll` files `Scripts/prepare-ner-data.py` writes; the CoNLL-2003 dev set
  (eng.testa) gets a row of its own and is not in the macro-average.
- "new": BIN (default .build/release/gazette) with the resources of this checkout (or --resources) and the entity
  model in them (or --model).
- "today": the shipped model as it was before issue 15, with the code and gazetteers of that commit, since the model
  weighs that code's candidates: --baseline-rev (default BASELINE_REV below) is exported with `git archive` and built
  (release) into .build-bench-baseline/, the folder Benchmarks/run.sh --baseline-rev uses, so either reuses the
  other's build. Or give a built binary and its resource folder.
- A source's score is the micro-average P/R/F1 over PER, LOC and ORG (exact start, end and type, as
  `gazette eval ner`); the macro-average is the mean of the sources' F1. NORP rows are printed for the sources that
  annotate NORP, and for CoNLL dev on the NORP dev set: eng.testa with the MISC chunks that are NORP forms made NORP by
  Scripts/derive-norp-conll.py's rule (done here, in a temporary file; PER, LOC and ORG are the same as on eng.testa).
  GUM annotates group nouns ("Americans") but leaves adjectives ("Afghan team") O, so its NORP precision counts
  correct adjectives as errors. Scoring is done here, from the filter's JSON output (Scripts/ner_data/scoring.py), so it does not
  depend on the report format of `gazette eval ner`.
"""
import argparse
import collections
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

SCRIPTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(SCRIPTS)
sys.path.insert(0, SCRIPTS)

from ner_data.cli import default_data  # noqa: E402
from ner_data.corpus import read_documents  # noqa: E402
from ner_data.scoring import SCORED_TYPES, Scores, text_and_gold  # noqa: E402
from ner_data.sources import SOURCES  # noqa: E402

# The last commit of main before issue 15 (NORP, users' labels, spans, more training data): its Models/entities.nermodel
# is "today's shipped model".
BASELINE_REV = "c88b38c"


def say(message):
    print(message, file=sys.stderr, flush=True)


def build_baseline(rev):
    """Builds Gazette at `rev` from a `git archive` in .build-bench-baseline/ (as Benchmarks/run.sh does); returns
    (binary, resource folder)."""
    base = os.path.join(ROOT, ".build-bench-baseline")
    full = subprocess.run(["git", "-C", ROOT, "rev-parse", rev + "^{commit}"], stdout=subprocess.PIPE, text=True)
    if full.returncode != 0:
        raise SystemExit(f"ner-eval: --baseline-rev {rev}: not a commit")
    commit = full.stdout.strip()
    source = os.path.join(base, "src-" + commit[:12])
    if not os.path.isdir(source):
        os.makedirs(source + ".partial", exist_ok=True)
        archive = subprocess.Popen(["git", "-C", ROOT, "archive", commit], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", source + ".partial"], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            raise SystemExit(f"ner-eval: git archive {commit} failed")
        os.rename(source + ".partial", source)
    scratch = os.path.join(base, "build")
    say(f"ner-eval: building today's gazette ({rev} = {commit[:12]}, release) in {os.path.relpath(source, ROOT)} ...")
    started = time.time()
    build = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "gazette"],
                           cwd=source, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if build.returncode != 0:
        raise SystemExit(f"ner-eval: swift build failed in {source}:\n" + build.stdout[-4000:])
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--show-bin-path"],
                              cwd=source, stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
    say(f"ner-eval:   built in {time.time() - started:.0f} s")
    return os.path.join(bin_path, "gazette"), source


def annotate(binary, resources, model, records, jobs):
    """Runs the filter over JSON Lines `records` ({"id", "text"}); returns the records' entities, in order."""
    command = [binary, "--input", "jsonl", "--offsets", "utf8", "--jobs", str(jobs), "--resources", resources]
    if model:
        command += ["--entity-model", model]
    payload = "".join(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n" for i, text in enumerate(records))
    result = subprocess.run(command, input=payload.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise SystemExit(f"ner-eval: {' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    out = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines() if line.strip()]
    if len(out) != len(records):
        raise SystemExit(f"ner-eval: {len(records)} documents in, {len(out)} records out")
    for record in out:
        if "error" in record:
            raise SystemExit(f"ner-eval: document {record.get('id')}: {record['error']}")
    return [record.get("entities", []) for record in out]


def score_file(path, systems, jobs):
    """{system name: Scores} for the CoNLL file at `path`."""
    documents = [text_and_gold(d) for d in read_documents(path)]
    texts = [text for text, _ in documents]
    result = {}
    for name, (binary, resources, model) in systems.items():
        entities = annotate(binary, resources, model, texts, jobs)
        scores = Scores()
        for (_, gold), predicted in zip(documents, entities):
            scores.add(gold, predicted)
        result[name] = scores
    return result


def derive_norp_dev(path, folder):
    """A copy of the CoNLL file at `path` in `folder` with NORP derived from MISC (Scripts/derive-norp-conll.py)."""
    spec = importlib.util.spec_from_file_location("derive_norp_conll", os.path.join(SCRIPTS, "derive-norp-conll.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.readlines()
    changed = collections.Counter()
    derived = module.derive(lines, module.norp_forms(os.path.join(ROOT, "Gazetteers", "demonyms.tsv")), changed)
    out = os.path.join(folder, os.path.basename(path) + ".norp")
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.writelines(derived)
    say(f"ner-eval: NORP dev set: {sum(changed.values())} MISC chunks of {os.path.basename(path)} became NORP")
    return out


def fmt(value):
    return f"{value:.4f}"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="ner-eval.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slices", required=True, help="folder of <source>.<split>.conll files (Scripts/prepare-ner-data.py)")
    parser.add_argument("--split", default="heldout", choices=["heldout", "validation"])
    parser.add_argument("--sources", help="comma-separated sources (default: every source with a file in --slices)")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "gazette"))
    parser.add_argument("--resources", default=ROOT)
    parser.add_argument("--model", help="entity model for the new system (default: the one in --resources)")
    parser.add_argument("--baseline-rev", default=BASELINE_REV)
    parser.add_argument("--baseline-binary")
    parser.add_argument("--baseline-resources")
    parser.add_argument("--baseline-model", help="entity model for today's system (default: the one in its resources)")
    parser.add_argument("--no-baseline", action="store_true", help="score the new system only")
    parser.add_argument("--conll-dev", default=os.path.join(default_data(), "conll2003", "eng.testa"),
                        help="CoNLL-2003 dev (default: eng.testa in the shared data; 'none' to skip)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args(argv)

    systems = {}
    if not args.no_baseline:
        if args.baseline_binary:
            if not args.baseline_resources:
                parser.error("--baseline-binary needs --baseline-resources")
            baseline = (args.baseline_binary, args.baseline_resources)
        else:
            baseline = build_baseline(args.baseline_rev)
        systems["today"] = (baseline[0], baseline[1], args.baseline_model)
    systems["new"] = (args.binary, args.resources, args.model)
    for name, (binary, resources, _) in systems.items():
        if not os.access(binary, os.X_OK):
            raise SystemExit(f"ner-eval: {name}: no gazette binary at {binary}")

    wanted = args.sources.split(",") if args.sources else None
    files = []
    for source in SOURCES:
        path = os.path.join(args.slices, f"{source.name}.{args.split}.conll")
        if (wanted is None and os.path.exists(path)) or (wanted and source.name in wanted):
            files.append((source.name, path, "NORP" in source.annotated))
    if not files:
        raise SystemExit(f"ner-eval: no {args.split} slices in {args.slices}")
    scratch = tempfile.TemporaryDirectory(prefix="ner-eval-")
    if args.conll_dev != "none":
        files.append(("conll-dev", derive_norp_dev(args.conll_dev, scratch.name), True))

    started = time.time()
    results = {}
    for name, path, _ in files:
        say(f"ner-eval: scoring {name} ({os.path.basename(path)}) ...")
        results[name] = score_file(path, systems, args.jobs)
    names = list(systems)
    header = f"{'source':<11}" + "".join(f"{n + ' P':>10}{n + ' R':>10}{n + ' F1':>10}" for n in names)
    if "today" in systems:
        header += f"{'ΔF1':>9}"
    lines = [f"Entity F1 on the {args.split} slices (PER, LOC, ORG; micro within a source)", header]
    figures = {"split": args.split, "sources": {}, "norp": {}}

    def row(label, counts_by_system):
        text = f"{label:<11}"
        for n in names:
            c = counts_by_system[n]
            text += f"{fmt(c.precision):>10}{fmt(c.recall):>10}{fmt(c.f1):>10}"
        if "today" in systems:
            text += f"{counts_by_system['new'].f1 - counts_by_system['today'].f1:>+9.4f}"
        return text

    macro = {n: [] for n in names}
    for name, _, norp in files:
        overall = {n: results[name][n].overall(SCORED_TYPES) for n in names}
        if name == "conll-dev":
            lines.append("-" * len(header))
            lines.append("macro".ljust(11) + "".join(f"{'':>10}{'':>10}{fmt(sum(macro[n]) / len(macro[n])):>10}" for n in names)
                         + (f"{sum(macro['new']) / len(macro['new']) - sum(macro['today']) / len(macro['today']):>+9.4f}" if "today" in systems else ""))
        lines.append(row(name, overall))
        figures["sources"][name] = {n: {"precision": overall[n].precision, "recall": overall[n].recall, "f1": overall[n].f1,
                                        "by_type": {k: results[name][n].counts[k].f1 for k in SCORED_TYPES}} for n in names}
        if name != "conll-dev":
            for n in names:
                macro[n].append(overall[n].f1)
    if "conll-dev" not in results:
        lines.append("-" * len(header))
        lines.append("macro".ljust(11) + "".join(f"{'':>10}{'':>10}{fmt(sum(macro[n]) / len(macro[n])):>10}" for n in names))
    figures["macro_f1"] = {n: sum(macro[n]) / len(macro[n]) for n in names}
    lines.append("")
    lines.append("NORP (where the source annotates it; conll-dev = the derived NORP dev set)")
    lines.append(f"{'source':<11}" + "".join(f"{n + ' P':>10}{n + ' R':>10}{n + ' F1':>10}" for n in names)
                 + (f"{'ΔF1':>9}" if "today" in systems else "") + f"{'gold':>7}")
    for name, _, norp in files:
        if norp:
            counts = {n: results[name][n].counts["NORP"] for n in names}
            gold = counts[names[0]].true_positives + counts[names[0]].false_negatives
            lines.append(row(name, counts) + f"{gold:>7}")
            figures["norp"][name] = {n: {"precision": counts[n].precision, "recall": counts[n].recall, "f1": counts[n].f1}
                                     for n in names}
    lines.append("")
    lines.append("F1 by type (" + ", ".join(names) + ")")
    lines.append(f"{'source':<11}" + "".join(f"{k:>16}" for k in SCORED_TYPES + ('NORP',)))
    for name, _, norp in files:
        cells = ""
        for kind in SCORED_TYPES + ("NORP",):
            if kind == "NORP" and not norp:
                cells += f"{'-':>16}"
                continue
            cells += f"{' / '.join(f'{results[name][n].counts[kind].f1:.3f}' for n in names):>16}"
        lines.append(f"{name:<11}" + cells)
    lines.append(f"\n({time.time() - started:.0f} s; today = {systems['today'][0] if 'today' in systems else '-'}, new = {args.binary})")
    print("\n".join(lines))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f, indent=1, sort_keys=True)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
