#!/usr/bin/env bash
# Gazette's topic model against tuned fastText and tuned scikit-learn TF-IDF + logistic regression, in one run:
# the same training documents, each baseline tuned on the same validation split as Gazette's recipe, all three
# scored on test parts that no recipe choice saw (see compare.py for the grids and the bootstrap).
#
#   Benchmarks/topics/compare            # or compare.sh; --quick: the baselines at one setting each
#
# Prepares the data (Scripts/prepare-topic-data.py), trains Gazette's model with the shipped recipe
# (Scripts/train-default-topic-model.sh) while saving the split, sets up a Python venv in .build-python/venv
# (fasttext-wheel, scikit-learn, numpy from PyPI), then runs compare.py. DATA (default ../shared/data) and SCRATCH
# (build folder, default .build) can be set.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
SCRATCH=${SCRATCH:-.build}
VENV=.build-python/venv
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -r Benchmarks/topics/requirements.txt

echo "== training Gazette (shipped recipe) and saving the split" >&2
DATA="$DATA" SCRATCH="$SCRATCH" TOPIC_DATA="$WORK/data" OUTPUT="$WORK/news-topics.topicmodel" \
    Scripts/train-default-topic-model.sh --save-split "$WORK/split" >&2
# The recipe's sources and weights, read back from the model's header.
source Benchmarks/topics/recipe-sources.sh
recipe_sources "$WORK/news-topics.topicmodel"
echo "sources $SOURCES, weights $WEIGHTS" >&2
# Out of domain: the 20 Newsgroups test part when the recipe does not train on 20 Newsgroups, and the project's
# own labelled news paragraphs (Benchmarks/topics/own-news.jsonl, written for this benchmark).
EXTRA="ownnews=Benchmarks/topics/own-news.jsonl"
case "$SOURCES" in *newsgroups*) ;; *) EXTRA="newsgroups=$WORK/data/newsgroups.test.jsonl,$EXTRA" ;; esac

echo "== comparing" >&2
"$VENV/bin/python" Benchmarks/topics/compare.py --split "$WORK/split" --test "$WORK/data" --sources "$SOURCES" --weights "$WEIGHTS" \
    --extra-tests "$EXTRA" --gazette "$SCRATCH/release/gazette" --model "$WORK/news-topics.topicmodel" "$@"
