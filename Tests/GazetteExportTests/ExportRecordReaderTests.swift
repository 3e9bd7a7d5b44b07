import Gazette
@testable import GazetteExport
import Testing

@Suite struct ExportRecordReaderTests {
    @Test(arguments: OffsetUnit.allCases)
    func eachOffsetUnitReadsToTheSameSpans(unit: OffsetUnit) throws {
        let record = try ExportSamples.record(unit: unit)
        #expect(record.id == "sample-1")
        #expect(record.text == ExportSamples.text)
        #expect(record.entities.map(\.utf8Range) == ExportSamples.entityRanges)
        #expect(record.entities.map(\.text) == ExportSamples.mentions.map(\.mention))
        #expect(record.sentences == ExportSamples.sentenceRanges)
        #expect(record.entities[0].linkID == "gz:person/ada-lovelace" && record.entities[0].name == "Ada Lovelace")
        #expect(record.entities[0].score == 0.9 && record.entities[0].source == "test")
        #expect(record.stamp == "0.1.0+test")
    }

    @Test func offsetsInTheWrongUnitAreCaughtByTheEntityText() throws {
        // A record in UTF-16 units read as code points: after the emoji every span is off by one.
        var line = String(decoding: ExportSamples.line(unit: .utf16), as: UTF8.self)
        line = line.replacingOccurrences(of: "\"offsets\":\"utf16\"", with: "\"offsets\":\"codepoint\"")
        let result = ExportRecordReader().read(Array(line.utf8), line: 7)
        guard case let .failure(failure) = result else { Issue.record("read a record whose offsets do not fit"); return }
        #expect(failure.line == 7 && failure.id == "sample-1")
        #expect(failure.error.code == .malformedJSON)
        #expect(failure.description.contains("says \"Grace Hopper\""))
    }

    @Test func errorRecordsAndRecordsWithoutTextAreFailuresNamingTheRecord() {
        let reader = ExportRecordReader()
        let cases: [(String, GazetteError.Code)] = [
            (#"{"id":"e","schema":"gazette.doc/1","error":{"code":"GZ103","message":"\"text\" is not a string"}}"#, .textNotString),
            (#"{"id":"n","schema":"gazette.doc/1","entities":[]}"#, .missingText),
            (#"{"id":"s","text":12}"#, .textNotString),
            (#"{"id":"x","text":"abc","entities":[{"start":1,"end":9,"label":"LOC"}]}"#, .malformedJSON),
            (#"{"id":"y","text":"abc","offsets":"bytes"}"#, .malformedJSON),
            (#"{"id":"#, .malformedJSON),
        ]
        for (line, code) in cases {
            guard case let .failure(failure) = reader.read(Array(line.utf8), line: 3) else {
                Issue.record("\(line) was read")
                continue
            }
            #expect(failure.error.code == code, "\(line)")
            #expect(failure.line == 3)
        }
    }

    @Test func anotherTextFieldAndANumericIDAreRead() throws {
        let line = #"{"id":42,"body":"Visit Paris.","offsets":"utf8","entities":[{"start":6,"end":11,"label":"LOC"}]}"#
        let record = try ExportRecordReader(textField: "body").read(Array(line.utf8), line: 1).get()
        #expect(record.id == "42")
        #expect(record.entities.map(\.text) == ["Paris"])
        #expect(record.entities[0].score == nil && record.sentences.isEmpty)
    }
}
