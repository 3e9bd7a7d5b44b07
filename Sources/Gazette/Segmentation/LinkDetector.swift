/// Finds URLs and e-mail addresses in UTF-8 text, so that the segmenter keeps each one a single token
/// (ICU's word rules cut "https://example.com/a" into six pieces).
enum LinkDetector {
    struct Link: Equatable {
        var range: Range<Int>
        var kind: TokenKind
    }

    static func links(in text: UnsafeBufferPointer<UInt8>) -> [Link] {
        var links: [Link] = []
        var i = 0
        let n = text.count
        while i < n {
            if i + 8 <= n, !mayStartLink(UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8  // none of h, H, w, W or @ in these eight bytes: nothing below can start here
                continue
            }
            let byte = text[i]
            if (byte == UInt8(ascii: "h") || byte == UInt8(ascii: "H") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "W")),
               i == 0 || !isWordByte(text[i - 1]),
               let prefix = urlPrefixLength(text, at: i) {
                var end = i + prefix
                while end < n, isURLByte(text[end]) { end += 1 }
                end = trimURLEnd(text, start: i, end: end)
                if end > i + prefix {
                    links.append(Link(range: i..<end, kind: .url))
                    i = end
                    continue
                }
            }
            if byte == UInt8(ascii: "@"), let link = email(in: text, at: i, after: links.last?.range.upperBound ?? 0) {
                links.append(link)
                i = link.range.upperBound
                continue
            }
            i += 1
        }
        return links
    }

    // Called at the start of every word that begins with h or w: static strings, so that nothing is allocated.
    private static func urlPrefixLength(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let prefixes: (StaticString, StaticString, StaticString) = ("https://", "http://", "www.")
        if matches(text, at: i, lowercased: prefixes.0) { return prefixes.0.utf8CodeUnitCount }
        if matches(text, at: i, lowercased: prefixes.1) { return prefixes.1.utf8CodeUnitCount }
        if matches(text, at: i, lowercased: prefixes.2) { return prefixes.2.utf8CodeUnitCount }
        return nil
    }

    private static func matches(_ text: UnsafeBufferPointer<UInt8>, at i: Int, lowercased prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= text.count else { return false }
        let expected = prefix.utf8Start
        for k in 0..<count where lower(text[i + k]) != expected[k] { return false }
        return true
    }

    private static func email(in text: UnsafeBufferPointer<UInt8>, at: Int, after floor: Int) -> Link? {
        var start = at
        while start > floor, isLocalPartByte(text[start - 1]) { start -= 1 }
        while start < at, text[start] == UInt8(ascii: ".") { start += 1 }
        guard start < at else { return nil }
        var end = at + 1
        var sawDot = false
        while end < text.count, isDomainByte(text[end]) {
            if text[end] == UInt8(ascii: ".") { sawDot = true }
            end += 1
        }
        while end > at + 1, text[end - 1] == UInt8(ascii: ".") || text[end - 1] == UInt8(ascii: "-") { end -= 1 }
        guard sawDot, end > at + 1, text[at + 1..<end].contains(UInt8(ascii: ".")), text[end - 1] != UInt8(ascii: ".") else { return nil }
        return Link(range: start..<end, kind: .email)
    }

    /// Drops punctuation that ends the sentence rather than the URL, and a closing bracket with no opening one.
    private static func trimURLEnd(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Int {
        var end = end
        while end > start {
            let last = text[end - 1]
            if ".,;:!?'*".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ")") || last == UInt8(ascii: "]") {
                let open: UInt8 = last == UInt8(ascii: ")") ? UInt8(ascii: "(") : UInt8(ascii: "[")
                let opens = text[start..<end].lazy.filter { $0 == open }.count
                let closes = text[start..<end].lazy.filter { $0 == last }.count
                if closes > opens { end -= 1 } else { break }
            } else {
                break
            }
        }
        return end
    }

    /// Whether eight bytes hold an h, H, w, W or @ (the only bytes where a link is looked for), tested all at once.
    private static func mayStartLink(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & high != 0 }
        let folded = word | (ones &* 0x20)  // H → h, W → w; no other byte becomes h or w
        return hasZeroByte(folded ^ (ones &* UInt64(UInt8(ascii: "h")))) || hasZeroByte(folded ^ (ones &* UInt64(UInt8(ascii: "w"))))
            || hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "@"))))
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (lower(byte) >= 97 && lower(byte) <= 122) || byte >= 0x80
    }

    /// URLs stop at white space, quotes, angle brackets and any non-ASCII byte (typographic quotes end many).
    private static func isURLByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
    }

    private static func isLocalPartByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (lower(byte) >= 97 && lower(byte) <= 122) || "._%+-".utf8.contains(byte)
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (lower(byte) >= 97 && lower(byte) <= 122) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }
}
