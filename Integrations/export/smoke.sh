#!/usr/bin/env bash
# Smoke test of `gazette export` against its real consumers (not part of `swift test`). Installs spaCy 3.8,
# label-studio-sdk and jsonschema into a venv, converts the CoNLL-2003 dev set to JSON Lines text at run time (never
# copied into the repository), and checks:
#   1. spaCy: every gold entity of the dev set, and every entity gazette finds in it, comes back from
#      `Doc.from_json` (spaCy 3.8, validate=True) with identical character spans and labels, sentences and linked ids
#      too; it prints the counts;
#   2. Label Studio: the tasks and labelling interface that `export --to label-studio` writes for the dev set pass
#      the SDK's LabelInterface (validate, validate_task, validate_prediction) and Integrations/export/
#      label-studio-tasks.schema.json (written from Label Studio's documented task format), and each region's text is
#      data.text[start:end]; an unknown label and a score out of range are refused by them.
#
# Usage: Integrations/export/smoke.sh [--binary PATH] [--conll PATH] [--skip-if-unavailable] [--keep]
#   --binary PATH   the gazette to test (default .build/release/gazette, else .build/debug/gazette)
#   --conll PATH    the CoNLL file (default ../shared/data/conll2003/eng.testa beside the checkout)
#   --skip-if-unavailable  exit 0 with a SKIPPED line when the packages cannot be installed (no index)
#   --keep          keep the work folder
# Its last line is "smoke: N passed, N failed". Environment: GAZETTE_EXPORT_VENV (default .build-python/export-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

binary=""
conll="../shared/data/conll2003/eng.testa"
keep=false
skip_if_unavailable=false
while [ $# -gt 0 ]; do
    case "$1" in
        --binary) binary=$(realpath "$2"); shift 2 ;;
        --conll) conll=$2; shift 2 ;;
        --skip-if-unavailable) skip_if_unavailable=true; shift ;;
        --keep) keep=true; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "smoke: unknown argument $1" >&2; exit 2 ;;
    esac
done

# shellcheck source=../smoke-common.sh
source Integrations/smoke-common.sh

if [ -z "$binary" ]; then
    for candidate in .build/release/gazette .build/debug/gazette; do
        if [ -x "$candidate" ]; then binary=$repo/$candidate; break; fi
    done
fi
[ -n "$binary" ] && [ -x "$binary" ] || fail "no gazette binary: swift build first, or --binary PATH"
[ -f "$conll" ] || fail "no CoNLL file at $conll (--conll PATH)"
step "gazette: $binary; CoNLL: $conll"

make_work_folder gazette-export-smoke

# --- The consumers in a venv ----------------------------------------------------------------------------------
venv=${GAZETTE_EXPORT_VENV:-.build-python/export-venv}
if ! "$venv/bin/python" -c 'import spacy, label_studio_sdk, jsonschema, sys; sys.exit(not spacy.__version__.startswith("3.8."))' 2> /dev/null; then
    step "installing spacy==3.8.*, label-studio-sdk and jsonschema into $venv"
    python3 -m venv "$venv" || unavailable "python3 -m venv failed"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --retries 3 --timeout 60 \
        "spacy==3.8.*" label-studio-sdk jsonschema || unavailable "could not install spaCy 3.8 and label-studio-sdk"
fi
python="$venv/bin/python"
step "spacy $("$python" -c 'import spacy; print(spacy.__version__)'), label-studio-sdk $("$python" -m pip show label-studio-sdk 2> /dev/null | sed -n 's/^Version: //p')"
check() { "$python" Integrations/export/check.py "$@"; }

# --- The dev set as JSON Lines, annotated ----------------------------------------------------------------------
check conll-to-jsonl "$conll" "$work/texts.jsonl" "$work/gold.jsonl" >&2 || fail "converting $conll"
"$binary" --emit-text --input jsonl --jobs 2 "$work/texts.jsonl" > "$work/annotated.jsonl" || fail "gazette annotating the dev set"
step "annotated $(wc -l < "$work/annotated.jsonl") documents"

# --- 1. spaCy ---------------------------------------------------------------------------------------------------
"$binary" export --to spacy "$work/gold.jsonl" > "$work/gold.spacy.jsonl" 2> "$work/gold.spacy.err" \
    || { cat "$work/gold.spacy.err" >&2; fail "export --to spacy of the gold entities"; }
step "gold entities: $(grep -c 'cut there' "$work/gold.spacy.err" || true) lie inside a Gazette token (reported, token cut, entity kept); $(grep -c 'left out' "$work/gold.spacy.err" || true) left out"
grep -q 'left out' "$work/gold.spacy.err" && { grep 'left out' "$work/gold.spacy.err" | head -5 >&2; fail "gold entities were left out"; }
check spacy "$work/gold.jsonl" "$work/gold.spacy.jsonl" "CoNLL dev set, gold entities" || fail "gold entities through Doc.from_json"
pass "every gold entity of the dev set through Doc.from_json with identical spans"

"$binary" export --to spacy "$work/annotated.jsonl" > "$work/annotated.spacy.jsonl" 2> "$work/annotated.spacy.err" \
    || { cat "$work/annotated.spacy.err" >&2; fail "export --to spacy of gazette's entities"; }
[ ! -s "$work/annotated.spacy.err" ] || { head -5 "$work/annotated.spacy.err" >&2; fail "gazette's own entities did not all fit its tokens"; }
check spacy "$work/annotated.jsonl" "$work/annotated.spacy.jsonl" "CoNLL dev set, gazette's entities" || fail "gazette's entities through Doc.from_json"
pass "every entity gazette finds in the dev set through Doc.from_json with identical spans"

# --- 2. Label Studio ----------------------------------------------------------------------------------------------
"$binary" export --to label-studio --output "$work/label-studio" "$work/annotated.jsonl" || fail "export --to label-studio"
check label-studio "$work/annotated.jsonl" "$work/label-studio" Integrations/export/label-studio-tasks.schema.json \
    || fail "Label Studio validation"
pass "Label Studio tasks valid for the SDK and the documented format"

echo "smoke: $passed passed, 0 failed"
