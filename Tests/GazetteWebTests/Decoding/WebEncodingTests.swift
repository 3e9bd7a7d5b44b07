import Testing
@testable import GazetteWeb

@Suite("Encoding labels")
struct WebEncodingTests {
    @Test func labelsMapAsTheEncodingStandardSays() {
        #expect(WebEncoding(label: "latin1") == .windows1252)
        #expect(WebEncoding(label: " ISO-8859-1\t") == .windows1252)
        #expect(WebEncoding(label: "ascii") == .windows1252)
        #expect(WebEncoding(label: "US-ASCII") == .windows1252)
        #expect(WebEncoding(label: "gb2312") == .gbk)
        #expect(WebEncoding(label: "GB18030") == .gb18030)
        #expect(WebEncoding(label: "x-sjis") == .shiftJIS)
        #expect(WebEncoding(label: "Shift_JIS") == .shiftJIS)
        #expect(WebEncoding(label: "ms932") == .shiftJIS)
        #expect(WebEncoding(label: "ks_c_5601-1987") == .eucKR)
        #expect(WebEncoding(label: "utf8") == .utf8)
        #expect(WebEncoding(label: "utf-16") == .utf16LE)
        #expect(WebEncoding(label: "iso-2022-kr") == .replacement)
        #expect(WebEncoding(label: "tis-620") == .windows874)
        #expect(WebEncoding(label: "klingon") == nil)
        #expect(WebEncoding(label: "") == nil)
    }

    /// Every encoding's converter exists in ICU's data and decodes ASCII as ASCII.
    @Test(arguments: WebEncoding.allCases)
    func everyEncodingDecodes(_ encoding: WebEncoding) {
        let bytes: [UInt8]
        switch encoding {
        case .utf16LE: bytes = Array("Hello".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        case .utf16BE: bytes = Array("Hello".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        default: bytes = Array("Hello".utf8)
        }
        let result = Transcoder.decode(bytes[...], from: encoding)
        if encoding == .replacement {
            #expect(result.text == "\u{FFFD}")
        } else {
            #expect(result.text == "Hello")
            #expect(result.replaced == 0)
        }
        // A non-ASCII byte goes through ICU itself.
        if encoding.isASCIICompatible, encoding != .utf8, encoding != .xUserDefined {
            let decoded = Transcoder.decode([0x41, 0xE9, 0x42][...], from: encoding)
            #expect(decoded.text.unicodeScalars.first == "A", "\(encoding)")
        }
    }

    @Test func xUserDefinedMapsHighBytesToThePrivateUseArea() {
        let decoded = Transcoder.decode([0x41, 0x80, 0xFF][...], from: .xUserDefined)
        #expect(decoded.text.unicodeScalars.map(\.value) == [0x41, 0xF780, 0xF7FF])
    }

    @Test func replacementLabelsFromTheTransportGiveOneReplacementCharacter() {
        let decoded = HTMLDecoder().decode(Array("<p>text</p>".utf8), transportCharset: "iso-2022-kr")
        #expect(decoded.encoding == .replacement)
        #expect(decoded.text == "\u{FFFD}")
        #expect(decoded.warnings.count == 1)
    }
}
