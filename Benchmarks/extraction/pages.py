"""Loading and scoring of the shared web-extraction pages (see README.md in this folder).

The pages stay in ../shared/data/web-extraction (research data, never copied into the repository); they are decoded
with their index `charset` and written as UTF-8 files under Benchmarks/extraction/.work/ (git-ignored) at run time.
"""
import collections
import gzip
import hashlib
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, ".work")
DATA = os.environ.get(
    "GAZETTE_WEB_DATA", os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data", "web-extraction"))
)

# WHATWG: the label iso-8859-1 means windows-1252 (see the data README); gb2312 is decoded as its superset gbk.
PYTHON_CODECS = {"iso-8859-1": "cp1252", "us-ascii": "cp1252", "gb2312": "gbk"}


def split_of(page_id):
    """'dev' (70%) or 'test' (30%), fixed by the SHA-1 of the page id: tuning looks only at 'dev'."""
    return "dev" if hashlib.sha1(page_id.encode()).digest()[0] % 10 < 7 else "test"


def load_pages(data=DATA):
    """The scored pages: every record but Readability's synthetic ones, with `utf8_path`, `split` and `group`."""
    os.makedirs(os.path.join(WORK, "pages"), exist_ok=True)
    pages = []
    with open(os.path.join(data, "index.jsonl"), encoding="utf-8") as index:
        for line in index:
            record = json.loads(line)
            if record.get("kind") == "synthetic":
                continue
            path = os.path.join(WORK, "pages", record["id"] + ".html")
            if not os.path.exists(path):
                with gzip.open(os.path.join(data, record["html"])) as f:
                    raw = f.read()
                codec = PYTHON_CODECS.get(record["charset"], record["charset"])
                with open(path, "w", encoding="utf-8") as out:
                    out.write(raw.decode(codec, errors="replace"))
            record["utf8_path"] = path
            record["split"] = split_of(record["id"])
            group = record["source"]
            if group == "trafilatura-evaldata" and record.get("language") != "en":
                group = "trafilatura-other"
            record["group"] = group
            pages.append(record)
    return pages


WORD = re.compile(r"\w+")


def tokens(text):
    """The bag of words: every match of the Unicode regex \\w+ in the lower-cased text, as a multiset."""
    return collections.Counter(WORD.findall(text.lower()))


def reference_text(page):
    """The expected text, with the headline first (Readability's expected text leaves it out, in `title`)."""
    if page["source"] == "mozilla-readability" and page.get("title"):
        return page["title"] + "\n" + page["expected_text"]
    return page["expected_text"]


def bag_of_words(extracted, expected):
    """(precision, recall, F1) of the extracted text's words against the expected text's (multiset intersection)."""
    got, want = tokens(extracted), tokens(expected)
    overlap = sum((got & want).values())
    n_got, n_want = sum(got.values()), sum(want.values())
    if overlap == 0:
        return 0.0, 0.0, 0.0
    p, r = overlap / n_got, overlap / n_want
    return p, r, 2 * p * r / (p + r)


SPACE = re.compile(r"\s+")


def normalise(text):
    return SPACE.sub(" ", text).strip()


def snippets(extracted, page):
    """(must_contain found, must_contain total, must_not_contain absent, must_not_contain total, all satisfied)."""
    text = normalise(extracted)
    must = [normalise(s) for s in page.get("must_contain") or []]
    must_not = [normalise(s) for s in page.get("must_not_contain") or []]
    found = sum(1 for s in must if s in text)
    absent = sum(1 for s in must_not if s not in text)
    return found, len(must), absent, len(must_not), found == len(must) and absent == len(must_not)
