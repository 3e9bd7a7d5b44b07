import Gazette
@testable import GazetteExport

/// Records written by hand for the export tests: our own sentences, with emoji, CJK, a combining mark, "İ" and a
/// CRLF line break, and the offsets of each mention counted independently of `TextOffsetIndex`.
enum ExportSamples {
    static let text = "Secretary Ada Lovelace met 😀 Grace Hopper in 北京 and İzmir.\r\nCafé Zürich e\u{301}tait ouvert; Ada's plan worked.\n"

    /// The mentions of `text`: what, its label, and a linked id and name for some.
    static let mentions: [(mention: String, label: String, id: String?, name: String?)] = [
        ("Ada Lovelace", "PERSON", "gz:person/ada-lovelace", "Ada Lovelace"),
        ("Grace Hopper", "PERSON", nil, nil),
        ("北京", "LOC", "geonames:1816670", "Beijing"),
        ("İzmir", "LOC", nil, "Izmir"),
        ("Café Zürich", "ORG", nil, nil),
        ("Ada", "PERSON", nil, "Ada Lovelace"),
    ]

    /// The UTF-8 range of the first occurrence of `mention` at or after `from`.
    static func utf8Range(of mention: String, in text: String, from: Int = 0) -> Range<Int> {
        let haystack = Array(text.utf8), needle = Array(mention.utf8)
        for start in from...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            return start..<start + needle.count
        }
        fatalError("\(mention) not in the sample")
    }

    /// `utf8Offset` of `text` counted in `unit`, by decoding the prefix.
    static func count(_ utf8Offset: Int, in text: String, unit: OffsetUnit) -> Int {
        let prefix = String(decoding: Array(text.utf8)[..<utf8Offset], as: UTF8.self)
        return switch unit {
        case .codepoint: prefix.unicodeScalars.count
        case .utf16: prefix.utf16.count
        case .utf8: utf8Offset
        }
    }

    /// The mentions' UTF-8 ranges, each found after the previous one.
    static var entityRanges: [Range<Int>] {
        var from = 0
        return mentions.map { mention in
            let range = utf8Range(of: mention.mention, in: text, from: from)
            from = range.upperBound
            return range
        }
    }

    /// The sample's two sentences (each line, without its line break), as UTF-8 ranges.
    static var sentenceRanges: [Range<Int>] {
        let firstEnd = utf8Range(of: "İzmir.", in: text).upperBound
        return [0..<firstEnd, (firstEnd + 2)..<(text.utf8.count - 1)]
    }

    /// The sample as a gazette.doc/1 line with offsets in `unit`.
    static func line(unit: OffsetUnit = .codepoint, id: String? = "sample-1", textField: String = "text") -> [UInt8] {
        var json = "{"
        if let id { json += "\"id\":\(quoted(id))," }
        json += "\"schema\":\"gazette.doc/1\",\"offsets\":\"\(unit.rawValue)\",\(quoted(textField)):\(quoted(text)),"
        json += "\"sentences\":[" + sentenceRanges.map { "[\(count($0.lowerBound, in: text, unit: unit)),\(count($0.upperBound, in: text, unit: unit))]" }.joined(separator: ",") + "],"
        json += "\"entities\":["
        json += zip(mentions, entityRanges).map { mention, range in
            var entity = "{\"start\":\(count(range.lowerBound, in: text, unit: unit)),\"end\":\(count(range.upperBound, in: text, unit: unit)),"
            entity += "\"text\":\(quoted(mention.mention)),\"label\":\"\(mention.label)\""
            if let id = mention.id { entity += ",\"id\":\(quoted(id))" }
            if let name = mention.name { entity += ",\"name\":\(quoted(name))" }
            return entity + ",\"score\":0.9,\"source\":\"test\"}"
        }.joined(separator: ",")
        json += "],\"gazette\":\"0.1.0+test\"}"
        return Array(json.utf8)
    }

    /// The sample read back as a record.
    static func record(unit: OffsetUnit = .codepoint) throws -> ExportRecord {
        try ExportRecordReader().read(line(unit: unit), line: 1).get()
    }

    static func quoted(_ string: String) -> String {
        String(decoding: JSONString.quoted(string), as: UTF8.self)
    }
}
