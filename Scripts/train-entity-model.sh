#!/usr/bin/env bash
# Rebuilds Models/entities.nermodel, the shipped entity model. The recipe is Scripts/ner-recipe.sh (CoNLL-2003
# eng.train plus the ner-extra sources, with per-source weights; it also scores the new model against today's);
# this name is kept because docs and habits call it. Retrain whenever Gazetteers/ or the rules change: the model
# weighs their candidates.
#   Scripts/train-entity-model.sh [--validation]
set -euo pipefail
exec "$(dirname "$0")/ner-recipe.sh" "$@"
