import Gazette

/// One `gazette.doc/1` record as the exporters read it: the text, its sentences and entities, with every offset
/// converted to UTF-8 offsets of the text.
public struct ExportRecord: Sendable {
    /// The record's `id`: a string id as it is, any other JSON value as its JSON text; nil when there is none.
    public var id: String?
    /// The 1-based line of the record in its input, for messages.
    public var line: Int
    /// The text the offsets index.
    public var text: String
    /// The text's offsets in every unit.
    public var offsets: TextOffsetIndex
    /// The record's sentences, as UTF-8 ranges; empty when the record has none.
    public var sentences: [Range<Int>]
    /// The record's entities, in the record's order.
    public var entities: [ExportEntity]
    /// The record's `gazette` stamp (version and resources), if it has one.
    public var stamp: String?
    /// The record's topics, best first, with their evidence when the record has it (`--explain`).
    public var topics: [ExportTopic] = []

    /// A record of `text` with these sentences and entities (UTF-8 ranges).
    public init(id: String?, line: Int, text: String, sentences: [Range<Int>], entities: [ExportEntity]) {
        self.init(id: id, line: line, offsets: TextOffsetIndex(text), text: text, sentences: sentences, entities: entities)
    }

    /// A record whose text is already indexed.
    init(id: String?, line: Int, offsets: TextOffsetIndex, text: String, sentences: [Range<Int>], entities: [ExportEntity]) {
        self.id = id
        self.line = line
        self.text = text
        self.offsets = offsets
        self.sentences = sentences
        self.entities = entities
    }

    /// How messages name the record: its line and, when it has one, its id.
    public var reference: String {
        id.map { "line \(line) (id \($0))" } ?? "line \(line)"
    }
}

/// One entity of a record.
public struct ExportEntity: Sendable, Equatable {
    /// The entity's UTF-8 range in the record's text.
    public var utf8Range: Range<Int>
    /// The mention as it appears in the text.
    public var text: String
    /// The entity type (`PERSON`, `ORG`, `LOC`, `NORP`, or a label of the user's lists).
    public var label: String
    /// The linked entity's identifier, if linked.
    public var linkID: String?
    /// The linked entity's canonical name, if linked.
    public var name: String?
    /// The calibrated score in [0, 1].
    public var score: Double?
    /// The list or rule that produced the entity.
    public var source: String?

    /// An entity over `utf8Range`.
    public init(utf8Range: Range<Int>, text: String, label: String, linkID: String? = nil, name: String? = nil,
                score: Double? = nil, source: String? = nil) {
        self.utf8Range = utf8Range
        self.text = text
        self.label = label
        self.linkID = linkID
        self.name = name
        self.score = score
        self.source = source
    }
}

/// One topic of a record.
public struct ExportTopic: Sendable, Equatable {
    /// The topic's label.
    public var label: String
    /// The model's probability for it, in [0, 1].
    public var score: Double
    /// The words and word pairs that weighed most for it, with their weights (empty without `--explain`).
    public var evidence: [(feature: String, weight: Double)]

    /// A topic with its evidence.
    public init(label: String, score: Double, evidence: [(feature: String, weight: Double)] = []) {
        self.label = label
        self.score = score
        self.evidence = evidence
    }

    /// Equal labels, scores and evidence.
    public static func == (left: ExportTopic, right: ExportTopic) -> Bool {
        left.label == right.label && left.score == right.score
            && left.evidence.map(\.feature) == right.evidence.map(\.feature) && left.evidence.map(\.weight) == right.evidence.map(\.weight)
    }
}

/// A line of input the exporters cannot use, and why.
public struct ExportFailure: Error, Sendable, CustomStringConvertible {
    /// The 1-based input line.
    public var line: Int
    /// The record's id, when it could be read.
    public var id: String?
    /// What is wrong: the record's own `error` (an error record from gazette), or why it cannot be read.
    public var error: GazetteError

    /// A failure of `line`.
    public init(line: Int, id: String?, error: GazetteError) {
        self.line = line
        self.id = id
        self.error = error
    }

    /// For example `line 3 (id doc-3): GZ102: no "text" field`.
    public var description: String {
        (id.map { "line \(line) (id \($0))" } ?? "line \(line)") + ": \(error)"
    }
}
