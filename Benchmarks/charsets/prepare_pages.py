#!/usr/bin/env python3
"""Un-gzips the web-extraction pages (read-only shared data, never committed) into OUTPUT_DIR/pages/ and writes
OUTPUT_DIR/pages.jsonl: {"id", "file", "charset", "declared_charset", "charset_test_case", "language", "synthetic", "text"} where
"text" is the page's expected text (or its must_contain snippets joined) for the language measurement.

Usage: prepare_pages.py DATA_DIR OUTPUT_DIR   (DATA_DIR: the web-extraction folder with index.jsonl)
"""
import gzip
import json
import os
import sys


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.join(out, "pages"), exist_ok=True)
    rows = []
    with open(os.path.join(data, "index.jsonl"), encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            name = record["id"] + ".html"
            with gzip.open(os.path.join(data, record["html"])) as page, open(os.path.join(out, "pages", name), "wb") as dest:
                dest.write(page.read())
            text = record.get("expected_text") or "\n".join(record.get("must_contain") or [])
            rows.append({"id": record["id"], "file": "pages/" + name, "charset": record["charset"],
                         "declared_charset": record.get("declared_charset"),
                         "charset_test_case": bool(record.get("charset_test_case")),
                         "language": record.get("language"), "synthetic": record.get("kind") == "synthetic",
                         "text": text})
    with open(os.path.join(out, "pages.jsonl"), "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} pages in {out}")


if __name__ == "__main__":
    main()
