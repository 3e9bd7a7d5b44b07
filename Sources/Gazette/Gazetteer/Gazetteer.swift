/// One named thing in a gazetteer.
public struct GazetteerEntry: Sendable, Hashable {
    public var name: String
    public var label: EntityLabel
    public var id: String?
    /// How likely a capitalised occurrence of a name of this entry refers to it, in [0, 1].
    public var prior: Double
    /// The name (or an alias) is also a common word or another kind of name ("Nice", "Jordan"): match only with
    /// supporting context.
    public var ambiguous: Bool
    /// The list the entry came from, written as the entity's source: `gazetteer:places`.
    public var source: String
}

/// Entity lists compiled into a phrase trie over matching keys.
public struct Gazetteer: Sendable {
    struct Alias: Sendable, Hashable {
        var entry: Int32
        /// The alias is an acronym ("US", "U.S.", "NATO"): the text must be upper case too, so "us" never matches.
        var requiresUpperCase: Bool
    }

    public private(set) var entries: [GazetteerEntry] = []
    private(set) var matcher = PhraseMatcher<Alias>()

    public init() {}

    public var aliasCount: Int { matcher.phraseCount }

    /// Adds the entries of one entity list in Gazette's TSV format (`name label id aliases prior flags`).
    /// `tokenize` must be the tokenizer used on documents, so that names and text split the same way.
    public mutating func addList(_ tsv: String, source: String, file: String, segmenter: Segmenter) throws(GazetteError) {
        for row in try TableFile.rows(tsv, file: file, required: ["name", "label"]) {
            guard let name = row["name"], !name.isEmpty, let label = row["label"], !label.isEmpty else {
                throw GazetteError(.resourceMalformed, "\(file): a row lacks a name or label")
            }
            let prior = row["prior"].flatMap { Double($0) } ?? 0.8
            guard (0...1).contains(prior) else { throw GazetteError(.resourceMalformed, "\(file): prior of '\(name)' is not in [0, 1]") }
            let flags = row["flags"].map { $0.split(separator: ",").map { $0.trimmingSpaces() } } ?? []
            let id = row["id"].flatMap { $0.isEmpty ? nil : String($0) }
            let entry = GazetteerEntry(name: String(name), label: EntityLabel(rawValue: String(label)), id: id, prior: prior,
                                       ambiguous: flags.contains("ambiguous"), source: source)
            entries.append(entry)
            let index = Int32(entries.count - 1)
            let aliases = [name] + (row["aliases"].map { $0.split(separator: "|").map { $0.trimmingSpaces() } } ?? [])
            for alias in aliases where !alias.isEmpty {
                try add(String(alias), entry: index, segmenter: segmenter)
            }
        }
    }

    private mutating func add(_ alias: String, entry: Int32, segmenter: Segmenter) throws(GazetteError) {
        let tokens = try segmenter.tokens(of: alias)
        guard !tokens.isEmpty else { return }
        var text = alias
        let keys = text.withUTF8 { bytes in tokens.map { MatchingKey.fold(UnsafeBufferPointer(rebasing: bytes[$0.utf8Range])) } }
        let upper = tokens.allSatisfy { $0.kind != .word || $0.shape == .allCaps } && tokens.contains { $0.shape == .allCaps }
        matcher.insert(keys, Alias(entry: entry, requiresUpperCase: upper))
    }

    /// The longest alias starting at token `start` (not crossing `limit`), with the entries it names.
    func longestMatch(keys: [String], from start: Int, limit: Int) -> (length: Int, aliases: [Alias])? {
        matcher.longestMatch(in: keys, from: start, limit: limit).map { ($0.length, $0.payloads) }
    }
}

extension Segmenter {
    /// Tokens of a short text such as a name (no sentence splitting).
    public func tokens(of text: String) throws(GazetteError) -> [Token] {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(GazetteError) in try segment(bytes).0 } }.get()
    }
}
