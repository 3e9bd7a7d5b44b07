/// Choices for `Pipeline.standard(resources:options:)`. Every field has a default that gives the standard pipeline.
public struct PipelineOptions: Sendable {
    /// A topic model to use instead of the default one.
    public var topicModel: (any TopicModel)?
    /// At most this many topics per document.
    public var topicLimit: Int = 3

    public init() {}
}
