import Foundation

/// The metadata a page declares about itself: <title>, <meta> (standard names, Open Graph, Dublin Core and the
/// common news-site names), JSON-LD blocks, <link rel="canonical">, <html lang> and microdata `itemprop`s.
struct PageMetadata {
    var title: String?
    var publishedDate: String?
    var authors: [String] = []
    var canonicalURL: String?
    var siteName: String?
    var language: String?

    /// Meta names and properties of the publication date, most specific first.
    static let dateNames = [
        "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date",
        "date", "dc.date.issued", "dc.date", "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published",
        "originalpublicationdate", "cxenseparse:recs:publishtime",
    ]
    static let authorNames = ["author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author"]

    init(document: HTMLDocument, url: String?) {
        var meta: [String: String] = [:]
        var titleElement: String?
        var firstH1: String?
        var canonical: String?
        var jsonLD: [Any] = []
        var microdataDate: String?
        var microdataAuthors: [String] = []
        language = document.root.attribute("lang") ?? document.root.attribute("xml:lang")
        document.root.forEachElement { element in
            switch element.name {
            case "meta":
                guard let content = element.attribute("content")?.trimmed, !content.isEmpty else { return }
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let name = element.attribute(key)?.lowercased(), meta[name] == nil { meta[name] = content }
                }
            case "title":
                if titleElement == nil { titleElement = element.rawText.collapsed }
            case "h1":
                if firstH1 == nil { firstH1 = element.rawText.collapsed }
            case "link":
                let rel = element.attribute("rel")?.lowercased() ?? ""
                if canonical == nil, rel.split(separator: " ").contains("canonical") { canonical = element.attribute("href") }
            case "script":
                if let data = element.rawText.data(using: .utf8),
                    let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) {
                    jsonLD.append(value)
                }
            case "time":
                if microdataDate == nil, element.attribute("itemprop")?.lowercased() == "datepublished" {
                    microdataDate = element.attribute("datetime") ?? element.rawText.collapsed
                }
            default:
                if !element.attributes.isEmpty, let itemprop = element.attribute("itemprop"), itemprop.lowercased() == "author" {
                    let name = element.rawText.collapsed
                    if !name.isEmpty, name.count < 100 { microdataAuthors.append(name) }
                }
            }
        }
        let linkedData = LinkedData(jsonLD)

        // Headline: the <h1> when the declared titles agree with it, else the declared title without the site name.
        let declared = meta["og:title"] ?? linkedData.headline ?? meta["twitter:title"] ?? titleElement
        if let h1 = firstH1, !h1.isEmpty, let other = declared ?? titleElement,
            TextBlocks.comparable(other).contains(TextBlocks.comparable(h1)), TextBlocks.comparable(h1).count >= 8 {
            title = h1
        } else if let declared, !declared.isEmpty {
            title = Self.withoutSiteName(declared)
        } else if let h1 = firstH1, !h1.isEmpty {
            title = h1
        }

        publishedDate = linkedData.datePublished ?? Self.dateNames.lazy.compactMap { meta[$0] }.first ?? microdataDate
        var authors: [String] = linkedData.authors
        if authors.isEmpty {
            for name in Self.authorNames {
                if let value = meta[name], !value.hasPrefix("http") { authors.append(value) }
            }
        }
        if authors.isEmpty { authors = microdataAuthors }
        var seen = Set<String>()
        self.authors = authors.map(\.collapsed).filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }

        if let href = canonical ?? meta["og:url"] {
            if let base = url.flatMap({ URL(string: $0) }), let resolved = URL(string: href, relativeTo: base) {
                canonicalURL = resolved.absoluteString
            } else {
                canonicalURL = href
            }
        }
        siteName = meta["og:site_name"] ?? linkedData.publisher ?? meta["application-name"]
        language = language ?? meta["content-language"] ?? meta["dc.language"] ?? linkedData.language ?? meta["og:locale"]
    }

    /// "Headline | Site" or "Headline - Site" without the site part, when the headline keeps at least 4 words.
    static func withoutSiteName(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " » ", " · "] {
            guard let range = title.range(of: separator, options: .backwards) else { continue }
            let head = String(title[..<range.lowerBound]).trimmed
            if head.split(separator: " ").count >= 4 { return head }
            let first = title.range(of: separator).map { String(title[$0.upperBound...]).trimmed } ?? ""
            if first.split(separator: " ").count >= 4 { return first }
        }
        return title
    }

    func article(text: String) -> ExtractedArticle {
        ExtractedArticle(
            title: title, text: text, publishedDate: publishedDate, authors: authors, canonicalURL: canonicalURL,
            siteName: siteName, language: language)
    }
}

/// The schema.org fields of a page's JSON-LD blocks that describe its article (the first object with a headline or
/// an article type; `@graph` arrays are searched).
private struct LinkedData {
    var headline: String?
    var datePublished: String?
    var authors: [String] = []
    var publisher: String?
    var language: String?

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "webpage", "scholarlyarticle", "techarticle", "report", "liveblogposting",
    ]

    init(_ blocks: [Any]) {
        var objects: [[String: Any]] = []
        func collect(_ value: Any) {
            if let array = value as? [Any] {
                array.forEach(collect)
            } else if let object = value as? [String: Any] {
                objects.append(object)
                if let graph = object["@graph"] { collect(graph) }
            }
        }
        blocks.forEach(collect)
        func types(_ object: [String: Any]) -> [String] {
            if let type = object["@type"] as? String { return [type.lowercased()] }
            return (object["@type"] as? [Any])?.compactMap { ($0 as? String)?.lowercased() } ?? []
        }
        let articles = objects.filter { types($0).contains { Self.articleTypes.contains($0) && $0 != "webpage" } }
        guard let article = articles.first ?? objects.first(where: { types($0).contains("webpage") }) else { return }
        headline = (article["headline"] as? String)?.collapsed
        datePublished = article["datePublished"] as? String
        language = article["inLanguage"] as? String
        func names(_ value: Any?) -> [String] {
            if let name = value as? String { return [name] }
            if let object = value as? [String: Any] { return (object["name"] as? String).map { [$0] } ?? [] }
            if let array = value as? [Any] { return array.flatMap(names) }
            return []
        }
        authors = names(article["author"]).filter { !$0.hasPrefix("http") }
        publisher = names(article["publisher"]).first
    }
}

extension String {
    /// The string with runs of white space collapsed to one space and no white space at either end.
    var collapsed: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    var trimmed: String { collapsed }
}
