/// Choices for `Pipeline.standard(resources:options:)`. Every field has a default that gives the standard pipeline.
public struct PipelineOptions: Sendable {
    /// A topic model to use instead of the default one.
    public var topicModel: (any TopicModel)?
    /// At most this many topics per document.
    public var topicLimit: Int = 3

    /// Which entity model the resolver uses: the shipped one (`Models/entities.nermodel`, when present), none
    /// (greedy longest-span resolution, as when training a new model), or a model file.
    public var entityModel: EntityModelChoice = .shipped

    public enum EntityModelChoice: Sendable {
        case shipped
        case none
        case file(String)
    }

    /// Extra gazetteers (`--gazetteer FILE`): Gazette TSV lists or spaCy EntityRuler JSONL pattern files. Their
    /// names take precedence over the shipped lists'.
    public var gazetteers: [String] = []
    /// Where the compiled gazetteers are cached.
    public var gazetteerCache: GazetteerCache = .automatic

    public init() {}
}
