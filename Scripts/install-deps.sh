#!/usr/bin/env bash
# Installs the Debian packages Gazette builds against, only those missing. Uses sudo when not root.
set -euo pipefail
packages=(libicu-dev libarchive-dev libxml2-dev zlib1g-dev libuchardet-dev libcld2-dev libbrotli-dev libzstd-dev)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
run() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
echo "Installing ${missing[*]}" >&2
run apt-get update -q
DEBIAN_FRONTEND=noninteractive run apt-get install -y -q "${missing[@]}"
