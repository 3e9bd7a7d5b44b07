import CGazetteBatch

/// Reduces HTML to the text a reader sees, through libxml2's HTML parser: scripts, styles and markup dropped,
/// entities decoded, white space collapsed, block elements on their own lines.
public enum HTMLText {
    /// The text of an HTML document, UTF-8. `charset` is the encoding declared outside the document (an HTTP
    /// header), if any; otherwise the parser uses the document's own `<meta charset>` or guesses.
    public static func text(ofHTML html: [UInt8], charset: String? = nil) -> [UInt8]? {
        initialize
        var output: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = html.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let charset {
                    return gazette_html_to_text(chars.baseAddress, chars.count, charset, &output, &length)
                }
                return gazette_html_to_text(chars.baseAddress, chars.count, nil, &output, &length)
            }
        }
        defer { gazette_free(output) }
        guard status == Int32(GZB_OK) else { return nil }
        guard let output else { return [] }
        return output.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// libxml2 must be set up once, before threads use it.
    private static let initialize: Void = gazette_html_init()
}
