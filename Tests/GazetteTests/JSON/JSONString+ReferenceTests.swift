import Testing
@testable import Gazette
@testable import GazetteTraining

/// The JSON string kernel (eight-byte skipping, pointer walks) against its plain references, on written cases and
/// many random strings with escapes, surrogates, invalid UTF-8 and control characters.
@Suite("JSON string kernel against its reference")
struct JSONStringReferenceTests {
    /// A decoding's outcome, compared by bytes (not by `String`'s canonical equivalence).
    enum Outcome: Equatable {
        case value([UInt8], repaired: Bool, loneSurrogate: Bool)
        case error(JSONSyntaxError)
    }

    static func outcome(_ decode: () throws(JSONSyntaxError) -> DecodedJSONString) -> Outcome {
        do throws(JSONSyntaxError) {
            let decoded = try decode()
            return .value(Array(decoded.value.utf8), repaired: decoded.repairedInvalidUTF8, loneSurrogate: decoded.replacedLoneSurrogate)
        } catch {
            return .error(error)
        }
    }

    /// Pieces of string content: plain runs, every escape, surrogate pairs whole and broken, bad escapes, raw
    /// quotes and backslashes, control characters, valid multi-byte UTF-8, invalid UTF-8 and U+2028 / U+2029.
    static let pieces: [[UInt8]] = [
        "a", "Z", " ", "abcdefgh", "plain text run ", "é", "日本", "🙂", #"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#,
        #"\t"#, #"\u00e9"#, #"\u00E9"#, #"\u0000"#, #"\u001f"#, #"\u2028"#, #"\uD83D\uDE42"#, #"\ud83d\ude42"#, #"\uD83D"#,
        #"\uDE42"#, #"\uD83Dx"#, #"\uD83D\u0041"#, #"\uD83D\uD83D"#, #"\uZZZZ"#, #"\u12"#, #"\u+123"#, #"\x"#, #"\"#, #"""#,
        "\u{1}", "\t", "\n", "\u{7F}", "\u{2028}", "\u{2029}",
    ].map { Array($0.utf8) } + [
        [0xFF], [0xC3], [0x80], [0xE2, 0x80], [0xE2], [0xED, 0xA0, 0x80], [0xF0, 0x9F], [0xC0, 0xAF], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xAA],
    ]

    static func randomContent(_ random: inout SeededGenerator) -> [UInt8] {
        var content: [UInt8] = []
        for _ in 0..<Int(random.next() % 24) {
            content += pieces[Int(random.next() % UInt64(pieces.count))]
        }
        return content
    }

    @Test func writtenStringsDecodeAsTheReference() {
        let written = [#""""#, #""a""#, #""\u00e9 and \uD83D\uDE42""#, #""\uD83D""#, #""\"#, "\"", "", "x", #""abc"#, "\"a\u{1}b\"",
                       #""a"b""#, #""\q""#, #""\u12""#, #""\""#]
        for text in written {
            let raw = Array(text.utf8)
            #expect(Self.outcome { () throws(JSONSyntaxError) in try JSONString.decode(raw[...]) }
                    == Self.outcome { () throws(JSONSyntaxError) in try JSONString.referenceDecode(raw) }, "\(text)")
        }
    }

    @Test func randomStringsDecodeAsTheReference() {
        var random = SeededGenerator(seed: 8259)
        var errors = 0, repaired = 0, surrogates = 0
        for round in 0..<20_000 {
            var raw = Self.randomContent(&random)
            switch round % 10 {
            case 0: break  // no quotes
            case 1: raw = [UInt8(ascii: "\"")] + raw  // unterminated
            default: raw = [UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")]
            }
            let kernel = Self.outcome { () throws(JSONSyntaxError) in try JSONString.decode(raw[...]) }
            #expect(kernel == Self.outcome { () throws(JSONSyntaxError) in try JSONString.referenceDecode(raw) }, "\(raw)")
            switch kernel {
            case .error: errors += 1
            case .value(_, let wasRepaired, let loneSurrogate):
                repaired += wasRepaired ? 1 : 0
                surrogates += loneSurrogate ? 1 : 0
            }
        }
        // Every kind of outcome was reached often.
        #expect(errors > 2_000 && errors < 18_000 && repaired > 500 && surrogates > 500)
    }

    @Test func randomBytesAreQuotedAsTheReference() {
        var random = SeededGenerator(seed: 2028)
        for _ in 0..<20_000 {
            let bytes = random.next() % 2 == 0
                ? Self.randomContent(&random)
                : (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var output: [UInt8] = []
            bytes.withUnsafeBufferPointer { JSONString.appendQuoted($0, to: &output) }
            #expect(output == JSONString.referenceQuoted(bytes), "\(bytes)")
            let string = String(decoding: bytes, as: UTF8.self)
            #expect(JSONString.quoted(string) == JSONString.referenceQuoted(Array(string.utf8)))
        }
    }

    /// Short strings and the last bytes of longer ones are read as one word: one byte to escape, at every position
    /// of plain strings of every length up to 20.
    @Test func plainStringsWithOneEscapeAreQuotedAsTheReference() {
        let specials: [[UInt8]] = [[0x22], [0x5C], [0x0A], [0x01], [0x7F], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0x99], [0xC3, 0xA9]]
        for length in 0...20 {
            let plain = Array("Abcdefghijklmnopqrst".utf8.prefix(length))
            var cases = [plain]
            for position in 0...length {
                for special in specials { cases.append(Array(plain[..<position]) + special + Array(plain[position...])) }
            }
            for bytes in cases {
                var output: [UInt8] = []
                bytes.withUnsafeBufferPointer { JSONString.appendQuoted($0, to: &output) }
                #expect(output == JSONString.referenceQuoted(bytes), "\(bytes)")
            }
        }
    }

    /// What the quoter writes, the decoder reads back.
    @Test func quotedStringsDecodeBack() throws {
        var random = SeededGenerator(seed: 9)
        for _ in 0..<2_000 {
            let string = String(decoding: Self.randomContent(&random), as: UTF8.self)
            let decoded = try JSONString.referenceDecode(JSONString.referenceQuoted(Array(string.utf8)))
            #expect(Array(decoded.value.utf8) == Array(string.utf8) && !decoded.repairedInvalidUTF8)
        }
    }
}
