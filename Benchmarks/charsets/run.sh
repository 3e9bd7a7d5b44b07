#!/usr/bin/env bash
# Charset and language measurements (see README.md beside this script): generates the own charset cases, un-gzips the
# web-extraction pages into .work/ (never committed) and runs the measurement tests, which print their figures.
# Usage: Benchmarks/charsets/run.sh [DATA_DIR]   (default: ../shared/data/web-extraction beside the repository)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/../shared/data/web-extraction}"
[ -d "$data" ] || data="/work/shared/data/web-extraction"
python3 "$here/make_cases.py" "$here/.work/cases"
python3 "$here/prepare_pages.py" "$data" "$here/.work"
cd "$root"
swift build --build-tests
GAZETTE_WEB_BENCH="$here/.work" swift test --skip-build --filter 'GazetteWebTests\.(CharsetMeasurement|LanguageMeasurement)' 2>&1 \
    | grep -E "^(own cases|pages|language)|✘|passed after|failed after" | tee "$here/.work/results.txt"
# The <meta> prescan against html5lib's (PyPI), in a virtual environment under .work/.
[ -x "$here/.work/venv/bin/python" ] || { python3 -m venv "$here/.work/venv" && "$here/.work/venv/bin/pip" install -q html5lib==1.1; }
"$here/.work/venv/bin/python" "$here/compare_prescan.py" "$here/.work" | tee -a "$here/.work/results.txt"
