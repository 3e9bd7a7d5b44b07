/// What is known about a document besides its text: its language (from a `LanguagePolicy`) and, for web pages, what
/// the page says about itself. Kept in the document's typed store (`Document.metadata`). `JSONLWriter` writes each field that is set, after `offsets`, in the order declared
/// here (`language`, `language_confidence`, `title`, `published`, `authors`, `canonical_url`, `site_name`); a
/// document with none set gets none of these fields.
public struct DocumentMetadata: Sendable, Hashable {
    /// ISO 639-1 code of the text's language, or "und" when it could not be told reliably.
    public var language: String?
    /// 0–1: how sure the identification of `language` is (0 for "und").
    public var languageConfidence: Double?
    /// The page's headline.
    public var title: String?
    /// The publication date, as the page writes it.
    public var published: String?
    /// The authors' names.
    public var authors: [String] = []
    /// The page's canonical URL.
    public var canonicalURL: String?
    /// The name of the site the page belongs to.
    public var siteName: String?

    /// Metadata with the given fields set.
    public init(language: String? = nil, languageConfidence: Double? = nil, title: String? = nil, published: String? = nil,
                authors: [String] = [], canonicalURL: String? = nil, siteName: String? = nil) {
        self.language = language
        self.languageConfidence = languageConfidence
        self.title = title
        self.published = published
        self.authors = authors
        self.canonicalURL = canonicalURL
        self.siteName = siteName
    }

    /// The names of the record fields that this metadata writes.
    var fieldNames: [String] {
        var names: [String] = []
        if language != nil { names.append("language") }
        if languageConfidence != nil { names.append("language_confidence") }
        if title != nil { names.append("title") }
        if published != nil { names.append("published") }
        if !authors.isEmpty { names.append("authors") }
        if canonicalURL != nil { names.append("canonical_url") }
        if siteName != nil { names.append("site_name") }
        return names
    }
}

/// The key of `DocumentMetadata` in the document's typed store.
enum DocumentMetadataKey: DocumentValueKey {
    static let defaultValue = DocumentMetadata()
}

extension Document {
    /// What is known about the document besides its text: its language, and what a web page says about itself.
    /// `JSONLWriter` writes each field that is set. Kept in the typed store (see `DocumentValueKey`).
    public var metadata: DocumentMetadata {
        get { self[DocumentMetadataKey.self] }
        set { self[DocumentMetadataKey.self] = newValue }
    }
}
