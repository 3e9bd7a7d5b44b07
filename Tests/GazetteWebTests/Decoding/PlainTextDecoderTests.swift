import Testing
@testable import GazetteWeb

@Suite("Plain text decoding")
struct PlainTextDecoderTests {
    let decoder = PlainTextDecoder()

    @Test func validUTF8IsUTF8() {
        let decoded = decoder.decode(Array(TestEncoding.german.utf8))
        #expect(decoded.encoding == .utf8)
        #expect(decoded.source == .detected)
        #expect(decoded.text == TestEncoding.german)
    }

    @Test func byteOrderMarkThenTransport() {
        let bom = decoder.decode([0xFF, 0xFE] + TestEncoding.french.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
                                 transportCharset: "koi8-r")
        #expect(bom.source == .bom)
        #expect(bom.text == TestEncoding.french)
        let transport = decoder.decode(TestEncoding.bytes(TestEncoding.polish, "ISO-8859-2"), transportCharset: "latin2")
        #expect(transport.encoding == .iso8859_2)
        #expect(transport.source == .transport)
        #expect(transport.text == TestEncoding.polish)
    }

    @Test func undeclaredLegacyTextIsDetected() {
        for (text, charset) in [(TestEncoding.german, "CP1252"), (TestEncoding.japanese, "SHIFT_JIS"), (TestEncoding.russian, "KOI8-R")] {
            let decoded = decoder.decode(TestEncoding.bytes(text, charset))
            #expect(decoded.source == .detected)
            #expect(decoded.text == text, "\(charset): \(decoded.encoding)")
        }
    }

    @Test func metaIsNotReadInText() {
        let text = "<meta charset=koi8-r> caf\u{E9}"
        let decoded = decoder.decode(TestEncoding.bytes(text, "CP1252"))
        #expect(decoded.source != .meta)
    }
}
