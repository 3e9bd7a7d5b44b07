/// One named thing in a gazetteer.
public struct GazetteerEntry: Sendable, Hashable {
    /// The canonical name.
    public var name: String
    /// The label the entry's names get: `PERSON`, `ORG`, `LOC` or `NORP` in the shipped lists.
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
    /// The entry the surface form belongs to.
    public var entry: GazetteerEntry
    /// The surface form as written in its list.
    public var surface: String
    /// How that form matches text, in words: "any case", "exact case, needs context", "lookup only", ...
    public var policy: String

    /// A hit on `entry` through its surface form `surface`, matched as `policy` describes.
    public init(entry: GazetteerEntry, surface: String, policy: String) {
        self.entry = entry
        self.surface = surface
        self.policy = policy
    }
}

/// Entity lists compiled into token tries over matching keys (see `GazetteerCompiler`, `GazetteerImage`).
///
/// The standard pipeline loads it with `GazetteerStore`: the shipped lists from the compiled cache, a user's lists
/// (`--gazetteer FILE`) compiled beside them as an overlay whose names take precedence. `addList` builds a small
/// gazetteer in memory (tests, embedders with a few names).
public struct Gazetteer: Sendable {
    /// Compiled layers, highest precedence first (a user's overlay, then the shipped lists).
    var layers: [GazetteerImage]
    private var lists: [GazetteerList] = []

    /// An empty gazetteer.
    public init() {
        layers = [Self.emptyImage()]
    }

    init(image: GazetteerImage) {
        layers = [image]
    }

    init(layers: [GazetteerImage]) {
        self.layers = layers.isEmpty ? [Self.emptyImage()] : layers
    }

    /// The shipped (lowest-precedence) layer.
    var image: GazetteerImage { layers[layers.count - 1] }

    /// Adds the entries of one entity list in Gazette's TSV format (`name label id aliases prior flags ...`) and
    /// recompiles. `segmenter` must be the tokenizer used on documents, so that names and text split the same way.
    /// Meant for small lists: each call recompiles everything added so far.
    public mutating func addList(_ tsv: String, source: String, file: String, segmenter: Segmenter) throws(GazetteError) {
        lists.append(GazetteerList(source: source, file: file, bytes: Array(tsv.utf8), format: .tsv, isUser: false))
        layers = [try Self.compile(lists, segmenter: segmenter)]
    }

    /// Adds a list (TSV or spaCy JSONL; a user's list takes precedence over the others) and recompiles.
    public mutating func addList(_ list: GazetteerList, segmenter: Segmenter) throws(GazetteError) {
        lists.append(list)
        layers = [try Self.compile(lists, segmenter: segmenter)]
    }

    static func compile(_ lists: [GazetteerList], commonWords: Set<String> = [], englishWords: Set<String> = [],
                        segmenter: Segmenter) throws(GazetteError) -> GazetteerImage {
        var provenance = Provenance()
        for list in lists { provenance.record(list.source, bytes: list.bytes) }
        let bytes = try GazetteerCompiler(commonWords: commonWords, englishWords: englishWords, segmenter: segmenter)
            .compile(lists, contentHash: provenance.value, manifest: [])
        do { return try GazetteerImage(bytes: bytes) } catch {
            throw GazetteError(.resourceMalformed, "compiled gazetteer failed its own check: \(error)")
        }
    }

    private static func emptyImage() -> GazetteerImage {
        // Nothing to parse or tokenise: compiling no lists cannot fail.
        let bytes = (try? GazetteerCompiler(segmenter: Segmenter()).compile([], contentHash: 0, manifest: [])) ?? []
        return try! GazetteerImage(bytes: bytes)
    }

    /// The provenance of all inputs: the shipped resources', then each user overlay's.
    public var provenance: Provenance {
        var provenance = Provenance(value: image.contentHash)
        for layer in layers.dropLast() { provenance.include(Provenance(value: layer.contentHash)) }
        return provenance
    }

    /// The content hash of all inputs (12 hex digits, `provenance.digest`), stamped on every output record as
    /// `0.1.0+gaz.<hash>`.
    public var contentHash: String { provenance.digest }

