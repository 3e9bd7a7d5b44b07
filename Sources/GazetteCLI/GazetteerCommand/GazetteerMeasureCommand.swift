import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette
#if canImport(Glibc)
import Glibc
#endif

/// `gazette gazetteer measure FILE` (hidden): how much the gazetteer stage adds to segmentation, measured on a
/// news file. `Benchmarks/gazetteer/measure.sh` drives it; speed is measured here, never in unit tests.
struct GazetteerMeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Time segmentation, normalisation and gazetteer matching on a file.",
        shouldDisplay: false
    )

    @OptionGroup var options: GazetteerOptions

    @Argument(help: "JSON Lines with a \"text\" field, or plain text with documents separated by blank lines.")
    var file: String

    @Option(help: "Passes over the file; the fastest pass counts.")
    var repeats = 3

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("gazette: cannot read \(file)")
            throw ExitCode(2)
        }
        let texts = documents(in: data)
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        var pipelineOptions = PipelineOptions()
        pipelineOptions.gazetteerCache = options.cache
        let pipeline: Pipeline
        do {
            pipeline = try options.resourceOptions.pipeline(pipelineOptions)
        } catch {
            printError("gazette: \(error)")
            throw ExitCode(2)
        }
        guard let segmenter = pipeline.stages.first(where: { $0.name == "segmenter" }),
              let normalizer = pipeline.stages.first(where: { $0.name == "normalizer" }),
              let tagger = pipeline.stages.first(where: { $0.name == "gazetteer" }) else {
            printError("gazette: the standard pipeline lacks a segmenter, normaliser or gazetteer stage")
            throw ExitCode(2)
        }
        // Wall time, and this thread's CPU time (which a busy machine inflates less).
        var best = [Double](repeating: .infinity, count: 3), bestCPU = [Double](repeating: .infinity, count: 3)
        var tokens = 0, candidates = 0
        for _ in 0..<max(1, repeats) {
            var spent = [Double](repeating: 0, count: 3), spentCPU = [Double](repeating: 0, count: 3)
            tokens = 0
            candidates = 0
            for text in texts {
                var document = Document(text: text)
                for (index, stage) in [segmenter, normalizer, tagger].enumerated() {
                    let start = Self.now(CLOCK_MONOTONIC), startCPU = Self.now(CLOCK_THREAD_CPUTIME_ID)
                    try stage.process(&document)
                    spentCPU[index] += Self.now(CLOCK_THREAD_CPUTIME_ID) - startCPU
                    spent[index] += Self.now(CLOCK_MONOTONIC) - start
                    document.layers.formUnion(stage.provides)
                }
                tokens += document.tokens.count
                candidates += document.candidates.count
            }
            for i in 0..<3 {
                best[i] = min(best[i], spent[i])
                bestCPU[i] = min(bestCPU[i], spentCPU[i])
            }
        }
        let megabytes = Double(bytes) / 1_000_000
        print("\(texts.count) documents, \(String(cFormat: "%.1f", megabytes)) MB, \(tokens) tokens, \(candidates) gazetteer candidates; best of \(max(1, repeats)) passes")
        print("  stage        wall ms   CPU ms   MB/s (CPU)")
        for (index, name) in ["segmenter", "normalizer", "gazetteer"].enumerated() {
            print("  \(name.rightPadded(11)) \(String(cFormat: "%8.1f %8.1f %8.1f", best[index] * 1000, bestCPU[index] * 1000, megabytes / bestCPU[index]))")
        }
        print(String(cFormat: "gazetteer / segmenter: %.1f%% wall, %.1f%% CPU; (normaliser + gazetteer) / segmenter: %.1f%% wall, %.1f%% CPU",
                     100 * best[2] / best[0], 100 * bestCPU[2] / bestCPU[0],
                     100 * (best[1] + best[2]) / best[0], 100 * (bestCPU[1] + bestCPU[2]) / bestCPU[0]))
    }

    private static func now(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    private func documents(in data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        if text.first(where: { !$0.isWhitespace }) == "{" {
            return text.split(separator: "\n").compactMap { line in
                TextRecord(line)?.text
            }
        }
        return text.components(separatedBy: "\n\n").filter { !$0.allSatisfy(\.isWhitespace) }
    }
}
