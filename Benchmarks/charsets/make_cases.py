#!/usr/bin/env python3
"""Writes Gazette's charset test set: HTML pages and plain text files made from texts.py, encoded in UTF-8, UTF-16
(with a byte-order mark) and each text's legacy charsets, and declared only in <meta>, only in the transport (the
HTTP Content-Type charset, given in the manifest) or nowhere.

Usage: make_cases.py OUTPUT_DIR   (writes OUTPUT_DIR/cases.jsonl and the files beside it)
Each manifest line: {"id", "file", "kind": "html"|"text", "language", "encoding", "declared": "meta"|"transport"|"none",
"transport": label or null, "expected": the text the file must decode to}.
"""
import html
import json
import os
import sys

from texts import TEXTS


def page(text, meta):
    head = f"<meta charset=\"{meta}\">\n" if meta else ""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in text["paragraphs"])
    title = html.escape(text["title"], quote=False)
    return (f"<!DOCTYPE html>\n<html lang=\"{text['language']}\">\n<head>\n{head}<title>{title}</title>\n"
            f"<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<h1>{title}</h1>\n{body}\n</body>\n</html>\n")


def plain(text):
    return text["title"] + "\n\n" + "\n\n".join(text["paragraphs"]) + "\n"


def encode(string, encoding):
    if encoding == "utf-16":
        return b"\xff\xfe" + string.encode("utf-16-le")
    return string.encode(encoding)  # raises when a text uses a character the charset lacks


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    cases = []
    for text in TEXTS:
        for encoding in ["utf-8", "utf-16"] + text["legacy"]:
            for declared in ["meta", "transport", "none"]:
                if encoding == "utf-16" and declared == "meta":
                    meta = "utf-16"  # the standard reads a declared UTF-16 as UTF-8; the byte-order mark decides
                else:
                    meta = encoding if declared == "meta" else None
                for kind in ["html", "text"]:
                    if kind == "text" and declared == "meta":
                        continue
                    string = page(text, meta) if kind == "html" else plain(text)
                    name = f"{text['id']}.{encoding}.{declared}.{'html' if kind == 'html' else 'txt'}"
                    with open(os.path.join(out, name), "wb") as f:
                        f.write(encode(string, encoding))
                    cases.append({"id": name, "file": name, "kind": kind, "language": text["language"],
                                  "encoding": encoding, "declared": declared,
                                  "transport": encoding if declared == "transport" else None, "expected": string})
    with open(os.path.join(out, "cases.jsonl"), "w", encoding="utf-8") as f:
        for case in cases:
            f.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases in {out}")


if __name__ == "__main__":
    main()
