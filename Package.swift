// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Gazette",
    products: [
        .library(name: "Gazette", targets: ["Gazette"]),
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
        .executableTarget(
            name: "GazetteCLI",
            dependencies: ["Gazette", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "GazetteTests", dependencies: ["Gazette"]),
        .testTarget(name: "GazetteCLITests", dependencies: ["GazetteCLI"]),
    ],
    swiftLanguageModes: [.v6]
)
