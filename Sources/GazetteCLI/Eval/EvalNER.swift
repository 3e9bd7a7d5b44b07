import ArgumentParser
import Foundation
import Gazette
import GazetteRuntime
import GazetteTraining

/// `gazette eval ner --conll FILE`: entity precision, recall and F1 against a CoNLL file.
struct EvalNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Score entities against a CoNLL file (IOB1, IOB2 or IO tags).",
        discussion: """
        Each -DOCSTART- starts a document whose text is its tokens joined by one space and its sentences by a \
        newline. A hit is an exact (start, end, type) match; PERSON counts as PER, LOC as LOC, ORG as ORG; MISC is \
        ignored.

        Example:
          gazette eval ner --conll eng.testa --errors 20
        """
    )

    @Option(help: "The CoNLL file to score against.")
    var conll: String

    @Option(help: "List up to this many false positives and negatives per cause, with context.")
    var errors = 0

    @Option(help: "Threads.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var resourceOptions: ResourceOptions

    @OptionGroup var entityModelOptions: EntityModelOptions

    func run() throws {
        let pipeline = try resourceOptions.pipeline(entityModelOptions.applied(to: PipelineOptions()))
        guard let data = FileManager.default.contents(atPath: conll) else {
            throw ValidationError("cannot read \(conll)")
        }
        let corpus = try CoNLLCorpus(parsing: String(decoding: data, as: UTF8.self), file: conll)
        let started = Date()
        let documents = corpus.documents
        let annotated = documents.parallelMap(jobs: max(1, jobs)) { try? pipeline.annotate($0.text) }
        let seconds = Date().timeIntervalSince(started)
        var evaluation = NEREvaluation()
        for (index, document) in documents.enumerated() {
            guard let result = annotated[index] else {
                throw ValidationError("document at line \(document.line) could not be annotated")
            }
            evaluation.add(gold: document.gold, predicted: result, recordMistakes: errors > 0)
        }
        print(evaluation.report())
        let megabytes = Double(evaluation.byteCount) / 1_000_000
        print("\(evaluation.documentCount) documents, \(String(format: "%.2f", megabytes)) MB in \(String(format: "%.2f", seconds)) s on \(jobs) thread(s)")
        if errors > 0 { printMistakes(evaluation.mistakes) }
    }

    private func printMistakes(_ mistakes: [NEREvaluation.Mistake]) {
        let groups = Dictionary(grouping: mistakes) { "\($0.kind.rawValue) \($0.type) ← \($0.cause)" }
        for (cause, items) in groups.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
            print("\n\(cause): \(items.count)")
            for item in items.prefix(errors) { print("  doc \(item.document): \(item.context)") }
        }
    }
}
