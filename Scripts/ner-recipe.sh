#!/usr/bin/env bash
# Rebuilds Models/entities.nermodel, the shipped entity model, from ../shared/data end to end, and scores it against
# today's model (the one shipped before issue 15) on the held-out slices of every ner-extra source and on CoNLL-2003
# dev, in the same run.
#
#   Scripts/ner-recipe.sh                     # prepare slices, build, train, evaluate (about 6-10 minutes on the
#                                             # 2-core machine; the first run also builds today's gazette, 3-5 min)
#   Scripts/ner-recipe.sh --validation        # score on the validation slices instead (for choosing weights)
#   DATA=/path/to/shared/data Scripts/ner-recipe.sh
#   BASELINE="--baseline-binary BIN --baseline-resources DIR" Scripts/ner-recipe.sh   # today's build, already made
#   OUT=/tmp/ner Scripts/ner-recipe.sh        # where slices, logs and the figures go (default .build-ner/)
#   PRUNE=1.5 Scripts/ner-recipe.sh --validation   # try another --prune-below (default below)
#
# Steps (each prints what it does):
#  1. Scripts/prepare-ner-data.py writes the train / validation / held-out slices of every ner-extra source
#     (fixed by a hash of each document's id; see Scripts/ner_data). The held-out slices are only read in step 4.
#     NORP: re3d and Re-DocRED tag nationality adjectives NORP; GUM tags only group nouns and btc, UNER and WNUT-17
#     none, so in their train and validation slices a run of capitalised O words that are NORP forms of
#     Gazetteers/demonyms.tsv becomes NORP (Scripts/ner_data/norp.py), the same list rule that derives NORP from
#     CoNLL's MISC: otherwise those sources would teach the model that "Chinese" in "Chinese officials" is O.
#     CoNLL-2003 eng.train gets NORP from its MISC chunks by Scripts/derive-norp-conll.py.
#  2. swift build -c release --product gazette
#  3. gazette train ner on CoNLL-2003 eng.train (NORP derived) plus the train and validation slices, with the per-source weights
#     below (chosen on the validation slices: Models/README.md has the sweep), 10 epochs, seed 1.
#  4. Scripts/ner-eval.py: today's model (commit BASELINE_REV in Scripts/ner-eval.py, built with its own code and
#     gazetteers) and the new one on the held-out slices and CoNLL dev; per-source P/R/F1, macro-average, differences.
# Retrain whenever Gazetteers/ or the rules change: the model weighs their candidates.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
split=heldout
if [ "${1:-}" = "--validation" ]; then split=validation; fi
data=${DATA:-$(python3 -c 'import sys; sys.path.insert(0, "Scripts"); from ner_data.cli import default_data; print(default_data())')}
out=${OUT:-.build-ner}
mkdir -p "$out"
conll_train=$data/conll2003/eng.train
[ -f "$conll_train" ] || { echo "ner-recipe: no CoNLL-2003 train file at $conll_train (set DATA)" >&2; exit 2; }

# Per-source weights (a mistake on a document counts this much), chosen on the validation slices.
declare -A weight=([conll]=1 [gum]=2 [btc]=1 [re3d]=2 [redocred]=1 [uner-ewt]=2 [uner-pud]=2 [wnut17]=1)
sources=(gum btc re3d redocred uner-ewt uner-pud wnut17)
# Features whose averaged weights are all below this (absolute value) are left out: a smaller weight table is
# cheaper to look up (it shares the caches with the gazetteer and topic model). Chosen on the validation slices.
prune=${PRUNE:-3}

echo "== 1. slices of ner-extra → $out/slices; NORP in CoNLL-2003 eng.train → $out/eng.train.norp.conll"
Scripts/prepare-ner-data.py --data "$data" --output "$out/slices"
python3 Scripts/derive-norp-conll.py "$conll_train" "$out/eng.train.norp.conll"

echo "== 2. release build"
swift build -c release --product gazette 2>&1 | tail -1

echo "== 3. training → Models/entities.nermodel"
arguments=(--conll "$out/eng.train.norp.conll:${weight[conll]}")
for source in "${sources[@]}"; do
    arguments+=(--conll "$out/slices/$source.train.conll:${weight[$source]}")
    if [ "$split" = heldout ]; then
        # Once the weights are chosen, the validation slices train too; the held-out slices never do.
        arguments+=(--conll "$out/slices/$source.validation.conll:${weight[$source]}")
    fi
done
.build/release/gazette train ner "${arguments[@]}" --output Models/entities.nermodel --epochs 10 --seed 1 --held-out 0.1 \
    --prune-below "$prune" \
    2> "$out/train.log" | tee "$out/train.txt"

echo "== 4. today's model and the new one on the $split slices and CoNLL-2003 dev"
# shellcheck disable=SC2086
Scripts/ner-eval.py --slices "$out/slices" --split "$split" --conll-dev "$data/conll2003/eng.testa" \
    --json "$out/figures-$split.json" ${BASELINE:-} | tee "$out/figures-$split.txt"
echo "ner-recipe: done in $(( $(date +%s) - started )) s; figures in $out/figures-$split.txt"
