#!/usr/bin/env bash
# Rebuilds the shipped topic model, Models/news-topics.topicmodel, from the shared training data (the recipe in
# Models/README.md). Deterministic: the same data give the same file, byte for byte.
#
#   Scripts/train-default-topic-model.sh                      # writes Models/news-topics.topicmodel
#   OUTPUT=/tmp/m.topicmodel Scripts/train-default-topic-model.sh --save-split /tmp/split
#
# First Scripts/prepare-topic-data.py sets a test part of every source aside (10% per label, fixed seed) that
# neither this recipe nor any choice made for it sees; the model trains on the rest (its --validation split tunes
# and calibrates). The word vectors (Models/news-topics.wordvectors) come from Scripts/build-word-vectors.sh and are
# copied into the model. The model trains one class per label of the data (HuffPost's 41 sections, BBC's 5: the
# prepared files' data_label), each under its topic in the taxonomy; BBC's politics articles train HuffPost's
# POLITICS class (Scripts/topic-classes.json), so that another country's election reads as politics, and BBC's other
# sections are classes of their own. A topic's probability is the sum of its classes'. Character 5-grams of the first
# 24 words are features beside the words, word pairs and word vectors, and only a text's first 150 words count.
# Features that point to few classes get more idf (--supervised-idf: the penalty bears less on them).
# DATA (default ../shared/data), SCRATCH (the build folder, default .build), TOPIC_DATA
# (where the prepared files go, default $SCRATCH/topic-data) and OUTPUT can be set; further arguments go to
# `gazette train topics`.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
SCRATCH=${SCRATCH:-.build}
TOPIC_DATA=${TOPIC_DATA:-$SCRATCH/topic-data}
OUTPUT=${OUTPUT:-Models/news-topics.topicmodel}
python3 Scripts/prepare-topic-data.py --data "$DATA" --out "$TOPIC_DATA" >&2
swift build -c release --product gazette --scratch-path "$SCRATCH" >&2
exec "$SCRATCH/release/gazette" train topics \
    --data "$TOPIC_DATA/huffpost.pool.jsonl" --weight 1 \
    --data "$TOPIC_DATA/bbc.pool.jsonl" --weight 4 \
    --data "$TOPIC_DATA/bbc-titles.pool.jsonl" --weight 1 \
    --label-field data_label --finer-classes --class-map Scripts/topic-classes.json \
    --label-balance 0.5 \
    --label-map "$DATA/topic-taxonomy.json" \
    --validation 0.1 --seed 1 \
    --word-vectors Models/news-topics.wordvectors --vector-scale 0.5 --vector-words 64 \
    --char-ngrams 5-5 --char-ngram-words 24 --max-words 150 \
    --buckets 20 --l2 8e-6 --iterations 120 --min-df 2 --min-pair-df 5 \
    --supervised-idf 2 --supervised-idf-smoothing 1 \
    --name gazette-news-topics/7 --output "$OUTPUT" "$@"
