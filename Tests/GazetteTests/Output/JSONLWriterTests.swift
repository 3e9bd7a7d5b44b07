import Foundation
import Testing
@testable import Gazette

@Suite("JSON Lines writer")
struct JSONLWriterTests {
    let pipeline = TestPipeline.shared

    private func object(_ bytes: [UInt8]) throws -> [String: Any] {
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(bytes.dropLast().contains(UInt8(ascii: "\n")) == false, "one line per record")
        return try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    /// Text with emoji, accents, a combining mark, CJK, İ and CRLF, and entities after each of them.
    static let hardText = "😀 Zürich e\u{301}te\u{301}, 北京 visit.\r\nİstanbul 👍🏽 then the PRC and China."

    @Test(arguments: OffsetUnit.allCases)
    func offsetsSliceTheTextInEveryUnit(unit: OffsetUnit) throws {
        let document = try pipeline.annotate(Self.hardText, id: "hard")
        #expect(document.entities.map(\.text) == ["Zürich", "北京", "İstanbul", "PRC", "China"])
        let record = try object(JSONLWriter(offsets: unit, stamp: "test").record(for: document))
        #expect(record["offsets"] as? String == unit.rawValue)
        let entities = try #require(record["entities"] as? [[String: Any]])
        #expect(entities.count == 5)
        for entity in entities {
            let start = try #require(entity["start"] as? Int), end = try #require(entity["end"] as? Int)
            #expect(slice(Self.hardText, start, end, unit: unit) == entity["text"] as? String)
        }
        let sentences = try #require(record["sentences"] as? [[Int]])
        #expect(sentences.map { slice(Self.hardText, $0[0], $0[1], unit: unit) }
            == ["😀 Zürich e\u{301}te\u{301}, 北京 visit.", "İstanbul 👍🏽 then the PRC and China."])
    }

    @Test func codepointOffsetsAreTheDefaultAndMatchKnownValues() throws {
        let document = try pipeline.annotate("😀 China", id: "1")
        let record = try object(JSONLWriter(stamp: "test").record(for: document))
        let entity = try #require((record["entities"] as? [[String: Any]])?.first)
        #expect(record["offsets"] as? String == "codepoint")
        #expect(entity["start"] as? Int == 2 && entity["end"] as? Int == 7)
        let utf16 = try object(JSONLWriter(offsets: .utf16, stamp: "test").record(for: document))
        #expect((utf16["entities"] as? [[String: Any]])?.first?["start"] as? Int == 3)
        let utf8 = try object(JSONLWriter(offsets: .utf8, stamp: "test").record(for: document))
        #expect((utf8["entities"] as? [[String: Any]])?.first?["start"] as? Int == 5)
    }

    /// A score no loaded model can make (NaN, ±∞, outside [0, 1]) is clamped, never a trap: NaN and -∞ as 0.
    @Test func nonFiniteScoresAreClampedNotTrapped() throws {
        var document = try pipeline.annotate("Antony Blinken visited China.", id: "nan")
        #expect(document.entities.count == 2)
        document.entities[0].score = .nan
        document.entities[1].score = .infinity
        document.topics = [Topic(label: "a", score: .nan), Topic(label: "b", score: 7), Topic(label: "c", score: -.infinity)]
        let record = try object(JSONLWriter(stamp: "test").record(for: document))
        let entities = try #require(record["entities"] as? [[String: Any]])
        #expect(entities.map { $0["score"] as? Double } == [0, 1])
        let topics = try #require(record["topics"] as? [[String: Any]])
        #expect(topics.map { $0["score"] as? Double } == [0, 1, 0])
    }

    /// The title rule (0.85) and the first-name rule (0.8) agree on "Antony Blinken": 1 - 0.15 × 0.6 = 0.91.
    @Test func recordFollowsTheSchema() throws {
        let document = try pipeline.annotate("Secretary of State Antony Blinken won the election vote in China.", id: "42")
        let bytes = JSONLWriter(stamp: "0.1.0+gaz.test").record(for: document)
        let line = String(decoding: bytes, as: UTF8.self)
        #expect(line.hasPrefix(#"{"id":"42","schema":"gazette.doc/1","offsets":"codepoint","sentences":[[0,65]],"entities":[{"start":19,"end":33,"text":"Antony Blinken","label":"PERSON","score":0.91,"source":"rule:title-before-name","sentence":0}"#))
        let record = try object(bytes)
        #expect(record["gazette"] as? String == "0.1.0+gaz.test")
        #expect(record["topic_model"] as? String == "fixture/1")
        let topics = try #require(record["topics"] as? [[String: Any]])
        #expect(topics.first?["label"] as? String == "politics")
        #expect(record["warnings"] == nil && record["error"] == nil)
    }

