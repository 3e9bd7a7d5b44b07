import Foundation
import Gazette
import GazetteTestSupport
import GazetteWeb
import Testing
@testable import GazetteBatch

/// `gazette batch` on web pages and text files: decoded as browsers do, reduced to the article, language-identified,
/// with the text the offsets index in the record. Samples written here (own text, own charsets).
@Suite("Batch on web pages")
struct WebPagesBatchTests {
    /// What `gazette batch` sets up: CLD2 for English, text in records of non-JSON documents; the echo stage shows
    /// what was annotated as the first topic.
    static func annotator(text: RecordAnnotator.TextEmission = .unlessJSON) -> RecordAnnotator {
        var annotator = BatchTesting.annotator
        annotator.languagePolicy = .cld2()
        annotator.textEmission = text
        return annotator
    }

    static func run(_ inputs: [String], mode: ArticleExtractor.Mode = .article,
                    text: RecordAnnotator.TextEmission = .unlessJSON) throws -> [Record] {
        var options = BatchRunner.Options()
        options.jobs = 2
        options.documents = WebDocumentBuilder(mode: mode)
        let sink = MemorySink()
        _ = try BatchRunner(inputs: inputs, annotator: annotator(text: text), options: options).run(into: sink)
        return sink.records
    }

    static let english = "Secretary of State Antony Blinken met survivors in Washington on Monday, officials said."

    /// A folder of pages: UTF-8 declared only in <meta> after a non-ASCII title, windows-1252 declared nowhere, a
    /// German page, a windows-1252 text file, and a JSON object.
    static func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("in/a-utf8.html", """
            <html><head><title>Zürich talks: café owners meet</title><meta charset="utf-8"></head>
            <body><nav><a href="/">Home</a> · <a href="/news">News</a></nav>
            <article><h1>Zürich talks: café owners meet</h1><p>\(english)</p>
            <p>The café owners of Zürich asked for lower rents, and the city promised an answer by March.</p></article>
            <footer>Follow Us</footer></body></html>
            """)
        // windows-1252 without any declaration: é is 0xE9, the curly quotes 0x93 and 0x94.
        var legacy = Array("<html><head><title>Caf".utf8) + [0xE9] + Array(" news</title></head><body><p>The ".utf8)
        legacy += [0x93] + Array("caf".utf8) + [0xE9, 0x94] + Array(" in Paris reopened on Monday after a long renovation, its owner said.</p></body></html>".utf8)
        try folder.write("in/b-1252.html", legacy)
        try folder.write("in/c-german.html", """
            <html lang="de"><head><meta charset="utf-8"><title>Wohnungsbau</title></head><body><article>
            <p>Die Bundesregierung hat am Montag in Berlin neue Regeln für den Wohnungsbau beschlossen, wie ein Sprecher mitteilte.</p>
            <p>Die Länder sollen mehr Geld für Sozialwohnungen bekommen, und die Genehmigungen sollen schneller erteilt werden.</p>
            </article></body></html>
            """)
        try folder.write("in/d-1252.txt", Array("Talks in Montr".utf8) + [0xE9] + Array("al went on until late on Monday, officials said.".utf8))
        try folder.write("in/e.json", #"{"id":"json-doc","text":"\#(english)"}"#)
        return folder
    }

    @Test func pagesAreDecodedExtractedIdentifiedAndCarryTheirText() throws {
        let folder = try Self.folder()
        let records = try Self.run([folder.file("in")])
        #expect(records.map(\.member) == ["a-utf8.html", "b-1252.html", "c-german.html", "d-1252.txt", "e.json"])
        #expect(records.allSatisfy { $0.errorCode == nil })
        let (utf8, legacy, german, text, json) = (records[0], records[1], records[2], records[3], records[4])

        // UTF-8 declared after a non-ASCII title: no mojibake, the article only, its title in the record.
        let utf8Text = try #require(utf8["text"] as? String)
        #expect(utf8Text == "Zürich talks: café owners meet\n\(Self.english)\nThe café owners of Zürich asked for lower rents, and the city promised an answer by March.")
        #expect(utf8["title"] as? String == "Zürich talks: café owners meet")
        #expect(utf8.text == utf8Text)  // what was annotated is what the record carries
        #expect(utf8["language"] as? String == "en" && (utf8["language_confidence"] as? Double ?? 0) > 0.5)
        #expect(utf8.warningCodes.isEmpty)

        // windows-1252 declared nowhere: detected, not read as UTF-8.
        #expect(legacy["title"] as? String == "Café news")
        #expect((legacy["text"] as? String)?.contains("“café” in Paris") == true)
        #expect(legacy.warningCodes.isEmpty)

        // German: its language, no entities or topics, GZ110; the text is still there.
        #expect(german["language"] as? String == "de")
        #expect((german["topics"] as? [Any])?.isEmpty == true && (german["entities"] as? [Any])?.isEmpty == true)
        #expect(german.warningCodes == ["GZ110"])
        #expect((german["text"] as? String)?.hasPrefix("Wohnungsbau\nDie Bundesregierung") == true)

        // A windows-1252 text file: decoded by PlainTextDecoder, its text in the record.
        #expect(text["text"] as? String == "Talks in Montréal went on until late on Monday, officials said.")
        #expect(text.text == text["text"] as? String)

        // JSON keeps its own text field; no second one is added, but the language is identified.
        #expect(json.id == "json-doc" && json["language"] as? String == "en")
    }

