/// Finds URLs and e-mail addresses in UTF-8 text, so that the segmenter keeps each one a single token
/// (ICU's word rules cut "https://example.com/a" into six pieces).
enum LinkDetector {
    /// A link's UTF-8 byte range and kind (`.url` or `.email`).
    struct Link: Equatable {
        var range: Range<Int>
        var kind: TokenKind
    }

    /// The links in `text`, in text order, not overlapping.
    static func links(in text: [UInt8]) -> [Link] {
        var links: [Link] = []
        var i = 0
        let n = text.count
        // Looked for at the byte that makes a link, not the one that starts it: ":" of "http://" and "https://", "."
        // of "www.", "@" of an e-mail address. These are rare; the link's start is then found by looking back.
        while i < n {
            i = LinkAnchorScan.first(in: text, from: i)
            if i == n { break }
            let byte = text[i]
            let floor = links.last?.range.upperBound ?? 0
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "."), let start = urlStart(text, anchor: i, floor: floor) {
                let prefix = byte == UInt8(ascii: ":") ? i + 3 - start : i + 1 - start
                var end = start + prefix
                while end < n, isURLByte(text[end]) { end += 1 }
                end = trimURLEnd(text, start: start, end: end)
                if end > start + prefix {
                    links.append(Link(range: start..<end, kind: .url))
                    i = end
                    continue
                }
            }
            if byte == UInt8(ascii: "@"), let link = email(in: text, at: i, after: floor) {
                links.append(link)
                i = link.range.upperBound
                continue
            }
            i += 1
        }
        return links
    }

    /// Where a URL starts whose "https://", "http://" or "www." prefix has its ":" or final "." at `anchor`: the
    /// prefix (any case) begins a word, after the last link found.
    private static func urlStart(_ text: [UInt8], anchor: Int, floor: Int) -> Int? {
        func startsWord(_ start: Int) -> Bool { start >= floor && (start == 0 || !isWordByte(text[start - 1])) }
        if text[anchor] == UInt8(ascii: ".") {
            let start = anchor - 3
            return start >= 0 && startsWord(start) && urlPrefixLength(text, at: start) == 4 ? start : nil
        }
        for start in [anchor - 5, anchor - 4] where start >= 0 && startsWord(start) {
            if let length = urlPrefixLength(text, at: start), length > 4, start + length == anchor + 3 { return start }
        }
        return nil
    }

    private static let urlPrefixes = ["https://", "http://", "www."]

    private static func urlPrefixLength(_ text: [UInt8], at i: Int) -> Int? {
        urlPrefixes.first { matches(text, at: i, lowercased: $0) }?.utf8.count
    }

    private static func matches(_ text: [UInt8], at i: Int, lowercased prefix: String) -> Bool {
        let count = prefix.utf8.count
        guard i + count <= text.count else { return false }
        return text[i..<(i + count)].lazy.map(lower).elementsEqual(prefix.utf8)
    }

    private static func email(in text: [UInt8], at: Int, after floor: Int) -> Link? {
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
    private static func trimURLEnd(_ text: [UInt8], start: Int, end: Int) -> Int {
        var end = end
        // Brackets in the URL, counted once when a closing one is first met and kept as the end moves back (only
        // closing brackets are dropped): counting again at each one is quadratic on a URL ending in thousands.
        var counts: (parens: Int, brackets: Int)?  // closing less opening
        while end > start {
            let last = text[end - 1]
            if ".,;:!?'*".utf8.contains(last) {
                end -= 1
            } else if last == UInt8(ascii: ")") || last == UInt8(ascii: "]") {
                if counts == nil {
                    var parens = 0, brackets = 0
                    for byte in text[start..<end] {
                        switch byte {
                        case UInt8(ascii: "("): parens -= 1
                        case UInt8(ascii: ")"): parens += 1
                        case UInt8(ascii: "["): brackets -= 1
                        case UInt8(ascii: "]"): brackets += 1
                        default: break
                        }
                    }
                    counts = (parens, brackets)
                }
                if last == UInt8(ascii: ")"), counts!.parens > 0 {
                    counts!.parens -= 1
                } else if last == UInt8(ascii: "]"), counts!.brackets > 0 {
                    counts!.brackets -= 1
                } else {
                    break
                }
                end -= 1
            } else {
                break
            }
        }
        return end
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
