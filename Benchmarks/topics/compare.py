#!/usr/bin/env python3
"""Compares Gazette's topic model with fastText and scikit-learn TF-IDF + logistic regression.

All three train on the same documents (SPLIT/train.jsonl) and are scored on the same held-out documents
(SPLIT/validation-N.jsonl), as written by `gazette train topics --save-split SPLIT`. Accuracy and macro-F1 are
of the top label; macro-F1 averages over the labels present in each validation file (as `gazette eval topics`).
Prediction speed is measured on the same texts (all validation files together), single-threaded.

Run through Benchmarks/topics/compare.sh, which builds Gazette, trains its model and sets up the Python packages.
"""
import argparse, json, os, re, subprocess, sys, tempfile, time

def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]

def scores(gold, predicted):
    labels = sorted(set(gold))
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, predicted))
        fp = sum(g != label and p == label for g, p in zip(gold, predicted))
        fn = sum(g == label and p != label for g, p in zip(gold, predicted))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return accuracy, sum(f1s) / len(f1s)

def fasttext_line(text):
    # fastText's usual preparation: lower-case, punctuation split off, one line.
    return " ".join(re.findall(r"\w+|[^\w\s]", text.lower()))

def run_fasttext(train, validations, seed):
    import fasttext
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for row in train:
            f.write("__label__%s %s\n" % (row["label"], fasttext_line(row["text"])))
        path = f.name
    started = time.perf_counter()
    # The fastText tutorial's supervised settings with word bigrams; one thread keeps it deterministic.
    model = fasttext.train_supervised(input=path, lr=1.0, epoch=25, wordNgrams=2, dim=100, loss="softmax", thread=1, seed=seed, verbose=0)
    train_seconds = time.perf_counter() - started
    os.unlink(path)
    results = []
    for rows in validations:
        labels, _ = model.predict([fasttext_line(r["text"]) for r in rows], k=1)
        results.append([l[0][len("__label__"):] for l in labels])
    texts = [r["text"] for rows in validations for r in rows]
    started = time.perf_counter()
    model.predict([fasttext_line(t) for t in texts], k=1)
    return results, train_seconds, len(texts) / (time.perf_counter() - started)

def run_tfidf(train, validations):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    started = time.perf_counter()
    # Word unigrams and bigrams, sub-linear tf, scikit-learn's default regularisation (C=1).
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    features = vectorizer.fit_transform([r["text"] for r in train])
    model = LogisticRegression(max_iter=1000)
    model.fit(features, [r["label"] for r in train])
    train_seconds = time.perf_counter() - started
    results = [list(model.predict(vectorizer.transform([r["text"] for r in rows]))) for rows in validations]
    texts = [r["text"] for rows in validations for r in rows]
    started = time.perf_counter()
    model.predict_proba(vectorizer.transform(texts))
    return results, train_seconds, len(texts) / (time.perf_counter() - started)

def run_gazette(gazette, model, validations, split):
    results = []
    for index, rows in enumerate(validations):
        path = os.path.join(split, "validation-%d.jsonl" % (index + 1))
        out = subprocess.run([gazette, "--topic-model", model, "--topics", "1", path], check=True, capture_output=True, text=True).stdout
        results.append([json.loads(line)["topics"][0]["label"] for line in out.splitlines()])
    everything = os.path.join(split, "all-validation.jsonl")
    with open(everything, "w", encoding="utf-8") as f:
        for rows in validations:
            for r in rows:
                f.write(json.dumps({"text": r["text"], "label": r["label"]}) + "\n")
    report = subprocess.run([gazette, "eval", "topics", "--topic-model", model, "--data", everything, "--jobs", "1"],
                            check=True, capture_output=True, text=True).stdout
    match = re.search(r"topic scoring alone: ([0-9.]+) s", report)
    whole = re.search(r"annotated \d+ documents .* in ([0-9.]+) s", report)
    texts = sum(len(rows) for rows in validations)
    return results, texts / float(match.group(1)), texts / float(whole.group(1))

def body(path):
    """A model file's weights: everything after its text header (which records the command line) and the padding
    that aligns the rows, without the checksum."""
    with open(path, "rb") as f:
        data = f.read()
    length = int.from_bytes(data[12:16], "little")
    header = data[16:16 + length].decode("utf-8").splitlines()
    labels = sum(1 for line in header if line.startswith("label\t"))
    buckets = int(next(line.split("\t")[1] for line in header if line.startswith("feature.buckets\t")))
    start = 16 + length
    fixed = 4 + (1 << buckets) // 8 + 8 * labels
    rows = start + fixed + (16 - (start + fixed) % 16) % 16
    return data[start:start + fixed] + data[rows:-8]

def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", required=True, help="folder written by gazette train topics --save-split")
    parser.add_argument("--gazette", required=True, help="the gazette executable")
    parser.add_argument("--model", required=True, help="the Gazette topic model trained on SPLIT/train.jsonl")
    parser.add_argument("--names", default="", help="comma-separated names of the validation files, in order")
    parser.add_argument("--shipped", help="the shipped model, to check that the same recipe gave the same weights")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    train = read(os.path.join(args.split, "train.jsonl"))
    validations = []
    while os.path.exists(os.path.join(args.split, "validation-%d.jsonl" % (len(validations) + 1))):
        validations.append(read(os.path.join(args.split, "validation-%d.jsonl" % (len(validations) + 1))))
    names = args.names.split(",") if args.names else ["validation-%d" % (i + 1) for i in range(len(validations))]
    golds = [[r["label"] for r in rows] for rows in validations]
    print("training documents: %d; validation: %s" % (len(train), ", ".join("%s %d" % (n, len(v)) for n, v in zip(names, validations))))

    rows = []
    predictions, seconds, speed = run_fasttext(train, validations, args.seed)
    rows.append(("fastText (lr 1.0, 25 epochs, bigrams)", predictions, "trained in %.1f s" % seconds, speed, None))
    predictions, seconds, speed = run_tfidf(train, validations)
    rows.append(("TF-IDF (1-2 grams) + LR (C=1)", predictions, "trained in %.1f s" % seconds, speed, None))
    predictions, speed, pipeline_speed = run_gazette(args.gazette, args.model, validations, args.split)
    rows.append(("Gazette " + os.path.basename(args.model), predictions, "", speed, pipeline_speed))

    header = "%-40s" % "model" + "".join("  %-22s" % ("%s acc / macro-F1" % n) for n in names) + "  predictions/s"
    print(header)
    for name, predictions, note, speed, pipeline_speed in rows:
        cells = "".join("  %-22s" % ("%.4f / %.4f" % scores(g, p)) for g, p in zip(golds, predictions))
        extra = " topic scoring alone (whole pipeline with entities: %.0f)" % pipeline_speed if pipeline_speed else ""
        print("%-40s%s  %.0f%s" % (name, cells, speed, extra))
    best = {n: max(rows[:2], key=lambda r: scores(golds[i], r[1][i])[0]) for i, n in enumerate(names)}
    ours = rows[2]
    if args.shipped:
        print("weights identical to %s: %s" % (args.shipped, "yes" if body(args.model) == body(args.shipped) else "NO"))
    verdict = all(scores(golds[i], ours[1][i])[0] > scores(golds[i], best[n][1][i])[0] for i, n in enumerate(names))
    print("Gazette beats both baselines on accuracy in every validation file: %s" % ("yes" if verdict else "NO"))

if __name__ == "__main__":
    main()
