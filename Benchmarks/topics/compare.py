#!/usr/bin/env python3
"""Compares Gazette's topic model with tuned fastText and tuned scikit-learn TF-IDF + logistic regression.

All three train on the same documents (SPLIT/train.jsonl, written by `gazette train topics --save-split SPLIT`).
Each baseline is tuned on the validation split (SPLIT/validation-N.jsonl) as Gazette's recipe is: the setting with
the best mean validation accuracy over the sources wins (TF-IDF+LR: C in {1, 3, 10, 30, 100}; fastText: lr
{0.25, 0.5, 1.0} x epochs {25, 50} x dim {50, 100}, word bigrams, shuffled input). Then all three are scored on the
test parts (TEST/<source>.test.jsonl, from Scripts/prepare-topic-data.py), which no recipe choice ever saw:
accuracy and macro-F1 of the top label, each with a bootstrap 95% interval (1,000 resamples of the test documents,
seed 1). Macro-F1 averages over the labels present in each test file.

Source weights (the recipe's --weight) apply to the baselines too: sample weights for logistic regression; for
fastText, which has none, an example of weight w is repeated floor(w) times plus once more with probability
w - floor(w) (seeded).

Run through Benchmarks/topics/compare, which prepares the data, trains Gazette's model with the shipped recipe and
sets up the Python packages.
"""
import argparse, json, os, random, re, subprocess, sys, tempfile, time

import numpy as np


def read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def per_label_f1(gold, predicted, labels):
    f1s = []
    for label in labels:
        tp = np.sum((gold == label) & (predicted == label))
        fp = np.sum((gold != label) & (predicted == label))
        fn = np.sum((gold == label) & (predicted != label))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(f1s))


def scores(gold, predicted):
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    labels = sorted(set(gold.tolist()))
    return float(np.mean(gold == predicted)), per_label_f1(gold, predicted, labels)


def bootstrap(gold, predicted, rounds=1000, seed=1):
    """95% percentile intervals of accuracy and macro-F1 over resamples of the documents."""
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    labels = sorted(set(gold.tolist()))
    rng = np.random.default_rng(seed)
    accuracies, f1s = [], []
    for _ in range(rounds):
        sample = rng.integers(0, len(gold), len(gold))
        g, p = gold[sample], predicted[sample]
        accuracies.append(np.mean(g == p))
        f1s.append(per_label_f1(g, p, labels))
    return tuple(np.percentile(accuracies, [2.5, 97.5])), tuple(np.percentile(f1s, [2.5, 97.5]))


def fasttext_line(text):
    # fastText's usual preparation: lower-case, punctuation split off, one line.
    return " ".join(re.findall(r"\w+|[^\w\s]", text.lower()))


def weighted_copies(train, weights, seed):
    rng = random.Random(seed)
    rows = []
    for row in train:
        weight = weights[row["source"] - 1]
        copies = int(weight) + (1 if rng.random() < weight - int(weight) else 0)
        rows.extend([row] * copies)
    rng.shuffle(rows)
    return rows


def fasttext_model(train, weights, seed, lr, epoch, dim):
    import fasttext
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        for row in weighted_copies(train, weights, seed):
            f.write("__label__%s %s\n" % (row["label"], fasttext_line(row["text"])))
        path = f.name
    # One thread keeps it deterministic.
    model = fasttext.train_supervised(input=path, lr=lr, epoch=epoch, wordNgrams=2, dim=dim, loss="softmax", thread=1, seed=seed, verbose=0)
    os.unlink(path)
    return lambda texts: [l[0][len("__label__"):] for l in model.predict([fasttext_line(t) for t in texts], k=1)[0]]


def tfidf_model(train, weights, C):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    # Word unigrams and bigrams, sub-linear tf.
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    features = vectorizer.fit_transform([r["text"] for r in train])
    model = LogisticRegression(C=C, max_iter=2000)
    model.fit(features, [r["label"] for r in train], sample_weight=[weights[r["source"] - 1] for r in train])
    return lambda texts: list(model.predict(vectorizer.transform(texts)))


def mean_accuracy(predict, parts):
    return float(np.mean([scores([r["label"] for r in rows], predict([r["text"] for r in rows]))[0] for rows in parts]))


def tune(name, make, grid, validations, log):
    best = None
    for setting in grid:
        started = time.perf_counter()
        predict = make(**setting)
        accuracy = mean_accuracy(predict, validations)
        log("  %s %s: mean validation accuracy %.4f (%.0f s)" % (name, setting, accuracy, time.perf_counter() - started))
        if best is None or accuracy > best[0]:
            best = (accuracy, setting, predict)
    return best


