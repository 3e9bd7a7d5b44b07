import Foundation
import Testing
@testable import Gazette

@Suite("Record annotator")
struct RecordAnnotatorTests {
    let annotator = RecordAnnotator(pipeline: TestPipeline.shared, writer: JSONLWriter(stamp: "t"))

    private func run(_ record: InputRecord) throws -> (object: [String: Any], line: String, failed: Bool) {
        let output = annotator.annotate(record)
        let object = try #require(JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
        return (object, String(decoding: output.bytes, as: UTF8.self), output.failed)
    }

    @Test func jsonLinesKeepTheirFieldsAndId() throws {
        let result = try run(.jsonLine(line: 1, bytes: Array(#"{"id":"a-1","url":"https://example.com/x","n":1.0,"text":"Talks in China."}"#.utf8)))
        #expect(!result.failed)
        #expect(result.line.hasPrefix(#"{"id":"a-1","url":"https://example.com/x","n":1.0,"text":"Talks in China.","schema":"gazette.doc/1""#))
        #expect((result.object["entities"] as? [[String: Any]])?.first?["text"] as? String == "China")
    }

    @Test func otherTextFieldsCanBeNamed() throws {
        let annotator = RecordAnnotator(pipeline: TestPipeline.shared, writer: JSONLWriter(stamp: "t"), textField: "body")
        let output = annotator.annotate(.jsonLine(line: 1, bytes: Array(#"{"body":"China"}"#.utf8)))
        #expect(!output.failed)
        #expect(String(decoding: output.bytes, as: UTF8.self).contains(#""text":"China","label":"LOC""#))
    }

    @Test func malformedLineYieldsAnErrorRecordWithItsLineNumber() throws {
        let result = try run(.jsonLine(line: 7, bytes: Array(#"{"text": "unterminated}"#.utf8)))
        #expect(result.failed)
        let error = try #require(result.object["error"] as? [String: Any])
        #expect(error["code"] as? String == "GZ101")
        #expect(error["line"] as? Int == 7)
        #expect((error["message"] as? String)?.hasPrefix("line 7:") == true)
    }

    @Test func recordWithoutTextFails() throws {
        let missing = try run(.jsonLine(line: 2, bytes: Array(#"{"id":5,"title":"x"}"#.utf8)))
        #expect(missing.failed)
        #expect((missing.object["error"] as? [String: Any])?["code"] as? String == "GZ102")
        #expect(missing.object["id"] as? Int == 5)
        let wrongType = try run(.jsonLine(line: 3, bytes: Array(#"{"text":12}"#.utf8)))
        #expect((wrongType.object["error"] as? [String: Any])?["code"] as? String == "GZ103")
    }

    @Test func invalidUTF8IsRepairedWithAWarning() throws {
        var bytes = Array("Talks in China ".utf8)
        bytes += [0xFF, 0xC3]
        bytes += Array(" today.".utf8)
        let result = try run(.text(id: "bad", bytes: bytes))
        #expect(!result.failed)
        #expect((result.object["warnings"] as? [[String: Any]])?.first?["code"] as? String == "GZ104")
        #expect((result.object["entities"] as? [[String: Any]])?.first?["text"] as? String == "China")

        var json = Array(#"{"text":"China "#.utf8)
        json += [0xFE]
        json += Array(#""}"#.utf8)
        let jsonResult = try run(.jsonLine(line: 4, bytes: json))
        #expect(!jsonResult.failed)
        #expect((jsonResult.object["warnings"] as? [[String: Any]])?.first?["code"] as? String == "GZ104")
    }

    @Test func unreadableInputBecomesAnErrorRecord() throws {
        let result = try run(.unreadable(id: "missing.txt", error: GazetteError(.unreadableInput, "cannot open missing.txt")))
        #expect(result.failed)
        #expect(result.object["id"] as? String == "missing.txt")
    }
}
