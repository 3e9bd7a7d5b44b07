// The plain reference of the JSON object scanner: the same grammar, errors and member ranges, written as a
// recursive descent over an array with an index, reading strings one byte at a time. `JSONObjectScannerReferenceTests`
// pins `JSONObjectScanner.members(of:)` to it.

extension JSONObjectScanner {
    /// `members(of:)` written plainly: the same members, or the same error at the same offset.
    static func referenceMembers(of bytes: [UInt8]) throws(JSONSyntaxError) -> [JSONMember] {
        var scanner = ReferenceScanner(bytes: bytes)
        return try scanner.topLevelObject()
    }
}

private struct ReferenceScanner {
    let bytes: [UInt8]
    var index = 0

    /// The byte at `index`, or nil at the end.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func isDigit(_ byte: UInt8?) -> Bool {
        byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
    }

    mutating func skipWhitespace() {
        while let byte = current, [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
    }

    /// `message` at `index`, or "unexpected end of input" there when the input has ended.
    func unexpected(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, message: current == nil ? "unexpected end of input" : message)
    }

    mutating func topLevelObject() throws(JSONSyntaxError) -> [JSONMember] {
        skipWhitespace()
        guard current == UInt8(ascii: "{") else { throw JSONSyntaxError(offset: index, message: "expected a JSON object") }
        var members: [JSONMember] = []
        try objectBody(depth: 1) { (scanner, key, depth) throws(JSONSyntaxError) in
            let key = try JSONString.referenceDecode(Array(scanner.bytes[key])).value
            let valueStart = scanner.index
            let kind = try scanner.value(depth: depth + 1)
            members.append(JSONMember(key: key, valueRange: valueStart..<scanner.index, kind: kind))
        }
        skipWhitespace()
        guard current == nil else { throw JSONSyntaxError(offset: index, message: "unexpected data after JSON object") }
        return members
    }

    /// An object from its "{" at `index`: for each member, `member` is called with the key's range (its quotes
    /// included) once the colon and the whitespace after it are read, and must read the value.
    mutating func objectBody(depth: Int, member: (inout ReferenceScanner, Range<Int>, Int) throws(JSONSyntaxError) -> Void) throws(JSONSyntaxError) {
        if depth > JSONObjectScanner.maxDepth { throw JSONSyntaxError(offset: index, message: "nesting too deep") }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw unexpected("expected '\"' to begin object key") }
            let keyStart = index
            try string()
            let key = keyStart..<index
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw unexpected("expected ':' after object key") }
            index += 1
            skipWhitespace()
            try member(&self, key, depth)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if current == UInt8(ascii: "}") { throw JSONSyntaxError(offset: index, message: "trailing comma in object") }
            case UInt8(ascii: "}"):
                index += 1
                return
            default:
                throw unexpected("expected ',' or '}' after object member")
            }
        }
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValueKind {
        // At the end (nil) no case matches, as for a 0 byte.
        switch current ?? 0 {
        case UInt8(ascii: "\""):
            try string()
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            return .number
        case UInt8(ascii: "{"):
            try objectBody(depth: depth) { (scanner, _, depth) throws(JSONSyntaxError) in _ = try scanner.value(depth: depth + 1) }
            return .object
        case UInt8(ascii: "["):
            try array(depth: depth)
            return .array
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            throw unexpected("expected a JSON value")
        }
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) {
        if depth > JSONObjectScanner.maxDepth { throw JSONSyntaxError(offset: index, message: "nesting too deep") }
        index += 1
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            _ = try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if current == UInt8(ascii: "]") { throw JSONSyntaxError(offset: index, message: "trailing comma in array") }
            case UInt8(ascii: "]"):
                index += 1
                return
            default:
                throw unexpected("expected ',' or ']' after array element")
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    mutating func number() throws(JSONSyntaxError) {
        if current == UInt8(ascii: "-") {
            index += 1
            guard isDigit(current) else { throw JSONSyntaxError(offset: index, message: "expected digit after '-'") }
        }
        if current == UInt8(ascii: "0") {
            if index + 1 < bytes.count, isDigit(bytes[index + 1]) {
                throw JSONSyntaxError(offset: index, message: "leading zeros are not allowed in numbers")
            }
            index += 1
        } else {
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            guard isDigit(current) else { throw JSONSyntaxError(offset: index, message: "expected digit after decimal point") }
            while isDigit(current) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard isDigit(current) else { throw JSONSyntaxError(offset: index, message: "expected digit in exponent") }
            while isDigit(current) { index += 1 }
        }
    }

    mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let expected = Array(word.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw JSONSyntaxError(offset: index, message: "invalid literal")
        }
        index += expected.count
    }

    /// A string from its opening quote at `index` to past its closing quote. Its bytes are not checked as UTF-8.
    mutating func string() throws(JSONSyntaxError) {
        let start = index
        var position = index + 1
        while true {
            guard position < bytes.count else { throw JSONSyntaxError(offset: start, message: "unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                index = position + 1
                return
            }
            if byte < 0x20 { throw JSONSyntaxError(offset: position, message: "unescaped control character in string") }
            guard byte == UInt8(ascii: "\\") else {
                position += 1
                continue
            }
            guard position + 1 < bytes.count else { throw JSONSyntaxError(offset: start, message: "unterminated string") }
            let escaped = bytes[position + 1]
            if #"\"/bfnrt"#.utf8.contains(escaped) {
                position += 2
            } else if escaped == UInt8(ascii: "u") {
                guard position + 6 <= bytes.count else { throw JSONSyntaxError(offset: start, message: "unterminated string") }
                guard bytes[(position + 2)..<(position + 6)].allSatisfy({ "0123456789abcdefABCDEF".utf8.contains($0) }) else {
                    throw JSONSyntaxError(offset: position, message: "invalid \\u escape, expected 4 hex digits")
                }
                position += 6
            } else {
                throw JSONSyntaxError(offset: position, message: "invalid escape sequence")
            }
        }
    }
}
