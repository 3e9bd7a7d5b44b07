import CGazetteWebHTML

/// Parses HTML into an `HTMLDocument` with libxml2's HTML parser (through the C adapter CGazetteWebHTML).
///
/// Why libxml2 and not gumbo (libgumbo-dev, an HTML5 parser): on the 902 shared real pages (Benchmarks/extraction,
/// `parsers.py`) libxml2 parses 655 pages/s (55 MB/s) on one core against gumbo's 249 pages/s (21 MB/s), and it keeps as
/// much of the article: the whole-page text holds 99.3% of the expected article's words with libxml2 against 98.7%
/// with gumbo (7 pages below 90% against 10). Extraction and annotation must fit in a few milliseconds per page, and
/// gumbo alone would take 4 ms. libxml2 stops at 256 nested elements unless told XML_PARSE_HUGE, which the adapter
/// sets; it is handed UTF-8 only (`parse(utf8:)` of a `String`'s bytes, or bytes already decoded by the caller), and told
/// to ignore the page's own charset declaration.
///
/// The adapter listens to libxml2's SAX events and builds no libxml2 tree (21% less CPU per page than building and
/// walking libxml2's tree, which `gazette_web_html_events_reference` still does for the differential test).
///
/// The parser keeps only what extraction reads: element names (lower-case), the attributes `id`, `class`, `role`,
/// `style`, `hidden`, `aria-hidden`, `lang`, `name`, `property`, `content`, `rel`, `href`, `itemprop`, `itemtype`,
/// `type`, `datetime` and `http-equiv`, and text; it drops comments and the text of <style> and of <script> (but
/// JSON-LD). Elements nested deeper than `maximumDepth` are flattened into their ancestor at that depth, text kept.
public struct HTMLParser: Sendable {
    /// Elements nested deeper than this are flattened into their ancestor at this depth (the tree stays shallow
    /// enough for recursive walks on any thread's stack).
    public var maximumDepth: Int

    /// A parser that keeps up to `maximumDepth` levels of elements.
    public init(maximumDepth: Int = 1_000) {
        self.maximumDepth = maximumDepth
    }

    /// Parses a page given as a string.
    public func parse(_ html: String) -> HTMLDocument {
        var html = html
        return html.withUTF8 { parse(buffer: $0) }
    }

    /// Parses a page given as UTF-8 bytes (invalid sequences are repaired by the parser).
    public func parse(utf8 bytes: some Collection<UInt8>) -> HTMLDocument {
        if let document = bytes.withContiguousStorageIfAvailable({ parse(buffer: $0) }) { return document }
        return Array(bytes).withUnsafeBufferPointer { parse(buffer: $0) }
    }

    private func parse(buffer bytes: UnsafeBufferPointer<UInt8>) -> HTMLDocument {
        let empty = HTMLDocument(root: HTMLElement(name: "html", index: 0), elementCount: 1)
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return empty }
        var events: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
            gazette_web_html_events(chars, bytes.count, Int32(clamping: maximumDepth), &events, &length)
        }
        defer { gazette_web_html_free(events) }
        guard status == Int32(GZW_HTML_OK), let events else { return empty }
        var reader = HTMLEventReader(UnsafeBufferPointer(start: events, count: length))
        return reader.document()
    }
}

extension HTMLParser {
    /// The adapter's event stream for `html`, from the SAX adapter or from its reference (libxml2's tree, walked):
    /// for the differential test.
    static func events(_ html: String, reference: Bool, maximumDepth: Int = 1_000) -> [UInt8] {
        var html = html
        return html.withUTF8 { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return [] }
            var events: UnsafeMutablePointer<UInt8>?
            var length = 0
            _ = start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                reference
                    ? gazette_web_html_events_reference(chars, bytes.count, Int32(maximumDepth), &events, &length)
                    : gazette_web_html_events(chars, bytes.count, Int32(maximumDepth), &events, &length)
            }
            defer { gazette_web_html_free(events) }
            return events.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
        }
    }
}

/// Builds the node tree from the adapter's event stream (format in gazette_web_html.h).
private struct HTMLEventReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func document() -> HTMLDocument {
        // Open elements, innermost last; each collects its children until closed.
        var stack: [(name: String, attributes: [(name: String, value: String)], children: [HTMLNode], index: Int)] = []
        var count = 0
        var root: HTMLElement?
        while offset < bytes.count {
            let kind = bytes[offset]
            offset += 1
            switch Int32(kind) {
            case Int32(GZW_HTML_OPEN):
                let name = string()
                let attributeCount = u32()
                var attributes: [(name: String, value: String)] = []
                attributes.reserveCapacity(attributeCount)
                for _ in 0..<attributeCount { attributes.append((string(), string())) }
                stack.append((name, attributes, [], count))
                count += 1
            case Int32(GZW_HTML_TEXT):
                let text = string()
                if !stack.isEmpty { stack[stack.count - 1].children.append(.text(text)) }
            default:
                guard let open = stack.popLast() else { break }
                let element = HTMLElement(name: open.name, attributes: open.attributes, children: open.children, index: open.index)
                if !stack.isEmpty {
                    stack[stack.count - 1].children.append(.element(element))
                } else if let root {
                    // Markup after </html> (libxml2 reports it as more top-level elements): part of the page.
                    root.children.append(.element(element))
                } else {
                    root = element
                }
            }
        }
        return HTMLDocument(root: root ?? HTMLElement(name: "html", index: count), elementCount: count + 1)
    }

    mutating func u32() -> Int {
        let value = Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
        offset += 4
        return value
    }

    mutating func string() -> String {
        let length = u32()
        let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]), as: UTF8.self)
        offset += length
        return string
    }
}
