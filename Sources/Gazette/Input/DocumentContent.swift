/// The checks every entry point (the filter, `gazette batch`, `RecordAnnotator`, `Pipeline.annotate`) makes on a
/// document's content before annotating it, so that they agree on what is binary and what is empty: README's
/// bad-input table.
public enum DocumentContent {
    /// How far into a document `looksBinary` looks for a NUL byte.
    public static let binaryProbeLength = 8000

    /// Whether bytes are binary rather than text: a NUL among the first 8,000 bytes, as git judges. Real pages
    /// sometimes hold a stray NUL further on; they are text. (UTF-16 text holds NULs too: decode it first.)
    public static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.prefix(binaryProbeLength).contains(0)
    }

    /// Whether a text holds nothing but white space (or nothing at all): an empty document (`GZ109`). Stops at the
    /// first character that is not white space.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    /// `bytes` without a UTF-8 byte-order mark (EF BB BF) at the start: it marks the encoding, it is not text.
    public static func droppingByteOrderMark(_ bytes: [UInt8]) -> [UInt8] {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    /// The error of an empty document (`GZ109`), `location` naming it in the message when given.
    public static func emptyError(_ location: String? = nil) -> GazetteError {
        GazetteError(.emptyDocument, (location.map { "\($0): " } ?? "") + "empty document (no text)")
    }

    /// The error of a binary document (`GZ107`), `location` naming it in the message when given.
    public static func binaryError(_ location: String? = nil) -> GazetteError {
        GazetteError(.unusableContent, (location.map { "\($0): " } ?? "") + "binary content (NUL bytes), not text")
    }
}
