"""Compares libxml2's HTML parser and gumbo's HTML5 parser on the shared pages: parse CPU time (pages/s, MB/s),
deepest element, and the recall of each parser's whole visible text against the expected article (a parser that
loses part of the page loses recall). Usage: python3 parsers.py [repeat]. See README.md."""
import collections
import os
import subprocess
import sys
import tempfile

import pages as P

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    repeat = sys.argv[1] if len(sys.argv) > 1 else "3"
    os.makedirs(P.WORK, exist_ok=True)
    binary = os.path.join(P.WORK, "parsers")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libxml-2.0"], capture_output=True, text=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", binary, os.path.join(HERE, "parsers.c"), *flags, "-lgumbo"], check=True)
    records = P.load_pages()
    by_id = {r["id"]: r for r in records}
    out_dir = tempfile.mkdtemp(prefix="parsers-", dir=P.WORK)
    manifest = "".join(f"{r['id']}\t{r['utf8_path']}\n" for r in records)
    result = subprocess.run([binary, out_dir, repeat], input=manifest, capture_output=True, text=True, check=True)
    stats = collections.defaultdict(lambda: {"seconds": 0.0, "bytes": 0, "pages": 0, "recall": [], "lost": 0, "depth": 0})
    for line in result.stdout.splitlines():
        page_id, parser, seconds, depth, elements, text_path = line.split("\t")
        page = by_id[page_id]
        s = stats[parser]
        s["seconds"] += float(seconds)
        s["bytes"] += os.path.getsize(page["utf8_path"])
        s["pages"] += 1
        s["depth"] = max(s["depth"], int(depth))
        if page.get("expected_text"):
            with open(text_path, encoding="utf-8", errors="replace") as f:
                _, recall, _ = P.bag_of_words(f.read(), P.reference_text(page))
            s["recall"].append(recall)
            if recall < 0.9:
                s["lost"] += 1
        os.remove(text_path)
    print(f"{'parser':<14}{'pages':>6}{'pages/s':>9}{'MB/s':>7}{'max depth':>10}{'whole-text R':>13}{'pages R<0.9':>12}")
    for parser, s in stats.items():
        print(f"{parser:<14}{s['pages']:>6}{s['pages'] / s['seconds']:>9.0f}{s['bytes'] / s['seconds'] / 1e6:>7.1f}"
              f"{s['depth']:>10}{sum(s['recall']) / len(s['recall']):>13.3f}{s['lost']:>12}")
    os.rmdir(out_dir)


if __name__ == "__main__":
    main()
