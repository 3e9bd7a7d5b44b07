import Testing
@testable import GazetteBatch

@Suite("HTML to text")
struct HTMLTextTests {
    private func text(_ html: String, charset: String? = nil) -> String? {
        HTMLText.text(ofHTML: Array(html.utf8), charset: charset).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func dropsScriptsStylesAndMarkupAndDecodesEntities() {
        let html = """
        <!doctype html><html><head><title>T</title><style>p{color:red}</style></head>
        <body><script>var x = "China";</script><h1>Talks &amp; trade</h1>
        <p>Ministers   met in <b>Beijing</b>&nbsp;on Monday.</p><p>Caf&eacute; &#8220;owners&#8221; agreed.</p></body></html>
        """
        #expect(text(html) == "Talks & trade\n\nMinisters met in Beijing\u{00A0}on Monday.\n\nCafé \u{201C}owners\u{201D} agreed.")
    }

    @Test func repairsBrokenMarkupAndKeepsLineBreaks() {
        #expect(text("<div>One<br>two<li>three</div><p>four") == "One\ntwo\nthree\n\nfour")
        #expect(text("<pre>a\n  b</pre>") == "a\n  b")
        #expect(text("") == "")
    }

    @Test func honoursTheCharsetFromOutside() {
        let latin1: [UInt8] = Array("<p>Z".utf8) + [0xFC] + Array("rich</p>".utf8)
        let result = HTMLText.text(ofHTML: latin1, charset: "ISO-8859-1").map { String(decoding: $0, as: UTF8.self) }
        #expect(result == "Zürich")
    }
}
