"""Runs trafilatura on the pages of a manifest (JSON lines: id, path of a UTF-8 HTML file, url) and prints one JSON
object per page: id, text, cpu_seconds. Run with Benchmarks/.venv's Python (pip install 'trafilatura>=2,<3'
lxml_html_clean). Settings: trafilatura.extract(html, url=url, include_comments=False), the rest at their defaults
(tables kept, fallback extractors on); `--favor-precision` or `--favor-recall` after the manifest sets that option."""
import json
import sys
import time

import trafilatura

options = {flag[2:].replace("-", "_"): True for flag in sys.argv[2:]}
with open(sys.argv[1]) as manifest:
    for line in manifest:
        page = json.loads(line)
        with open(page["path"], encoding="utf-8") as f:
            html = f.read()
        start = time.process_time()
        text = trafilatura.extract(html, url=page.get("url"), include_comments=False, **options) or ""
        seconds = time.process_time() - start
        print(json.dumps({"id": page["id"], "text": text, "cpu_seconds": seconds}), flush=True)
