/// A text and everything the pipeline has found in it.
///
/// All offsets inside a document are UTF-8 byte offsets into `text`; writers convert them to the unit their
/// output declares. Stages fill the layers in order: each stage says which layers it needs and adds.
public struct Document: Sendable {
    /// The caller's identifier for this document, if any.
    public var id: String?
    /// The text, exactly as given (after repairing invalid UTF-8, see `warnings`).
    public let text: String
    /// Sentences as UTF-8 byte ranges, trimmed of surrounding white space, in text order.
    public var sentences: [Range<Int>] = []
    /// Non-space tokens in text order.
    public var tokens: [Token] = []
    /// One matching key per token (same indices as `tokens`) with its hash, from the normaliser.
    public var tokenKeys = TokenKeys()
    /// Possible entities from gazetteers and rules; they may overlap. `EntityResolver` turns them into `entities`.
    public var candidates: [Candidate] = []
    /// Final, non-overlapping entities in text order.
    public var entities: [Entity] = []
    /// Topics, best first.
    public var topics: [Topic] = []
    /// Which model produced `topics` (for example `gazette-news-topics/1`).
    public var topicModel: String?
    /// Problems that did not stop processing (for example repaired UTF-8).
    public var warnings: [Warning] = []
    /// The layers that stages have filled so far.
    public var layers: Set<Layer> = []
    /// The typed store: values of layers that have no field here, by key type (see `DocumentValueKey`).
    var values: [(key: ObjectIdentifier, box: any AnyObject & Sendable)] = []

    /// A document of `text`, with no layers yet.
    public init(text: String, id: String? = nil) {
        self.text = text
        self.id = id
    }

    /// Decodes UTF-8 bytes, replacing invalid sequences with U+FFFD and recording a warning when it had to.
    public init(utf8 bytes: some Collection<UInt8>, id: String? = nil) {
        if let valid = String(validating: bytes, as: UTF8.self) {
            self.init(text: valid, id: id)
        } else {
            self.init(text: String(decoding: bytes, as: UTF8.self), id: id)
            warnings.append(Warning(code: .invalidUTF8, message: "invalid UTF-8 replaced with U+FFFD"))
        }
    }

    /// The index range in `text` of a UTF-8 byte range of this document.
    public func range(ofUTF8 range: Range<Int>) -> Range<String.Index> {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(lower, offsetBy: range.count)
        return lower..<upper
    }

    /// The text of a UTF-8 byte range of this document.
    ///
    /// A range whose ends fall on scalar boundaries (a token's always do) is the text's bytes there, copied once:
    /// slicing the string checks and rounds its indices first, which costs several times more. The string's
    /// subscript keeps such ends as they are, so both give the same text; other ranges go through it.
    public func substring(utf8 range: Range<Int>) -> String {
        let copied = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            func isScalarStart(_ offset: Int) -> Bool { offset == bytes.count || bytes[offset] & 0xC0 != 0x80 }
            guard range.lowerBound >= 0, range.upperBound <= bytes.count, isScalarStart(range.lowerBound), isScalarStart(range.upperBound) else {
                return nil
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return (copied ?? nil) ?? String(text[self.range(ofUTF8: range)])
    }
}

/// A problem in one document that did not stop it from being annotated.
public struct Warning: Sendable, Hashable {
    /// What went wrong, as a stable code.
    public var code: GazetteError.Code
    /// What went wrong, for people.
    public var message: String

    /// A warning with a code and a message.
    public init(code: GazetteError.Code, message: String) {
        self.code = code
        self.message = message
    }
}
