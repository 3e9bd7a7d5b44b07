import Foundation
import Testing

/// The modules linked into `gazette` import FoundationEssentials only, so that no run loads Foundation's libraries
/// (a few milliseconds of start-up each time); full Foundation may appear only as the `#else` of
/// `#if canImport(FoundationEssentials)`.
@Suite("Foundation imports")
struct FoundationImportTests {
    static let linkedModules = ["Gazette", "GazetteRuntime", "GazetteBatch", "GazetteWeb", "GazetteExport", "GazetteTraining", "GazetteCLI"]

    @Test func linkedModulesImportOnlyFoundationEssentials() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources").path
        var checked = 0
        for module in Self.linkedModules {
            let folder = sources + "/" + module
            let files = try #require(FileManager.default.enumerator(atPath: folder)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
            for file in files {
                let lines = try String(contentsOfFile: folder + "/" + file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                for (index, line) in lines.enumerated() where line.hasPrefix("import Foundation") || line.hasPrefix("@preconcurrency import Foundation") {
                    guard !line.hasPrefix("import FoundationEssentials") else { continue }
                    #expect(index > 0 && lines[index - 1] == "#else", "\(module)/\(file):\(index + 1) imports Foundation")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
