/// Scores a document's topics. A model is immutable and shared across threads.
public protocol TopicModel: Sendable {
    /// Written on every record as `topic_model`, so that readers know what produced the scores.
    var identifier: String { get }
    var labels: [String] { get }
    /// The layers the model reads (for example `.entities` when entities are features).
    var requiredLayers: Set<Layer> { get }
    /// Topics best first, each with a score in [0, 1].
    func topics(for document: Document) -> [Topic]
    /// Topics best first, each with up to `evidence` features that drove it (none when `evidence` is 0).
    func topics(for document: Document, evidence: Int) -> [Topic]
}

extension TopicModel {
    /// Tokens and their keys, unless a model says otherwise.
    public var requiredLayers: Set<Layer> { [.tokens, .tokenKeys] }

    /// The topics without evidence, unless a model gives some.
    public func topics(for document: Document, evidence: Int) -> [Topic] {
        topics(for: document)
    }
}

/// Adds `topics` (and `topicModel`) to a document with a `TopicModel`.
public struct TopicClassifier: Stage {
    /// The stage's name.
    public let name = "topics"
    /// The layers the model reads.
    public let requires: Set<Layer>
    /// Topics.
    public let provides: Set<Layer> = [.topics]

    /// The model that scores the topics.
    public let model: any TopicModel
    /// At most this many topics per document.
    public let limit: Int
    /// Features listed as evidence per topic; 0 for none.
    public let evidence: Int

    /// A classifier that reports up to `limit` topics of `model`, each with up to `evidence` features.
    public init(model: any TopicModel, limit: Int = 3, evidence: Int = 0) {
        self.model = model
        self.limit = limit
        self.evidence = evidence
        requires = model.requiredLayers
    }

    /// Adds `topics` and `topicModel`.
    public func process(_ document: inout Document) throws {
        document.topics = Array(model.topics(for: document, evidence: evidence).prefix(limit))
        document.topicModel = model.identifier
    }
}
