# Shared by the integration smoke scripts (sourced, not run): progress lines, the pass / fail count that ends every
# smoke run ("smoke: N passed, N failed"), the skip rule for missing tools, and a work folder removed on exit.
# The sourcing script sets `skip_if_unavailable` (true/false) and `keep` (true/false) first.

started=$SECONDS
passed=0
step() { printf 'smoke [%3ds] %s\n' $((SECONDS - started)) "$*" >&2; }
pass() { passed=$((passed + 1)); step "ok: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; echo "smoke: $passed passed, 1 failed"; exit 1; }
# A tool the smoke needs is missing: skip (exit 0) when asked to, else fail.
unavailable() {
    if $skip_if_unavailable; then echo "smoke: SKIPPED, $*" >&2; exit 0; fi
    fail "$*"
}

# make_work_folder NAME: sets `work` to a new temporary folder, removed on exit unless --keep.
make_work_folder() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    if $keep; then step "work folder: $work"; else trap 'rm -rf "$work"' EXIT; fi
}
