/// What `ArticleExtractor` returns: the article's text and the page's metadata.
public struct ExtractedArticle: Sendable, Equatable {
    /// The headline: the page's <h1> when it agrees with the <title> or Open Graph title, else that title without
    /// the site's name; nil when the page has none.
    public var title: String?
    /// The title line, then the article's blocks (paragraphs, headings, list items, block quotes, table rows), one
    /// per line, white space collapsed. In `.whole` mode, the whole page's visible text.
    public var text: String
    /// The publication date as the page writes it (Open Graph `article:published_time`, JSON-LD `datePublished`,
    /// a date <meta> or a <time> element), not normalised.
    public var publishedDate: String?
    /// The authors' names (JSON-LD `author`, `<meta name="author">`, `article:author`), without duplicates.
    public var authors: [String]
    /// The page's canonical URL (`<link rel="canonical">`, else `og:url`), resolved against the page's URL.
    public var canonicalURL: String?
    /// The site's name (`og:site_name`, JSON-LD `publisher`).
    public var siteName: String?
    /// The declared language (`<html lang>`, `content-language`, `og:locale`, JSON-LD `inLanguage`), as written.
    public var language: String?

    /// An extraction result.
    public init(
        title: String? = nil, text: String, publishedDate: String? = nil, authors: [String] = [],
        canonicalURL: String? = nil, siteName: String? = nil, language: String? = nil
    ) {
        self.title = title
        self.text = text
        self.publishedDate = publishedDate
        self.authors = authors
        self.canonicalURL = canonicalURL
        self.siteName = siteName
        self.language = language
    }
}

/// Reduces an HTML page to its article, as readability and trafilatura do: finds the container with the most
/// paragraph text (readability's candidate scoring: paragraphs score by length and commas, their parents and
/// grandparents inherit the score, weighted by class and id words and by link density), adds its siblings that look like
/// article, then cleans up inside (navigation, share bars, related links, comments, forms, link lists and short
/// boilerplate lines dropped). With no convincing container it keeps all paragraphs of the page. See
/// Benchmarks/extraction/README.md for the measured quality and speed.
///
/// A stage with no I/O: it takes the page's bytes, already decoded to UTF-8, and returns text and metadata.
public struct ArticleExtractor: Sendable {
    /// What to keep of a page.
    public enum Mode: Sendable, Equatable {
        /// The main content only (the default).
        case article
        /// The whole page's visible text, block by block (what `gazette batch` annotated before extraction).
        case whole
    }

    /// What to keep of a page.
    public var mode: Mode
    /// The parser (libxml2's HTML parser, see `HTMLParser`).
    public var parser: HTMLParser

    /// An extractor in `mode`.
    public init(mode: Mode = .article, parser: HTMLParser = HTMLParser()) {
        self.mode = mode
        self.parser = parser
    }

    /// Extracts the article of a page given as a string; `url` (the page's address, if known) resolves relative links.
    public func extract(html: String, url: String? = nil) -> ExtractedArticle {
        extract(document: parser.parse(html), url: url)
    }

    /// Extracts the article of a page given as UTF-8 bytes (`[UInt8]`, `Data`, a buffer...; decode other charsets
    /// first).
    public func extract(utf8 html: some Collection<UInt8>, url: String? = nil) -> ExtractedArticle {
        extract(document: parser.parse(utf8: html), url: url)
    }

    /// Extracts the article of an already parsed page.
    public func extract(document: HTMLDocument, url: String? = nil) -> ExtractedArticle {
        let metadata = PageMetadata(document: document, url: url)
        switch mode {
        case .whole:
            let body = document.root.first { $0.name == "body" } ?? document.root
            let blocks = TextBlocks(dropped: nil).blocks(of: body)
            return metadata.article(text: blocks.map(\.text).joined(separator: "\n"))
        case .article:
            var blocks = ContentFinder(document: document).articleBlocks()
            if let title = metadata.title {
                // The headline is the first line; a first block that repeats it is dropped.
                if let first = blocks.first, first.text.utf8.count < title.utf8.count * 2 + 16,
                    TextBlocks.comparable(first.text) == TextBlocks.comparable(title) {
                    blocks.removeFirst()
                }
                return metadata.article(text: ([title] + blocks.map(\.text)).joined(separator: "\n"))
            }
            return metadata.article(text: blocks.map(\.text).joined(separator: "\n"))
        }
    }
}
