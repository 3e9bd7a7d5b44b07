/// Choices for `Pipeline.standard(resources:options:)`. Every field has a default that gives the standard pipeline.
public struct PipelineOptions: Sendable {
    /// Which topic model the last stage uses: the shipped one (`Models/news-topics.topicmodel`), none (no topic
    /// stage, as when training a topic model), a model file, or a model built in code.
    public var topicModel: TopicModelChoice = .shipped
    /// At most this many topics per document.
    public var topicLimit: Int = 3
    /// How many features to list as evidence for each topic (0: none).
    public var topicEvidence: Int = 0

    /// Where the topic model of ``PipelineOptions/topicModel`` comes from.
    public enum TopicModelChoice: Sendable {
        /// `Models/news-topics.topicmodel` in the resource folder.
        case shipped
        /// No topic model: the pipeline has no topic stage.
        case none
        /// A topic model file at this path (absolute, or relative to the working directory).
        case file(String)
        /// A model built in code.
        case model(any TopicModel)
    }

    /// Which entity model the resolver uses: the shipped one (`Models/entities.nermodel`, when present), none
    /// (greedy longest-span resolution, as when training a new model), or a model file.
    public var entityModel: EntityModelChoice = .shipped

    /// Where the entity model of ``PipelineOptions/entityModel`` comes from.
    public enum EntityModelChoice: Sendable {
        /// `Models/entities.nermodel` in the resource folder; no model (greedy resolution) when the file is absent.
        case shipped
        /// No model: greedy longest-span resolution of the candidates.
        case none
        /// An entity model file at this path (absolute, or relative to the working directory).
        case file(String)
    }

    /// Extra gazetteers (`--gazetteer FILE`): Gazette TSV lists or spaCy EntityRuler JSONL pattern files. Their
    /// names take precedence over the shipped lists'.
    public var gazetteers: [String] = []
    /// Where the compiled gazetteers are cached.
    public var gazetteerCache: GazetteerCache = .automatic

    /// The options of the standard pipeline: shipped models, at most 3 topics, no evidence, no extra gazetteers.
    public init() {}
}
