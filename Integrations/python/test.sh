#!/usr/bin/env bash
# Runs the Python client's tests (Integrations/python/tests) with pytest, against the client as `pip install`
# installs it, in a venv of its own (.build-python/client-venv, git-ignored) with spaCy 3.8 and pytest.
#
#   Integrations/python/test.sh                          # uses .build/debug/gazette (made by `swift test`)
#   GAZETTE_BINARY=PATH Integrations/python/test.sh -x   # another binary; other arguments go to pytest
#   Integrations/python/test.sh --skip-if-unavailable    # exit 0 with a SKIPPED line when the package index cannot
#                                                        # be reached to install spaCy and pytest (CI does this)
set -euo pipefail
cd "$(dirname "$0")/../.."

skip_if_unavailable=false
arguments=()
for argument in "$@"; do
    case "$argument" in
        --skip-if-unavailable) skip_if_unavailable=true ;;
        *) arguments+=("$argument") ;;
    esac
done

venv=${GAZETTE_CLIENT_VENV:-.build-python/client-venv}
if ! "$venv/bin/python" -c 'import pytest, spacy, setuptools, wheel' 2> /dev/null; then
    echo "Integrations/python/test.sh: installing spacy==3.8.* and pytest into $venv" >&2
    python3 -m venv "$venv"
    # Bounded: an index that answers but trickles would otherwise hold the run (and CI) for as long as it likes.
    status=0
    timeout --kill-after=10 480 "$venv/bin/python" -m pip install -q --disable-pip-version-check --retries 3 --timeout 60 \
        "spacy==3.8.*" pytest "setuptools>=61" wheel || status=$?
    if [ "$status" = 124 ] && $skip_if_unavailable; then
        echo "Integrations/python/test.sh: SKIPPED, installing spaCy and pytest took more than 8 minutes (the package index is too slow)" >&2
        exit 0
    fi
    if [ "$status" != 0 ]; then
        # Only an index that cannot be reached is a reason to skip; any other failure fails.
        if $skip_if_unavailable && ! timeout 120 "$venv/bin/python" -m pip index versions pytest > /dev/null 2>&1; then
            echo "Integrations/python/test.sh: SKIPPED, the package index cannot be reached to install spaCy and pytest" >&2
            exit 0
        fi
        echo "Integrations/python/test.sh: could not install spaCy and pytest" >&2
        exit 1
    fi
fi
# The checkout's client, installed as users install it (no index needed: setuptools is in the venv).
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation --force-reinstall \
    ./Integrations/python
rm -rf Integrations/python/build Integrations/python/*.egg-info
export GAZETTE_BINARY=${GAZETTE_BINARY:-$PWD/.build/debug/gazette}
# From the checkout's root, so that `import gazette` is the installed package, not the source folder.
exec "$venv/bin/python" -m pytest -q -p no:cacheprovider Integrations/python/tests "${arguments[@]}"
