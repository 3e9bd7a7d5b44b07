#!/bin/sh
# Gazette's pipeline benchmark (see Benchmarks/README.md): Benchmarks/run.sh [--quick] [--help]
exec python3 "$(dirname "$0")/pipeline/harness.py" "$@"
