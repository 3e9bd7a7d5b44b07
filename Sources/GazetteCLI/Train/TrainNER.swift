import ArgumentParser
import Foundation
import Gazette
import GazetteTraining

/// `gazette train ner`: learn the entity model that weighs gazetteer, rule and context evidence.
struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the entity model on CoNLL files (PER, ORG, LOC, NORP; MISC is ignored).",
        discussion: """
        The model learns from the candidates that Gazette's gazetteers and rules propose, their context, and word \
        shapes. No capitalised word is a feature by itself, so the model carries no names from its training data.

        Example (the shipped model):
          gazette train ner --conll ../shared/data/conll2003/eng.train --output Models/entities.nermodel
        """
    )

    @Option(help: "CoNLL file(s) to learn from.")
    var conll: [String]

    @Option(help: "Where to write the model.")
    var output: String

    @Option(help: "Passes over the data.")
    var epochs = 12

    @Option(help: "Seed for the order of training examples.")
    var seed: UInt64 = 1

    @Option(help: "Share of documents held out to calibrate scores.")
    var heldOut = 0.1

    @OptionGroup var resourceOptions: ResourceOptions

    func run() throws {
        try OutputFile.checkWritable(output)
        var options = PipelineOptions()
        options.entityModel = .none
        let pipeline = try resourceOptions.pipeline(options)
        var examples: [(document: Document, gold: [(range: Range<Int>, label: EntityLabel)])] = []
        for file in conll {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let corpus = try CoNLLCorpus(parsing: String(decoding: data, as: UTF8.self), file: file)
            for document in corpus.documents {
                let annotated = try pipeline.annotate(document.text)
                let gold = document.gold.compactMap { span -> (range: Range<Int>, label: EntityLabel)? in
                    switch span.type {
                    case "PER": (span.start..<span.end, .person)
                    case "ORG": (span.start..<span.end, .organization)
                    case "LOC": (span.start..<span.end, .location)
                    case "NORP": (span.start..<span.end, .norp)
                    default: nil
                    }
                }
                examples.append((annotated, gold))
            }
        }
        guard !examples.isEmpty else { throw GazetteError(.malformedCoNLL, "\(conll.joined(separator: ", ")): no documents to train on") }
        var settings = EntitySequenceTrainer.Settings()
        settings.epochs = epochs
        settings.seed = seed
        settings.heldOut = heldOut
        let trainer = EntitySequenceTrainer(settings: settings)
        let recipe = [
            "command": "gazette train ner " + CommandLine.arguments.dropFirst(3).joined(separator: " "),
            "data": conll.map { ($0 as NSString).lastPathComponent }.joined(separator: ","),
            "resources": pipeline.stamp,
        ]
        let started = Date()
        let (model, report) = trainer.train(examples, recipe: recipe) { message in
            FileHandle.standardError.write(Data("gazette: \(message)\n".utf8))
        }
        try OutputFile.write(model.serialized(), to: output)
        for warning in TrainingSizeCheck.entityWarnings(documents: report.documents, heldOutGold: report.heldOutCounts.gold) {
            FileHandle.standardError.write(Data("gazette: warning: \(warning)\n".utf8))
        }
        let held = report.heldOutCounts
        let precision = held.predicted == 0 ? 0 : Double(held.correct) / Double(held.predicted)
        let recall = held.gold == 0 ? 0 : Double(held.correct) / Double(held.gold)
        print("""
        trained on \(report.documents) documents, \(report.windows) windows, \(report.goldSpans) gold spans \
        (\(report.unreachableSpans) unreachable) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s
        held-out windows (calibration run): precision \(String(format: "%.4f", precision)), recall \(String(format: "%.4f", recall))
        calibration: slope \(String(format: "%.4f", model.calibration.slope)), intercept \(String(format: "%.4f", model.calibration.intercept))
        \(model.featureCount) features → \(output)
        """)
    }
}
