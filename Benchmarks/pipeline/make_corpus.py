#!/usr/bin/env python3
"""Builds the benchmark input: English news text, one document per blank-line block, repeated to a target size.

With ../shared/data present (the research data next to the checkout), the documents are the BBC train articles
plus the CoNLL-2003 train and dev documents, detokenised. Without it, a news-like corpus is generated from
templates and the names in Gazette's own gazetteers, so that the harness runs for anyone with a clean clone.

The text is read at run time and written to a git-ignored folder; it is never committed.

Writes, for each size: news-<size>.txt (documents separated by one blank line) and news-<size>.jsonl
({"text": ...} per line, the same documents), plus news-<size>.json with counts.
"""

import argparse
import json
import os
import random
import re
import sys

SEED = 20250101


def bbc_documents(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            # Paragraphs become lines, so that a blank line only ever separates documents.
            text = re.sub(r"\n\s*\n+", "\n", text.strip())
            docs.append(text)
    return docs


NO_SPACE_BEFORE = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m", "..."}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}


def detokenise(tokens):
    out = []
    quote_open = False
    glue_next = False
    for token in tokens:
        glue = glue_next or not out or token in NO_SPACE_BEFORE
        glue_next = token in NO_SPACE_AFTER
        if token == '"':
            if quote_open:
                glue = True
            else:
                glue_next = True
            quote_open = not quote_open
        out.append(token if glue else " " + token)
    return "".join(out)


def conll_documents(path):
    docs, sentences, tokens = [], [], []

    def end_sentence():
        if tokens:
            sentences.append(detokenise(tokens))
            tokens.clear()

    def end_document():
        end_sentence()
        if sentences:
            # Headlines and datelines (no final punctuation) stay on their own line; prose sentences join with a space.
            text = ""
            for sentence in sentences:
                if text:
                    text += " " if text[-1] in ".!?\"'" else "\n"
                text += sentence
            docs.append(text)
            sentences.clear()

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                end_document()
            elif not line.strip():
                end_sentence()
            else:
                tokens.append(line.split()[0])
    end_document()
    return docs


def entity_rows(gazetteers):
    """(file, row) for every row of the entity lists (TSVs whose header starts with name<TAB>label), a row being a
    dict from column name to field."""
    if not os.path.isdir(gazetteers):
        return
    for file in sorted(os.listdir(gazetteers)):
        if not file.endswith(".tsv"):
            continue
        with open(os.path.join(gazetteers, file), encoding="utf-8") as f:
            header = None
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                fields = line.rstrip("\n").split("\t")
                if header is None:
                    if fields[:2] != ["name", "label"]:
                        break
                    header = fields
                    continue
                yield file, dict(zip(header, fields))


def gazetteer_names(gazetteers):
    """(label, name) pairs from the entity lists."""
    return [(row.get("label", ""), row["name"]) for _, row in entity_rows(gazetteers) if row.get("name")]


GENERATED_SUBJECTS = ["officials", "the government", "the ministry", "lawmakers", "the company", "analysts", "the police",
                      "residents", "the army", "investors", "the court", "the committee", "aid agencies", "the central bank"]
GENERATED_VERBS = ["said", "announced", "warned", "confirmed", "reported", "denied", "argued", "suggested", "added"]
GENERATED_CLAUSES = ["talks would resume next week", "the agreement was close", "prices had risen sharply",
                     "the vote was delayed", "more than 200 people were affected", "the plan would cost $4.5bn",
                     "the investigation was continuing", "growth slowed to 1.2% in the third quarter",
                     "no decision had been made", "the border would stay closed", "the deal was worth £300m"]


def generated_documents(gazetteers, count=4000):
    """A news-like corpus from templates and the gazetteers' names (used when ../shared/data is missing)."""
    rng = random.Random(SEED)
    names = gazetteer_names(gazetteers)
    people = [n for label, n in names if label == "PERSON"] or ["Maria Silva", "John Carter", "Amina Yusuf"]
    places = [n for label, n in names if label == "LOC"] or ["Paris", "Nairobi", "Lima", "Jakarta"]
    orgs = [n for label, n in names if label == "ORG"] or ["United Nations", "World Bank", "Acme Corp"]
    docs = []
    for _ in range(count):
        place = rng.choice(places)
        lines = [f"{rng.choice(orgs)} {rng.choice(GENERATED_VERBS)} {rng.choice(GENERATED_CLAUSES)}".capitalize()]
        body = [f"{place.upper()} -"]
        for _ in range(rng.randint(6, 18)):
            pattern = rng.randrange(4)
            if pattern == 0:
                body.append(f"{rng.choice(people)}, a spokesperson for {rng.choice(orgs)}, {rng.choice(GENERATED_VERBS)} "
                            f"on Tuesday that {rng.choice(GENERATED_CLAUSES)}.")
            elif pattern == 1:
                body.append(f"In {rng.choice(places)}, {rng.choice(GENERATED_SUBJECTS)} {rng.choice(GENERATED_VERBS)} "
                            f"{rng.choice(GENERATED_CLAUSES)}.")
            elif pattern == 2:
                body.append(f"\"We are watching closely,\" {rng.choice(people)} told reporters in {rng.choice(places)}.")
            else:
                body.append(f"The {rng.choice(['U.S.', 'EU', 'UN'])} and {rng.choice(orgs)} {rng.choice(GENERATED_VERBS)} "
                            f"{rng.choice(GENERATED_CLAUSES)}, according to {rng.choice(people)}.")
        lines.append(" ".join(body))
        docs.append("\n".join(lines))
    return docs


def size_label(size):
    return f"{size // 1_000_000}mb" if size % 1_000_000 == 0 else f"{size}b"


def write_corpus(docs, size, out_dir, origin):
    label = size_label(size)
    txt_path = os.path.join(out_dir, f"news-{label}.txt")
    jsonl_path = os.path.join(out_dir, f"news-{label}.jsonl")
    total = count = 0
    index = 0
    with open(txt_path + ".tmp", "w", encoding="utf-8") as txt, open(jsonl_path + ".tmp", "w", encoding="utf-8") as jsonl:
        while total < size:
            doc = docs[index % len(docs)]
            index += 1
            if count:
                txt.write("\n\n")
            txt.write(doc)
            jsonl.write(json.dumps({"text": doc}, ensure_ascii=False) + "\n")
            total += len(doc.encode("utf-8"))
            count += 1
        txt.write("\n")
    os.replace(txt_path + ".tmp", txt_path)
    os.replace(jsonl_path + ".tmp", jsonl_path)
    info = {"documents": count, "text_bytes": total, "unique_documents": len(docs), "origin": origin,
            "txt": os.path.basename(txt_path), "jsonl": os.path.basename(jsonl_path)}
    with open(os.path.join(out_dir, f"news-{label}.json"), "w") as f:
        json.dump(info, f, indent=1)
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=None, help="research data folder (default: ../shared/data beside the checkout)")
    parser.add_argument("--gazetteers", required=True, help="Gazette's Gazetteers/ folder (names for the generated corpus)")
    parser.add_argument("--out", required=True, help="output folder (git-ignored)")
    parser.add_argument("--size", type=int, action="append", required=True, help="target text bytes (repeatable)")
    parser.add_argument("--generated", action="store_true", help="use the generated corpus even if shared data exists")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    shared = args.shared
    bbc = os.path.join(shared, "bbc_news", "train.jsonl") if shared else None
    if not args.generated and bbc and os.path.exists(bbc):
        docs = bbc_documents(bbc)
        for name in ("eng.train", "eng.testa"):
            path = os.path.join(shared, "conll2003", name)
            if os.path.exists(path):
                docs += conll_documents(path)
        origin = "shared: bbc_news/train.jsonl + conll2003 eng.train, eng.testa (detokenised)"
    else:
        docs = generated_documents(args.gazetteers)
        origin = "generated from templates and Gazette's gazetteer names"
    docs = [d for d in docs if d.strip()]
    random.Random(SEED).shuffle(docs)
    for size in args.size:
        info = write_corpus(docs, size, args.out, origin)
        print(json.dumps(info))


if __name__ == "__main__":
    sys.exit(main())
