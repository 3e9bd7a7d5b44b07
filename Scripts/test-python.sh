#!/usr/bin/env bash
# Runs the Python tests of Scripts/ (the gazetteer builder, Scripts/gazetteer_builder) with pytest.
#
#   Scripts/test-python.sh               # unit tests on small inputs of their own; plus, when a gazette binary is
#                                        # built (.build/debug or .build/release, or GAZETTE=PATH), the check that
#                                        # Gazette's lookup agrees with the builder's matching keys
#   Scripts/test-python.sh --rebuild     # also rebuild Gazetteers/ from the staged sources into a temporary
#                                        # folder and compare it with the committed lists, byte for byte (~30 s;
#                                        # sources: GAZETTE_GAZETTEER_SOURCES, default ../shared/data/gazetteer-sources
#                                        # beside the checkout)
#   Scripts/test-python.sh -k names -x   # other arguments go to pytest
#
# Uses python3's own pytest when it has one; otherwise installs Scripts/requirements-test.txt into
# .build-python/venv (git-ignored) once. pytest's exit status is passed on as it is: 5 (no tests collected) is a
# failure here, since it can only mean that the tests went missing.
set -euo pipefail
cd "$(dirname "$0")/.."

arguments=()
for argument in "$@"; do
    case "$argument" in
        --rebuild) export GAZETTE_REBUILD_TEST=1 ;;
        *) arguments+=("$argument") ;;
    esac
done

python=python3
if ! python3 -m pytest --version > /dev/null 2>&1; then
    venv=.build-python/venv
    if ! "$venv/bin/python" -m pytest --version > /dev/null 2>&1; then
        echo "Scripts/test-python.sh: installing pytest into $venv" >&2
        python3 -m venv "$venv"
        "$venv/bin/pip" install -q -r Scripts/requirements-test.txt
    fi
    python=$PWD/$venv/bin/python
fi
cd Scripts
exec "$python" -m pytest "${arguments[@]}"
