#!/usr/bin/env bash
# Gazette's topic model against fastText and scikit-learn TF-IDF + logistic regression, in one run, on the same
# training documents and the same validation split (10% of each training file, stratified by label, seed 1).
#
#   Benchmarks/topics/compare.sh
#
# Builds Gazette (release), trains its model with the shipped recipe (Scripts/train-default-topic-model.sh) while
# saving the split, sets up a Python venv in Benchmarks/.venv (fasttext-wheel, scikit-learn), then runs
# compare.py. DATA (default ../shared/data) and SCRATCH (build folder, default .build) can be set.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build}
VENV=Benchmarks/.venv
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -r Benchmarks/topics/requirements.txt

echo "== training Gazette (shipped recipe) and saving the split" >&2
SCRATCH="$SCRATCH" OUTPUT="$WORK/news-topics.topicmodel" Scripts/train-default-topic-model.sh --save-split "$WORK/split"

echo "== comparing" >&2
"$VENV/bin/python" Benchmarks/topics/compare.py --split "$WORK/split" --gazette "$SCRATCH/release/gazette" \
    --model "$WORK/news-topics.topicmodel" --shipped Models/news-topics.topicmodel --names huffpost,bbc
