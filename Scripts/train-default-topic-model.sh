#!/usr/bin/env bash
# Rebuilds the shipped topic model, Models/news-topics.topicmodel, from the shared training data (the recipe in
# Models/README.md). Deterministic: the same data give the same file, byte for byte.
#
#   Scripts/train-default-topic-model.sh                      # writes Models/news-topics.topicmodel
#   OUTPUT=/tmp/m.topicmodel Scripts/train-default-topic-model.sh --save-split /tmp/split
#
# DATA (default ../shared/data), SCRATCH (the build folder, default .build) and OUTPUT can be set; further
# arguments go to `gazette train topics`.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
SCRATCH=${SCRATCH:-.build}
OUTPUT=${OUTPUT:-Models/news-topics.topicmodel}
swift build -c release --product gazette --scratch-path "$SCRATCH" >&2
exec "$SCRATCH/release/gazette" train topics \
    --data "$DATA/huffpost_headlines41/train.jsonl" --weight 1 \
    --data "$DATA/bbc_news/train.jsonl" --weight 3 \
    --label-map "$DATA/topic-taxonomy.json" \
    --validation 0.1 --seed 1 \
    --l2 3e-6 --iterations 120 --min-df 3 --min-pair-df 20 \
    --name gazette-news-topics/1 --output "$OUTPUT" "$@"
