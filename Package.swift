// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Gazette",
    products: [
        .library(name: "Gazette", targets: ["Gazette"]),
        .library(name: "GazetteBatch", targets: ["GazetteBatch"]),
        .library(name: "GazetteTraining", targets: ["GazetteTraining"]),
        .library(name: "GazetteWeb", targets: ["GazetteWeb"]),
        .executable(name: "gazette", targets: ["GazetteCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation` (DocC); a plugin only, nothing of it is linked into the products.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // C shim over ICU4C. Its public header uses plain C types only: a Swift module that imports
        // Foundation cannot also see <unicode/*.h> on Linux (see ARCHITECTURE.md, "Modules").
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // Kernels in plain C that use processor features the baseline build leaves out (AVX2), chosen at run time.
        .target(name: "CGazetteKernels"),
        .target(name: "Gazette", dependencies: ["CICU", "CGazetteKernels", "GazetteRuntime"]),
        // Training and evaluation: a separate library so that embedders of Gazette do not carry them.
        .target(name: "GazetteTraining", dependencies: ["Gazette"]),
        // Archive batch: a separate library so that embedders of Gazette do not pull libarchive or libxml2.
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        // Supplies libxml2's include path and library to CGazetteWebHTML; never imported from Swift (its headers
        // include ICU's on Debian, see Sources/CLibXML2/shim.h).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CGazetteBatch",
                linkerSettings: [.linkedLibrary("z"), .linkedLibrary("brotlidec"), .linkedLibrary("zstd")]),
        .target(name: "GazetteBatch", dependencies: ["Gazette", "GazetteRuntime", "GazetteWeb", "CArchive", "CGazetteBatch"]),
        // Threads, locks, the thread runner and the line reader: start-up's background load in Gazette, the command
        // line and GazetteBatch share them. Not a product; FoundationEssentials and the C library only.
        .target(name: "GazetteRuntime"),
        // Web pages: ICU converters and charset detection, libuchardet, CLD2 (C++) behind a plain-C header.
        .target(
            name: "CGazetteWeb",
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
                .linkedLibrary("uchardet"), .linkedLibrary("cld2"),
            ]
        ),
        // HTML parsing (libxml2, behind the plain-C adapter CGazetteWebHTML) for main-content extraction.
        .target(name: "CGazetteWebHTML", dependencies: ["CLibXML2"]),
        .target(name: "GazetteWeb", dependencies: ["Gazette", "CGazetteWeb", "CGazetteWebHTML"]),
        // `gazette export`: CoNLL, brat, spaCy and Label Studio files from gazette.doc/1 records.
        .target(name: "GazetteExport", dependencies: ["Gazette"]),
        // Runs the extractor over a list of pages for Benchmarks/extraction (not part of the `gazette` command).
        .executableTarget(name: "GazetteExtractBench", dependencies: ["GazetteWeb"]),
        .executableTarget(
            name: "GazetteCLI",
            dependencies: ["Gazette", "GazetteBatch", "GazetteExport", "GazetteTraining", "GazetteRuntime", "GazetteWeb", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Runtime tests use models trained on small fixtures, so they need GazetteTraining too.
        .testTarget(name: "GazetteTests", dependencies: ["Gazette", "GazetteTraining"]),
        .testTarget(name: "GazetteWebTests", dependencies: ["GazetteWeb", "Gazette"]),
        .testTarget(name: "GazetteExportTests", dependencies: ["GazetteExport", "Gazette"]),
        // Running the built command and temporary folders, for the test targets that run `gazette` as a process.
        .target(name: "GazetteTestSupport", path: "Tests/GazetteTestSupport"),
        .testTarget(name: "GazetteRuntimeTests", dependencies: ["GazetteRuntime"]),
        .testTarget(name: "GazetteCLITests", dependencies: ["GazetteCLI", "GazetteTestSupport"]),
        .testTarget(name: "GazetteBatchTests", dependencies: ["GazetteBatch", "GazetteRuntime", "GazetteWeb", "GazetteCLI", "CArchive", "GazetteTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
