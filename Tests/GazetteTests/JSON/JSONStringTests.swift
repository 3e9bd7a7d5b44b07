import Testing

@testable import Gazette

/// Decodes the raw JSON string `raw` (with its quotes).
private func decode(_ raw: [UInt8]) throws(JSONSyntaxError) -> (value: String, repairedInvalidUTF8: Bool) {
    let decoded = try decodedValue(raw)
    return (decoded.value, decoded.repairedInvalidUTF8)
}

/// Decodes `raw` with everything the decoder reports.
private func decodedValue(_ raw: [UInt8]) throws(JSONSyntaxError) -> DecodedJSONString {
    try raw.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> DecodedJSONString in
        try JSONString.decode(buffer)
    }
}

private func decode(_ raw: String) throws(JSONSyntaxError) -> (value: String, repairedInvalidUTF8: Bool) {
    try decode(Array(raw.utf8))
}

private func decodeError(_ raw: String) -> JSONSyntaxError? {
    do {
        _ = try decode(raw)
        return nil
    } catch {
        return error
    }
}

private func quoted(_ string: String) -> String {
    var output: [UInt8] = []
    JSONString.appendQuoted(string, to: &output)
    return String(decoding: output, as: UTF8.self)
}

@Suite("JSONString")
struct JSONStringTests {
    // MARK: decode

    @Test func plainStrings() throws {
        #expect(try decode(#""""#) == ("", false))
        #expect(try decode(#""hello""#) == ("hello", false))
        #expect(try decode(#""héllo 日本 😀""#) == ("héllo 日本 😀", false))
        let long = String(repeating: "abcdefgh", count: 50) + "é"
        #expect(try decode("\"\(long)\"") == (long, false))
    }

    @Test func shortEscapes() throws {
        #expect(try decode(#""a\"b\\c\/d\be\ff\ng\rh\ti""#).value == "a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti")
        #expect(try decode(#""\n""#).value == "\n")
        #expect(try decode(#""\\\\""#).value == "\\\\")
        let long = String(repeating: "x", count: 37)
        #expect(try decode("\"\(long)\\n\(long)\\t\"").value == "\(long)\n\(long)\t")
    }

    @Test func unicodeEscapes() throws {
        #expect(try decode(#""caf\u00e9""#) == ("café", false))
        #expect(try decode(#""\u00E9\u0041\u0000\u001F""#).value == "éA\u{0}\u{1F}")
        #expect(try decode(#""\u65e5\u672C""#).value == "日本")
        #expect(try decode(#""\u2028\u2029""#).value == "\u{2028}\u{2029}")
    }

    @Test func surrogatePair() throws {
        #expect(try decode(#""\ud83d\ude00""#) == ("😀", false))
        #expect(try decode(#""a\uD83D\uDE00b""#).value == "a😀b")
        #expect(try decode(#""\udbff\udfff""#).value == "\u{10FFFF}")
    }

    @Test func loneSurrogates() throws {
        #expect(try decode(#""\ud83d""#) == ("\u{FFFD}", false))
        #expect(try decode(#""\ude00""#).value == "\u{FFFD}")
        #expect(try decode(#""x\ud83dy""#).value == "x\u{FFFD}y")
        #expect(try decode(#""\ude00\ud83d""#).value == "\u{FFFD}\u{FFFD}")
        // A high surrogate followed by another high one, then a low one: the second pair joins.
        #expect(try decode(#""\ud83d\ud83d\ude00""#).value == "\u{FFFD}😀")
        #expect(try decode(#""\ud83d\n""#).value == "\u{FFFD}\n")
        #expect(try decode(#""\ud83d\u0041""#).value == "\u{FFFD}A")
    }

    @Test func loneSurrogatesAreReportedApartFromInvalidUTF8() throws {
        for lone in [#""\ud800""#, #""a\udfff b""#, #""\ud83d\ud83d\ude00""#, #""\ude00\ud83d\ude00""#] {
            let decoded = try decodedValue(Array(lone.utf8))
            #expect(decoded.replacedLoneSurrogate, "\(lone)")
            #expect(!decoded.repairedInvalidUTF8, "\(lone)")
        }
        for whole in [#""\ud83d\ude00""#, #""plain""#, #""\u00e9\n""#] {
            #expect(try !decodedValue(Array(whole.utf8)).replacedLoneSurrogate, "\(whole)")
        }
        #expect(try !decodedValue([0x22, 0xC0, 0xAF, 0x22]).replacedLoneSurrogate)
    }

