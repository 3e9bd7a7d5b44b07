import ArgumentParser
import Foundation
import Gazette

/// `gazette bench stages FILE…`: time spent in each stage on one core, for the benchmark harness.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
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
                    guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                          let body = object["text"] as? String else { continue }
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
            var object: [String: Any] = ["documents": median.documents, "bytes": median.bytes, "total_s": seconds(total)]
            object["stages"] = rows.map { ["stage": $0, "seconds": seconds($1)] }
            print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            return
        }
        print("\(median.documents) documents, \(String(format: "%.2f", megabytes)) MB, median of \(passes.count) pass(es)")
        print("stage".padding(toLength: 12, withPad: " ", startingAt: 0) + "seconds".leftPad(10) + "share".leftPad(8) + "MB/s".leftPad(10))
        for (name, duration) in rows {
            let s = seconds(duration)
            print(name.padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: "%.3f", s).leftPad(10)
                  + String(format: "%.1f%%", 100 * s / seconds(total)).leftPad(8) + String(format: "%.1f", megabytes / s).leftPad(10))
        }
        print("total".padding(toLength: 12, withPad: " ", startingAt: 0) + String(format: "%.3f", seconds(total)).leftPad(10)
              + "100%".leftPad(8) + String(format: "%.1f", megabytes / seconds(total)).leftPad(10))
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
