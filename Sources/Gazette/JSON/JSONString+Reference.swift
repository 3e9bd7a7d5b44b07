// The plain references of the JSON string kernel: decoding and quoting written byte by byte over arrays, with none
// of `JSONString`'s eight-byte skipping or pointer walks. `JSONStringReferenceTests` pin the kernel to them.

extension JSONString {
    /// `decode(_:)` written plainly: the same value, the same repair flag, the same error at the same offset.
    static func referenceDecode(_ raw: [UInt8]) throws(JSONSyntaxError) -> DecodedJSONString {
        guard raw.first == UInt8(ascii: "\"") else { throw JSONSyntaxError(offset: 0, message: "expected a JSON string") }
        guard raw.count >= 2, raw.last == UInt8(ascii: "\"") else { throw JSONSyntaxError(offset: 0, message: "unterminated string") }
        let content = Array(raw[1..<(raw.count - 1)])
        var output: [UInt8] = []
        var position = 0
        var replacedLoneSurrogate = false
        // Offsets in errors count from the opening quote.
        while position < content.count {
            let byte = content[position]
            if byte == UInt8(ascii: "\"") {
                throw JSONSyntaxError(offset: position + 1, message: "unescaped '\"' in string")
            }
            if byte < 0x20 {
                throw JSONSyntaxError(offset: position + 1, message: "unescaped control character in string")
            }
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                position += 1
                continue
            }
            guard position + 1 < content.count else {
                // The backslash escapes what should have been the closing quote.
                throw JSONSyntaxError(offset: 0, message: "unterminated string")
            }
            switch content[position + 1] {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): output.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard let unit = referenceHex4(content, at: position + 2) else {
                    throw JSONSyntaxError(offset: position + 1, message: "invalid \\u escape, expected 4 hex digits")
                }
                var scalar = Unicode.Scalar(0xFFFD)!
                if (0xD800...0xDBFF).contains(unit) {
                    // A high surrogate joins a low surrogate escape right after it; alone it becomes U+FFFD.
                    if position + 7 < content.count, content[position + 6] == UInt8(ascii: "\\"), content[position + 7] == UInt8(ascii: "u"),
                       let low = referenceHex4(content, at: position + 8), (0xDC00...0xDFFF).contains(low) {
                        scalar = Unicode.Scalar(0x10000 + (UInt32(unit) - 0xD800) * 0x400 + (UInt32(low) - 0xDC00))!
                        position += 6
                    } else {
                        replacedLoneSurrogate = true
                    }
                } else if let plain = Unicode.Scalar(unit) {
                    scalar = plain
                } else {
                    replacedLoneSurrogate = true  // a low surrogate alone
                }
                output += Array(String(scalar).utf8)
                position += 4
            default:
                throw JSONSyntaxError(offset: position + 1, message: "invalid escape sequence")
            }
            position += 2
        }
        if let valid = String(validating: output, as: UTF8.self) {
            return DecodedJSONString(value: valid, replacedLoneSurrogate: replacedLoneSurrogate)
        }
        return DecodedJSONString(value: String(decoding: output, as: UTF8.self), repairedInvalidUTF8: true,
                                 replacedLoneSurrogate: replacedLoneSurrogate)
    }

    /// The value of the four hex digits at `start` in `bytes`, or nil if there are fewer or one is not a hex digit.
    private static func referenceHex4(_ bytes: [UInt8], at start: Int) -> UInt16? {
        guard start + 4 <= bytes.count else { return nil }
        let digits = bytes[start..<(start + 4)]
        guard digits.allSatisfy({ "0123456789abcdefABCDEF".utf8.contains($0) }) else { return nil }
        return UInt16(String(decoding: digits, as: UTF8.self), radix: 16)
    }

    /// `appendQuoted(_:to:)` of UTF-8 bytes written plainly, one byte at a time.
    static func referenceQuoted(_ utf8: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "\"")]
        var position = 0
        while position < utf8.count {
            let byte = utf8[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""): output += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): output += Array(#"\\"#.utf8)
            case 0x0A: output += Array(#"\n"#.utf8)
            case 0x0D: output += Array(#"\r"#.utf8)
            case 0x09: output += Array(#"\t"#.utf8)
            case 0x08: output += Array(#"\b"#.utf8)
            case 0x0C: output += Array(#"\f"#.utf8)
            case 0..<0x20: output += Array(("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)).utf8)
            case 0xE2 where position + 1 < utf8.count && utf8[position] == 0x80 && (utf8[position + 1] == 0xA8 || utf8[position + 1] == 0xA9):
                // U+2028 and U+2029 (E2 80 A8, E2 80 A9) are escaped: they end lines in JavaScript.
                output += Array((utf8[position + 1] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                position += 2
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
        return output
    }
}