    /// Number of entries, in all layers (a user's lists and the shipped ones).
    public var entryCount: Int { layers.reduce(0) { $0 + $1.entryCount } }
    /// Number of surface forms (names and aliases) matched in text.
    public var aliasCount: Int { layers.reduce(0) { $0 + ($1.info[.surfaceForms] ?? 0) } }
    /// Number of surface forms only found by lookup.
    public var lookupOnlyCount: Int { layers.reduce(0) { $0 + ($1.info[.lookupOnlyForms] ?? 0) } }
    /// Number of distinct token keys in all names, in all layers.
    public var vocabularyCount: Int { layers.reduce(0) { $0 + $1.vocabCount } }
    /// Number of trie nodes, in all layers.
    public var nodeCount: Int { layers.reduce(0) { $0 + $1.nodeCount } }
    /// Size of the compiled form in bytes.
    public var compiledSize: Int { layers.reduce(0) { $0 + $1.size } }

    /// The entry at `index` (0 ..< `entryCount`; a user's entries come first).
    public func entry(at index: Int) -> GazetteerEntry {
        var index = index
        for layer in layers {
            if index < layer.entryCount { return Self.entry(index, of: layer) }
            index -= layer.entryCount
        }
        preconditionFailure("gazetteer entry index out of range")
    }

    static func entry(_ index: Int, of image: GazetteerImage) -> GazetteerEntry {
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

    /// The entries whose surface forms are exactly `name` (compared by matching keys), with the form that matched;
    /// a user's entries first.
    public func lookup(_ name: String, segmenter: Segmenter) throws(GazetteError) -> [GazetteerHit] {
        var text = name
        let tokens = try segmenter.tokens(of: text)
        let keys = text.withUTF8 { bytes in tokens.map { MatchingKey.fold(UnsafeBufferPointer(rebasing: bytes[$0.utf8Range])) } }
        var hits: [GazetteerHit] = []
        for layer in layers {
            guard let node = Self.node(for: keys, in: layer) else { continue }
            for index in layer.payloadRange(of: node) {
                let payload = layer.payload(index)
                hits.append(GazetteerHit(entry: Self.entry(Int(payload.entry), of: layer), surface: layer.string(payload.surface) ?? "",
                                         policy: payload.policy.description))
            }
        }
        return hits
    }

    /// Entries with this id or cross-reference.
    public func entries(withID id: String) -> [GazetteerEntry] {
        layers.flatMap { layer in
            (0..<layer.entryCount).compactMap { index -> GazetteerEntry? in
                if layer.string(layer.entryField(index, .id)) == id { return Self.entry(index, of: layer) }
                guard let xrefs = layer.string(layer.entryField(index, .xrefs)), xrefs.split(separator: "|").contains(where: { $0 == id }) else { return nil }
                return Self.entry(index, of: layer)
            }
        }
    }

    /// The trie node reached by a key sequence.
    private static func node(for keys: [String], in image: GazetteerImage) -> UInt32? {
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
        for image in layers {
            for index in 0..<image.entryCount {
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
        }
        return statistics
    }
}

/// Counts for `gazette gazetteer stats`.
public struct GazetteerStatistics: Sendable, Hashable {
    /// Entries by label.
    public var byLabel: [String: Int] = [:]
    /// Entries by source list (`gazetteer:places`).
    public var bySource: [String: Int] = [:]
    /// Keyed by "LABEL kind".
    public var byKind: [String: Int] = [:]
    /// Entries that have an id.
    public var withID = 0
    /// Matchable surface forms by case policy ("any case", "exact case, needs context", ...).
    public var formsByPolicy: [String: Int] = [:]
    /// Surface forms matched in text (lookup-only forms left out), by the source list of their entry.
    public var formsBySource: [String: Int] = [:]
}

extension Segmenter {
    /// Tokens of a short text such as a name (no sentence splitting).
    public func tokens(of text: String) throws(GazetteError) -> [Token] {
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(GazetteError) in try segment(bytes).0 } }.get()
    }
}
