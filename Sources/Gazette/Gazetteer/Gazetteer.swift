/// One named thing in a gazetteer.
public struct GazetteerEntry: Sendable, Hashable {
    /// The canonical name.
    public var name: String
    public var label: EntityLabel
    /// Stable identifier: a Wikidata QID, `geonames:<id>`, `cik:<id>` or a project slug (`gz:loc/...`).
    public var id: String?
    /// How likely a capitalised occurrence of a name of this entry refers to it, in [0, 1].
    public var prior: Double
    /// One-word names of the entry are also common words or other kinds of names ("Nice", "Jordan"): they match
    /// only in their exact case and with supporting context.
    public var ambiguous: Bool
    /// The list the entry came from, written as the entity's source: `gazetteer:places`.
    public var source: String
    /// A finer type: `country`, `admin1`, `city`, `demonym`, `party`, `company`, `legislator`, ...
    public var kind: String? = nil
    /// ISO 3166 code of the entry's country (`CN`) or subdivision (`US-TX`), when known.
    public var country: String? = nil
    /// A short description, such as a person's roles.
    public var description: String? = nil
    /// Other surface forms, as listed.
    public var aliases: [String] = []
    /// Other identifiers of the same entity (a Wikidata QID next to a GeoNames id).
    public var xrefs: [String] = []
}

/// What the gazetteers know about a name: an entry and the surface form that matched.
public struct GazetteerHit: Sendable, Hashable {
    public var entry: GazetteerEntry
    /// The surface form as written in its list.
    public var surface: String
    /// How that form matches text, in words: "any case", "exact case, needs context", "lookup only", ...
    public var policy: String
}

/// Entity lists compiled into a token trie over matching keys (see `GazetteerCompiler`, `GazetteerImage`).
///
/// The standard pipeline loads it with `GazetteerStore`, which caches the compiled form; `addList` builds a small
/// gazetteer in memory (tests, embedders with a few names).
public struct Gazetteer: Sendable {
    var image: GazetteerImage
    private var lists: [GazetteerList] = []

    /// An empty gazetteer.
    public init() {
        image = Self.emptyImage()
    }

    init(image: GazetteerImage) {
        self.image = image
    }

    /// Adds the entries of one entity list in Gazette's TSV format (`name label id aliases prior flags ...`) and
    /// recompiles. `segmenter` must be the tokenizer used on documents, so that names and text split the same way.
    /// Meant for small lists: each call recompiles everything added so far.
    public mutating func addList(_ tsv: String, source: String, file: String, segmenter: Segmenter) throws(GazetteError) {
        lists.append(GazetteerList(source: source, file: file, bytes: Array(tsv.utf8), format: .tsv, isUser: false))
        image = try Self.compile(lists, segmenter: segmenter)
    }

    /// Adds a user's list (TSV or spaCy JSONL), whose surface forms take precedence over other lists, and recompiles.
    public mutating func addUserList(_ list: GazetteerList, segmenter: Segmenter) throws(GazetteError) {
        lists.append(list)
        image = try Self.compile(lists, segmenter: segmenter)
    }

    private static func compile(_ lists: [GazetteerList], segmenter: Segmenter) throws(GazetteError) -> GazetteerImage {
        var hash: UInt64 = 0
        for list in lists { hash = StableHash.hash(list.bytes, seed: StableHash.hash(list.source, seed: hash)) }
        let bytes = try GazetteerCompiler(segmenter: segmenter).compile(lists, contentHash: hash, manifest: [])
        do { return try GazetteerImage(bytes: bytes) } catch {
            throw GazetteError(.resourceMalformed, "compiled gazetteer failed its own check: \(error)")
        }
    }

    private static func emptyImage() -> GazetteerImage {
        // Nothing to parse or tokenise: compiling no lists cannot fail.
        let bytes = (try? GazetteerCompiler(segmenter: Segmenter()).compile([], contentHash: 0, manifest: [])) ?? []
        return try! GazetteerImage(bytes: bytes)
    }

    /// The content hash of the inputs (12 hex digits), stamped on every output record as `0.1.0+gaz.<hash>`.
    public var contentHash: String { String(StableHash.hex(image.contentHash).prefix(12)) }

    public var entryCount: Int { image.entryCount }
    /// Number of surface forms (names and aliases) matched in text.
    public var aliasCount: Int { image.info[.surfaceForms] ?? 0 }
    /// Number of surface forms only found by lookup.
    public var lookupOnlyCount: Int { image.info[.lookupOnlyForms] ?? 0 }
    /// Distinct token keys in all names, and trie nodes.
    public var vocabularyCount: Int { image.vocabCount }
    public var nodeCount: Int { image.nodeCount }
    /// Size of the compiled form in bytes.
    public var compiledSize: Int { image.size }

