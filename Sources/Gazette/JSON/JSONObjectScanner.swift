// Strict RFC 8259 scanner for one JSON Lines record.
//
// Gazette must copy every input member to its output byte for byte, so instead of parsing into
// a tree it splits the top-level object into members and remembers where each raw value lies in
// the input. The whole text is still validated strictly, nested values included.
//
// Works on UTF-8 bytes only. Invalid UTF-8 inside strings is not a syntax error here (the bytes are
// passed through untouched); `JSONString.decode` repairs it when a value has to be read.

/// Kind of a JSON value.
package enum JSONValueKind: Sendable {
    case string, number, object, array, bool, null
}

/// One member of a top-level JSON object: its decoded key, and the byte range of its raw value in
/// the input.
package struct JSONMember: Sendable, Equatable {
    package let key: String
    package let valueRange: Range<Int>
    package let kind: JSONValueKind
}

/// Why a line is not a JSON object. `offset` is a 0-based byte offset in the line.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem in the record.
    public let offset: Int
    /// What is wrong.
    public let message: String

    /// An error at `offset`.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    /// For example "expected ':' after object key at byte 5" (bytes counted from 1).
    public var description: String { "\(message) at byte \(offset + 1)" }
}

/// Splits one JSON Lines record into its top-level members: a kernel, walking the bytes through a pointer and
/// skipping string content eight bytes at a time. `referenceMembers` (in `JSONObjectScanner+Reference.swift`) is the
/// same scan written plainly, and `JSONObjectScannerReferenceTests` pins the two together.
package enum JSONObjectScanner {
    /// Deepest nesting accepted; the top-level object counts as level 1.
    static let maxDepth = 512

    /// Scans one complete JSON text that must be an object. Leading and trailing JSON whitespace
    /// (space, tab, LF, CR) is allowed; anything else after the closing brace is an error. The whole
    /// text is validated. Duplicate keys are kept, in order.
    package static func members(of bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> [JSONMember] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw JSONSyntaxError(offset: 0, message: "expected a JSON object")
        }
        var cursor = Cursor(base: base, count: bytes.count)
        return try cursor.scanTopLevelObject()
    }

    /// Convenience over `members(of:)` for an array of bytes.
    package static func members(of bytes: [UInt8]) throws(JSONSyntaxError) -> [JSONMember] {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONSyntaxError) -> [JSONMember] in
            try members(of: buffer)
        }
    }
}

// MARK: - Implementation

extension JSONObjectScanner {
    fileprivate enum Byte {
        static let quote: UInt8 = 0x22  // "
        static let backslash: UInt8 = 0x5C  // \
        static let slash: UInt8 = 0x2F  // /
        static let openBrace: UInt8 = 0x7B  // {
        static let closeBrace: UInt8 = 0x7D  // }
        static let openBracket: UInt8 = 0x5B  // [
        static let closeBracket: UInt8 = 0x5D  // ]
        static let colon: UInt8 = 0x3A  // :
        static let comma: UInt8 = 0x2C  // ,
        static let minus: UInt8 = 0x2D  // -
        static let plus: UInt8 = 0x2B  // +
        static let dot: UInt8 = 0x2E  // .
        static let zero: UInt8 = 0x30  // 0
        static let nine: UInt8 = 0x39  // 9
        static let lowerE: UInt8 = 0x65  // e
        static let upperE: UInt8 = 0x45  // E
        static let lowerT: UInt8 = 0x74  // t
        static let lowerF: UInt8 = 0x66  // f
        static let lowerN: UInt8 = 0x6E  // n
        static let lowerU: UInt8 = 0x75  // u
    }

