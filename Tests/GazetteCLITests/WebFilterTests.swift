import Foundation
import GazetteTestSupport
import Testing

/// The filter on web pages: `--input html`, its detection by `--input auto`, `--html`, `--emit-text` and `--languages`.
@Suite("Filter on web pages", .serialized)
struct WebFilterTests {
    static let page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Zürich talks 😀 – Daily Sample</title>
        <meta property="og:site_name" content="Daily Sample"><meta name="author" content="Mia Ström">
        <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Zürich talks 😀</h1>
        <p>Secretary of State Antony Blinken met délégués in Zürich on Monday 😀, after a stop in 東京 with officials from Japan.</p>
        <p>The talks went on into the night, and Ned Price said more meetings in Washington would follow next week.</p>
        </article><footer>Follow Us · Share on Messenger</footer></body></html>
        """

    /// Every entity's and sentence's offsets slice `text` to what the record says, in `unit`.
    static func expectOffsetsSlice(_ record: [String: Any], unit: String) throws {
        let text = try #require(record["text"] as? String)
        func slice(_ start: Int, _ end: Int) -> String {
            switch unit {
            case "utf16": return String(decoding: Array(text.utf16)[start..<end], as: UTF16.self)
            case "utf8": return String(decoding: Array(text.utf8)[start..<end], as: UTF8.self)
            default:
                var scalars = String.UnicodeScalarView()
                scalars.append(contentsOf: Array(text.unicodeScalars)[start..<end])
                return String(scalars)
            }
        }
        let entities = try #require(record["entities"] as? [[String: Any]])
        #expect(!entities.isEmpty)
        for entity in entities {
            #expect(slice(entity["start"] as! Int, entity["end"] as! Int) == entity["text"] as? String)
        }
        for sentence in try #require(record["sentences"] as? [[Int]]) {
            let sentenceText = slice(sentence[0], sentence[1])
            #expect(!sentenceText.isEmpty && sentenceText.trimmingCharacters(in: .whitespacesAndNewlines) == sentenceText)
        }
    }

    @Test func htmlInputGivesTheArticleWithItsMetadata() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("page.html", Self.page)
        let result = try CommandRunner.run(["--input", "html", path])
        #expect(result.status == 0)
        let record = try #require(try result.objects().first)
        #expect(record["id"] as? String == path)
        #expect(record["title"] as? String == "Zürich talks 😀")
        #expect(record["site_name"] as? String == "Daily Sample")
        #expect(record["authors"] as? [String] == ["Mia Ström"])
        #expect(record["published"] as? String == "2024-03-05T10:00:00Z")
        #expect(record["language"] as? String == "en")
        #expect(record["text"] == nil)  // only with --emit-text
        let names = (record["entities"] as? [[String: Any]])?.compactMap { $0["text"] as? String } ?? []
        #expect(names.contains("Antony Blinken") && names.contains("Zürich"))
        #expect(!names.contains("Us") && !names.contains("Messenger"))
        // Field order: the head, then metadata, then the annotations.
        let line = result.lines[0]
        let order = ["\"schema\"", "\"offsets\"", "\"language\"", "\"language_confidence\"", "\"title\"", "\"published\"",
                     "\"authors\"", "\"site_name\"", "\"sentences\"", "\"entities\""].map { line.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test(arguments: ["codepoint", "utf16", "utf8"])
    func emittedTextIsWhatTheOffsetsIndex(unit: String) throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("page.html", Self.page)
        let result = try CommandRunner.run(["--input", "html", "--emit-text", "--offsets", unit, path])
        let record = try #require(try result.objects().first)
        let text = try #require(record["text"] as? String)
        #expect(text.hasPrefix("Zürich talks 😀\nSecretary of State"))
        #expect(text.contains("東京") && !text.contains("Follow Us") && !text.contains("Home"))
        try Self.expectOffsetsSlice(record, unit: unit)
    }

    @Test func autoDetectsWebPagesAfterABOMAndWhiteSpace() throws {
        for prefix in ["", "\u{FEFF}", "\n  \t"] {
            for opening in ["<!DOCTYPE html>", "<!doctype HTML>", "<HTML lang=\"en\">"] {
                let page = prefix + opening + "<body><p>Secretary of State Antony Blinken met survivors in Washington on Monday.</p></body>"
                let record = try #require(try CommandRunner.run(["--emit-text"], stdin: page).objects().first)
                #expect(record["text"] as? String == "Secretary of State Antony Blinken met survivors in Washington on Monday.")
                #expect(record["language"] as? String == "en")
            }
        }
        // Not a web page: text, as before (no language, the markup kept).
        let text = try #require(try CommandRunner.run(["--emit-text"], stdin: "<htmlish> Talks in China.").objects().first)
        #expect(text["text"] as? String == "<htmlish> Talks in China.")
        #expect(text["language"] == nil)
    }

    @Test func wholeKeepsThePageAndEmitTextReplacesJSONText() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("page.html", Self.page)
        let whole = try #require(try CommandRunner.run(["--html", "whole", "--emit-text", path]).objects().first)
        #expect((whole["text"] as? String)?.contains("Follow Us") == true)
        let json = try CommandRunner.run(["--emit-text"], stdin: #"{"id":"a","text":"Talks in China.","extra":1}"# + "\n")
        #expect(json.lines.count == 1)
        #expect(json.lines[0].hasPrefix(#"{"id":"a","extra":1,"schema":"gazette.doc/1","offsets":"codepoint","text":"Talks in China.","sentences""#))
    }

    @Test func languagesAreIdentifiedInTextOnlyWhenAsked() throws {
        let german = "Die Bundesregierung hat am Montag in Berlin neue Regeln für den Wohnungsbau beschlossen, wie ein Sprecher mitteilte."
        let plain = try #require(try CommandRunner.run([], stdin: german).objects().first)
        #expect(plain["language"] == nil && plain["warnings"] == nil)
        let asked = try #require(try CommandRunner.run(["--languages", "en"], stdin: german).objects().first)
        #expect(asked["language"] as? String == "de")
        #expect((asked["entities"] as? [Any])?.isEmpty == true && (asked["topics"] as? [Any])?.isEmpty == true)
        #expect((asked["warnings"] as? [[String: Any]])?.first?["code"] as? String == "GZ110")
        let widened = try #require(try CommandRunner.run(["--languages", "en,de"], stdin: german).objects().first)
        #expect(widened["language"] as? String == "de" && widened["warnings"] == nil)
        #expect((widened["entities"] as? [[String: Any]])?.isEmpty == false)
    }
}
