import Foundation
import Gazette
@testable import GazetteExport
import Testing

/// `HTMLPageRenderer` on records written by hand (ExportSamples, and a few of its own).
@Suite("HTML pages")
struct HTMLPageRendererTests {
    /// The text of an `<article>` with its marks' tags, badges and label tags taken out and references decoded.
    static func visibleText(ofArticleIn page: String) throws -> String {
        let start = try #require(page.range(of: "<article class=\"text\">"))
        let end = try #require(page.range(of: "</article>", range: start.upperBound..<page.endIndex))
        var html = String(page[start.upperBound..<end.lowerBound])
        for pattern in [#"<sup class="group"[^>]*>[0-9]+</sup>"#, #"<span class="tag"[^>]*>[^<]*</span>"#, #"<mark [^>]*>"#, "</mark>"] {
            html = html.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            html = html.replacingOccurrences(of: reference, with: character)
        }
        return html
    }

    /// The text inside each mark, without its badge and label tag.
    static func markedTexts(in page: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"<mark [^>]*>([^<]*)"#)
        return regex.matches(in: page, range: NSRange(page.startIndex..., in: page)).map {
            String(page[Range($0.range(at: 1), in: page)!]).replacingOccurrences(of: "&#39;", with: "'")
        }
    }

    @Test func theArticleShowsTheWholeTextAndEachMentionExactly() throws {
        let record = try ExportSamples.record()
        let page = HTMLPageRenderer().page([record], title: "Sample")
        #expect(try Self.visibleText(ofArticleIn: page) == record.text)  // emoji, CJK, İ, CRLF, combining mark kept
        #expect(Self.markedTexts(in: page) == ExportSamples.mentions.map(\.mention))
        #expect(page.contains(#"data-label="PERSON" data-id="gz:person/ada-lovelace" data-name="Ada Lovelace" data-source="test" data-score="0.9""#))
    }

    @Test func markupInTheTextStaysText() throws {
        let text = "Dr. Eve <script>alert(\"x\")</script> & Bob's \"plan\" in Oslo."
        let oslo = ExportSamples.utf8Range(of: "Oslo", in: text)
        let record = ExportRecord(id: "<b>id</b>", line: 1, text: text, sentences: [],
                                  entities: [ExportEntity(utf8Range: oslo, text: "Oslo", label: "LOC", name: "Oslo \"<city>\"")])
        let page = HTMLPageRenderer().page([record], title: "<title>")
        #expect(!page.contains("<script>alert"))
        #expect(!page.contains("<b>id</b>") && page.contains("&lt;b&gt;id&lt;/b&gt;"))
        #expect(page.contains(#"data-name="Oslo &quot;&lt;city&gt;&quot;""#))
        #expect(try Self.visibleText(ofArticleIn: page) == text)
        #expect(page.components(separatedBy: "<script>").count == 2)  // only the page's own script
    }

    @Test func aPageNeedsNothingFromOutside() throws {
        let page = HTMLPageRenderer().page([try ExportSamples.record()], title: "Sample")
        for outside in ["http://", "https://", "src=", "<link", "@import", "url("] {
            #expect(!page.contains(outside), "page refers to something outside: \(outside)")
        }
        #expect(page.contains("Content-Security-Policy"))
    }

    @Test func mentionsOfOneLinkedEntityShareANumber() throws {
        let text = "Ada met Bob. Ada left; Bob stayed with Cy."
        func entity(_ mention: String, from: Int, id: String?) -> ExportEntity {
            ExportEntity(utf8Range: ExportSamples.utf8Range(of: mention, in: text, from: from), text: mention, label: "PERSON", linkID: id)
        }
        let record = ExportRecord(id: "g", line: 1, text: text, sentences: [], entities: [
            entity("Ada", from: 0, id: "p:ada"), entity("Bob", from: 0, id: "p:bob"), entity("Ada", from: 10, id: "p:ada"),
            entity("Bob", from: 20, id: "p:bob"), entity("Cy", from: 0, id: "p:cy"),
        ])
        let page = HTMLPageRenderer().page([record], title: "Groups")
        #expect(page.components(separatedBy: #"data-group="1""#).count - 1 == 2 + 1)  // two mentions and the list row
        #expect(page.components(separatedBy: #"data-group="2""#).count - 1 == 2 + 1)
        #expect(!page.contains(#"data-group="3""#))  // Cy is mentioned once
        #expect(page.contains("2 mentions: Ada · Ada"))
    }

