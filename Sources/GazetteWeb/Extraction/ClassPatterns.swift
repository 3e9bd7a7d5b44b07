/// A set of ASCII substrings looked for in an element's `class` and `id` (lower-cased), as readability's regular
/// expressions do; matched with a table of first bytes so that each position of the text tries only the patterns
/// that start with its byte.
struct SubstringPatterns: Sendable {
    private let patternsByFirstByte: [[[UInt8]]]

    /// Patterns in lower case ASCII.
    init(_ patterns: [String]) {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for pattern in patterns {
            let bytes = Array(pattern.utf8)
            if let first = bytes.first { table[Int(first)].append(bytes) }
        }
        patternsByFirstByte = table
    }

    /// Whether one of the patterns occurs in `text` (lower-case bytes).
    func matches(_ text: [UInt8]) -> Bool {
        for start in text.indices {
            for pattern in patternsByFirstByte[Int(text[start])] where start + pattern.count <= text.count {
                var equal = true
                for offset in 1..<pattern.count where text[start + offset] != pattern[offset] {
                    equal = false
                    break
                }
                if equal { return true }
            }
        }
        return false
    }
}

/// The class and id patterns of the extractor (readability's lists with additions for share bars, cookie banners and
/// newsletters as trafilatura drops them).
enum ClassPatterns {
    /// Containers that are almost never the article: removed before scoring unless `maybeContent` also matches.
    static let unlikely = SubstringPatterns([
        "-ad-", "ad-break", "agegate", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "consent",
        "cookie", "cover-wrap", "disqus", "extra", "footer", "gdpr", "header", "legends", "menu", "navbar", "newsletter",
        "pagination", "pager", "popup", "promo", "related", "remark", "replies", "rss", "share", "sharing", "shoutbox",
        "sidebar", "skyscraper", "social", "sponsor", "subscribe", "supplemental", "toolbar", "yom-remote",
    ])
    /// Words that keep a container matching `unlikely`.
    static let maybeContent = SubstringPatterns(["and", "article", "body", "column", "content", "main", "shadow"])
    /// Class or id words that lower a candidate's score by 25.
    static let negative = SubstringPatterns([
        "-ad-", "banner", "byline", "caption", "combx", "comment", "com-", "contact", "cookie", "credit", "footer",
        "gdpr", "hidden", "masthead", "media", "meta", "nav", "newsletter", "outbrain", "promo", "related", "scroll",
        "share", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "shopping", "subscribe", "tags", "widget",
    ])
    /// Class or id words that raise a candidate's score by 25.
    static let positive = SubstringPatterns([
        "article", "blog", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "story", "text",
    ])
    /// Class or id words of blocks that are page furniture even inside the article's container (whatever else the
    /// class says: "comments-body" is comments): dropped from the article and never added as its siblings.
    static let furniture = SubstringPatterns([
        "comment", "disqus", "related", "share", "sharing", "social", "newsletter", "subscri", "cookie", "consent",
        "promo", "sponsor", "outbrain", "taboola", "advert", "breadcrumb", "pagination", "pager", "toolbar",
    ])
}
