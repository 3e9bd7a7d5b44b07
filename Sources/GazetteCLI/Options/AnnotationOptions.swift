import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
import GazetteWeb

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

    @Option(help: ArgumentHelp("Languages to annotate, as ISO 639-1 codes (default: en). Documents reliably in another language get no entities or topics, and a GZ110 warning. In the filter, only web pages are identified unless this is given.", valueName: "codes"))
    var languages: String?

    /// The codes of `--languages`, English when it is not given.
    var languageCodes: [String] {
        guard let languages else { return ["en"] }
        return languages.split(separator: ",").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
    }

    func validate() throws {
        guard topics >= 0 else { throw ValidationError("--topics must not be negative") }
        if languages != nil, languageCodes.isEmpty { throw ValidationError("--languages needs at least one language code") }
    }

    /// Which languages get annotated: `--languages`, identified by CLD2.
    var languagePolicy: LanguagePolicy { .cld2(languages: languageCodes) }

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

    /// A record annotator over the pipeline these options describe, reading `input`'s text field and writing as
    /// `output` says. A pipeline that cannot be built (missing or damaged resources) is reported on standard error and
    /// ends the command with exit status 2.
    func recordAnnotator(input: InputOptions, output: OutputOptions) throws -> RecordAnnotator {
        let pipeline: Pipeline
        do {
            pipeline = try self.pipeline()
        } catch {
            printError("gazette: \(error)")
            throw ExitCode(2)
        }
        return RecordAnnotator(pipeline: pipeline, writer: output.writer(for: pipeline), textField: input.textField)
    }
}
