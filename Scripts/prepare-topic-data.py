#!/usr/bin/env python3
"""Splits the topic model's labelled data into a pool (training + validation) and a test part that no recipe
choice ever sees, per source, and writes them as JSON Lines with labels mapped to the taxonomy.

    Scripts/prepare-topic-data.py --data ../shared/data --out .build/topic-data

Writes OUT/<source>.pool.jsonl and OUT/<source>.test.jsonl (each line: text, label in the taxonomy, data_label as the
source names it, id) for the sources huffpost (HuffPost headlines), bbc (BBC
articles), bbc-titles (the first line of each BBC article, its headline, with the article's label: headlines of
another outlet and country than HuffPost's, so that one model learns both; the titles of test articles are test
titles, never training ones) and newsgroups (20 Newsgroups, the groups mapped below; headers other than Subject,
quoted lines and signatures removed, as posts are not news and their headers give the group away). The test part is 10% of each
label of each source, drawn by a seeded shuffle (Python's Mersenne Twister, seed 20261206), so every run and every
tool gets the same documents. `gazette train topics` then takes its validation split from the pool.

Standard library only, so that the recipe needs nothing beyond Python 3.
"""
import argparse, json, lzma, os, random, re

TEST_FRACTION = 0.1
TEST_SEED = 20261206

# 20 Newsgroups groups mapped to the taxonomy. Groups with no clear news topic (autos, motorcycles, sci.med, which
# is between health and science, windows.x, ...) are kept where the mapping is plain and left out otherwise.
NEWSGROUPS = {
    "talk.politics.misc": "politics",
    "talk.politics.guns": "politics",
    "talk.politics.mideast": "politics",
    "alt.atheism": "religion",
    "soc.religion.christian": "religion",
    "talk.religion.misc": "religion",
    "comp.graphics": "science-technology",
    "comp.os.ms-windows.misc": "science-technology",
    "comp.sys.ibm.pc.hardware": "science-technology",
    "comp.sys.mac.hardware": "science-technology",
    "comp.windows.x": "science-technology",
    "sci.crypt": "science-technology",
    "sci.electronics": "science-technology",
    "sci.space": "science-technology",
    "rec.sport.baseball": "sport",
    "rec.sport.hockey": "sport",
    "misc.forsale": "business",
}

QUOTE = re.compile(r"^\s*(>|\||:)")
ATTRIBUTION = re.compile(r"(writes|wrote|says)\s*:\s*$|^In article <", re.IGNORECASE)


def newsgroup_text(raw):
    """A post without its headers (the Subject kept, its "Re:" dropped), quoted lines, attributions and signature."""
    head, _, body = raw.partition("\n\n")
    subject = ""
    for line in head.splitlines():
        if line.lower().startswith("subject:"):
            subject = re.sub(r"^(re:\s*)+", "", line[8:].strip(), flags=re.IGNORECASE)
    kept = []
    for line in body.splitlines():
        if line.strip() == "--":
            break
        if QUOTE.match(line) or ATTRIBUTION.search(line):
            continue
        kept.append(line)
    text = "\n".join(kept).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    return (subject + "\n\n" + text).strip() if subject else text


def read_jsonl(path, opener=open):
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split(rows):
    """Per label, round(10%) of the rows chosen by a seeded shuffle go to test; order is kept in both parts."""
    rng = random.Random(TEST_SEED)
    by_label = {}
    for index, row in enumerate(rows):
        by_label.setdefault(row["label"], []).append(index)
    test = set()
    for label in sorted(by_label):
        members = by_label[label]
        rng.shuffle(members)
        test.update(members[: round(len(members) * TEST_FRACTION)])
    return [r for i, r in enumerate(rows) if i not in test], [r for i, r in enumerate(rows) if i in test]


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({"text": row["text"], "label": row["label"], "data_label": row["data_label"], "id": row.get("id", "")}, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    taxonomy = json.load(open(os.path.join(args.data, "topic-taxonomy.json"), encoding="utf-8"))
    sources = {}
    rows = read_jsonl(os.path.join(args.data, "huffpost_headlines41/train.jsonl"))
    sources["huffpost"] = [dict(r, label=taxonomy["huffpost"][r["label"]], data_label=r["label"]) for r in rows if r["label"] in taxonomy["huffpost"]]
    rows = read_jsonl(os.path.join(args.data, "bbc_news/train.jsonl"))
    sources["bbc"] = [dict(r, label=taxonomy["bbc"][r["label"]], data_label=r["label"]) for r in rows if r["label"] in taxonomy["bbc"]]
    rows = read_jsonl(os.path.join(args.data, "20newsgroups/train.jsonl.xz"), opener=lzma.open)
    sources["newsgroups"] = [dict(r, text=newsgroup_text(r["text"]), label=NEWSGROUPS[r["label"]], data_label=r["label"]) for r in rows if r["label"] in NEWSGROUPS]
    sources["newsgroups"] = [r for r in sources["newsgroups"] if len(r["text"].split()) >= 5]
    os.makedirs(args.out, exist_ok=True)
    for name, rows in sources.items():
        pool, test = split(rows)
        write(os.path.join(args.out, name + ".pool.jsonl"), pool)
        write(os.path.join(args.out, name + ".test.jsonl"), test)
        print("%s: %d pool, %d test" % (name, len(pool), len(test)))
        if name == "bbc":
            titles = lambda part: [dict(r, text=r["text"].split("\n", 1)[0].strip()) for r in part if r["text"].split("\n", 1)[0].strip()]
            write(os.path.join(args.out, "bbc-titles.pool.jsonl"), titles(pool))
            write(os.path.join(args.out, "bbc-titles.test.jsonl"), titles(test))


if __name__ == "__main__":
    main()
