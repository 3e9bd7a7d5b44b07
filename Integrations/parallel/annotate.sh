#!/usr/bin/env bash
# Annotates a JSON Lines file on every core of one machine with GNU parallel, without Spark: the file is cut into
# blocks at line ends (--pipepart reads it in place, no pipe), each block goes through its own `gazette --input
# jsonl`, and the outputs are written in input order (-k), so the result is byte for byte what
# `gazette --input jsonl FILE` writes (Benchmarks/scale/benchmark.sh checks this).
#
#   Integrations/parallel/annotate.sh docs.jsonl > annotated.jsonl
#   JOBS=4 GAZETTE=dist/gazette/bin/gazette Integrations/parallel/annotate.sh docs.jsonl --offsets utf16 > out.jsonl
#
# Arguments after the file go to gazette. JOBS: parallel job slots (default: the number of cores). GAZETTE: the
# executable (default: gazette on PATH). Each block starts one gazette (about 35 ms with the gazetteer cache
# warm); --block -4 makes four blocks per job slot, enough to even out uneven blocks. Warm the cache first
# (`gazette gazetteer compile`) so that the first blocks do not all compile the gazetteers at once.
# Needs GNU parallel (apt-get install parallel). The whole command is simply:
#   parallel --pipepart -a docs.jsonl --block -4 -k -j "$(nproc)" gazette --input jsonl
set -euo pipefail
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
case "${1:-}" in
    -h|--help) usage; exit 0 ;;
    "") usage >&2; exit 2 ;;
esac
input=$1
shift
command -v parallel > /dev/null || { echo "annotate.sh: needs GNU parallel (apt-get install parallel)" >&2; exit 2; }
[ -f "$input" ] || { echo "annotate.sh: no file $input (--pipepart needs a file, not a pipe)" >&2; exit 2; }
gazette=${GAZETTE:-gazette}
# -q: the command is passed on quoted, so paths and arguments with spaces survive.
exec parallel -q --pipepart -a "$input" --block -4 -k -j "${JOBS:-$(nproc)}" "$gazette" --input jsonl "$@"
