#!/usr/bin/env python3
"""Compares GazetteWeb's <meta> prescan (WORK/prescan.tsv, written by the measurement tests) with html5lib's on the
same first 1,024 bytes of each page, and prints the pages where they differ.

Usage: compare_prescan.py WORK   (WORK: the folder Benchmarks/charsets/run.sh fills; needs html5lib)
html5lib's prescan approximates the standard (it does not take "<meta/" nor skip a repeated attribute), so a
difference is a lead to read, not a verdict.
"""
import json
import os
import sys

import webencodings
from html5lib._inputstream import EncodingParser


def reference(data):
    encoding = EncodingParser(data[:1024]).getEncoding()
    if encoding is None:
        return "-"
    name = encoding.name
    if name in ("utf-16be", "utf-16le"):  # the standard: a declared UTF-16 means UTF-8
        name = "utf-8"
    if name == "x-user-defined":
        name = "windows-1252"
    return name


def main():
    work = sys.argv[1]
    ours = dict(line.rstrip("\n").split("\t") for line in open(os.path.join(work, "prescan.tsv"), encoding="utf-8"))
    same = 0
    differ = []
    for line in open(os.path.join(work, "pages.jsonl"), encoding="utf-8"):
        page = json.loads(line)
        with open(os.path.join(work, page["file"]), "rb") as f:
            theirs = reference(f.read())
        mine = ours[page["id"]]
        mine_name = "-" if mine == "-" else webencodings.lookup(mine).name
        if mine_name == theirs:
            same += 1
        else:
            differ.append((page["id"], mine, theirs))
    print(f"prescan, GazetteWeb vs html5lib: same on {same}/{same + len(differ)} pages")
    for page_id, mine, theirs in differ:
        print(f"  {page_id}: GazetteWeb {mine}, html5lib {theirs}")


if __name__ == "__main__":
    main()
