import ArgumentParser
import Gazette

/// What the annotating commands (the filter and `batch`) annotate with: resources, entity and topic models, how many
/// topics and whether to explain them.
struct AnnotationOptions: ParsableArguments {
    @OptionGroup var resourceOptions: ResourceOptions

    @OptionGroup var entityModelOptions: EntityModelOptions

    @Option(name: .customLong("topic-model"), help: ArgumentHelp("A topic model file (from gazette train topics) to use instead of the shipped one.", valueName: "file"))
    var topicModel: String?

    @Option(help: ArgumentHelp("At most this many topics per record; 0 leaves topics out.", valueName: "k"))
    var topics = AnnotationOptions.defaultTopics

    /// Topics per record unless `--topics` says otherwise.
    static let defaultTopics = 3

    @Flag(help: "List for each topic the features (words, word pairs, entities) that drove it, with their weights.")
    var explain = false

    /// Features listed per topic with `--explain`.
    static let evidencePerTopic = 5

    func validate() throws {
        guard topics >= 0 else { throw ValidationError("--topics must not be negative") }
    }

    /// The pipeline these options describe.
    func pipeline() throws(GazetteError) -> Pipeline {
        var options = entityModelOptions.applied(to: PipelineOptions())
        if topics == 0 {
            options.topicModel = .none
        } else if let topicModel {
            options.topicModel = .file(topicModel)
        }
        options.topicLimit = topics
        options.topicEvidence = explain ? Self.evidencePerTopic : 0
        return try resourceOptions.pipeline(options)
    }
}