    /// The entry at `index` (0 ..< `entryCount`).
    public func entry(at index: Int) -> GazetteerEntry {
        let flags = image.entryFlags(index)
        return GazetteerEntry(
            name: image.string(image.entryField(index, .name)) ?? "",
            label: EntityLabel(rawValue: image.labels[image.entryLabelIndex(index)]),
            id: image.string(image.entryField(index, .id)),
            prior: image.entryPrior(index),
            ambiguous: flags.contains(.ambiguous),
            source: image.sources[image.entrySourceIndex(index)],
            kind: image.string(image.entryField(index, .kind)),
            country: image.string(image.entryField(index, .country)),
            description: image.string(image.entryField(index, .description)),
            aliases: image.string(image.entryField(index, .aliases)).map { $0.split(separator: "|").map(String.init) } ?? [],
            xrefs: image.string(image.entryField(index, .xrefs)).map { $0.split(separator: "|").map(String.init) } ?? [])
    }

    /// Every entry (built on each call: prefer `entry(at:)` on large gazetteers).
    public var entries: [GazetteerEntry] { (0..<entryCount).map(entry(at:)) }

    /// The entries whose surface forms are exactly `name` (compared by matching keys), with the form that matched.
    public func lookup(_ name: String, segmenter: Segmenter) throws(GazetteError) -> [GazetteerHit] {
        var text = name
        let tokens = try segmenter.tokens(of: text)
        let keys = text.withUTF8 { bytes in tokens.map { MatchingKey.fold(UnsafeBufferPointer(rebasing: bytes[$0.utf8Range])) } }
        guard let node = node(for: keys) else { return [] }
        return image.payloadRange(of: node).map { index in
            let payload = image.payload(index)
            return GazetteerHit(entry: entry(at: Int(payload.entry)), surface: image.string(payload.surface) ?? "", policy: payload.policy.description)
        }
    }

    /// Entries with this id or cross-reference.
    public func entries(withID id: String) -> [GazetteerEntry] {
        (0..<entryCount).compactMap { index in
            if image.string(image.entryField(index, .id)) == id { return entry(at: index) }
            guard let xrefs = image.string(image.entryField(index, .xrefs)), xrefs.split(separator: "|").contains(where: { $0 == id }) else { return nil }
            return entry(at: index)
        }
    }

    /// The trie node reached by a key sequence.
    private func node(for keys: [String]) -> UInt32? {
        var node: UInt32?
        for (i, key) in keys.enumerated() {
            var key = key
            guard let symbol = key.withUTF8({ image.symbol(of: UnsafeRawBufferPointer($0)) }) else { return nil }
            node = i == 0 ? image.rootChild(symbol) : image.child(of: node!, symbol)
            if node == nil { return nil }
        }
        return node
    }

    /// Entry counts by label, source and kind.
    public var statistics: GazetteerStatistics {
        var statistics = GazetteerStatistics()
        for index in 0..<entryCount {
            let label = image.labels[image.entryLabelIndex(index)], source = image.sources[image.entrySourceIndex(index)]
            let kind = image.string(image.entryField(index, .kind)) ?? "-"
            statistics.byLabel[label, default: 0] += 1
            statistics.bySource[source, default: 0] += 1
            statistics.byKind["\(label) \(kind)", default: 0] += 1
            if image.string(image.entryField(index, .id)) != nil { statistics.withID += 1 }
        }
        for index in 0..<image.payloadCount {
            let payload = image.payload(index)
            guard !payload.policy.lookupOnly else { continue }
            statistics.formsByPolicy[payload.policy.description, default: 0] += 1
            statistics.formsBySource[image.sources[image.entrySourceIndex(Int(payload.entry))], default: 0] += 1
        }
        return statistics
    }
}

/// Counts for `gazette gazetteer stats`.
public struct GazetteerStatistics: Sendable, Hashable {
    public var byLabel: [String: Int] = [:]
    public var bySource: [String: Int] = [:]
    /// Keyed by "LABEL kind".
    public var byKind: [String: Int] = [:]
    public var withID = 0
    /// Matchable surface forms by case policy ("any case", "exact case, needs context", ...).
    public var formsByPolicy: [String: Int] = [:]
    public var formsBySource: [String: Int] = [:]
}

extension Segmenter {
    /// Tokens of a short text such as a name (no sentence splitting).
    public func tokens(of text: String) throws(GazetteError) -> [Token] {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(GazetteError) in try segment(bytes).0 } }.get()
    }
}
