/// Decoding and writing JSON string literals, on UTF-8 bytes: a kernel. It skips ordinary bytes eight at a time
/// and walks the rest through pointers; `referenceDecode` and `referenceQuoted` (in `JSONString+Reference.swift`)
/// are the same work written plainly, and `JSONStringReferenceTests` pins the two together.
/// A decoded JSON string value, and what was replaced with U+FFFD on the way.
package struct DecodedJSONString: Equatable {
    /// The string.
    package var value: String
    /// Whether invalid UTF-8 inside the string was replaced.
    package var repairedInvalidUTF8 = false
    /// Whether a `\u` escape of a surrogate without its partner (`\ud800` alone) was replaced.
    package var replacedLoneSurrogate = false
}

package enum JSONString {
    /// Decodes a raw JSON string value: the bytes including the surrounding quotes, as given by the
    /// `valueRange` of a `.string` member. Handles every escape, `\uXXXX` included, and joins
    /// surrogate pairs; a lone surrogate becomes U+FFFD, which `replacedLoneSurrogate` reports. Invalid UTF-8 inside
    /// the string is repaired to U+FFFD, which `repairedInvalidUTF8` reports.
    /// Error offsets are byte offsets in `raw` (0 is the opening quote).
    package static func decode(
        _ raw: UnsafeBufferPointer<UInt8>
    ) throws(JSONSyntaxError) -> DecodedJSONString {
        guard let base = raw.baseAddress, raw.count >= 1, base[0] == quote else {
            throw JSONSyntaxError(offset: 0, message: "expected a JSON string")
        }
        guard raw.count >= 2, base[raw.count - 1] == quote else {
            throw JSONSyntaxError(offset: 0, message: "unterminated string")
        }
        let content = UnsafeBufferPointer(start: base + 1, count: raw.count - 2)
        // Look for anything that is not copied as it is: escapes, and bytes that would be errors.
        var position = 0
        let count = content.count
        while position < count {
            if position + 8 <= count,
                !mayNeedAttentionInString(UnsafeRawPointer(base + 1 + position).loadUnaligned(as: UInt64.self))
            {
                position += 8
                continue
            }
            let byte = content[position]
            if byte == backslash || byte == quote || byte < 0x20 { break }
            position += 1
        }
        if position == count { return string(fromUTF8: content) }
        return try decodeEscaped(content, from: position, offsetBias: 1)
    }

    /// `decode(_:)` of bytes in an array.
    package static func decode(_ raw: ArraySlice<UInt8>) throws(JSONSyntaxError) -> DecodedJSONString {
        try raw.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) in try decode(buffer) }
    }

    /// Appends `string` as a JSON string literal, with its quotes, to `output`. Escapes `"`, `\`,
    /// control characters (`\n \r \t \b \f` short, others as `\u00XX`) and U+2028 / U+2029
    /// (as `\u2028` / `\u2029`); everything else is written as raw UTF-8.
    static func appendQuoted<Sink: JSONByteSink & ~Copyable>(_ string: String, to output: inout Sink) {
        // Native strings lend their UTF-8 in place; only a bridged one is copied.
        if string.utf8.withContiguousStorageIfAvailable({ appendQuoted($0, to: &output) }) != nil { return }
        var string = string
        string.withUTF8 { appendQuoted($0, to: &output) }
    }

    /// Same as `appendQuoted(_:to:)` for a `String`, from UTF-8 bytes. Invalid UTF-8 in `utf8` is
    /// copied as it is.
    static func appendQuoted<Sink: JSONByteSink & ~Copyable>(_ utf8: UnsafeBufferPointer<UInt8>, to output: inout Sink) {
        output.append(quote)
        guard let base = utf8.baseAddress, !utf8.isEmpty else {
            output.append(quote)
            return
        }
        let count = utf8.count
        var position = 0
        var runStart = 0
        var tailRead = false
        while position < count {
            if position + 8 <= count {
                if !mayNeedAttentionWhenQuoting(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) {
                    position += 8
                    continue
                }
            } else if !tailRead {
                // Fewer than eight bytes left (most names and labels are short): read them in one word too, once.
                tailRead = true
                if lastBytesArePlain(base, count: count) {
                    position = count
                    break
                }
            }
            let byte = base[position]
            if byte >= 0x20 && byte != quote && byte != backslash && byte != 0xE2 {
                position += 1
                continue
            }
            if byte == 0xE2 {
                // U+2028 is E2 80 A8, U+2029 is E2 80 A9.
                guard position + 2 < count, base[position + 1] == 0x80,
                    base[position + 2] == 0xA8 || base[position + 2] == 0xA9
                else {
                    position += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position - runStart))
                appendUnicodeEscape(base[position + 2] == 0xA8 ? 0x2028 : 0x2029, to: &output)
                position += 3
                runStart = position
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position - runStart))
            switch byte {
            case quote, backslash:
                output.append(backslash)
                output.append(byte)
            case 0x0A: appendShortEscape(0x6E, to: &output)  // \n
            case 0x0D: appendShortEscape(0x72, to: &output)  // \r
            case 0x09: appendShortEscape(0x74, to: &output)  // \t
            case 0x08: appendShortEscape(0x62, to: &output)  // \b
            case 0x0C: appendShortEscape(0x66, to: &output)  // \f
            default: appendUnicodeEscape(UInt16(byte), to: &output)
            }
            position += 1
            runStart = position
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        output.append(quote)
    }
}

