// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Gazette",
    products: [
        .library(name: "Gazette", targets: ["Gazette"]),
        .library(name: "GazetteBatch", targets: ["GazetteBatch"]),
        .executable(name: "gazette", targets: ["GazetteCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C shim over ICU4C. Its public header uses plain C types only: a Swift module that imports
        // Foundation cannot also see <unicode/*.h> on Linux (see DESIGN.md, "Foundation vs ICU headers").
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "Gazette", dependencies: ["CICU"]),
        // Archive batch: a separate library so that embedders of Gazette do not pull libarchive or libxml2.
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        // Supplies libxml2's include path and library to CGazetteBatch; never imported from Swift (its headers
        // include ICU's on Debian, see Sources/CLibXML2/shim.h).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CGazetteBatch", dependencies: ["CLibXML2"],
                linkerSettings: [.linkedLibrary("z"), .linkedLibrary("brotlidec"), .linkedLibrary("zstd")]),
        .target(name: "GazetteBatch", dependencies: ["Gazette", "CArchive", "CGazetteBatch"]),
        .executableTarget(
            name: "GazetteCLI",
            dependencies: ["Gazette", "GazetteBatch", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GazetteTests", dependencies: ["Gazette"]),
        // Running the built command and temporary folders, for the test targets that run `gazette` as a process.
        .target(name: "GazetteTestSupport", path: "Tests/GazetteTestSupport"),
        .testTarget(name: "GazetteCLITests", dependencies: ["GazetteCLI", "GazetteTestSupport"]),
        .testTarget(name: "GazetteBatchTests", dependencies: ["GazetteBatch", "GazetteCLI", "CArchive", "GazetteTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
