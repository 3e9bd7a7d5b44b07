import Foundation
import Testing
@testable import Gazette

/// The library's side of the bad-input policy: what `RecordAnnotator` writes for binary, empty and oddly shaped
/// records, and what it tells its caller (`OutputRecord.error`, `replacedFields`).
@Suite("Record annotator: bad input")
struct RecordAnnotatorBadInputTests {
    let annotator = RecordAnnotator(pipeline: TestPipeline.shared, writer: JSONLWriter(stamp: "t"))

    /// The record as an object. Input fields pass through byte for byte, lone surrogate escapes included, which
    /// Foundation's parser refuses: those are read as U+FFFD here.
    private func object(_ output: OutputRecord) throws -> [String: Any] {
        let line = String(decoding: output.bytes, as: UTF8.self).replacing(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/, with: "\\ufffd")
        return try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    private func errorCode(_ output: OutputRecord) throws -> String? {
        (try object(output)["error"] as? [String: Any])?["code"] as? String
    }

    @Test func binaryBytesAreNotAnnotated() throws {
        let bytes: [UInt8] = Array("\u{7F}ELF".utf8) + [2, 1, 1, 0, 0, 0] + Array(" Acme Corp in Paris".utf8)
        let output = annotator.annotate(.text(id: "tool.bin", bytes: bytes))
        #expect(output.failed)
        #expect(output.error?.code == .unusableContent)
        #expect(try errorCode(output) == "GZ107")
        #expect(try object(output)["entities"] == nil)
        #expect(output.error?.message.contains("tool.bin") == true)
    }

    @Test func aNulAfterTheProbeIsText() throws {
        let bytes = Array(String(repeating: "Talks in Oslo. ", count: 600).utf8) + [0] + Array(" More.".utf8)
        #expect(bytes.count > DocumentContent.binaryProbeLength)
        let output = annotator.annotate(.text(id: "long.txt", bytes: bytes))
        #expect(!output.failed)
    }

    @Test(arguments: ["", " ", "\n\t \r\n", "\u{3000}\u{A0}"])
    func emptyTextsGetTheEmptyDocumentCodeAndNoTopic(text: String) throws {
        let output = annotator.annotate(.text(id: "e.txt", bytes: Array(text.utf8)))
        #expect(output.failed)
        #expect(try errorCode(output) == "GZ109")
        #expect(try object(output)["topics"] == nil)

        var json: [UInt8] = []
        JSONString.appendQuoted(text, to: &json)
        let line = annotator.annotate(.jsonLine(line: 3, bytes: Array(#"{"id":"x","text":"#.utf8) + json + [UInt8(ascii: "}")]))
        #expect(line.failed)
        #expect(try errorCode(line) == "GZ109")
        #expect(try object(line)["id"] as? String == "x")
        #expect(try object(line)["topics"] == nil)
    }

    @Test func anEmptyDecodedDocumentIsAnErrorToo() throws {
        let output = annotator.annotate(.document(Document(text: "  ", id: "page.html")))
        #expect(output.error?.code == .emptyDocument)
    }

    @Test func messagesNameTheFileAndTheLine() throws {
        let malformed = annotator.annotate(.jsonLine(line: 2, bytes: Array(#"{"text":"#.utf8), source: "f2.jsonl"))
        #expect(malformed.error?.code == .malformedJSON)
        #expect(malformed.error?.message.hasPrefix("f2.jsonl line 2: ") == true)
        let standardInput = annotator.annotate(.jsonLine(line: 4, bytes: Array(#"{"body":"x"}"#.utf8)))
        #expect(standardInput.error?.message.hasPrefix("line 4: ") == true)
    }

    @Test func aMissingTextFieldNamesTheFieldsSeen() throws {
        let output = annotator.annotate(.jsonLine(line: 1, bytes: Array(#"{"id":1,"headline":"h","body":"Talks in Oslo."}"#.utf8), source: "d.jsonl"))
        #expect(output.error?.code == .missingText)
        #expect(output.error?.message == #"d.jsonl line 1: no "text" field (fields: id, headline, body)"#)
    }

    @Test func textFieldPathsSplitAtUnescapedDots() {
        #expect(RecordAnnotator.keyPath("text") == ["text"])
        #expect(RecordAnnotator.keyPath("article.body") == ["article", "body"])
        #expect(RecordAnnotator.keyPath(#"meta\.text"#) == ["meta.text"])
        #expect(RecordAnnotator.keyPath(#"a\\.b"#) == [#"a\"#, "b"])
        #expect(RecordAnnotator.keyPath("a..b") == ["a", "", "b"])
    }

    @Test func aNestedTextFieldIsFound() throws {
        let nested = RecordAnnotator(pipeline: TestPipeline.shared, writer: JSONLWriter(stamp: "t"), textField: "article.content.body")
        let line = #"{"id":"n1","article":{"title":"x","content":{"body":"Talks in Canada.","lang":"en"}},"body":"Paris"}"#
        let output = nested.annotate(.jsonLine(line: 1, bytes: Array(line.utf8)))
        #expect(!output.failed)
        let record = try object(output)
        #expect((record["entities"] as? [[String: Any]])?.map { $0["text"] as? String } == ["Canada"])
        // The input record is kept whole, nested object included.
        #expect(String(decoding: output.bytes, as: UTF8.self).hasPrefix(#"{"id":"n1","article":{"title":"x","content":{"body":"Talks in Canada.","lang":"en"}},"body":"Paris","schema""#))

        let missing = nested.annotate(.jsonLine(line: 2, bytes: Array(#"{"article":{"title":"x","content":{"lead":"y"}}}"#.utf8)))
        #expect(missing.error?.code == .missingText)
        #expect(missing.error?.message.contains(#"fields of "article.content": lead"#) == true)
        let notObject = nested.annotate(.jsonLine(line: 3, bytes: Array(#"{"article":"plain"}"#.utf8)))
        #expect(notObject.error?.code == .missingText)
        #expect(notObject.error?.message.contains(#""article" is not an object"#) == true)
    }

    @Test func aKeyWithADotIsWrittenEscaped() throws {
        let dotted = RecordAnnotator(pipeline: TestPipeline.shared, writer: JSONLWriter(stamp: "t"), textField: #"meta\.text"#)
        let output = dotted.annotate(.jsonLine(line: 1, bytes: Array(#"{"meta.text":"Talks in Oslo."}"#.utf8)))
        #expect(!output.failed)
        #expect((try object(output)["entities"] as? [[String: Any]])?.first?["text"] as? String == "Oslo")
    }

    @Test func replacedInputFieldsAreReported() throws {
        let line = #"{"id":1,"entities":["mine"],"text":"Talks in Oslo.","topics":{"a":1},"note":"n","schema":"v0"}"#
        let output = annotator.annotate(.jsonLine(line: 1, bytes: Array(line.utf8)))
        #expect(!output.failed)
        #expect(output.replacedFields == ["entities", "topics", "schema"])
        #expect(annotator.annotate(.jsonLine(line: 2, bytes: Array(#"{"text":"Oslo","note":1}"#.utf8))).replacedFields.isEmpty)
        // Reported on error records too: the caller's warning should not depend on the record's fate.
        #expect(annotator.annotate(.jsonLine(line: 3, bytes: Array(#"{"entities":[]}"#.utf8))).replacedFields == ["entities"])
    }

    @Test(arguments: [#"\ud800"#, #"\udfff"#, #"\ud83d\ud83d\ude00"#])
    func loneSurrogatesGetAWarningNamingTheRecord(escape: String) throws {
        let line = #"{"id":"s","text":"Talks in Oslo \#(escape) today."}"#
        let output = annotator.annotate(.jsonLine(line: 9, bytes: Array(line.utf8), source: "u.jsonl"))
        #expect(!output.failed)
        let warnings = try #require(try object(output)["warnings"] as? [[String: Any]])
        #expect(warnings.count == 1)
        #expect(warnings[0]["code"] as? String == "GZ104")
        #expect((warnings[0]["message"] as? String)?.hasPrefix("u.jsonl line 9: a lone surrogate") == true)
        let paired = annotator.annotate(.jsonLine(line: 10, bytes: Array(#"{"text":"Oslo \ud83d\ude00"}"#.utf8)))
        #expect(try object(paired)["warnings"] == nil)
    }

    @Test func aByteOrderMarkBeforeARecordIsNotPartOfIt() throws {
        let output = annotator.annotate(.jsonLine(line: 1, bytes: [0xEF, 0xBB, 0xBF] + Array(#"{"text":"Talks in Oslo."}"#.utf8)))
        #expect(!output.failed)
        #expect(String(decoding: output.bytes, as: UTF8.self).hasPrefix(#"{"text":"Talks in Oslo.""#))
        let text = annotator.annotate(.text(id: "t", bytes: [0xEF, 0xBB, 0xBF] + Array("Talks in Oslo.".utf8)))
        let entity = try #require((try object(text)["entities"] as? [[String: Any]])?.first)
        #expect(entity["start"] as? Int == 9)
    }
}
