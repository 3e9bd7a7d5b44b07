import Testing

@testable import GazetteWeb

@Suite struct HTMLParserTests {
    @Test func parsesElementsAttributesAndText() {
        let document = HTMLParser().parse("<p class=\"lead\" onclick=\"x()\">Caf&eacute; <b>au</b> lait</p><script>var x;</script>")
        let paragraph = document.root.first { $0.name == "p" }
        #expect(paragraph?.attributes.map(\.name) == ["class"])
        #expect(paragraph?.attribute("class") == "lead")
        #expect(paragraph?.rawText == "Café au lait")
        #expect(document.root.first { $0.name == "script" }?.rawText == "")
    }

    /// The bytes are UTF-8 whatever the page declares (decoding is the caller's job, before parsing).
    @Test func utf8EvenWhenThePageDeclaresAnotherCharset() {
        let html = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Café, naïve, Łódź, 東京</p></body></html>"
        #expect(HTMLParser().parse(html).root.first { $0.name == "p" }?.rawText == "Café, naïve, Łódź, 東京")
        #expect(HTMLParser().parse(utf8: Array(html.utf8)).root.first { $0.name == "p" }?.rawText == "Café, naïve, Łódź, 東京")
    }

    /// The SAX adapter against its reference (libxml2's tree, walked): the same events on the test pages, on broken
    /// markup (unclosed and misnested elements, a table inside a paragraph) and when flattening deep nesting.
    @Test(arguments: [
        ArticleExtractorTests.newsPage, ArticleExtractorTests.linkedDataPage, ArticleExtractorTests.plainPage,
        "<p>one<p>two <b>bold <i>both</b> italic?</i><table><tr><td>cell<td>next</table><li>stray item",
        "<div id=a><span>open span<div>block in span</span></div>text &amp; more</div><ul><li>a<li>b</ul>",
        String(repeating: "<div class=x>", count: 40) + "deep text" + String(repeating: "</div>", count: 40),
    ])
    func saxAdapterMatchesTheTreeWalk(html: String) {
        #expect(HTMLParser.events(html, reference: false) == HTMLParser.events(html, reference: true))
        #expect(HTMLParser.events(html, reference: false, maximumDepth: 12) == HTMLParser.events(html, reference: true, maximumDepth: 12))
    }
}