// MARK: - Shared with JSONObjectScanner

extension JSONString {
    private static let quote: UInt8 = 0x22
    private static let backslash: UInt8 = 0x5C
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit set in some byte of the eight in `word` that is 0 (and perhaps in others: the caller only asks
    /// whether there is one).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word
    }

    /// The high bit set in some byte of `word` that needs attention inside a string: `"`, `\` or a control
    /// character (< 0x20). Masks, not tests: the three are ORed and tested once, which is most of the work of
    /// reading text eight bytes at a time.
    @inline(__always)
    private static func attentionInString(_ word: UInt64) -> UInt64 {
        let control = (word &- 0x20 &* ones) & ~word
        return control | zeroBytes(word ^ (0x22 &* ones)) | zeroBytes(word ^ (0x5C &* ones))
    }

    /// False only when none of the eight bytes in `word` is `"`, `\` or a control character (< 0x20),
    /// so that all eight can be skipped inside a string.
    @inline(__always)
    static func mayNeedAttentionInString(_ word: UInt64) -> Bool {
        attentionInString(word) & highBits != 0
    }

    /// Like `mayNeedAttentionInString`, also flagging 0xE2 (the lead byte of U+2028 and U+2029).
    @inline(__always)
    static func mayNeedAttentionWhenQuoting(_ word: UInt64) -> Bool {
        (attentionInString(word) | zeroBytes(word ^ (0xE2 &* ones))) & highBits != 0
    }

