import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
import GazetteRuntime
import GazetteTraining

/// `gazette train ner`: learn the entity model that weighs gazetteer, rule and context evidence.
struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity model on CoNLL files (PER, ORG, LOC, NORP; MISC is ignored).",
        discussion: """
        The model learns from the candidates that Gazette's gazetteers and rules propose, their context, and word \
        shapes. No capitalised word is a feature by itself, so the model carries no names from its training data.

        Each --conll file may carry a weight after a colon (FILE:WEIGHT, default 1): a mistake on its documents \
        moves the weights that much, as if the file were seen WEIGHT times. A path that itself ends in ":<number>" \
        is written with an explicit weight (FILE:1:1).

        Examples:
          gazette train ner --conll eng.train --output Models/entities.nermodel
          gazette train ner --conll eng.train:1 --conll btc.train.conll:0.5 --conll gum.train.conll:2 --output m.nermodel
        (Scripts/ner-recipe.sh builds the shipped model.)
        """
    )

    @Option(help: ArgumentHelp("A CoNLL file to learn from, with an optional weight (repeatable).", valueName: "file[:weight]"))
    var conll: [String]

    @Option(help: "Where to write the model.")
    var output: String

    @Option(help: "Passes over the data.")
    var epochs = 12

    @Option(help: "Seed for the order of training examples.")
    var seed: UInt64 = 1

    @Option(help: "Share of documents held out to calibrate scores.")
    var heldOut = 0.1

    @Option(help: ArgumentHelp("Leave out features whose averaged weights are all smaller than this (absolute value).",
                               valueName: "weight"))
    var pruneBelow: Float = 0.01

    @Option(help: "Threads that annotate the documents before training.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var resourceOptions: ResourceOptions

    /// A `--conll` value: the file and its weight.
    static func weightedFile(_ value: String) throws -> (file: String, weight: Double) {
        guard let colon = value.lastIndex(of: ":"), let weight = Double(value[value.index(after: colon)...]) else {
            return (value, 1)
        }
        guard weight > 0, weight.isFinite else { throw ValidationError("--conll \(value): the weight must be a positive number") }
        return (String(value[..<colon]), weight)
    }

    func validate() throws {
        guard pruneBelow >= 0, pruneBelow.isFinite else { throw ValidationError("--prune-below \(pruneBelow): must be a number ≥ 0") }
    }

    func run() throws {
        try OutputFile.checkWritable(output)
        var options = PipelineOptions()
        options.entityModel = .none
        let pipeline = try resourceOptions.pipeline(options)
        var examples: [EntitySequenceTrainer.Example] = []
        let started = Date()
        for value in conll {
            let (file, weight) = try Self.weightedFile(value)
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let corpus = try CoNLLCorpus(parsing: String(decoding: data, as: UTF8.self), file: file)
            let documents = corpus.documents
            let annotated = documents.parallelMap(jobs: max(1, jobs)) { try? pipeline.annotate($0.text) }
            for (index, document) in documents.enumerated() {
                guard let result = annotated[index] else {
                    throw ValidationError("\(file): document at line \(document.line) could not be annotated")
                }
                let gold = document.gold.compactMap { span -> (range: Range<Int>, label: EntityLabel)? in
                    switch span.type {
                    case "PER": (span.start..<span.end, .person)
                    case "ORG": (span.start..<span.end, .organization)
                    case "LOC": (span.start..<span.end, .location)
                    case "NORP": (span.start..<span.end, .norp)
                    default: nil
                    }
                }
                examples.append(EntitySequenceTrainer.Example(document: result, gold: gold, weight: weight))
            }
            printErrorRaw("gazette: \(file): \(documents.count) documents, weight \(weight)\n")
        }
        guard !examples.isEmpty else { throw GazetteError(.malformedCoNLL, "\(conll.joined(separator: ", ")): no documents to train on") }
        var settings = EntitySequenceTrainer.Settings()
        settings.epochs = epochs
        settings.seed = seed
        settings.heldOut = heldOut
        settings.pruneBelow = pruneBelow
        let trainer = EntitySequenceTrainer(settings: settings)
        let recipe = [
            "command": "gazette train ner " + CommandLine.arguments.dropFirst(3).joined(separator: " "),
            "data": try conll.map { value -> String in
                let (file, weight) = try Self.weightedFile(value)
                return file.lastPathComponent + (weight == 1 ? "" : ":\(weight)")
            }.joined(separator: ","),
            "resources": pipeline.stamp,
        ]
        let (model, report) = trainer.train(examples: examples, recipe: recipe) { message in
            printErrorRaw("gazette: \(message)\n")
        }
        try OutputFile.write(model.serialized(), to: output)
        for warning in TrainingSizeCheck.entityWarnings(documents: report.documents, heldOutGold: report.heldOutCounts.gold) {
            printErrorRaw("gazette: warning: \(warning)\n")
        }
        let held = report.heldOutCounts
        let precision = held.predicted == 0 ? 0 : Double(held.correct) / Double(held.predicted)
        let recall = held.gold == 0 ? 0 : Double(held.correct) / Double(held.gold)
        print("""
        trained on \(report.documents) documents, \(report.windows) windows, \(report.goldSpans) gold spans \
        (\(report.unreachableSpans) unreachable) in \(String(cFormat: "%.1f", Date().timeIntervalSince(started))) s
        held-out windows (calibration run): precision \(String(cFormat: "%.4f", precision)), recall \(String(cFormat: "%.4f", recall))
        calibration: slope \(String(cFormat: "%.4f", model.calibration.slope)), intercept \(String(cFormat: "%.4f", model.calibration.intercept))
        \(model.featureCount) features → \(output)
        """)
    }
}
