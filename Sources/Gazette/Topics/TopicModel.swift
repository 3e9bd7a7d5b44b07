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
    public var requiredLayers: Set<Layer> { [.tokens, .tokenKeys] }

    public func topics(for document: Document, evidence: Int) -> [Topic] {
        topics(for: document)
    }
}

/// Adds `topics` (and `topicModel`) to a document with a `TopicModel`.
public struct TopicClassifier: Stage {
    public let name = "topics"
    public let requires: Set<Layer>
    public let provides: Set<Layer> = [.topics]

    public let model: any TopicModel
    /// At most this many topics per document.
    public let limit: Int
    /// Features listed as evidence per topic; 0 for none.
    public let evidence: Int

    public init(model: any TopicModel, limit: Int = 3, evidence: Int = 0) {
        self.model = model
        self.limit = limit
        self.evidence = evidence
        requires = model.requiredLayers
    }

    public func process(_ document: inout Document) throws {
        document.topics = Array(model.topics(for: document, evidence: evidence).prefix(limit))
        document.topicModel = model.identifier
    }
}