    @Test func topicsAreBarsWithTheirEvidence() throws {
        var record = try ExportSamples.record()
        record.topics = [ExportTopic(label: "world", score: 0.658, evidence: [("china", 1.325), ("summit talks", 0.4)]),
                         ExportTopic(label: "business", score: 0.12)]
        let page = HTMLPageRenderer().page([record], title: "Topics")
        #expect(page.contains(#"<span style="width: 65.8%"></span>"#))
        #expect(page.contains(#"<span style="width: 12%"></span>"#))
        #expect(page.contains("<li>summit talks <span class=\"weight\">0.4</span></li>"))
    }

    @Test func eachLabelHasOneColourAcrossRecords() throws {
        let text = "Perseverance landed. The Mars 2020 mission continued."
        let record = ExportRecord(id: "p", line: 1, text: text, sentences: [], entities: [
            ExportEntity(utf8Range: ExportSamples.utf8Range(of: "Perseverance", in: text), text: "Perseverance", label: "PRODUCT"),
            ExportEntity(utf8Range: ExportSamples.utf8Range(of: "Mars 2020", in: text), text: "Mars 2020", label: "EVENT"),
        ])
        let page = HTMLPageRenderer().page([try ExportSamples.record(), record], title: "Labels")
        // PERSON, LOC, ORG from the sample, then the user's PRODUCT and EVENT: one class each, the user's by hash.
        #expect(page.contains(".l0{background:#fde2b8"))
        #expect(page.contains(".l3{background:hsl("))
        #expect(page.components(separatedBy: #"class="ent l3""#).count - 1 == 1)
        #expect(page.contains("<span class=\"chip l4\">EVENT</span> 1"))
    }

    @Test func overlappingEntitiesAreNotNestedButCounted() throws {
        let text = "New York City Council met."
        let record = ExportRecord(id: "o", line: 1, text: text, sentences: [], entities: [
            ExportEntity(utf8Range: ExportSamples.utf8Range(of: "New York City Council", in: text), text: "New York City Council", label: "ORG"),
            ExportEntity(utf8Range: ExportSamples.utf8Range(of: "New York", in: text), text: "New York", label: "LOC"),
        ])
        let page = HTMLPageRenderer().page([record], title: "Overlap")
        #expect(Self.markedTexts(in: page) == ["New York City Council"])
        #expect(page.contains("1 overlapping entity is not highlighted."))
        #expect(try Self.visibleText(ofArticleIn: page) == text)
    }

    @Test func theIndexLinksEveryDocumentWithItsCountsAndTopTopic() throws {
        var record = try ExportSamples.record()
        record.topics = [ExportTopic(label: "science-technology", score: 0.71)]
        let entries = [HTMLPageRenderer.IndexEntry(record: record, href: "sample-1.html"),
                       HTMLPageRenderer.IndexEntry(record: ExportRecord(id: nil, line: 7, text: "Nothing here.", sentences: [], entities: []), href: "line-7.html")]
        let index = HTMLPageRenderer().index(entries, title: "Run")
        #expect(index.contains(#"<a href="sample-1.html">sample-1</a>"#))
        #expect(index.contains(#"<a href="line-7.html">line 7</a>"#))
        #expect(index.contains("PERSON 3</span>"))
        #expect(index.contains("science-technology <span class=\"score\">0.71</span>"))
        #expect(index.contains("2 documents"))
    }

    @Test func numbersHaveAtMostThreeDecimals() {
        #expect(HTMLPageRenderer.formatted(0.5) == "0.5")
        #expect(HTMLPageRenderer.formatted(0.9584) == "0.958")
        #expect(HTMLPageRenderer.formatted(12) == "12")
        #expect(HTMLPageRenderer.formatted(-0.25) == "-0.25")
        #expect(HTMLPageRenderer.formatted(.nan) == "0")
    }
}
