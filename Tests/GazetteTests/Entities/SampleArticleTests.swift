import Foundation
import Testing
@testable import Gazette

/// The shipped pipeline on whole news pages: the project's own paraphrased sample article, and the seed article
/// in ../shared when it is there (it is not ours to copy into the project).
@Suite("Sample articles")
struct SampleArticleTests {
    static let root = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let seedArticle = root.deletingLastPathComponent().appendingPathComponent("shared/samples/seed-article.txt")
    static let pipeline = Result { try Pipeline.standard() }

    static let required: [(String, EntityLabel)] = [
        ("Antony Blinken", .person), ("Ned Price", .person), ("Mahmoud Abbas", .person), ("Kaja Kallas", .person),
        ("State Department", .organization), ("Asian Lite News", .organization), ("European Union", .organization),
        ("Pentagon", .organization),
        ("China", .location), ("Xinjiang", .location), ("United States", .location), ("Canada", .location),
        ("South Korea", .location), ("Kabul", .location),
    ]

    private func check(_ text: String) throws {
        let document = try Self.pipeline.get().annotate(text)
        for (name, label) in Self.required {
            #expect(document.entities.contains { $0.text == name && $0.label == label }, "\(label) \(name) not found")
        }
        // Every mention of "Blinken" alone is the same person, linked to the full name.
        let blinkens = document.entities.filter { $0.text == "Blinken" }
        #expect(blinkens.count >= 2)
        #expect(blinkens.allSatisfy { $0.label == .person && $0.name == "Antony Blinken" })
        // Offsets are exact.
        let utf8 = Array(text.utf8)
        for entity in document.entities {
            #expect(String(decoding: utf8[entity.utf8Range], as: UTF8.self) == entity.text)
        }
    }

    @Test func paraphrasedSampleArticle() throws {
        try check(try String(contentsOf: Self.root.appendingPathComponent("Examples/sample-article.txt"), encoding: .utf8))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: seedArticle.path), "../shared/samples/seed-article.txt is absent"))
    func sharedSeedArticle() throws {
        try check(try String(contentsOf: Self.seedArticle, encoding: .utf8))
    }
}
