/// The HTML standard's "prescan a byte stream to determine its encoding" (HTML § 13.2.3.2): a look for
/// `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…charset=…">` in the first 1,024 bytes that
/// skips comments and other tags and reads attributes as the tokenizer would.
struct MetaPrescan {
    /// How many bytes the prescan reads.
    static let limit = 1024

    private let bytes: [UInt8]
    private var position = 0

    /// The encoding that a `<meta>` among the first 1,024 bytes of `input` declares, or nil. A declared UTF-16 is
    /// taken as UTF-8 and x-user-defined as windows-1252, as the standard says (a page that really is UTF-16 has a
    /// byte-order mark).
    static func encoding(in input: ArraySlice<UInt8>) -> WebEncoding? {
        var scanner = MetaPrescan(bytes: Array(input.prefix(limit)))
        return scanner.run()
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D || byte == 0x20
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }

    /// Whether the bytes at the position start with `prefix` (ASCII, compared case-insensitively).
    private func at(_ prefix: String) -> Bool {
        let prefix = Array(prefix.utf8)
        guard position + prefix.count <= bytes.count else { return false }
        return zip(bytes[position...], prefix).allSatisfy { Self.lowercased($0) == $1 }
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func run() -> WebEncoding? {
        while position < bytes.count {
            if bytes[position] != 0x3C {  // every case below starts with "<"
                position += 1
                continue
            }
            if at("<!--") {
                // To the ">" of the first "-->"; the hyphens may be those of "<!--" itself ("<!-->").
                position += 2
                while position < bytes.count, !(bytes[position] == 0x3E && bytes[position - 2] == 0x2D && bytes[position - 1] == 0x2D) {
                    position += 1
                }
                if position >= bytes.count { return nil }
            } else if at("<meta"), position + 5 < bytes.count,
                      Self.isWhitespace(bytes[position + 5]) || bytes[position + 5] == 0x2F {
                position += 6
                if let encoding = metaElement() { return encoding }
                if position >= bytes.count { return nil }
                continue  // `metaElement` leaves the position after the element's attributes
            } else if at("<"), position + 1 < bytes.count,
                      Self.isLetter(bytes[position + 1])
                        || (bytes[position + 1] == 0x2F && position + 2 < bytes.count && Self.isLetter(bytes[position + 2])) {
                // Another start or end tag: skip its name, then its attributes.
                while let byte = current, !Self.isWhitespace(byte), byte != 0x3E { position += 1 }
                while attribute() != nil {}
                if position >= bytes.count { return nil }
            } else if at("<!") || at("</") || at("<?") {
                while let byte = current, byte != 0x3E { position += 1 }
                if position >= bytes.count { return nil }
            }
            position += 1
        }
        return nil
    }

    /// Reads one `<meta>` element's attributes (the position just after "<meta" and its following space or
    /// slash) and returns the encoding it declares, if it declares one the standard accepts.
    private mutating func metaElement() -> WebEncoding? {
        var seen: Set<[UInt8]> = []
        var gotPragma = false
        var needPragma: Bool?
        var charset: WebEncoding?
        var charsetFailed = false
        while let (name, value) = attribute() {
            guard seen.insert(name).inserted else { continue }
            switch String(decoding: name, as: UTF8.self) {
            case "http-equiv":
                if String(decoding: value, as: UTF8.self) == "content-type" { gotPragma = true }
            case "content":
                // An unknown label here is no answer at all (unlike in a charset attribute).
                if charset == nil, !charsetFailed, let label = Self.charsetLabel(inContent: value),
                   let encoding = WebEncoding(label: label) {
                    charset = encoding
                    needPragma = true
                }
            case "charset":
                if charset == nil, !charsetFailed {
                    charset = WebEncoding(label: String(decoding: value, as: UTF8.self))
                    charsetFailed = charset == nil
                    needPragma = false
                }
            default:
                break
            }
        }
        guard let needPragma, !(needPragma && !gotPragma), let charset else { return nil }
        switch charset {
        case .utf16BE, .utf16LE: return .utf8
        case .xUserDefined: return .windows1252
        default: return charset
        }
    }

    /// The standard's "get an attribute": the next attribute's name and value (lowercased), or nil at the end of
    /// the tag (the position then on its ">") or of the input.
    private mutating func attribute() -> (name: [UInt8], value: [UInt8])? {
        while let byte = current, Self.isWhitespace(byte) || byte == 0x2F { position += 1 }
        guard let first = current, first != 0x3E else { return nil }
        var name: [UInt8] = []
        var value: [UInt8] = []
        // The name.
        while true {
            guard let byte = current else { return nil }
            if byte == 0x3D, !name.isEmpty {
                position += 1
                return valueAfterEquals(name: name, value: &value)
            }
            if Self.isWhitespace(byte) { break }
            if byte == 0x2F || byte == 0x3E { return (name, []) }
            name.append(Self.lowercased(byte))
            position += 1
        }
        // Spaces, then "=" or another attribute.
        while let byte = current, Self.isWhitespace(byte) { position += 1 }
        guard let byte = current else { return nil }
        guard byte == 0x3D else { return (name, []) }
        position += 1
        return valueAfterEquals(name: name, value: &value)
    }

    private mutating func valueAfterEquals(name: [UInt8], value: inout [UInt8]) -> (name: [UInt8], value: [UInt8])? {
        while let byte = current, Self.isWhitespace(byte) { position += 1 }
        guard let first = current else { return nil }
        if first == 0x22 || first == 0x27 {
            position += 1
            while let byte = current {
                position += 1
                if byte == first { return (name, value) }
                value.append(Self.lowercased(byte))
            }
            return nil
        }
        if first == 0x3E { return (name, []) }
        while let byte = current {
            if Self.isWhitespace(byte) || byte == 0x3E { return (name, value) }
            value.append(Self.lowercased(byte))
            position += 1
        }
        return nil
    }

    /// The standard's "extract a character encoding from a meta element": the label after "charset=" in a
    /// `content` attribute's value (already lowercased), or nil.
    static func charsetLabel(inContent content: [UInt8]) -> String? {
        let key = Array("charset".utf8)
        var position = 0
        while true {
            // The next "charset" at or after the position.
            guard let found = stride(from: position, through: content.count - key.count, by: 1).first(where: {
                content[$0..<$0 + key.count].elementsEqual(key)
            }) else { return nil }
            position = found + key.count
            while position < content.count, isWhitespace(content[position]) { position += 1 }
            guard position < content.count, content[position] == 0x3D else { continue }
            position += 1
            while position < content.count, isWhitespace(content[position]) { position += 1 }
            guard position < content.count else { return nil }
            let first = content[position]
            if first == 0x22 || first == 0x27 {
                guard let end = content[(position + 1)...].firstIndex(of: first) else { return nil }
                return String(decoding: content[(position + 1)..<end], as: UTF8.self)
            }
            let end = content[position...].firstIndex(where: { isWhitespace($0) || $0 == 0x3B }) ?? content.count
            return String(decoding: content[position..<end], as: UTF8.self)
        }
    }
}
