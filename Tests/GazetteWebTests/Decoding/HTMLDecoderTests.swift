import Gazette
import Testing
@testable import GazetteWeb

@Suite("HTML decoding")
struct HTMLDecoderTests {
    let decoder = HTMLDecoder()

    // MARK: Byte-order marks

    @Test func utf8ByteOrderMarkWinsOverTransportAndMeta() {
        let page = TestEncoding.page(head: "<meta charset=\"windows-1252\">", body: TestEncoding.german)
        let decoded = decoder.decode([0xEF, 0xBB, 0xBF] + Array(page.utf8), transportCharset: "iso-8859-2")
        #expect(decoded.encoding == .utf8)
        #expect(decoded.source == .bom)
        #expect(decoded.declared == .windows1252)
        #expect(decoded.text == page)  // the mark itself is not text
    }

    @Test func utf16ByteOrderMarks() {
        let page = TestEncoding.page(head: "<meta charset=\"utf-16\">", body: TestEncoding.russian)
        let little = decoder.decode([0xFF, 0xFE] + page.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(little.encoding == .utf16LE)
        #expect(little.source == .bom)
        #expect(little.text == page)
        let big = decoder.decode([0xFE, 0xFF] + page.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(big.encoding == .utf16BE)
        #expect(big.text == page)
    }

    // MARK: Transport

    @Test func transportCharsetOverridesMeta() {
        let page = TestEncoding.page(head: "<meta charset=\"utf-8\">", body: TestEncoding.polish)
        let decoded = decoder.decode(TestEncoding.bytes(page, "ISO-8859-2"), transportCharset: "ISO-8859-2")
        #expect(decoded.encoding == .iso8859_2)
        #expect(decoded.source == .transport)
        #expect(decoded.text == page)
    }

    @Test func unknownTransportLabelIsIgnored() {
        let page = TestEncoding.page(head: "<meta charset=\"koi8-r\">", body: TestEncoding.russian)
        let decoded = decoder.decode(TestEncoding.bytes(page, "KOI8-R"), transportCharset: "x-no-such-charset")
        #expect(decoded.source == .meta)
        #expect(decoded.text == page)
    }

    @Test func contentTypeCharsetParameter() {
        #expect(HTMLDecoder.charset(inContentType: "text/html; charset=ISO-8859-1") == "ISO-8859-1")
        #expect(HTMLDecoder.charset(inContentType: "text/html;Charset=\"shift_jis\"") == "shift_jis")
        #expect(HTMLDecoder.charset(inContentType: "text/html; q=1 ; charset = utf-8 ") == "utf-8")
        #expect(HTMLDecoder.charset(inContentType: "text/html") == nil)
        #expect(HTMLDecoder.charset(inContentType: "text/html; charset=") == nil)
    }

    // MARK: <meta>

    @Test func metaCharsetDecides() {
        let page = TestEncoding.page(head: "<meta charset=\"windows-1251\">", body: TestEncoding.russian)
        let decoded = decoder.decode(TestEncoding.bytes(page, "CP1251"))
        #expect(decoded.encoding == .windows1251)
        #expect(decoded.source == .meta)
        #expect(decoded.text == page)
        #expect(decoded.warnings.isEmpty)
    }

    @Test func latin1LabelMeansWindows1252() {
        // 0x93 and 0x94 are curly quotes in windows-1252 (C1 controls in real ISO-8859-1): browsers show quotes.
        let bytes = Array("<meta charset=latin1><p>".utf8) + [0x93, 0x48, 0x69, 0x94]
        let decoded = decoder.decode(bytes)
        #expect(decoded.encoding == .windows1252)
        #expect(decoded.text.hasSuffix("\u{201C}Hi\u{201D}"))
    }

    @Test func httpEquivContentType() {
        let head = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">"
        let page = TestEncoding.page(head: head, body: TestEncoding.russian)
        let decoded = decoder.decode(TestEncoding.bytes(page, "KOI8-R"))
        #expect(decoded.encoding == .koi8R)
        #expect(decoded.source == .meta)
        #expect(decoded.text == page)
    }

    @Test func prescanEdgeCases() {
        func declared(_ html: String) -> WebEncoding? { MetaPrescan.encoding(in: Array(html.utf8)[...]) }
        // Attributes in either order, unquoted, single-quoted, upper case, after a slash.
        #expect(declared("<META CONTENT='text/html; CHARSET=KOI8-R' HTTP-EQUIV=content-type>") == .koi8R)
        #expect(declared("<meta/charset=shift_jis>") == .shiftJIS)
        #expect(declared("<meta name=x content=\"charset = 'gb2312'\" http-equiv=\"content-type\">") == .gbk)
        // content= without http-equiv declares nothing.
        #expect(declared("<meta content=\"text/html; charset=koi8-r\"><meta charset=utf-8>") == .utf8)
        // The first charset attribute counts, a repeated attribute is ignored.
        #expect(declared("<meta charset=\"iso-8859-2\" charset=\"utf-8\">") == .iso8859_2)
        // UTF-16 declared in <meta> means UTF-8; x-user-defined means windows-1252.
        #expect(declared("<meta charset=utf-16le>") == .utf8)
        #expect(declared("<meta charset=x-user-defined>") == .windows1252)
        // An unknown label declares nothing, and a later <meta> still may.
        #expect(declared("<meta charset=klingon><meta charset=euc-kr>") == .eucKR)
        // In a comment: ignored; after "<!-->" (an empty comment): read.
        #expect(declared("<!-- <meta charset=koi8-r> --><p>x</p>") == nil)
        #expect(declared("<!--><meta charset=koi8-r>") == .koi8R)
        // Inside another tag's attribute value: ignored.
        #expect(declared("<div title=\"<meta charset=koi8-r>\"></div>") == nil)
        // In a processing instruction or doctype: ignored.
        #expect(declared("<?xml version=\"1.0\" encoding=\"koi8-r\"?><p>") == nil)
        // "<metadata" is another element.
        #expect(declared("<metadata charset=koi8-r>") == nil)
        // A tag cut off by the end of the 1,024 bytes declares nothing.
        #expect(declared("<meta charset=\"koi8-r") == nil)
    }

    @Test func metaAfterTheFirst1024BytesIsIgnored() {
        let filler = "<!-- " + String(repeating: "padding ", count: 130) + "-->"
        let page = "<html><head>\(filler)<meta charset=\"koi8-r\"></head><body><p>\(TestEncoding.russian)</p></body></html>"
        let bytes = TestEncoding.bytes(page, "KOI8-R")
        #expect(MetaPrescan.encoding(in: bytes[...]) == nil)
        let decoded = decoder.decode(bytes)
        #expect(decoded.source == .detected)  // the detector still finds KOI8-R
        #expect(decoded.encoding == .koi8R)
        #expect(decoded.text == page)
        // Within the first 1,024 bytes it counts.
        let early = "<html><head><meta charset=\"koi8-r\">\(filler)</head><body><p>\(TestEncoding.russian)</p></body></html>"
        #expect(decoder.decode(TestEncoding.bytes(early, "KOI8-R")).source == .meta)
    }

    // MARK: Valid UTF-8 against a stale declaration

    @Test func validUTF8WinsOverAStaleLegacyDeclarationUnlessAsked() {
        let page = TestEncoding.page(head: "<meta charset=\"iso-8859-1\">", body: TestEncoding.german)
        let trusting = decoder.decode(Array(page.utf8))
        #expect(trusting.encoding == .utf8)
        #expect(trusting.source == .detected)
        #expect(trusting.declared == .windows1252)
        #expect(trusting.text == page)
        let browserLike = HTMLDecoder(trustsValidUTF8: false).decode(Array(page.utf8))
        #expect(browserLike.encoding == .windows1252)
        #expect(browserLike.source == .meta)
        #expect(browserLike.text.contains("angekÃ¼ndigt"))  // what a browser shows
    }

    // MARK: Detection

    @Test(arguments: CharsetDetector.Engine.allCases)
    func undeclaredLegacyPagesAreDetected(_ engine: CharsetDetector.Engine) {
        let decoder = HTMLDecoder(detector: CharsetDetector(engine: engine))
        let cases: [(String, String, WebEncoding)] = [
            (TestEncoding.german + " " + TestEncoding.french + " \u{201E}Gut\u{201C}, sagte sie \u{2013} 5 \u{20AC}.", "CP1252", .windows1252),
            (TestEncoding.japanese, "SHIFT_JIS", .shiftJIS),
            (TestEncoding.russian, "KOI8-R", .koi8R),
            (TestEncoding.russian, "CP1251", .windows1251),
            (TestEncoding.chinese, "GB18030", .gb18030),
        ]
        for (text, charset, _) in cases {
            let page = TestEncoding.page(body: text)
            let decoded = decoder.decode(TestEncoding.bytes(page, charset))
            #expect(decoded.source == .detected, "\(charset)")
            #expect(decoded.text == page, "\(engine) on \(charset): \(decoded.encoding)")
        }
    }

    @Test func asciiOnlyPagesAreUTF8() {
        let decoded = decoder.decode(Array(TestEncoding.page(body: "Plain words.").utf8))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.source == .detected)
    }

    // MARK: Invalid bytes

    @Test func invalidShiftJISIsReplacedAndDecodingGoesOn() {
        let before = "<meta charset=\"shift_jis\"><p>" + TestEncoding.japanese
        let after = "二年後の開館を目指す。</p>"
        // 0x81 0x20: a lead byte followed by a space, which is no trail byte.
        let bytes = TestEncoding.bytes(before, "SHIFT_JIS") + [0x81, 0x20] + TestEncoding.bytes(after, "SHIFT_JIS")
        let decoded = decoder.decode(bytes)
        #expect(decoded.encoding == .shiftJIS)
        #expect(decoded.text == before + "\u{FFFD} " + after)
        #expect(decoded.replacedSequences == 1)
        let warning = decoded.warnings.first
        #expect(warning?.code == .invalidUTF8)
        #expect(warning?.message.contains("Shift_JIS") == true)
        #expect(warning?.message.contains("<meta>") == true)
    }

    @Test func invalidUTF8IsReplacedWithAWarning() {
        let bytes = Array("<meta charset=utf-8><p>caf".utf8) + [0xC3] + Array(" ok</p>".utf8)
        let decoded = decoder.decode(bytes)
        #expect(decoded.encoding == .utf8)
        #expect(decoded.text == "<meta charset=utf-8><p>caf\u{FFFD} ok</p>")
        #expect(decoded.warnings.map(\.code) == [.invalidUTF8])
        #expect(decoded.warnings.first?.message.contains("UTF-8") == true)
    }

    @Test func windows1252HolesAreC1ControlsNotErrors() {
        let decoded = decoder.decode(Array("<meta charset=windows-1252>".utf8) + [0x41, 0x81, 0x42])
        #expect(decoded.text.unicodeScalars.map(\.value).suffix(3) == [0x41, 0x81, 0x42])
        #expect(decoded.replacedSequences == 0)
    }
}