    @Test func invalidUTF8IsRepaired() throws {
        let raw: [UInt8] = [0x22, 0x61, 0xFF, 0x62, 0x22]
        #expect(try decode(raw) == ("a\u{FFFD}b", true))
        // With escapes too (slow path).
        let escaped: [UInt8] = [0x22, 0x5C, 0x6E, 0xFF, 0x22]
        #expect(try decode(escaped) == ("\n\u{FFFD}", true))
        // A truncated sequence before an escape stays invalid.
        let truncated: [UInt8] = Array(#""x"#.utf8) + [0xC3] + Array(#"\u00e9""#.utf8)
        #expect(try decode(truncated) == ("x\u{FFFD}é", true))
        // A lone continuation byte after an escape stays invalid.
        let continuation: [UInt8] = Array(#""\u00e9"#.utf8) + [0xA9, 0x22]
        #expect(try decode(continuation) == ("é\u{FFFD}", true))
        // Overlong encoding.
        #expect(try decode([0x22, 0xC0, 0xAF, 0x22]).repairedInvalidUTF8)
    }

    @Test func decodesScannedValues() throws {
        let bytes = Array(#"{"k\u00e9y":"va\"lue\ud83d\ude00","n":1}"#.utf8)
        let members = try JSONObjectScanner.members(of: bytes)
        #expect(members[0].key == "kéy")
        let value = try decode(Array(bytes[members[0].valueRange]))
        #expect(value == ("va\"lue😀", false))
    }

    @Test func decodeErrors() {
        #expect(decodeError("") == JSONSyntaxError(offset: 0, message: "expected a JSON string"))
        #expect(decodeError("abc") == JSONSyntaxError(offset: 0, message: "expected a JSON string"))
        #expect(decodeError("\"") == JSONSyntaxError(offset: 0, message: "unterminated string"))
        #expect(decodeError(#""abc"#) == JSONSyntaxError(offset: 0, message: "unterminated string"))
        #expect(decodeError(#""abc\""#) == JSONSyntaxError(offset: 0, message: "unterminated string"))
        #expect(decodeError(#""a\xb""#) == JSONSyntaxError(offset: 2, message: "invalid escape sequence"))
        #expect(
            decodeError(#""a\u12""#) == JSONSyntaxError(offset: 2, message: "invalid \\u escape, expected 4 hex digits")
        )
        #expect(
            decodeError(#""a\u12zz""#)
                == JSONSyntaxError(offset: 2, message: "invalid \\u escape, expected 4 hex digits"))
        #expect(decodeError(#""a"b""#) == JSONSyntaxError(offset: 2, message: "unescaped '\"' in string"))
        #expect(decodeError("\"a\nb\"") == JSONSyntaxError(offset: 2, message: "unescaped control character in string"))
        #expect(
            decodeError("\"\\n\u{1}\"") == JSONSyntaxError(offset: 3, message: "unescaped control character in string"))
    }

    // MARK: appendQuoted

    @Test func quotesPlainText() {
        #expect(quoted("") == #""""#)
        #expect(quoted("hello") == #""hello""#)
        #expect(quoted("日本 😀 é") == "\"日本 😀 é\"")
        #expect(quoted("/\u{7F}") == "\"/\u{7F}\"")
    }

    @Test func escapes() {
        #expect(quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(quoted("\n\r\t\u{8}\u{C}") == #""\n\r\t\b\f""#)
        #expect(quoted("\u{0}\u{1}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(quoted("x\u{2028}y\u{2029}z") == #""x\u2028y\u2029z""#)
        // Other characters with the same 0xE2 lead byte stay raw.
        #expect(quoted("\u{2027}\u{202A}\u{2014}€") == "\"\u{2027}\u{202A}\u{2014}€\"")
        // A truncated 0xE2 0x80 at the end.
        var output: [UInt8] = []
        [0xE2, 0x80].withUnsafeBufferPointer { JSONString.appendQuoted($0, to: &output) }
        #expect(output == [0x22, 0xE2, 0x80, 0x22])
    }

    @Test func appendsToExistingOutput() {
        var output = Array("{\"a\":".utf8)
        JSONString.appendQuoted("x\ny", to: &output)
        output.append(UInt8(ascii: "}"))
        #expect(String(decoding: output, as: UTF8.self) == #"{"a":"x\ny"}"#)
    }

    @Test func bufferOverloadMatchesString() {
        let string = "caf\u{E9} \"q\" \\ \n 😀 \u{2028}"
        var fromString: [UInt8] = []
        JSONString.appendQuoted(string, to: &fromString)
        var fromBytes: [UInt8] = []
        Array(string.utf8).withUnsafeBufferPointer { JSONString.appendQuoted($0, to: &fromBytes) }
        #expect(fromString == fromBytes)
    }

    @Test(arguments: [
        "",
        "plain",
        "quote \" inside \"\"",
        "back\\slash\\\\",
        "new\nline\r\n",
        "tab\t, bell \u{7}, nul \u{0}, esc \u{1B}, unit separator \u{1F}, del \u{7F}",
        "emoji 😀👩‍👩‍👧 flags 🇫🇷",
        "CJK 日本語の文章 한국어 中文",
        "separators \u{2028} and \u{2029}",
        "mixed \"\\\n\u{2028}日本😀\u{1}",
        String(repeating: "long run with an escape\n", count: 20),
        String(repeating: "é\"", count: 17),
    ])
    func roundTrip(_ string: String) throws {
        var output: [UInt8] = []
        JSONString.appendQuoted(string, to: &output)
        // No raw control characters, U+2028 or U+2029 in the output.
        #expect(!output.contains { $0 < 0x20 })
        let text = String(decoding: output, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
        #expect(try decode(output) == (string, false))
        // And it is a valid JSON value for the scanner.
        let object = Array("{\"k\":".utf8) + output + [UInt8(ascii: "}")]
        let members = try JSONObjectScanner.members(of: object)
        #expect(members.map(\.kind) == [.string])
    }

    @Test func roundTripEveryControlCharacterAndAlignment() throws {
        for scalar in 0..<0x20 {
            for padding in 0..<9 {
                let string =
                    String(repeating: "a", count: padding) + String(UnicodeScalar(UInt8(scalar)))
                    + String(repeating: "b", count: 9)
                var output: [UInt8] = []
                JSONString.appendQuoted(string, to: &output)
                #expect(try decode(output) == (string, false))
            }
        }
    }
}