    fileprivate struct Cursor {
        let base: UnsafePointer<UInt8>
        let count: Int
        var index = 0

        init(base: UnsafePointer<UInt8>, count: Int) {
            self.base = base
            self.count = count
        }

        // MARK: Helpers

        @inline(__always)
        private var atEnd: Bool { index >= count }

        /// The byte at `index`, or 0 past the end (0 is never valid where a structural byte is expected).
        @inline(__always)
        private var current: UInt8 { index < count ? base[index] : 0 }

        @inline(__always)
        private mutating func skipWhitespace() {
            while index < count {
                switch base[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        @inline(__always)
        private static func isDigit(_ byte: UInt8) -> Bool { byte &- Byte.zero < 10 }

        private func error(_ message: String, at offset: Int) -> JSONSyntaxError {
            JSONSyntaxError(offset: offset, message: message)
        }

        /// The error for an unexpected byte at `index`: end of input, or `message`.
        private func unexpected(_ message: String) -> JSONSyntaxError {
            atEnd ? error("unexpected end of input", at: index) : error(message, at: index)
        }

        // MARK: Top level

        mutating func scanTopLevelObject() throws(JSONSyntaxError) -> [JSONMember] {
            skipWhitespace()
            guard current == Byte.openBrace else { throw error("expected a JSON object", at: index) }
            index += 1
            var members: [JSONMember] = []
            skipWhitespace()
            if current == Byte.closeBrace {
                index += 1
            } else {
                members.reserveCapacity(16)
                while true {
                    guard current == Byte.quote else { throw unexpected("expected '\"' to begin object key") }
                    let keyStart = index
                    let keyHasEscapes = try scanString()
                    let key = try JSONString.decodeContent(
                        UnsafeBufferPointer(start: base + keyStart + 1, count: index - keyStart - 2),
                        hasEscapes: keyHasEscapes,
                        offsetBias: keyStart + 1
                    ).value
                    skipWhitespace()
                    guard current == Byte.colon else { throw unexpected("expected ':' after object key") }
                    index += 1
                    skipWhitespace()
                    let valueStart = index
                    let kind = try scanValue(depth: 2)
                    members.append(JSONMember(key: key, valueRange: valueStart..<index, kind: kind))
                    skipWhitespace()
                    if try endOfObjectMember() { break }
                }
            }
            skipWhitespace()
            guard atEnd else { throw error("unexpected data after JSON object", at: index) }
            return members
        }

        /// After an object member (whitespace skipped): consumes `,` (returning false, more members
        /// follow, positioned at the next key) or `}` (returning true).
        @inline(__always)
        private mutating func endOfObjectMember() throws(JSONSyntaxError) -> Bool {
            switch current {
            case Byte.comma:
                index += 1
                skipWhitespace()
                if current == Byte.closeBrace { throw error("trailing comma in object", at: index) }
                return false
            case Byte.closeBrace:
                index += 1
                return true
            default:
                throw unexpected("expected ',' or '}' after object member")
            }
        }

        // MARK: Values

        /// Validates one value starting at `index` (whitespace already skipped) and moves past it.
        /// `depth` is the nesting level the value would have if it is an object or array.
        private mutating func scanValue(depth: Int) throws(JSONSyntaxError) -> JSONValueKind {
            switch current {
            case Byte.quote:
                _ = try scanString()
                return .string
            case Byte.minus, Byte.zero...Byte.nine:
                try scanNumber()
                return .number
            case Byte.openBrace:
                try scanObject(depth: depth)
                return .object
            case Byte.openBracket:
                try scanArray(depth: depth)
                return .array
            case Byte.lowerT:
                try scanLiteral("true")
                return .bool
            case Byte.lowerF:
                try scanLiteral("false")
                return .bool
            case Byte.lowerN:
                try scanLiteral("null")
                return .null
            default:
                throw unexpected("expected a JSON value")
            }
        }

        private mutating func scanObject(depth: Int) throws(JSONSyntaxError) {
            if depth > JSONObjectScanner.maxDepth { throw error("nesting too deep", at: index) }
            index += 1
            skipWhitespace()
            if current == Byte.closeBrace {
                index += 1
                return
            }
            while true {
                guard current == Byte.quote else { throw unexpected("expected '\"' to begin object key") }
                _ = try scanString()
                skipWhitespace()
                guard current == Byte.colon else { throw unexpected("expected ':' after object key") }
                index += 1
                skipWhitespace()
                _ = try scanValue(depth: depth + 1)
                skipWhitespace()
                if try endOfObjectMember() { return }
            }
        }

        private mutating func scanArray(depth: Int) throws(JSONSyntaxError) {
            if depth > JSONObjectScanner.maxDepth { throw error("nesting too deep", at: index) }
            index += 1
            skipWhitespace()
            if current == Byte.closeBracket {
                index += 1
                return
            }
            while true {
                _ = try scanValue(depth: depth + 1)
                skipWhitespace()
                switch current {
                case Byte.comma:
                    index += 1
                    skipWhitespace()
                    if current == Byte.closeBracket { throw error("trailing comma in array", at: index) }
                case Byte.closeBracket:
                    index += 1
                    return
                default:
                    throw unexpected("expected ',' or ']' after array element")
                }
            }
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        private mutating func scanNumber() throws(JSONSyntaxError) {
            if current == Byte.minus {
                index += 1
                guard Self.isDigit(current) else { throw error("expected digit after '-'", at: index) }
            }
            if current == Byte.zero {
                if index + 1 < count, Self.isDigit(base[index + 1]) {
                    throw error("leading zeros are not allowed in numbers", at: index)
                }
                index += 1
            } else {
                while Self.isDigit(current) { index += 1 }
            }
            if current == Byte.dot {
                index += 1
                guard Self.isDigit(current) else { throw error("expected digit after decimal point", at: index) }
                while Self.isDigit(current) { index += 1 }
            }
            if current == Byte.lowerE || current == Byte.upperE {
                index += 1
                if current == Byte.plus || current == Byte.minus { index += 1 }
                guard Self.isDigit(current) else { throw error("expected digit in exponent", at: index) }
                while Self.isDigit(current) { index += 1 }
            }
        }

        private mutating func scanLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
            let length = literal.utf8CodeUnitCount
            let expected = literal.utf8Start
            guard index + length <= count else { throw error("invalid literal", at: index) }
            for offset in 1..<length where base[index + offset] != expected[offset] {
                throw error("invalid literal", at: index)
            }
            index += length
        }

        /// Validates a string starting at the opening quote at `index` and moves past its closing quote.
        /// Returns whether it contains escapes.
        private mutating func scanString() throws(JSONSyntaxError) -> Bool {
            let start = index
            var position = index + 1
            var hasEscapes = false
            while true {
                // Skip eight ordinary bytes at a time.
                while position + 8 <= count,
                    !JSONString.mayNeedAttentionInString(
                        UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                {
                    position += 8
                }
                guard position < count else { throw error("unterminated string", at: start) }
                let byte = base[position]
                if byte == Byte.quote {
                    index = position + 1
                    return hasEscapes
                } else if byte == Byte.backslash {
                    hasEscapes = true
                    guard position + 1 < count else { throw error("unterminated string", at: start) }
                    switch base[position + 1] {
                    case Byte.quote, Byte.backslash, Byte.slash, 0x62, 0x66, 0x6E, 0x72, 0x74:  // " \ / b f n r t
                        position += 2
                    case Byte.lowerU:
                        guard position + 6 <= count else { throw error("unterminated string", at: start) }
                        guard JSONString.hex4(base + position + 2) != nil else {
                            throw error("invalid \\u escape, expected 4 hex digits", at: position)
                        }
                        position += 6
                    default:
                        throw error("invalid escape sequence", at: position)
                    }
                } else if byte < 0x20 {
                    throw error("unescaped control character in string", at: position)
                } else {
                    position += 1
                }
            }
        }
    }
}
