import Gazette
@testable import GazetteExport
import Testing

@Suite struct CoNLLExportTests {
    @Test(arguments: OffsetUnit.allCases)
    func readingTheColumnsBackGivesTheSameSpans(unit: OffsetUnit) throws {
        let records = [try ExportSamples.record(unit: unit),
                       try ExportRecordReader().read(Array(#"{"id":"b","text":"Talks in Paris ended.\n\nNo news.","entities":[{"start":9,"end":14,"label":"LOC"}]}"#.utf8), line: 2).get()]
        var output: [UInt8] = []
        for record in records { output += CoNLLExport.document(try TokenizedRecord(record, segmenter: Segmenter())) }
        let documents = CoNLLReader.documents(String(decoding: output, as: UTF8.self))
        #expect(documents.count == 2)
        for (record, document) in zip(records, documents) {
            let spans = try CoNLLReader.spans(document, in: record.text)
            #expect(spans.map(\.range) == record.entities.map(\.utf8Range))
            #expect(spans.map(\.label) == record.entities.map(\.label))
        }
        #expect(documents[0].sentences.count == 2)
        #expect(documents[1].sentences.count == 2)  // the blank line in the text ends the first sentence
    }

    @Test func tagsAreIOB2AndDocumentsStartWithDocstart() throws {
        let line = #"{"text":"Ada Lovelace met Grace.","entities":[{"start":0,"end":12,"label":"PERSON"},{"start":17,"end":22,"label":"PERSON"}]}"#
        let record = try ExportRecordReader().read(Array(line.utf8), line: 1).get()
        let text = String(decoding: CoNLLExport.document(try TokenizedRecord(record, segmenter: Segmenter())), as: UTF8.self)
        #expect(text == "-DOCSTART- O\n\nAda B-PERSON\nLovelace I-PERSON\nmet O\nGrace B-PERSON\n. O\n\n")
    }

    @Test func whiteSpaceInsideATokenBecomesAnUnderscore() {
        #expect(CoNLLExport.column("10\u{A0}000") == "10_000")
        #expect(CoNLLExport.column("Zürich") == "Zürich")
    }
}

/// A CoNLL reader of the tests' own: documents of sentences of (token, tag), and the tagged spans found again in
/// the text by walking it token by token (only white space may lie between tokens).
enum CoNLLReader {
    struct Document { var sentences: [[(token: String, tag: String)]] = [] }

    static func documents(_ text: String) -> [Document] {
        var documents: [Document] = []
        var sentence: [(token: String, tag: String)] = []
        func endSentence() {
            if !sentence.isEmpty, !documents.isEmpty { documents[documents.count - 1].sentences.append(sentence) }
            sentence = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let columns = line.split(separator: " ")
            if columns.first == "-DOCSTART-" {
                endSentence()
                documents.append(Document())
            } else if columns.isEmpty {
                endSentence()
            } else {
                sentence.append((String(columns[0]), String(columns[columns.count - 1])))
            }
        }
        endSentence()
        return documents
    }

    struct ReadError: Error { var message: String }

    static func spans(_ document: Document, in text: String) throws -> [(range: Range<Int>, label: String)] {
        let utf8 = Array(text.utf8)
        var position = 0
        var spans: [(range: Range<Int>, label: String)] = []
        var open: (start: Int, end: Int, label: String)?
        for (token, tag) in document.sentences.joined() {
            while position < utf8.count, [0x20, 0x0A, 0x0D, 0x09].contains(utf8[position]) { position += 1 }
            let bytes = Array(token.utf8)
            guard position + bytes.count <= utf8.count, Array(utf8[position..<position + bytes.count]) == bytes else {
                throw ReadError(message: "token \(token) is not next in the text at \(position)")
            }
            let range = position..<position + bytes.count
            position = range.upperBound
            if tag.hasPrefix("I-"), let current = open, current.label == tag.dropFirst(2) {
                open?.end = range.upperBound
                continue
            }
            if let current = open { spans.append((current.start..<current.end, current.label)) }
            open = nil
            if tag.hasPrefix("B-") { open = (range.lowerBound, range.upperBound, String(tag.dropFirst(2))) }
            else if tag != "O" { throw ReadError(message: "tag \(tag) is not IOB2 here") }
        }
        if let current = open { spans.append((current.start..<current.end, current.label)) }
        return spans
    }
}
