import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
import GazetteRuntime
import GazetteTraining

/// `gazette eval ner --conll FILE…`: entity precision, recall and F1 against CoNLL files.
struct EvalNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Score entities against CoNLL files (IOB1, IOB2 or IO tags).",
        discussion: """
        Each -DOCSTART- starts a document whose text is its tokens joined by one space and its sentences by a \
        newline. A hit is an exact (start, end, type) match; PERSON counts as PER, LOC as LOC, ORG as ORG, NORP as \
        NORP; MISC is ignored. The overall (micro) and macro rows count the types the file has gold spans of: a \
        CoNLL-2003 file has no NORP, so its NORP row shows only what was predicted.

        One file: a row per type, then overall and macro. Several files (--conll repeated): one row per file with \
        precision/recall/F1 per type, overall F1 and macro F1, then the mean over the files. --by-source adds, per \
        file, which lists, rules or the model made the predictions and the errors.

        Examples:
          gazette eval ner --conll eng.testa --errors 20
          gazette eval ner --conll eng.testa --conll norp.testa --by-source
        """
    )

    @Option(help: "A CoNLL file to score against (repeat for several).")
    var conll: [String]

    @Option(help: "List up to this many false positives and negatives per cause, with context.")
    var errors = 0

    @Flag(help: "Show, per file, the predictions, false positives and false negatives of each source (list, rule, model).")
    var bySource = false

    @Option(help: "Threads.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @OptionGroup var resourceOptions: ResourceOptions

    @OptionGroup var entityModelOptions: EntityModelOptions

    func validate() throws {
        guard !conll.isEmpty else { throw ValidationError("name at least one file with --conll FILE") }
    }

    func run() throws {
        let pipeline = try resourceOptions.pipeline(entityModelOptions.applied(to: PipelineOptions()))
        var evaluations: [NEREvaluation] = []
        for file in conll {
            let (evaluation, seconds) = try evaluate(file, with: pipeline)
            evaluations.append(evaluation)
            if conll.count == 1 {
                print(evaluation.report())
                let megabytes = Double(evaluation.byteCount) / 1_000_000
                print("\(evaluation.documentCount) documents, \(String(cFormat: "%.2f", megabytes)) MB in \(String(cFormat: "%.2f", seconds)) s on \(jobs) thread(s)")
            }
        }
        if conll.count > 1 { print(NEREvaluation.summary(evaluations, names: conll.map { $0.lastPathComponent })) }
        for (file, evaluation) in zip(conll, evaluations) {
            if bySource {
                print("\nby source: \(file)")
                print(evaluation.sourceReport())
            }
            if errors > 0 {
                if conll.count > 1 { print("\nerrors: \(file)") }
                printMistakes(evaluation.mistakes)
            }
        }
    }

    private func evaluate(_ file: String, with pipeline: Pipeline) throws -> (NEREvaluation, Double) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read \(file)")
        }
        let corpus = try CoNLLCorpus(parsing: String(decoding: data, as: UTF8.self), file: file)
        guard !corpus.documents.isEmpty else { throw GazetteError(.malformedCoNLL, "\(file): no documents to evaluate") }
        let started = Date()
        let documents = corpus.documents
        let annotated = documents.parallelMap(jobs: max(1, jobs)) { try? pipeline.annotate($0.text) }
        let seconds = Date().timeIntervalSince(started)
        var evaluation = NEREvaluation()
        for (index, document) in documents.enumerated() {
            guard let result = annotated[index] else {
                throw ValidationError("\(file): document at line \(document.line) could not be annotated")
            }
            evaluation.add(gold: document.gold, predicted: result, recordMistakes: errors > 0)
        }
        return (evaluation, seconds)
    }

    private func printMistakes(_ mistakes: [NEREvaluation.Mistake]) {
        let groups = Dictionary(grouping: mistakes) { "\($0.kind.rawValue) \($0.type) ← \($0.cause)" }
        for (cause, items) in groups.sorted(by: { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }) {
            print("\n\(cause): \(items.count)")
            for item in items.prefix(errors) { print("  doc \(item.document): \(item.context)") }
        }
    }
}
