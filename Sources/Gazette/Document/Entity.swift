/// A named entity: a person, organisation or place mentioned in the text.
public struct Entity: Sendable, Hashable {
    /// UTF-8 byte range in the document's text.
    public var utf8Range: Range<Int>
    /// The same range as indices of the document's `text`.
    public var range: Range<String.Index>
    /// The text of the mention, exactly as it appears.
    public var text: String
    /// The entity's type.
    public var label: EntityLabel
    /// Stable identifier of the linked entity (Wikidata QID, `geonames:<id>`, `gz:<label>/<slug>`), if linked.
    public var id: String?
    /// Canonical name of the linked entity, if linked.
    public var name: String?
    /// Confidence in [0, 1].
    public var score: Double
    /// The list or rule that produced the entity, e.g. `gazetteer:people`, `rule:title-before-name`, `variant`.
    public var source: String
    /// Index into the document's `sentences`.
    public var sentence: Int
    /// For a person: the title or role written just before the name, outside it ("Chair" in "Chair Jerome Powell").
    public var title: String? = nil
}

/// An entity type. Labels may be added in later versions, never renamed.
public struct EntityLabel: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The label as written in output: "PERSON", "ORG", "LOC".
    public var rawValue: String
    /// The label written `rawValue`.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// People, real or fictional.
    public static let person = EntityLabel(rawValue: "PERSON")
    /// Companies, agencies, institutions, teams, parties.
    public static let organization = EntityLabel(rawValue: "ORG")
    /// All places: countries, cities, regions, geographic features.
    public static let location = EntityLabel(rawValue: "LOC")
    /// Nationalities, ethnic, religious and political groups ("Chinese", "Uyghur", "Sunni", "Republicans").
    public static let norp = EntityLabel(rawValue: "NORP")

    /// The label as written in output.
    public var description: String { rawValue }
}

/// A possible entity proposed by a gazetteer or a rule. Candidates may overlap; the resolver picks among them.
public struct Candidate: Sendable, Hashable {
    /// Token index range in the document.
    public var tokens: Range<Int>
    /// The proposed type.
    public var label: EntityLabel
    /// Stable identifier of the entity it would link to, if any.
    public var id: String?
    /// Canonical name of that entity, if any.
    public var name: String?
    /// Confidence in [0, 1].
    public var score: Double
    /// The list or rule that proposed it, as `Entity.source`.
    public var source: String
    /// Breaks ties between candidates of the same length: higher wins.
    public var priority: Int
    /// For a person: the title written just before the name, outside the span (see `EntitySpanEditor`).
    public var title: String? = nil

    /// A candidate over a range of token indices.
    public init(tokens: Range<Int>, label: EntityLabel, id: String? = nil, name: String? = nil, score: Double, source: String, priority: Int) {
        self.tokens = tokens
        self.label = label
        self.id = id
        self.name = name
        self.score = score
        self.source = source
        self.priority = priority
    }
}

/// A topic of the document with its score in [0, 1].
public struct Topic: Sendable, Hashable {
    /// The topic's label in the model.
    public var label: String
    /// The model's probability for it, in [0, 1].
    public var score: Double
    /// The features that drove this topic, strongest first (only when explanations were asked for).
    public var evidence: [TopicEvidence]

    /// A topic with its score and evidence.
    public init(label: String, score: Double, evidence: [TopicEvidence] = []) {
        self.label = label
        self.score = score
        self.evidence = evidence
    }
}

/// One feature's part in a topic's score: a word, a word pair or an entity, and how much it raised the topic's
/// log-odds against the average topic.
public struct TopicEvidence: Sendable, Hashable {
    /// A readable name of the feature: "election", "prime minister", "entity:LOC".
    public var feature: String
    /// How much it raised the topic's log-odds.
    public var weight: Double

    /// One feature's evidence.
    public init(feature: String, weight: Double) {
        self.feature = feature
        self.weight = weight
    }
}
