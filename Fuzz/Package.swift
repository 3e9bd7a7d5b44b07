// swift-tools-version:6.0
// libFuzzer harnesses for Gazette: a package of its own, so that `swift build` and `swift test` of the project never
// build them. Build and run them with `Scripts/fuzz.sh` (it passes `-sanitize=fuzzer` and `-parse-as-library`).
import PackageDescription

let package = Package(
    name: "GazetteFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Gazette", path: "..")],
    targets: [
        // What every harness shares: the standard pipeline loaded once, and a writer.
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver", .product(name: "Gazette", package: "Gazette")]),
        // Raw bytes as one plain-text document through the whole pipeline and the JSON writer.
        .executableTarget(name: "FuzzAnnotate", dependencies: ["FuzzSupport", .product(name: "Gazette", package: "Gazette")]),
        // Raw bytes as one line of JSON Lines input (the filter's reader and record annotator).
        .executableTarget(name: "FuzzJSONLines", dependencies: ["FuzzSupport", .product(name: "Gazette", package: "Gazette")]),
        // Raw bytes as a resource file: entity model, topic model, label map, user TSV list, spaCy patterns,
        // gazetteer cache; the first byte chooses which.
        .executableTarget(name: "FuzzResources", dependencies: ["FuzzSupport", .product(name: "Gazette", package: "Gazette")]),
        // Raw bytes as a web page (charset detection, HTML parsing, article extraction) and as plain text.
        .executableTarget(name: "FuzzWeb", dependencies: ["FuzzSupport", .product(name: "GazetteWeb", package: "Gazette")]),
        // Raw bytes as a batch input file (WARC, ARC, gzip, tar, zip, JSON Lines); the first byte chooses the name.
        .executableTarget(name: "FuzzArchive", dependencies: ["FuzzSupport", .product(name: "GazetteBatch", package: "Gazette"),
                                                              .product(name: "GazetteWeb", package: "Gazette")]),
    ],
    swiftLanguageModes: [.v6]
)
