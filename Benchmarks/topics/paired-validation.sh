#!/usr/bin/env bash
# Gazette's shipped topic recipe against fastText and TF-IDF + LR, document by document, on several validation
# splits (paired_validation.py says what it prints). The test parts are never read.
#
#   Benchmarks/topics/paired-validation.sh                          # seeds 1-10, the baselines at 100 and 0.25,25,50
#   SEEDS="1 2 3" Benchmarks/topics/paired-validation.sh --tfidf-c 30 --fasttext 0.5,25,100
#
# Trains the recipe of Scripts/train-default-topic-model.sh once per seed, saving each seed's split, then runs
# paired_validation.py over them (arguments go to it). About two minutes a seed here. DATA, SCRATCH and SEEDS can
# be set; WORK (default: a temporary folder) keeps the models and splits.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-../shared/data}
SCRATCH=${SCRATCH:-.build}
SEEDS=${SEEDS:-1 2 3 4 5 6 7 8 9 10}
VENV=.build-python/venv
WORK=${WORK:-$(mktemp -d)}
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK"

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q -r Benchmarks/topics/requirements.txt

runs=()
for seed in $SEEDS; do
    DATA="$DATA" SCRATCH="$SCRATCH" TOPIC_DATA="$WORK/data" OUTPUT="$WORK/seed-$seed.topicmodel" \
        Scripts/train-default-topic-model.sh --seed "$seed" --name "paired-validation/$seed" --save-split "$WORK/split-$seed" \
        > "$WORK/seed-$seed.log" 2>&1 || { cat "$WORK/seed-$seed.log" >&2; exit 1; }
    runs+=(--run "$WORK/split-$seed=$WORK/seed-$seed.topicmodel")
done
# The recipe's sources and weights, read back from the model's header.
source Benchmarks/topics/recipe-sources.sh
recipe_sources "$WORK/seed-${SEEDS%% *}.topicmodel"
"$VENV/bin/python" Benchmarks/topics/paired_validation.py "${runs[@]}" --sources "$SOURCES" --weights "$WEIGHTS" \
    --gazette "$SCRATCH/release/gazette" "$@"
