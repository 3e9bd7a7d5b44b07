"""`prepare-ner-data.py [--data DIR] --output DIR [--sources a,b]`: the slices of every source, and slices.json."""
import argparse
import json
import os
import sys

from .corpus import Document, read_documents, write_documents
from .norp import norp_forms, tag_o_runs
from .slices import HELD_OUT, TRAIN, VALIDATION, slice_of
from .sources import SOURCES, map_tags

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_data(root=ROOT):
    """`$GAZETTE_DATA`, else the nearest `shared/data` beside the checkout or beside one of its parents (a worktree
    in /work/wt/NAME finds /work/shared/data), else ../shared/data."""
    if os.environ.get("GAZETTE_DATA"):
        return os.environ["GAZETTE_DATA"]
    folder = os.path.dirname(root)
    while True:
        candidate = os.path.join(folder, "shared", "data")
        if os.path.isdir(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return os.path.normpath(os.path.join(root, "..", "shared", "data"))
        folder = parent


def prepare(source, data, output, forms=None):
    """Reads `source` from `data`, writes its three slices into `output`; returns their counts. With `forms` (the NORP
    forms) and a source that leaves nationality adjectives O, the train and validation slices get NORP by the demonym
    rule (`norp.tag_o_runs`); the held-out slice stays as the source annotated it."""
    path = os.path.join(data, source.path)
    documents = read_documents(path)
    seen = set()
    for document in documents:
        if document.id in seen:
            raise ValueError(f"{path}: document id '{document.id}' occurs twice; slices are chosen by id")
        seen.add(document.id)
    trainable = source.trainable(data, [d.id for d in documents])
    slices = {HELD_OUT: [], VALIDATION: [], TRAIN: []}
    left_out = 0
    derived = {HELD_OUT: 0, VALIDATION: 0, TRAIN: 0}
    for document in documents:
        where = f"{path} document {document.id}"
        mapped = Document(document.id, [list(zip([w for w, _ in s], map_tags([t for _, t in s], source.label_map, where)))
                                        for s in document.sentences])
        chosen = slice_of(source.name, document.id)
        if chosen == TRAIN and document.id not in trainable:
            left_out += 1
            continue
        if forms is not None and not source.tags_nationality_adjectives and chosen != HELD_OUT:
            sentences = []
            for sentence in mapped.sentences:
                sentence, made = tag_o_runs(sentence, forms)
                derived[chosen] += made
                sentences.append(sentence)
            mapped = Document(mapped.id, sentences)
        slices[chosen].append(mapped)
    counts = {}
    for name, items in slices.items():
        write_documents(os.path.join(output, f"{source.name}.{name}.conll"), items)
        entities = {}
        for document in items:
            for kind, n in document.entities().items():
                entities[kind] = entities.get(kind, 0) + n
        counts[name] = {"documents": len(items), "sentences": sum(len(d.sentences) for d in items),
                        "tokens": sum(d.tokens() for d in items), "entities": dict(sorted(entities.items()))}
    counts["train"]["left out (text licence)"] = left_out
    for name in (TRAIN, VALIDATION):
        counts[name]["NORP by the demonym rule"] = derived[name]
    counts["licence"] = source.licence
    counts["annotated"] = list(source.annotated)
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(prog="prepare-ner-data.py", description=__doc__)
    parser.add_argument("--data", default=default_data(), help="the shared data folder holding ner-extra/ (default: $GAZETTE_DATA, else the nearest shared/data beside the checkout)")
    parser.add_argument("--output", required=True, help="folder for the slices (created)")
    parser.add_argument("--sources", help="comma-separated source names (default: all)")
    parser.add_argument("--groups", default=None, help="the NORP list for the demonym rule (default: Gazetteers/demonyms.tsv)")
    parser.add_argument("--no-derived-norp", action="store_true", help="leave nationality words a source tags O as O")
    args = parser.parse_args(argv)
    wanted = set(args.sources.split(",")) if args.sources else None
    chosen = [s for s in SOURCES if wanted is None or s.name in wanted]
    if wanted and len(chosen) != len(wanted):
        unknown = sorted(wanted - {s.name for s in SOURCES})
        print(f"prepare-ner-data: unknown source(s) {', '.join(unknown)}", file=sys.stderr)
        return 2
    os.makedirs(args.output, exist_ok=True)
    summary = {}
    forms = None if args.no_derived_norp else (norp_forms(args.groups) if args.groups else norp_forms())
    for source in chosen:
        try:
            summary[source.name] = prepare(source, args.data, args.output, forms)
        except (OSError, ValueError) as error:
            print(f"prepare-ner-data: {error}", file=sys.stderr)
            return 1
    with open(os.path.join(args.output, "slices.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
        f.write("\n")
    for name, counts in summary.items():
        parts = ", ".join(f"{s} {counts[s]['documents']} docs/{counts[s]['tokens']} tokens" for s in (TRAIN, VALIDATION, HELD_OUT))
        print(f"{name}: {parts}")
    return 0
