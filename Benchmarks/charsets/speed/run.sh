#!/usr/bin/env bash
# Release-build speed of HTMLDecoder, CharsetDetector and LanguageIdentifier (main.swift beside this script), on the
# pages that Benchmarks/charsets/run.sh un-gzips into Benchmarks/charsets/.work/. Builds a small package in .work/speed
# that depends on this repository's GazetteWeb library.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="$here/../.work"
mkdir -p "$work/speed/Sources/speed"
cp "$here/main.swift" "$work/speed/Sources/speed/main.swift"
cat > "$work/speed/Package.swift" <<SWIFT
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "speed",
    dependencies: [.package(path: "$root")],
    targets: [.executableTarget(name: "speed", dependencies: [.product(name: "GazetteWeb", package: "$(basename "$root")")])],
    swiftLanguageModes: [.v6]
)
SWIFT
swift build -c release --package-path "$work/speed"
"$work/speed/.build/release/speed" "$(cd "$work" && pwd)"
