#!/usr/bin/env bash
# Rebuilds Models/entities.nermodel, the shipped entity model, from CoNLL-2003 eng.train (research licence: the
# model keeps weights over shapes, word lists, candidates and lower-case context only, never a name from the data).
# Retrain whenever Gazetteers/ or the rules change: the model weighs their candidates.
#   Scripts/train-entity-model.sh [CONLL_TRAIN]
set -euo pipefail
cd "$(dirname "$0")/.."
train=${1:-../shared/data/conll2003/eng.train}
swift build -c release --product gazette
.build/release/gazette train ner --conll "$train" --output Models/entities.nermodel --epochs 12 --seed 1 --held-out 0.1
if [ -f ../shared/data/conll2003/eng.testa ]; then
    .build/release/gazette eval ner --conll ../shared/data/conll2003/eng.testa
fi
