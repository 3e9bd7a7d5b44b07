import Gazette

/// Turns the bytes of a web page or a plain text file into a `Document` ready to annotate: the one step from fetched
/// bytes to document that `gazette batch` (HTML files, WARC and ARC responses, text files) and the filter
/// (`--input html`) share. A web page is decoded as browsers do (`HTMLDecoder`), reduced to its article or kept whole
/// (`ArticleExtractor`; a page where no article is found keeps its whole text), and its title, publication date, authors, canonical URL and site name go into the document's
/// metadata; a text file is decoded with `PlainTextDecoder`. Bytes replaced in decoding give a `GZ104` warning naming
/// the encoding. A stage with no I/O.
public struct WebDocumentBuilder: Sendable {
    /// Decodes web pages.
    public var htmlDecoder: HTMLDecoder
    /// Decodes text files.
    public var textDecoder: PlainTextDecoder
    /// Reduces a page to its text.
    public var extractor: ArticleExtractor

    /// A builder keeping what `mode` says of each page (the article by default).
    public init(mode: ArticleExtractor.Mode = .article) {
        htmlDecoder = HTMLDecoder()
        textDecoder = PlainTextDecoder()
        extractor = ArticleExtractor(mode: mode)
    }

    /// The document of a web page. `transportCharset` is the charset the transport gave (an HTTP `Content-Type`
    /// header's), `url` the page's address (it resolves a relative canonical link). Fails with `GZ107` for binary
    /// bytes (a NUL among the first 8,000) and `GZ109` for a page with no text.
    public func document(html bytes: some Collection<UInt8>, transportCharset: String? = nil, url: String? = nil,
                         id: String? = nil) -> Result<Document, GazetteError> {
        let decoded = htmlDecoder.decode(bytes, transportCharset: transportCharset)
        if !decoded.encoding.isUTF16, Self.looksBinary(bytes) {
            return .failure(GazetteError(.unusableContent, "binary content (NUL bytes), not HTML"))
        }
        let page = extractor.parser.parse(decoded.text)
        var article = extractor.extract(document: page, url: url)
        if extractor.mode == .article, Self.isBlank(article.text) {
            // No article found (a page of a line or two): its whole text rather than nothing.
            article = ArticleExtractor(mode: .whole, parser: extractor.parser).extract(document: page, url: url)
        }
        guard !Self.isBlank(article.text) else { return .failure(GazetteError(.emptyDocument, "empty document (no text)")) }
        var document = Document(text: article.text, id: id)
        document.warnings = decoded.warnings
        document.metadata.title = article.title
        document.metadata.published = article.publishedDate
        document.metadata.authors = article.authors
        document.metadata.canonicalURL = article.canonicalURL
        document.metadata.siteName = article.siteName
        return .success(document)
    }

    /// The document of a plain text file; `transportCharset` as for `document(html:...)`. Fails with `GZ107` for
    /// binary bytes and `GZ109` for a text with nothing but white space.
    public func document(text bytes: some Collection<UInt8>, transportCharset: String? = nil,
                         id: String? = nil) -> Result<Document, GazetteError> {
        let decoded = textDecoder.decode(bytes, transportCharset: transportCharset)
        if !decoded.encoding.isUTF16, Self.looksBinary(bytes) {
            return .failure(GazetteError(.unusableContent, "binary content (NUL bytes), not text"))
        }
        guard !Self.isBlank(decoded.text) else { return .failure(GazetteError(.emptyDocument, "empty document (no text)")) }
        var document = Document(text: decoded.text, id: id)
        document.warnings = decoded.warnings
        return .success(document)
    }

    /// Whether bytes are binary rather than text: a NUL among the first 8,000 bytes, as git judges. Real pages
    /// sometimes hold a stray NUL further on; they are text.
    static func looksBinary(_ bytes: some Collection<UInt8>) -> Bool {
        DocumentContent.looksBinary(bytes)
    }

    /// Whether a text holds nothing but white space.
    static func isBlank(_ text: String) -> Bool {
        DocumentContent.isBlank(text)
    }
}

extension WebEncoding {
    /// UTF-16 of either byte order, whose text holds NUL bytes.
    var isUTF16: Bool { self == .utf16BE || self == .utf16LE }
}
