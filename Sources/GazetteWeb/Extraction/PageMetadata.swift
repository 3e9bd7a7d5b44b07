#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

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
        var headings: [(level: Int, text: String)] = []
        var canonical: String?
        var jsonLD: [JSONValue] = []
        var microdataDate: String?
        var microdataAuthors: [String] = []
        language = document.root.attribute("lang") ?? document.root.attribute("xml:lang")
        document.root.forEachElement { element in
            switch element.name {
            case "meta":
                guard let content = element.attribute("content")?.collapsed, !content.isEmpty else { return }
                for key in ["property", "name", "itemprop", "http-equiv"] {
                    if let name = element.attribute(key)?.lowercased(), meta[name] == nil { meta[name] = content }
                }
            case "title":
                if titleElement == nil { titleElement = element.rawText.collapsed }
            case "h1", "h2", "h3":
                if headings.count < 50 {
                    let text = element.rawText.collapsed
                    if !text.isEmpty, text.utf8.count < 300 { headings.append((Int(element.name.utf8.last! - 0x30), text)) }
                }
            case "link":
                let rel = element.attribute("rel")?.lowercased() ?? ""
                if canonical == nil, rel.split(separator: " ").contains("canonical") { canonical = element.attribute("href") }
            case "script":
                if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(element.rawText.utf8)) {
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

        // Headline: the heading that best agrees with the declared title (the title tag often adds the site's
        // name or junk), else the declared title without the site's name, else the first <h1>.
        let declared = meta["og:title"] ?? linkedData.headline ?? meta["twitter:title"] ?? titleElement
        let declaredWords = Set(Self.words(declared ?? "") + Self.words(titleElement ?? ""))
        var best: (text: String, agreement: Double, level: Int)?
        for heading in headings {
            let words = Self.words(heading.text)
            guard words.count >= 2 else { continue }
            let agreement = Double(words.filter { declaredWords.contains($0) }.count) / Double(words.count)
            if agreement >= 0.6, best.map({ agreement > $0.agreement + 0.1 || (agreement >= $0.agreement - 0.1 && heading.level < $0.level) }) ?? true {
                best = (heading.text, agreement, heading.level)
            }
        }
        if let best {
            title = best.text
        } else if let declared, !declared.isEmpty {
            title = Self.withoutSiteName(declared)
        } else {
            title = headings.first { $0.level == 1 }?.text
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

    /// "Headline | Site", "Site - Headline" or "Headline : Site" without the site's part: the longest of the parts
    /// when the title splits at a separator and the others are short (at most 4 words).
    static func withoutSiteName(_ title: String) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: ", " : ", " » ", " · ", "_"] {
            let parts = title.components(separatedBy: separator).map(\.collapsed).filter { !$0.isEmpty }
            guard parts.count > 1 else { continue }
            let sorted = parts.sorted { $0.split(separator: " ").count > $1.split(separator: " ").count }
            let longest = sorted[0].split(separator: " ").count
            if longest >= 3, sorted.dropFirst().allSatisfy({ $0.split(separator: " ").count <= 4 && $0.split(separator: " ").count < longest }) {
                return sorted[0]
            }
        }
        return title
    }

    /// Lower-cased words (letters and digits) of a text, for comparing titles.
    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
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

    init(_ blocks: [JSONValue]) {
        var objects: [[String: JSONValue]] = []
        func collect(_ value: JSONValue) {
            if case let .array(array) = value {
                array.forEach(collect)
            } else if case let .object(object) = value {
                objects.append(object)
                if let graph = object["@graph"] { collect(graph) }
            }
        }
        blocks.forEach(collect)
        func types(_ object: [String: JSONValue]) -> [String] {
            if let type = object["@type"]?.string { return [type.lowercased()] }
            return object["@type"]?.array?.compactMap { $0.string?.lowercased() } ?? []
        }
        let articles = objects.filter { types($0).contains { Self.articleTypes.contains($0) && $0 != "webpage" } }
        guard let article = articles.first ?? objects.first(where: { types($0).contains("webpage") }) else { return }
        headline = article["headline"]?.string?.collapsed
        datePublished = article["datePublished"]?.string
        language = article["inLanguage"]?.string
        func names(_ value: JSONValue?) -> [String] {
            switch value {
            case let .string(name)?: return [name]
            case let .object(object)?: return object["name"]?.string.map { [$0] } ?? []
            case let .array(array)?: return array.flatMap(names)
            default: return []
            }
        }
        authors = names(article["author"]).filter { !$0.hasPrefix("http") }
        publisher = names(article["publisher"]).first
    }
}

/// A JSON value as a JSON-LD block holds it (decoded with FoundationEssentials' `JSONDecoder`, which takes a bare
/// value at the top as `JSONSerialization` did with `.fragmentsAllowed`). Only strings, arrays and objects are
/// read; the rest is kept as `.other`.
private enum JSONValue: Decodable {
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else if let object = try? container.decode([String: JSONValue].self) {
            self = .object(object)
        } else {
            self = .other
        }
    }

    var string: String? { if case let .string(value) = self { value } else { nil } }
    var array: [JSONValue]? { if case let .array(value) = self { value } else { nil } }
}

extension String {
    /// The string with runs of white space collapsed to one space and no white space at either end.
    var collapsed: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
