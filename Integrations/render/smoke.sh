#!/usr/bin/env bash
# gazette render in a real browser: annotates a few documents of our own (and Examples/), renders a folder of pages,
# opens each page in headless Chromium (Debian's `chromium`), checks that its script ran over every mention with no
# console error, and takes screenshots (one with a mention pinned open, as hovering shows it). Not part of
# `swift test`.
#
#   Integrations/render/smoke.sh [--binary PATH] [--out DIR] [--skip-if-unavailable]
#
# Installs chromium with apt-get when it is missing and this runs as root. Screenshots go to DIR (default
# .build-render/); look at them.
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=.build/debug/gazette; out=.build-render; skip=0
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2;;
    --out) out=$2; shift 2;;
    --skip-if-unavailable) skip=1; shift;;
    *) echo "smoke.sh: unknown argument $1" >&2; exit 2;;
  esac
done
unavailable() { if [ $skip = 1 ]; then echo "render smoke: SKIPPED ($1)"; exit 0; else echo "render smoke: $1" >&2; exit 1; fi; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core > /dev/null 2>&1 || true
  browser=$(command -v chromium || true)
fi
[ -n "$browser" ] || unavailable "no chromium (apt-get install chromium)"
[ -x "$binary" ] || { echo "render smoke: no gazette binary at $binary (swift build first)" >&2; exit 1; }

rm -rf "$out"; mkdir -p "$out"
export GAZETTE_RESOURCES=${GAZETTE_RESOURCES:-$PWD}
# Documents of our own: linked mentions, a user-visible <script> in the text (must stay text), emoji and CJK.
cat > "$out/input.jsonl" <<'JSONL'
{"id":"summit","text":"President Xi Jinping met Antony Blinken in Beijing on Monday. Xi told Blinken that the State Department should respect China's position; Blinken later flew to Tokyo, where Japanese officials greeted him. The talks, Blinken said, were \"candid\"."}
{"id":"markup & emoji","text":"A reader wrote <script>alert('x')</script> under the article about Angela Merkel's visit to Paris 🇫🇷 and 東京. Merkel met Emmanuel Macron at the Élysée Palace."}
{"id":"football","text":"Manchester United beat Arsenal 2-1 at Old Trafford on Saturday. Erik ten Hag praised Bruno Fernandes, who scored twice for United."}
JSONL
"$binary" --input jsonl --emit-text --explain --topics 3 "$out/input.jsonl" > "$out/records.jsonl"
"$binary" --emit-text --explain --topics 3 Examples/sample-article.txt >> "$out/records.jsonl"
"$binary" render --title "Render smoke" --output "$out/pages" "$out/records.jsonl"

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" --hide-scrollbars
       --enable-logging=stderr --v=0 --virtual-time-budget=3000)
failures=0; pages=0
for page in "$out"/pages/*.html; do
  pages=$((pages + 1))
  url="file://$(realpath "$page")"
  dom=$("$browser" "${flags[@]}" --dump-dom "$url" 2> "$out/console.log" || true)
  marks=$(grep -o '<mark class="ent' <<< "$dom" | wc -l || true)
  ready=$(grep -o 'data-ready="[0-9]*"' <<< "$dom" | head -1 | tr -dc '0-9' || true)
  errors=$(grep -E 'CONSOLE|Uncaught|Refused' "$out/console.log" | grep -v 'favicon' || true)
  if [ "$(basename "$page")" = index.html ]; then
    links=$(grep -o '<a href="[^"]*\.html"' <<< "$dom" | wc -l || true)
    if [ "$links" -lt 4 ] || [ -n "$errors" ]; then echo "FAIL $page: $links links; $errors"; failures=$((failures + 1)); else echo "ok   $page: $links documents linked"; fi
  elif [ -z "$ready" ] || [ "$ready" != "$marks" ] || [ -n "$errors" ]; then
    echo "FAIL $page: script saw ${ready:-no} of $marks mentions; console: $errors"; failures=$((failures + 1))
  else
    echo "ok   $page: $marks mentions, script ran over all, no console errors"
  fi
  if grep -q "<script>alert" <<< "$dom"; then echo "FAIL $page: text markup became markup"; failures=$((failures + 1)); fi
  name=$(basename "$page" .html)
  "$browser" "${flags[@]}" --window-size=1280,900 --screenshot="$out/$name.png" "$url" > /dev/null 2>&1 || true
  "$browser" "${flags[@]}" --window-size=1280,900 --screenshot="$out/$name-pinned.png" "$url#focus=1" > /dev/null 2>&1 || true
done
echo "render smoke: $pages pages, $failures failed; screenshots in $out/"
[ $failures = 0 ]
