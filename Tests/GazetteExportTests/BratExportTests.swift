import Foundation
import Gazette
@testable import GazetteExport
import Testing

@Suite struct BratExportTests {
    @Test(arguments: OffsetUnit.allCases)
    func readingTheAnnotationsBackGivesTheSameSpans(unit: OffsetUnit) throws {
        let record = try ExportSamples.record(unit: unit)
        let (text, annotations) = BratExport.files(record)
        #expect(text == Array(ExportSamples.text.utf8))
        let read = try BratReader.read(text: String(decoding: text, as: UTF8.self), annotations: String(decoding: annotations, as: UTF8.self))
        #expect(read.entities.map(\.range) == record.entities.map(\.utf8Range))
        #expect(read.entities.map(\.label) == record.entities.map(\.label))
        #expect(read.notes["T1"] == "Ada Lovelace (gz:person/ada-lovelace)")
        #expect(read.notes["T3"] == "Beijing (geonames:1816670)")
        #expect(read.notes["T4"] == "Izmir")
        #expect(read.notes["T2"] == nil)
    }

    @Test func anEntityAcrossALineBreakIsWrittenAsFragments() throws {
        let line = #"{"text":"The Bank of\r\nEngland.","entities":[{"start":4,"end":20,"label":"ORG"}]}"#
        let record = try ExportRecordReader().read(Array(line.utf8), line: 1).get()
        let annotations = String(decoding: BratExport.files(record).annotations, as: UTF8.self)
        #expect(annotations == "T1\tORG 4 11;13 20\tBank of England\n")
    }

    @Test func fileNamesComeFromTheIDAndStayInTheFolder() throws {
        func name(_ id: String?) -> String {
            BratExport.baseName(ExportRecord(id: id, line: 9, text: "", sentences: [], entities: []))
        }
        #expect(name("news/2024/a.txt") == "news_2024_a.txt")
        #expect(name("../../etc/passwd") == ".._.._etc_passwd")
        #expect(name("..") == "line-9")
        #expect(name(nil) == "line-9")
        #expect(name("北京 1") == "___1")
    }

    @Test func theConfigurationListsEveryLabel() {
        let configuration = BratExport.configuration(labels: ["LOC", "PRODUCT"])
        #expect(configuration == "[entities]\nPERSON\nORG\nLOC\nNORP\nPRODUCT\n[relations]\n[events]\n[attributes]\n")
    }
}

/// A brat standoff reader of the tests' own: text-bound annotations (offsets in code points, fragments joined)
/// turned into UTF-8 ranges of the text, checked against the text they quote, and AnnotatorNotes by annotation id.
enum BratReader {
    struct ReadError: Error { var message: String }

    static func read(text: String, annotations: String) throws -> (entities: [(range: Range<Int>, label: String)], notes: [String: String]) {
        let scalars = Array(text.unicodeScalars)
        func utf8Offset(_ characters: Int) -> Int { scalars[..<characters].reduce(0) { $0 + UTF8.width($1) } }
        var entities: [(range: Range<Int>, label: String)] = []
        var notes: [String: String] = [:]
        for line in annotations.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw ReadError(message: "not three fields: \(line)") }
            if fields[0].hasPrefix("T") {
                let typeAndSpans = fields[1].split(separator: " ", maxSplits: 1).map(String.init)
                let fragments = typeAndSpans[1].split(separator: ";").map { $0.split(separator: " ").map { Int($0)! } }
                let quoted = fragments.map { String(String.UnicodeScalarView(scalars[$0[0]..<$0[1]])) }.joined(separator: " ")
                guard quoted == fields[2] else { throw ReadError(message: "\(fields[0]) quotes \(fields[2]), the text has \(quoted)") }
                entities.append((utf8Offset(fragments.first![0])..<utf8Offset(fragments.last![1]), typeAndSpans[0]))
            } else if fields[0].hasPrefix("#") {
                let target = fields[1].split(separator: " ")
                guard target.first == "AnnotatorNotes" else { throw ReadError(message: "not a note: \(line)") }
                notes[String(target[1])] = fields[2]
            }
        }
        return (entities, notes)
    }
}
