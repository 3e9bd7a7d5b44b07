#!/usr/bin/env bash
# Rebuilds Models/entities.nermodel, the shipped entity model, from CoNLL-2003 eng.train (research licence: the
# model keeps weights over shapes, word lists, candidates and lower-case context only, never a name from the data).
# NORP: the MISC chunks of eng.train that are NORP forms of Gazetteers/demonyms.tsv become NORP first
# (Scripts/derive-norp-conll.py says exactly how); other MISC chunks stay MISC, which training ignores.
# Retrain whenever Gazetteers/ or the rules change: the model weighs their candidates.
#   Scripts/train-entity-model.sh [CONLL_TRAIN [CONLL_DEV]]     (or CONLL_DIR=folder of eng.train and eng.testa)
set -euo pipefail
cd "$(dirname "$0")/.."
data=${CONLL_DIR:-../shared/data/conll2003}
train=${1:-$data/eng.train}
dev=${2:-$data/eng.testa}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Scripts/derive-norp-conll.py "$train" "$work/train.norp.conll"
swift build -c release --product gazette
.build/release/gazette train ner --conll "$work/train.norp.conll" --output Models/entities.nermodel --epochs 12 --seed 1 --held-out 0.1
if [ -f "$dev" ]; then
    python3 Scripts/derive-norp-conll.py "$dev" "$work/dev.norp.conll"
    # PER/LOC/ORG on the original dev file (the figure README reports), then NORP on the derived one.
    .build/release/gazette eval ner --conll "$dev" --conll "$work/dev.norp.conll"
fi
