#!/usr/bin/env python3
"""Derives a CoNLL-2003 file with NORP entities from one without them (CoNLL's MISC holds nationalities and groups).

Usage: Scripts/derive-norp-conll.py CONLL_IN CONLL_OUT [--groups Gazetteers/demonyms.tsv]

Exactly how: the file is read as CoNLL-2003 (one token per line, the NER tag last, blank lines between sentences,
`-DOCSTART-` lines between documents); chunks are decoded from the IOB1, IOB2 or IO tags by conlleval's rules. A
MISC chunk becomes NORP when its words, split at spaces and hyphens, are all NORP forms: a name or alias (lookup-only
`?` aliases included) of a row labelled NORP in the groups list (`Gazetteers/demonyms.tsv`: demonyms, ethnic,
religious and political groups), compared case-insensitively with curly apostrophes folded. So "Chinese",
"Palestinians", "Bosnian Serb", "Iraqi Kurds" and "IRISH" become NORP; "World Cup", "Chinese New Year" and
"Islamic" (not in the list) stay MISC. Only the tags of those chunks change (`I-MISC` → `I-NORP`, `B-MISC` →
`B-NORP`): chunk boundaries and every other line stay as they were, byte for byte. PER, ORG and LOC are untouched.

What this measures: NORP as the groups list defines it. The derived gold NORP spans are those list forms that
CoNLL's annotators marked as a whole MISC entity, so a NORP score on it tells how well the pipeline finds listed
groups in context and with the right boundaries (not "German" inside "German Grand Prix", nor the "English" of a
cricket championship), not how many unlisted groups it finds. Languages ("English" the language) are MISC in CoNLL
and cannot be told from the people: they become NORP too.

Prints how many MISC chunks became NORP and the ten commonest, on standard error.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ner_data.norp import fold, is_norp, norp_forms  # noqa: E402,F401  (the rule lives there; the tests call it here)


def chunks(tags):
    """(start, end, type) of each chunk of a sentence's tags, by conlleval's start and end rules (IOB1, IOB2, IO)."""
    result = []
    start, current, previous = None, "", "O"
    for index, tag in enumerate(tags + ["O"]):
        prefix = "O" if tag == "O" else tag[0]
        kind = "" if tag == "O" else tag[2:]
        starts = prefix in ("B", "S") or (prefix in ("I", "E") and (previous in ("O", "E", "S") or kind != current))
        if start is not None and (prefix == "O" or starts):
            result.append((start, index, current))
            start = None
        if starts:
            start, current = index, kind
        if prefix == "O":
            current = ""
        previous = prefix
    return result


def derive(lines, forms, changed):
    """The lines with the tags of NORP chunks renamed; counts each renamed chunk's text in `changed`."""
    out = list(lines)
    sentence = []  # indices of the sentence's token lines

    def close():
        tags = [out[i].split()[-1] for i in sentence]
        for start, end, kind in chunks(tags):
            if kind != "MISC":
                continue
            words = [out[i].split()[0] for i in sentence[start:end]]
            if not is_norp(words, forms):
                continue
            changed[" ".join(words)] += 1
            for i in sentence[start:end]:
                line = out[i]
                cut = line.rstrip("\r\n")
                ending = line[len(cut):]
                tag = cut.split()[-1]
                out[i] = cut[: len(cut) - len(tag)] + tag[:2] + "NORP" + ending
        sentence.clear()

    for index, line in enumerate(lines):
        fields = line.split()
        if not fields or fields[0] == "-DOCSTART-":
            close()
            continue
        sentence.append(index)
    close()
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--groups", default="Gazetteers/demonyms.tsv", help="the NORP list (default: Gazetteers/demonyms.tsv)")
    arguments = parser.parse_args(argv)
    forms = norp_forms(arguments.groups)
    with open(arguments.input, encoding="utf-8", newline="") as f:
        lines = f.readlines()
    changed = collections.Counter()
    derived = derive(lines, forms, changed)
    with open(arguments.output, "w", encoding="utf-8", newline="") as f:
        f.writelines(derived)
    common = ", ".join(f"{text} {count}" for text, count in changed.most_common(10))
    print(f"{arguments.input}: {sum(changed.values())} MISC chunks became NORP ({len(changed)} distinct): {common}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
