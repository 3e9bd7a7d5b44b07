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
}
