import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette

/// `gazette bench stages FILE…`: time spent in each stage on one core, for the benchmark harness.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Gazette (used by Benchmarks/).",
        subcommands: [BenchStages.self]
    )
}

struct BenchStages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "Annotate files on one thread and print the time spent in each stage.",
        discussion: "Each FILE is JSON Lines ({\"text\":...} per line) or plain text (one document per blank-line-separated block)."
    )

    @Argument(help: "Input files.")
    var files: [String]

    @Option(help: "Passes over the input; the report is the median pass.")
    var repeats = 3

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @OptionGroup var resourceOptions: ResourceOptions

    func run() throws {
        let pipeline = try resourceOptions.pipeline()
        var documents: [Document] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            let text = String(decoding: data, as: UTF8.self)
            if text.first == "{" {
                for line in text.split(separator: "\n") {
                    guard let body = TextRecord(line)?.text else { continue }
                    documents.append(Document(text: body))
                }
            } else {
                documents += text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map { Document(text: $0) }
            }
        }
        // JSON writing is timed too (as the filter writes: JSON Lines, code-point offsets), as one more row.
        let writer = JSONLWriter(stamp: pipeline.stamp)
        let clock = ContinuousClock()
        var passes: [(timings: StageTimings, writing: Duration)] = []
        for _ in 0..<max(1, repeats) {
            var timings = StageTimings(stages: pipeline.stages)
            var writing = Duration.zero
            for document in documents {
                let annotated = try pipeline.annotate(document, timings: &timings)
                let start = clock.now
                _ = writer.record(for: annotated)
                writing += clock.now - start
            }
            passes.append((timings, writing))
        }
        let (median, writing) = passes.sorted { $0.timings.total + $0.writing < $1.timings.total + $1.writing }[passes.count / 2]
        let rows = zip(median.names, median.durations).map { ($0, $1) } + [("jsonl-writer", writing)]
        let total = median.total + writing
        let megabytes = Double(median.bytes) / 1_000_000
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        if json {
            let report = JSONReport(documents: median.documents, bytes: median.bytes, totalSeconds: seconds(total),
                                    stages: rows.map { JSONReport.Stage(stage: $0, seconds: seconds($1)) })
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("\(median.documents) documents, \(String(cFormat: "%.2f", megabytes)) MB, median of \(passes.count) pass(es)")
        print("stage".rightPadded(12) + "seconds".leftPad(10) + "share".leftPad(8) + "MB/s".leftPad(10))
        for (name, duration) in rows {
            let s = seconds(duration)
            print(name.rightPadded(12) + String(cFormat: "%.3f", s).leftPad(10)
                  + String(cFormat: "%.1f%%", 100 * s / seconds(total)).leftPad(8) + String(cFormat: "%.1f", megabytes / s).leftPad(10))
        }
        print("total".rightPadded(12) + String(cFormat: "%.3f", seconds(total)).leftPad(10)
              + "100%".leftPad(8) + String(cFormat: "%.1f", megabytes / seconds(total)).leftPad(10))
    }
}

/// What `bench --json` prints: the median pass's totals and each stage's seconds.
private struct JSONReport: Encodable {
    struct Stage: Encodable {
        var stage: String
        var seconds: Double
    }

    var documents: Int
    var bytes: Int
    var totalSeconds: Double
    var stages: [Stage]

    private enum CodingKeys: String, CodingKey {
        case documents, bytes, totalSeconds = "total_s", stages
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
