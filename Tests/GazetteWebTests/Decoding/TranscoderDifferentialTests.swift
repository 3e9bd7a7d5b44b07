import Glibc
import Testing
@testable import GazetteWeb

/// ICU's converters (through `Transcoder`, the decoders' pointer code) against glibc's iconv, byte by byte for the
/// single-byte encodings.
@Suite("Transcoder against iconv")
struct TranscoderDifferentialTests {
    /// Single-byte encodings and glibc's names for them.
    static let singleByte: [(WebEncoding, String)] = [
        (.ibm866, "CP866"), (.iso8859_2, "ISO-8859-2"), (.iso8859_3, "ISO-8859-3"), (.iso8859_4, "ISO-8859-4"),
        (.iso8859_5, "ISO-8859-5"), (.iso8859_6, "ISO-8859-6"), (.iso8859_7, "ISO-8859-7"), (.iso8859_8, "ISO-8859-8"),
        (.iso8859_10, "ISO-8859-10"), (.iso8859_13, "ISO-8859-13"), (.iso8859_14, "ISO-8859-14"),
        (.iso8859_15, "ISO-8859-15"), (.iso8859_16, "ISO-8859-16"), (.koi8R, "KOI8-R"), (.koi8U, "KOI8-U"),
        (.windows1250, "CP1250"), (.windows1251, "CP1251"), (.windows1252, "CP1252"), (.windows1253, "CP1253"),
        (.windows1254, "CP1254"), (.windows1255, "CP1255"), (.windows1256, "CP1256"), (.windows1257, "CP1257"),
        (.windows1258, "CP1258"),
    ]

    /// One byte decoded by iconv, or nil when iconv has no character for it.
    static func iconvDecode(_ byte: UInt8, from charset: String) -> Unicode.Scalar? {
        let converter = iconv_open("UTF-32LE", charset)
        precondition(converter != iconv_t(bitPattern: -1), "iconv knows no \(charset)")
        defer { iconv_close(converter) }
        var input = [CChar(bitPattern: byte)]
        var output = [UInt8](repeating: 0, count: 8)
        let ok = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBytes { target in
                var inPointer = source.baseAddress
                var inLeft = 1
                var outPointer = target.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = 8
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return false }
                // windows-1255 and windows-1258 hold a base letter back for a combining mark: flush it.
                return iconv(converter, nil, nil, &outPointer, &outLeft) != -1 && outLeft == 4
            }
        }
        guard ok else { return nil }
        return Unicode.Scalar(UInt32(output[0]) | UInt32(output[1]) << 8 | UInt32(output[2]) << 16 | UInt32(output[3]) << 24)
    }

    @Test(arguments: singleByte.map(\.0))
    func everyByteDecodesAsIconvDecodesIt(_ encoding: WebEncoding) {
        let charset = Self.singleByte.first { $0.0 == encoding }!.1
        for byte in UInt8(0x80)...UInt8(0xFF) {
            let decoded = Transcoder.decode([byte][...], from: encoding)
            let scalars = Array(decoded.text.unicodeScalars)
            #expect(scalars.count == 1)
            if let expected = Self.iconvDecode(byte, from: charset) {
                #expect(scalars.first == expected, "\(encoding) byte \(byte)")
                #expect(decoded.replaced == 0)
            } else if encoding == .windows1253, byte == 0xAA {
                // ICU follows Microsoft's table here (U+00AA); glibc leaves the byte unmapped.
                #expect(scalars.first == "\u{AA}")
            } else if encoding.mapsHolesToC1Controls, byte < 0xA0 {
                // The Encoding Standard's windows-* holes: the C1 control of the same value.
                #expect(scalars.first?.value == UInt32(byte), "\(encoding) byte \(byte)")
            } else {
                #expect(scalars.first == "\u{FFFD}", "\(encoding) byte \(byte)")
                #expect(decoded.replaced == 1)
            }
        }
    }

    /// The multi-byte encodings on the test texts, encoded by iconv.
    @Test func multiByteTextsRoundTrip() {
        let cases: [(String, String, WebEncoding)] = [
            (TestEncoding.japanese, "SHIFT_JIS", .shiftJIS), (TestEncoding.japanese, "EUC-JP", .eucJP),
            (TestEncoding.japanese, "ISO-2022-JP", .iso2022JP), (TestEncoding.chinese, "GB18030", .gb18030),
            (TestEncoding.chinese, "GBK", .gbk),
            ("市政府週三宣布，將在明年春季開始擴建城市中心公園，新增綠地面積約二十公頃。", "BIG5-HKSCS", .big5),
            ("시의회는 화요일 새 도서관 건설 계획을 승인했다.", "EUC-KR", .eucKR),
            (TestEncoding.russian, "UTF-16BE", .utf16BE), (TestEncoding.russian, "UTF-16LE", .utf16LE),
        ]
        for (text, charset, encoding) in cases {
            let decoded = Transcoder.decode(TestEncoding.bytes(text, charset)[...], from: encoding)
            #expect(decoded.text == text, "\(charset)")
            #expect(decoded.replaced == 0)
        }
    }
}
