#!/usr/bin/env python3
"""Writes Gazetteers/common-words.txt: the most common ordinary English words (SCOWL size levels 10 and 20), one per
line, lower-case, sorted. Rules and the entity model use it to tell a capitalised ordinary word ("Record", "Calls")
from a name. Deterministic: the same SCOWL files give the same bytes.

Usage: Scripts/build-common-words.py [SCOWL_DIR]   (default: ../shared/data/gazetteer-sources/scowl-wordlists)
"""
import os
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def common_words(source):
    """The lower-case, purely alphabetic words of SCOWL size levels 10 and 20 (no possessives), as a set."""
    words = set()
    for level in ("10", "20"):
        with open(os.path.join(source, "english-words." + level), encoding="utf-8") as f:
            for line in f:
                word = line.strip()
                if not word or word.endswith("'s") or not word.isalpha() or not word.islower():
                    continue
                words.add(word)
    return words


def main(argv):
    source = argv[0] if argv else os.path.join(ROOT, "..", "shared", "data", "gazetteer-sources", "scowl-wordlists")
    words = common_words(source)
    out = os.path.join(ROOT, "Gazetteers", "common-words.txt")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        # The header names the script as it was called when the list was made: it is part of the list's bytes.
        f.write("# Common English words (SCOWL size levels 10 and 20), from Scripts/build-common-words.\n")
        f.write("# SCOWL licence: see Gazetteers/COPYRIGHT.scowl.\n")
        for word in sorted(words):
            f.write(word + "\n")
    shutil.copyfile(os.path.join(source, "COPYRIGHT.scowl"), os.path.join(ROOT, "Gazetteers", "COPYRIGHT.scowl"))
    print(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
