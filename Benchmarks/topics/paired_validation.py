#!/usr/bin/env python3
"""Gazette's topic model against fastText and TF-IDF + logistic regression, document by document, on validation splits.

For each SPLIT (a folder written by `gazette train topics --save-split`) and the Gazette model trained on it, trains
both baselines on SPLIT/train.jsonl at fixed settings (by default the ones compare.py's grid chose in its last runs)
and scores all three on every SPLIT/validation-N.jsonl. Per source, over all splits: each model's errors, the
articles on which only one of Gazette and a baseline is wrong, and McNemar's exact two-sided p for that difference.

It reads no test part: it shows whether a difference seen on a small test part is one that validation data, many
times larger, confirm. Run through Benchmarks/topics/paired-validation.sh.
"""
import argparse, os, sys
from math import comb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402  (its readers, baselines and Gazette runner; one owner each)


def mcnemar_exact(only_first_wrong, only_second_wrong):
    """Two-sided exact p that two models err equally often, from the documents on which they disagree."""
    n = only_first_wrong + only_second_wrong
    if n == 0:
        return 1.0
    tail = sum(comb(n, i) for i in range(min(only_first_wrong, only_second_wrong) + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", action="append", required=True, metavar="SPLIT=MODEL",
                        help="a saved split and the Gazette model trained on it; repeat per seed")
    parser.add_argument("--sources", required=True, help="comma-separated source names, in the order of the recipe's --data files")
    parser.add_argument("--weights", required=True, help="comma-separated source weights, in the same order")
    parser.add_argument("--gazette", required=True, help="the gazette executable")
    parser.add_argument("--tfidf-c", type=float, default=100, help="the logistic regression's C (default 100)")
    parser.add_argument("--fasttext", default="0.25,25,50", help="fastText's lr,epochs,dim (default 0.25,25,50)")
    args = parser.parse_args()
    sources = args.sources.split(",")
    weights = [float(w) for w in args.weights.split(",")]
    lr, epoch, dim = args.fasttext.split(",")
    baselines = {
        "TF-IDF + LR, C=%g" % args.tfidf_c: lambda train: compare.tfidf_model(train, weights, args.tfidf_c),
        "fastText, lr %s, %s epochs, dim %s" % (lr, epoch, dim):
            lambda train: compare.fasttext_model(train, weights, 1, float(lr), int(epoch), int(dim)),
    }
    # Per source: documents, Gazette's errors, and per baseline [errors, only Gazette wrong, only the baseline wrong].
    totals = {source: {"documents": 0, "gazette": 0, "baselines": {name: [0, 0, 0] for name in baselines}} for source in sources}
    for run in args.run:
        split, model = run.split("=", 1)
        train = compare.read(os.path.join(split, "train.jsonl"))
        predictors = {name: make(train) for name, make in baselines.items()}
        for index, source in enumerate(sources, start=1):
            path = os.path.join(split, "validation-%d.jsonl" % index)
            rows = compare.read(path)
            gold = [r["label"] for r in rows]
            gazette = compare.gazette_predict(args.gazette, model, path)
            total = totals[source]
            total["documents"] += len(rows)
            gazette_wrong = [p != g for p, g in zip(gazette, gold)]
            total["gazette"] += sum(gazette_wrong)
            for name, predict in predictors.items():
                wrong = [p != g for p, g in zip(predict([r["text"] for r in rows]), gold)]
                counts = total["baselines"][name]
                counts[0] += sum(wrong)
                counts[1] += sum(a and not b for a, b in zip(gazette_wrong, wrong))
                counts[2] += sum(b and not a for a, b in zip(gazette_wrong, wrong))
        print("split %s done" % split, file=sys.stderr, flush=True)

    print("%d validation splits; errors per source (documents), and against each baseline the documents only one of"
          " the two gets wrong" % len(args.run))
    print()
    print("| source | documents | Gazette errors | baseline | its errors | only Gazette wrong | only the baseline wrong | McNemar exact p |")
    print("|---|---|---|---|---|---|---|---|")
    for source in sources:
        total = totals[source]
        for name, (errors, only_gazette, only_baseline) in total["baselines"].items():
            print("| %s | %d | %d | %s | %d | %d | %d | %.2g |" % (source, total["documents"], total["gazette"], name, errors,
                                                                  only_gazette, only_baseline, mcnemar_exact(only_gazette, only_baseline)))


if __name__ == "__main__":
    main()