    @Test func wholeKeepsEveryLineAndNoTextLeavesTheTextOut() throws {
        let folder = try Self.folder()
        let whole = try Self.run([folder.file("in/a-utf8.html")], mode: .whole)
        #expect((whole[0]["text"] as? String)?.hasPrefix("Home · News\n") == true)
        #expect((whole[0]["text"] as? String)?.hasSuffix("\nFollow Us") == true)
        let noText = try Self.run([folder.file("in")], text: .never)
        #expect(noText.count == 5 && noText.prefix(4).allSatisfy { $0["text"] == nil })
        #expect(noText[4]["text"] as? String == Self.english)  // the JSON object's own field
        #expect(noText[0]["title"] as? String == "Zürich talks: café owners meet")
    }

    @Test func aWARCResponsesCharsetIsTheTransportCharset() throws {
        // KOI8-R bytes of "Новости из Москвы" in a page with no <meta>: the HTTP header's charset decides.
        let koi8: [UInt8] = [0xEE, 0xCF, 0xD7, 0xCF, 0xD3, 0xD4, 0xC9, 0x20, 0xC9, 0xDA, 0x20, 0xED, 0xCF, 0xD3, 0xCB, 0xD7, 0xD9]
        let body = Array("<html><body><p>".utf8) + koi8 + Array("</p></body></html>".utf8)
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=KOI8-R\r\n\r\n".utf8) + body
        var warc = Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:koi8>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n".utf8)
        warc += Array("WARC-Target-URI: https://news.example/ru\r\nContent-Type: application/http; msgtype=response\r\n".utf8)
        warc += Array("Content-Length: \(http.count)\r\n\r\n".utf8) + http + Array("\r\n\r\n".utf8)
        let folder = try TemporaryFolder()
        try folder.write("ru.warc", warc)
        let records = try Self.run([folder.file("ru.warc")])
        #expect(records.count == 1 && records[0].errorCode == nil)
        #expect(records[0]["text"] as? String == "Новости из Москвы")
        #expect(records[0]["url"] as? String == "https://news.example/ru")
        #expect(records[0]["language"] as? String == "ru" && records[0].warningCodes == ["GZ110"])  // no GZ104
    }

    @Test func emptyAndBinaryPagesBecomeErrorRecords() throws {
        let folder = try TemporaryFolder()
        try folder.write("in/empty.html", "<html><body><script>var x = 1;</script></body></html>")
        try folder.write("in/binary.html", [0x3C, 0x70, 0x3E, 0x00, 0x01, 0x02])
        let records = try Self.run([folder.file("in")])
        #expect(records.map(\.errorCode) == ["GZ107", "GZ109"])
        #expect(records[0].errorMessage?.contains("binary.html: binary content (NUL bytes), not HTML") == true)
    }
}

/// `gazette batch` as a process with the web options.
@Suite("gazette batch on web pages", .serialized)
struct WebPagesBatchCommandTests {
    @Test func htmlWholeAndNoTextOptions() throws {
        let folder = try WebPagesBatchTests.folder()
        let article = try CommandRunner.run(["batch", folder.file("in"), "-o", folder.file("article")])
        #expect(article.status == 0)
        let records = try BatchTesting.shardRecords(in: folder.file("article"))
        #expect(records.count == 5)
        #expect((records[0]["text"] as? String)?.hasPrefix("Zürich talks") == true)
        #expect(records[2]["language"] as? String == "de" && records[2].warningCodes == ["GZ110"])
        #expect((records[2]["entities"] as? [Any])?.isEmpty == true)
        let names = (records[0]["entities"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
        #expect(names.contains("Antony Blinken"))

        let whole = try CommandRunner.run(["batch", folder.file("in"), "-o", folder.file("whole"), "--html", "whole", "--no-text", "--languages", "en,de"])
        #expect(whole.status == 0)
        let wholeRecords = try BatchTesting.shardRecords(in: folder.file("whole"))
        #expect(wholeRecords.prefix(4).allSatisfy { $0["text"] == nil })
        #expect(wholeRecords[2].warningCodes.isEmpty && wholeRecords[2]["language"] as? String == "de")
        #expect((wholeRecords[2]["entities"] as? [[String: Any]])?.isEmpty == false)  // Berlin, now that de is annotated
    }
}