    /// Whether the last bytes of `count` at `base` surely need no escape: the last eight read as one word, or, when
    /// there are four to seven, the first four and the last four. The word overlaps bytes before them, which at
    /// worst sends the caller on a byte at a time.
    @inline(__always)
    private static func lastBytesArePlain(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
        let word: UInt64
        if count >= 8 {
            word = UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self)
        } else if count >= 4 {
            word = UInt64(UnsafeRawPointer(base).loadUnaligned(as: UInt32.self))
                | UInt64(UnsafeRawPointer(base + count - 4).loadUnaligned(as: UInt32.self)) << 32
        } else {
            return false
        }
        return !mayNeedAttentionWhenQuoting(word)
    }

    /// The value of the four hex digits at `pointer`, or nil if one of them is not a hex digit.
    @inline(__always)
    static func hex4(_ pointer: UnsafePointer<UInt8>) -> UInt16? {
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = pointer[offset]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte &- 0x30
            case 0x41...0x46: digit = byte &- 0x41 &+ 10
            case 0x61...0x66: digit = byte &- 0x61 &+ 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Decodes the content of a string (between its quotes). When the scanner has already
    /// validated it, `hasEscapes` false means the bytes are copied as they are.
    /// `offsetBias` is added to error offsets (the offset of `content` in the caller's text).
    static func decodeContent(
        _ content: UnsafeBufferPointer<UInt8>, hasEscapes: Bool, offsetBias: Int
    ) throws(JSONSyntaxError) -> DecodedJSONString {
        guard hasEscapes else { return string(fromUTF8: content) }
        var position = 0
        while content[position] != backslash { position += 1 }
        return try decodeEscaped(content, from: position, offsetBias: offsetBias)
    }

    /// A string from bytes that need no unescaping, repairing invalid UTF-8.
    @inline(__always)
    private static func string(fromUTF8 bytes: UnsafeBufferPointer<UInt8>) -> DecodedJSONString
    {
        if let valid = String(validating: bytes, as: UTF8.self) { return DecodedJSONString(value: valid) }
        return DecodedJSONString(value: String(decoding: bytes, as: UTF8.self), repairedInvalidUTF8: true)
    }

    /// Decodes `content` (a string without its quotes) whose bytes before `start` are plain.
    private static func decodeEscaped(
        _ content: UnsafeBufferPointer<UInt8>, from start: Int, offsetBias: Int
    ) throws(JSONSyntaxError) -> DecodedJSONString {
        let count = content.count
        let base = content.baseAddress!
        var output: [UInt8] = []
        output.reserveCapacity(count)
        var position = start
        var runStart = 0
        var replacedLoneSurrogate = false
        while position < count {
            // Between escapes, as before the first: eight plain bytes at a time (news text has an escape in most
            // lines, "\n" or "\"", so most of it is read here).
            if position + 8 <= count, !mayNeedAttentionInString(UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)) {
                position += 8
                continue
            }
            let byte = base[position]
            if byte != backslash {
                if byte == quote {
                    throw JSONSyntaxError(offset: offsetBias + position, message: "unescaped '\"' in string")
                }
                if byte < 0x20 {
                    throw JSONSyntaxError(
                        offset: offsetBias + position, message: "unescaped control character in string")
                }
                position += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: position - runStart))
            guard position + 1 < count else {
                // The backslash escapes what should have been the closing quote.
                throw JSONSyntaxError(offset: offsetBias - 1, message: "unterminated string")
            }
            let escaped = base[position + 1]
            switch escaped {
            case quote, backslash, 0x2F: output.append(escaped)  // " \ /
            case 0x62: output.append(0x08)  // b
            case 0x66: output.append(0x0C)  // f
            case 0x6E: output.append(0x0A)  // n
            case 0x72: output.append(0x0D)  // r
            case 0x74: output.append(0x09)  // t
            case 0x75:  // u
                guard position + 6 <= count, let unit = hex4(base + position + 2) else {
                    throw JSONSyntaxError(
                        offset: offsetBias + position, message: "invalid \\u escape, expected 4 hex digits")
                }
                var scalar = UInt32(unit)
                if unit & 0xFC00 == 0xD800 {
                    // A high surrogate: joined with a following low surrogate escape, else U+FFFD.
                    if position + 12 <= count, base[position + 6] == backslash, base[position + 7] == 0x75,
                        let low = hex4(base + position + 8), low & 0xFC00 == 0xDC00
                    {
                        scalar = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(low - 0xDC00)
                        position += 6
                    } else {
                        scalar = 0xFFFD
                        replacedLoneSurrogate = true
                    }
                } else if unit & 0xFC00 == 0xDC00 {
                    scalar = 0xFFFD
                    replacedLoneSurrogate = true
                }
                appendUTF8(scalar, to: &output)
                position += 4  // and 2 below
            default:
                throw JSONSyntaxError(offset: offsetBias + position, message: "invalid escape sequence")
            }
            position += 2
            runStart = position
        }
        output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart))
        // Escapes always produce complete UTF-8 sequences starting with a lead byte, so they can
        // neither complete nor hide an invalid sequence from the raw bytes around them.
        var decoded = output.withUnsafeBufferPointer { string(fromUTF8: $0) }
        decoded.replacedLoneSurrogate = replacedLoneSurrogate
        return decoded
    }

    @inline(__always)
    private static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(0xC0 | UInt8(scalar >> 6))
            output.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(0xE0 | UInt8(scalar >> 12))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        default:
            output.append(0xF0 | UInt8(scalar >> 18))
            output.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            output.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            output.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    @inline(__always)
    private static func appendShortEscape<Sink: JSONByteSink & ~Copyable>(_ letter: UInt8, to output: inout Sink) {
        output.append(backslash)
        output.append(letter)
    }

    /// Appends `\uXXXX` with lowercase hex digits.
    private static func appendUnicodeEscape<Sink: JSONByteSink & ~Copyable>(_ unit: UInt16, to output: inout Sink) {
        output.append(backslash)
        output.append(0x75)  // u
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((unit >> UInt16(shift)) & 0xF)
            output.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)
        }
    }
}
