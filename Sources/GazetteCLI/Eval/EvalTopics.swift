import ArgumentParser
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
import GazetteRuntime
import GazetteTraining

/// `gazette eval topics --data FILE.jsonl`: top-label accuracy and macro-F1 of a topic model on labelled JSON Lines.
struct EvalTopics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Score a topic model's top label against labelled JSON Lines ({\"text\": ..., \"label\": ...}).",
        discussion: """
        Prints accuracy, macro-F1 (over the labels present in the data), a per-label table and the confusion \
        matrix, then how long annotation and topic scoring took.

        Examples:
          gazette eval topics --data bbc.jsonl --label-map topic-taxonomy.json
          gazette eval topics --data mine.jsonl --topic-model Models/mine.topicmodel
        """
    )

    @Option(help: ArgumentHelp("Labelled JSON Lines file.", valueName: "file"))
    var data: String

    @Option(name: .customLong("label-map"), help: ArgumentHelp("JSON map from the data's labels to the model's.", valueName: "file"))
    var labelMap: String?

    @Option(name: .customLong("topic-model"), help: ArgumentHelp("A topic model file to use instead of the shipped one.", valueName: "file"))
    var topicModel: String?

    @Option(name: .customLong("class-count-correction"), help: ArgumentHelp("Score with this class-count correction instead of the model's (finer-class models; the model's temperature is kept).", valueName: "alpha"))
    var classCountCorrection: Double?

    @Option(name: .customLong("long-text-class-count-correction"), help: ArgumentHelp("Score texts of 80 words or more with this class-count correction (--class-count-correction or the model's then holds up to 20 words, with a linear mix between; the model's temperature is kept).", valueName: "alpha"))
    var longTextClassCountCorrection: Double?

    @Flag(name: .customLong("skip-unknown"), help: "Skip documents whose (mapped) label the model does not have, instead of failing.")
    var skipUnknown = false

    @OptionGroup var inputOptions: InputOptions

    @Option(name: .customLong("label-field"), help: "The JSON field that holds the label.")
    var labelField = "label"

    @Option(help: "Threads.")
    var jobs = 2

    @OptionGroup var resourceOptions: ResourceOptions

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        if let classCountCorrection, !(0...4).contains(classCountCorrection) { throw ValidationError("--class-count-correction must be in [0, 4]") }
        if let longTextClassCountCorrection, !(0...4).contains(longTextClassCountCorrection) {
            throw ValidationError("--long-text-class-count-correction must be in [0, 4]")
        }
    }

    func run() throws {
        var model = try LinearTopicModel(contentsOf: topicModel ?? resourceOptions.directory().root + "/" + Pipeline.shippedTopicModel)
        if classCountCorrection != nil || longTextClassCountCorrection != nil {
            model = model.with(classCountCorrection: classCountCorrection, longTextClassCountCorrection: longTextClassCountCorrection)
        }
        let map = try labelMap.map { path -> TopicLabelMap in
            guard let bytes = FileManager.default.contents(atPath: path) else { throw GazetteError(.resourceMissing, "cannot read label map \(path)") }
            return try TopicLabelMap(json: [UInt8](bytes), file: path)
        }
        guard let bytes = FileManager.default.contents(atPath: data) else { throw GazetteError(.unreadableInput, "cannot read \(data)") }
        let items = try LabelledTopicData.parse([UInt8](bytes), file: data, textField: inputOptions.textField, labelField: labelField)
        let indexOf = Dictionary(uniqueKeysWithValues: model.labels.enumerated().map { ($1, $0) })
        var texts: [String] = []
        var gold: [Int] = []
        var skipped = 0
        guard !items.isEmpty else { throw GazetteError(.missingText, "\(data): no labelled documents to evaluate") }
        for item in items {
            let label = map.map { $0.map(item.label) } ?? item.label
            guard let label, let index = indexOf[label] else {
                if skipUnknown { skipped += 1; continue }
                throw GazetteError(.resourceMalformed, "\(data) line \(item.line): " + Self.unknownLabel(item.label, mapped: label, mapping: map != nil))
            }
            texts.append(item.text)
            gold.append(index)
        }
        guard !texts.isEmpty else {
            throw GazetteError(.missingText, "\(data): none of its \(items.count) documents has a label the model has (skipped all)")
        }

        var options = PipelineOptions()
        options.topicModel = .none
        let pipeline = try resourceOptions.pipeline(options)
        let classifier = TopicClassifier(model: model, limit: 1)
        let clock = ContinuousClock()
        let started = clock.now
        // Each document's top label (nil when it could not be annotated) and the time its topic scoring took.
        let results = texts.parallelMap(jobs: jobs) { text -> (label: Int?, scoring: Duration) in
            guard var document = try? pipeline.annotate(text) else { return (nil, .zero) }
            let before = clock.now
            try? classifier.process(&document)
            let spent = clock.now - before
            return (document.topics.first.flatMap { indexOf[$0.label] }, spent)
        }
        let elapsed = clock.now - started

        var evaluation = TopicEvaluation(labels: model.labels)
        for index in texts.indices {
            guard let label = results[index].label else { throw GazetteError(.stageFailure, "\(data): document \(index + 1) could not be annotated") }
            evaluation.add(gold: gold[index], predicted: label)
        }
        print("model \(model.identifier)")
        print(evaluation.report())
        print("")
        if skipped > 0 { print("skipped \(skipped) document(s) with labels the model does not have") }
        let megabytes = Double(texts.reduce(0) { $0 + $1.utf8.count }) / 1e6
        let scoring = results.reduce(Duration.zero) { $0 + $1.scoring }
        print("annotated \(texts.count) documents (\(String(cFormat: "%.2f", megabytes)) MB) in \(String(cFormat: "%.3f", Self.seconds(elapsed))) s on \(jobs) thread(s); topic scoring alone: \(String(cFormat: "%.3f", Self.seconds(scoring))) s of thread time")
    }

    /// Why a document's label fails: the label the model lacks is the mapped one, when there is a map.
    static func unknownLabel(_ label: String, mapped: String?, mapping: Bool) -> String {
        guard mapping else { return "label '\(label)' is not one of the model's labels (give --label-map, or --skip-unknown)" }
        guard let mapped else { return "label '\(label)' is not in the label map (or give --skip-unknown)" }
        return "label '\(label)' maps to '\(mapped)', which is not one of the model's labels (or give --skip-unknown)"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