    @Test func passthroughFieldsComeFirstUnchanged() throws {
        let document = try pipeline.annotate("China", id: "7")
        let passthrough = [
            JSONLWriter.PassthroughField(name: "id", rawValue: Array("7".utf8)),
            JSONLWriter.PassthroughField(name: "price", rawValue: Array("1.50e+3".utf8)),
            JSONLWriter.PassthroughField(name: "entities", rawValue: Array("\"stale\"".utf8)),
        ]
        let line = String(decoding: JSONLWriter(stamp: "t").record(for: document, passthrough: passthrough), as: UTF8.self)
        #expect(line.hasPrefix(#"{"id":7,"price":1.50e+3,"schema":"gazette.doc/1""#))
        #expect(!line.contains("stale"))
    }

    @Test func errorRecordsNameTheProblem() throws {
        let bytes = JSONLWriter(stamp: "t").errorRecord(id: "x", error: GazetteError(.malformedJSON, "line 3: bad"), line: 3)
        let record = try object(bytes)
        let error = try #require(record["error"] as? [String: Any])
        #expect(error["code"] as? String == "GZ101")
        #expect(error["line"] as? Int == 3)
        #expect(record["id"] as? String == "x")
    }

    @Test func scoresAreCompactDecimals() throws {
        var document = Document(text: "ab", id: nil)
        document.topics = [Topic(label: "a", score: 1), Topic(label: "b", score: 0.5), Topic(label: "c", score: 0.0004), Topic(label: "d", score: 0.1234)]
        let line = String(decoding: JSONLWriter(stamp: "t").record(for: document), as: UTF8.self)
        #expect(line.contains(#""topics":[{"label":"a","score":1},{"label":"b","score":0.5},{"label":"c","score":0},{"label":"d","score":0.123}]"#))
        document.topics = [0.005, 0.105, 0.1, 0.85, 0.99951, 0.0996].map { Topic(label: "t", score: $0) }
        let more = String(decoding: JSONLWriter(stamp: "t").record(for: document), as: UTF8.self)
        #expect(more.contains(#""score":0.005},{"label":"t","score":0.105},{"label":"t","score":0.1},{"label":"t","score":0.85},{"label":"t","score":1},{"label":"t","score":0.1}"#))
    }
}

/// Metadata fields and the text: written after `offsets` in a fixed order, replacing passed-through fields of the
/// same names, and nothing at all when unset.
@Suite("JSON Lines writer: metadata and text")
struct JSONLWriterMetadataTests {
    @Test func metadataAndTextFollowOffsetsInOrder() {
        var document = Document(text: "Zürich 😀", id: "d")
        document.metadata = DocumentMetadata(language: "de", languageConfidence: 0.97, title: "T", published: "2024-01-02",
                                             authors: ["A", "B"], canonicalURL: "https://x.example/", siteName: "S")
        let writer = JSONLWriter(stamp: "s")
        let passthrough = [JSONLWriter.PassthroughField(name: "id", rawValue: Array(#""d""#.utf8)),
                           JSONLWriter.PassthroughField(name: "language", rawValue: Array(#""xx""#.utf8)),
                           JSONLWriter.PassthroughField(name: "text", rawValue: Array(#""old""#.utf8))]
        let record = String(decoding: writer.record(for: document, passthrough: passthrough, includingText: true), as: UTF8.self)
        #expect(record == #"{"id":"d","schema":"gazette.doc/1","offsets":"codepoint","language":"de","language_confidence":0.97,"title":"T","published":"2024-01-02","authors":["A","B"],"canonical_url":"https://x.example/","site_name":"S","text":"Zürich 😀","sentences":[],"entities":[],"topics":[],"gazette":"s"}"# + "\n")
        let plain = String(decoding: writer.record(for: Document(text: "x", id: "d"), passthrough: passthrough), as: UTF8.self)
        #expect(plain == #"{"id":"d","language":"xx","text":"old","schema":"gazette.doc/1","offsets":"codepoint","sentences":[],"entities":[],"topics":[],"gazette":"s"}"# + "\n")
    }
}