def gazette_predict(gazette, model, path):
    out = subprocess.run([gazette, "--topic-model", model, "--topics", "1", path], check=True, capture_output=True, text=True).stdout
    return [json.loads(line)["topics"][0]["label"] for line in out.splitlines()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", required=True, help="folder written by gazette train topics --save-split")
    parser.add_argument("--test", required=True, help="folder written by Scripts/prepare-topic-data.py")
    parser.add_argument("--sources", required=True, help="comma-separated source names, in the order of the recipe's --data files")
    parser.add_argument("--weights", required=True, help="comma-separated source weights, in the same order")
    parser.add_argument("--extra-tests", default="", help="comma-separated NAME=FILE test sets of other sources (labels in the taxonomy)")
    parser.add_argument("--gazette", required=True, help="the gazette executable")
    parser.add_argument("--model", required=True, help="the Gazette topic model trained on SPLIT/train.jsonl")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="one setting per baseline (the issue's tuned ones), for a fast look")
    args = parser.parse_args()
    log = lambda message: print(message, file=sys.stderr, flush=True)

    names = args.sources.split(",")
    weights = [float(w) for w in args.weights.split(",")]
    train = read(os.path.join(args.split, "train.jsonl"))
    validations = [read(os.path.join(args.split, "validation-%d.jsonl" % (i + 1))) for i in range(len(names))]
    tests = [(n, os.path.join(args.test, n + ".test.jsonl")) for n in names]
    tests += [tuple(item.split("=", 1)) for item in args.extra_tests.split(",") if item]
    test_rows = [(n, read(p), p) for n, p in tests]
    print("training documents: %d; validation: %s; test: %s" % (
        len(train), ", ".join("%s %d" % (n, len(v)) for n, v in zip(names, validations)), ", ".join("%s %d" % (n, len(r)) for n, r, _ in test_rows)))

    lr_grid = [{"C": c} for c in ([30] if args.quick else [1, 3, 10, 30, 100])]
    ft_grid = [{"lr": lr, "epoch": e, "dim": d} for lr in ([0.5] if args.quick else [0.25, 0.5, 1.0])
               for e in ([50] if args.quick else [25, 50]) for d in ([50] if args.quick else [50, 100])]
    log("== tuning TF-IDF + LR on the validation split")
    lr = tune("TF-IDF+LR", lambda C: tfidf_model(train, weights, C), lr_grid, validations, log)
    log("== tuning fastText on the validation split")
    ft = tune("fastText", lambda lr, epoch, dim: fasttext_model(train, weights, args.seed, lr, epoch, dim), ft_grid, validations, log)

    rows = [
        ("TF-IDF (1-2 grams) + LR, C=%g" % lr[1]["C"], lr[0], lambda rows, path: lr[2]([r["text"] for r in rows])),
        ("fastText, lr %g, %d epochs, dim %d, bigrams" % (ft[1]["lr"], ft[1]["epoch"], ft[1]["dim"]), ft[0],
         lambda rows, path: ft[2]([r["text"] for r in rows])),
        ("Gazette " + os.path.basename(args.model), mean_accuracy(lambda texts: gazette_predict_texts(args.gazette, args.model, texts), validations),
         lambda rows, path: gazette_predict(args.gazette, args.model, path)),
    ]
    results = {}
    print()
    print("| model | mean validation accuracy | " + " | ".join("%s test: accuracy [95%% CI] / macro-F1 [95%% CI]" % n for n, _, _ in test_rows) + " |")
    print("|---|---|" + "---|" * len(test_rows))
    for model_name, validation_accuracy, predict in rows:
        cells = []
        for name, test, path in test_rows:
            gold = [r["label"] for r in test]
            predicted = predict(test, path)
            accuracy, f1 = scores(gold, predicted)
            (alo, ahi), (flo, fhi) = bootstrap(gold, predicted)
            results[(model_name, name)] = (accuracy, f1)
            cells.append("%.4f [%.3f, %.3f] / %.4f [%.3f, %.3f]" % (accuracy, alo, ahi, f1, flo, fhi))
        print("| %s | %.4f | %s |" % (model_name, validation_accuracy, " | ".join(cells)))
    print()
    lr_name, ft_name, ours = rows[0][0], rows[1][0], rows[2][0]
    def get(model, source, which=0):
        return results.get((model, source), (float("nan"),) * 2)[which]
    checks = []
    if "huffpost" in names:
        checks.append(("HuffPost accuracy >= TF-IDF+LR + 0.02", get(ours, "huffpost") >= get(lr_name, "huffpost") + 0.02))
        checks.append(("HuffPost macro-F1 >= TF-IDF+LR + 0.02", get(ours, "huffpost", 1) >= get(lr_name, "huffpost", 1) + 0.02))
    if "bbc" in names:
        checks.append(("BBC accuracy >= fastText", get(ours, "bbc") >= get(ft_name, "bbc")))
    if "newsgroups" in [n for n, _, _ in test_rows]:
        checks.append(("20 Newsgroups accuracy >= both", get(ours, "newsgroups") >= max(get(lr_name, "newsgroups"), get(ft_name, "newsgroups"))))
    for text, ok in checks:
        print("%s: %s" % (text, "yes" if ok else "NO"))


def gazette_predict_texts(gazette, model, texts):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for text in texts:
            f.write(json.dumps({"text": text}) + "\n")
        path = f.name
    try:
        return gazette_predict(gazette, model, path)
    finally:
        os.unlink(path)


if __name__ == "__main__":
    main()
