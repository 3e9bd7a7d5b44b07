import Gazette
import Testing
@testable import GazetteWeb

/// Pages and text files to documents: decoding, extraction, metadata, and what fails.
@Suite("Web document builder")
struct WebDocumentBuilderTests {
    let builder = WebDocumentBuilder()

    @Test func aPageBecomesItsArticleWithMetadata() throws {
        let page = """
            <html><head><title>Bridge opens – City Post</title><meta property="og:site_name" content="City Post">
            <link rel="canonical" href="/news/bridge"></head><body><nav>Home</nav><article><h1>Bridge opens</h1>
            <p>The new bridge over the river opened on Monday after two years of work, the city said in a statement.</p>
            </article></body></html>
            """
        let document = try builder.document(html: Array(page.utf8), url: "https://post.example/a?b=1", id: "p").get()
        #expect(document.id == "p")
        #expect(document.text == "Bridge opens\nThe new bridge over the river opened on Monday after two years of work, the city said in a statement.")
        #expect(document.metadata.title == "Bridge opens" && document.metadata.siteName == "City Post")
        #expect(document.metadata.canonicalURL == "https://post.example/news/bridge")
        #expect(document.metadata.language == nil)  // identified by the annotator's LanguagePolicy, not here
    }

    @Test func theTransportCharsetDecidesAndReplacementsAreNamed() throws {
        let bytes: [UInt8] = Array("<p>Caf".utf8) + [0xE9] + Array(" and cr".utf8) + [0xE8, 0x6D, 0x65] + Array("</p>".utf8)
        let latin = try builder.document(html: bytes, transportCharset: "iso-8859-1").get()
        #expect(latin.text == "Café and crème" && latin.warnings.isEmpty)
        let utf8 = try builder.document(html: bytes, transportCharset: "utf-8").get()
        #expect(utf8.text == "Caf\u{FFFD} and cr\u{FFFD}me")
        #expect(utf8.warnings.map(\.code) == [.invalidUTF8])
        #expect(utf8.warnings.first?.message.contains("UTF-8 (from the transport's charset)") == true)
    }

    @Test func tinyPagesKeepTheirTextAndStrayNULsAreNotBinary() throws {
        #expect(try builder.document(html: Array("<p>Talks in <b>China</b>.</p>".utf8)).get().text == "Talks in China.")
        let late = Array("<p>".utf8) + Array(repeating: UInt8(ascii: "a"), count: 9000) + [0] + Array(" end</p>".utf8)
        #expect((try? builder.document(html: late).get()) != nil)
        let early: [UInt8] = [0x3C, 0x70, 0x3E, 0x00, 0x41]
        #expect(throws: GazetteError.self) { try builder.document(html: early).get() }
        #expect(throws: GazetteError.self) { try builder.document(html: Array("<script>x()</script>".utf8)).get() }
    }

    @Test func textFilesAreDecodedWithoutMarkupHandling() throws {
        let text = try builder.document(text: Array("<b>Grüße</b> aus Köln".utf8)).get()
        #expect(text.text == "<b>Grüße</b> aus Köln")
        let utf16 = try builder.document(text: [0xFF, 0xFE] + Array("Hi".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).get()
        #expect(utf16.text == "Hi")
    }
}
