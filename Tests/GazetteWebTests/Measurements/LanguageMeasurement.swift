import Foundation
import Testing
@testable import GazetteWeb

/// CLD2's accuracy and speed, for Benchmarks/charsets/README.md (exttextcat was measured beside it up to commit
/// 6e0e314). Off unless GAZETTE_WEB_BENCH is set (see
/// CharsetMeasurement).
@Suite("Language measurements", .enabled(if: ProcessInfo.processInfo.environment["GAZETTE_WEB_BENCH"] != nil))
struct LanguageMeasurement {
    @Test func cld2() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GAZETTE_WEB_BENCH"] ?? ".")
        let lines = try String(contentsOf: folder.appendingPathComponent("pages.jsonl"), encoding: .utf8).split(separator: "\n")
        let pages = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            .filter { !($0["synthetic"] as! Bool) && !($0["text"] as! String).isEmpty }
            .map { (language: $0["language"] as! String, text: $0["text"] as! String) }
        // Each page's first 200 characters too: a short paragraph.
        let snippets = pages.map { (language: $0.language, text: String($0.text.prefix(200))) }
        let cld2 = LanguageIdentifier(sampleBytes: .max)
        let sets: [(String, [(language: String, text: String)])] = [
            ("pages", pages), ("page snippets (200 chars)", snippets),
            ("own long", LanguageSamples.long), ("own short", LanguageSamples.short),
        ]
        // How much of a text CLD2 needs: the pages with the identifier reading only their first bytes.
        for limit in [512, 1024, 2048, 4096, 8192, Int.max] {
            let identifier = LanguageIdentifier(sampleBytes: limit)
            let clock = ContinuousClock()
            var answers: [String] = []
            let time = clock.measure { answers = pages.map { identifier.identify($0.text).language } }
            let right = zip(answers, pages).filter { $0 == $1.language }.count
            let wrong = zip(answers, pages).filter { $0 != $1.language && $0 != LanguageIdentifier.undetermined }.count
            print("language, pages, CLD2 on the first \(limit == Int.max ? "all" : String(limit)) bytes: right \(right)/\(pages.count), wrong \(wrong), \(time)")
        }
        for (name, samples) in sets {
            let clock = ContinuousClock()
            var cld2Answers: [LanguageIdentifier.Identification] = []
            let cld2Time = clock.measure { cld2Answers = samples.map { cld2.identify($0.text) } }
            let bytes = samples.reduce(0) { $0 + $1.text.utf8.count }
            func report(_ answers: [String], _ time: Duration) -> String {
                let right = zip(answers, samples).filter { $0 == $1.language }.count
                let und = answers.filter { $0 == LanguageIdentifier.undetermined }.count
                let wrong = zip(answers, samples).filter { $0 != $1.language && $0 != LanguageIdentifier.undetermined }
                    .map { "\($1.language)→\($0)" }
                let seconds = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
                let undLengths = zip(answers, samples).filter { $0.0 == LanguageIdentifier.undetermined }.map { "\($1.language):\($1.text.utf8.count)B" }
                return "right \(right)/\(samples.count), und \(und) \(undLengths.prefix(6)), wrong \(wrong.count) \(wrong.prefix(6)), \(String(format: "%.2f", Double(bytes) / seconds / 1e6)) MB/s, \(String(format: "%.0f", seconds / Double(samples.count) * 1e6)) µs/text"
            }
            print("language, \(name) (\(samples.count) texts, \(bytes) bytes): CLD2 \(report(cld2Answers.map(\.language), cld2Time))")
            print("language, \(name): CLD2 best guess \(report(cld2Answers.map(\.guess), cld2Time))")
        }
    }
}
