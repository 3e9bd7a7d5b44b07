/// Scores a document's topics. A model is immutable and shared across threads.
public protocol TopicModel: Sendable {
    /// Written on every record as `topic_model`, so that readers know what produced the scores.
    var identifier: String { get }
    var labels: [String] { get }
    /// Topics best first, each with a score in [0, 1].
    func topics(for document: Document) -> [Topic]
}

/// Adds `topics` (and `topicModel`) to a document with a `TopicModel`.
public struct TopicClassifier: Stage {
    public let name = "topics"
    public let requires: Set<Layer> = [.tokens, .tokenKeys]
    public let provides: Set<Layer> = [.topics]

    public let model: any TopicModel
    /// At most this many topics per document.
    public let limit: Int

    public init(model: any TopicModel, limit: Int = 3) {
        self.model = model
        self.limit = limit
    }

    public func process(_ document: inout Document) throws {
        document.topics = Array(model.topics(for: document).prefix(limit))
        document.topicModel = model.identifier
    }
}
