import Foundation
import Testing
@testable import GazetteWeb

/// Accuracy and speed figures for Benchmarks/charsets/README.md. Off unless GAZETTE_WEB_BENCH names the folder that
/// Benchmarks/charsets/run fills (generated cases and un-gzipped pages); prints its figures.
@Suite("Charset and language measurements", .enabled(if: ProcessInfo.processInfo.environment["GAZETTE_WEB_BENCH"] != nil))
struct CharsetMeasurement {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["GAZETTE_WEB_BENCH"] ?? ".")

    private func records(_ name: String) throws -> [[String: Any]] {
        let data = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try data.split(separator: "\n").map {
            try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    private func bytes(_ file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
    }

    private static func percent(_ part: Int, _ whole: Int) -> String {
        "\(part)/\(whole) (\(String(format: "%.1f", 100 * Double(part) / Double(max(whole, 1))))%)"
    }

    @Test func ownCases() throws {
        let cases = try records("cases/cases.jsonl")
        for engine in CharsetDetector.Engine.allCases {
            let detector = CharsetDetector(engine: engine)
            var right = 0
            var wrong: [String] = []
            for record in cases {
                let input = try bytes("cases/" + (record["file"] as! String))
                let transport = record["transport"] as? String
                let decoded = record["kind"] as! String == "html"
                    ? HTMLDecoder(detector: detector).decode(input, transportCharset: transport)
                    : PlainTextDecoder(detector: detector).decode(input, transportCharset: transport)
                if decoded.text == record["expected"] as! String { right += 1 } else {
                    wrong.append("\(record["id"]!)→\(decoded.encoding)/\(decoded.source)")
                }
            }
            print("own cases, \(engine): decoded text == original: \(Self.percent(right, cases.count)); wrong: \(wrong)")
            // The detector alone on the undeclared legacy cases (what decides them).
            for markup in [false, true] {
                var detected = 0
                var total = 0
                var misses: [String] = []
                for record in cases where record["declared"] as! String == "none" {
                    let name = record["encoding"] as! String
                    guard name != "utf-8", name != "utf-16" else { continue }
                    total += 1
                    let input = try bytes("cases/" + (record["file"] as! String))
                    let guess = detector.detect(input[...], markup: markup && record["kind"] as! String == "html")
                    let text = guess.map { Transcoder.decode(input[...], from: $0).text }
                    let truth = Transcoder.decode(input[...], from: WebEncoding(label: name)!).text
                    if text == truth { detected += 1 } else { misses.append("\(record["id"]!)→\(guess?.rawValue ?? "nil")") }
                }
                print("own cases, \(engine) alone, tags \(markup ? "stripped" : "kept"), undeclared legacy: \(Self.percent(detected, total)); misses: \(misses)")
            }
            // The detector alone on each headline and each paragraph alone, undeclared: short texts.
            var detected = 0
            var total = 0
            var misses: [String] = []
            for record in cases where record["kind"] as! String == "text" && record["declared"] as! String == "none" {
                let name = record["encoding"] as! String
                guard name != "utf-8", name != "utf-16" else { continue }
                for line in (record["expected"] as! String).split(separator: "\n") {
                    let input = TestEncoding.bytes(String(line), name)
                    total += 1
                    let guess = detector.detect(input[...])
                    if guess.map({ Transcoder.decode(input[...], from: $0).text == line }) ?? false { detected += 1 } else {
                        misses.append("\(record["id"]!)→\(guess?.rawValue ?? "nil")")
                    }
                }
            }
            print("own cases, \(engine) alone on single headlines and paragraphs: \(Self.percent(detected, total)); misses: \(misses)")
        }
    }

    /// Writes each page's prescan result to prescan.tsv, for compare_prescan.py (html5lib's prescan as reference).
    @Test func prescanDump() throws {
        var lines = ""
        for page in try records("pages.jsonl") {
            let input = try bytes(page["file"] as! String)
            lines += "\(page["id"]!)\t\(MetaPrescan.encoding(in: input[...])?.rawValue ?? "-")\n"
        }
        try lines.write(to: folder.appendingPathComponent("prescan.tsv"), atomically: true, encoding: .utf8)
    }

    @Test func webExtractionPages() throws {
        let pages = try records("pages.jsonl")
        let truths = try pages.map { page -> (bytes: [UInt8], truth: String, encoding: WebEncoding) in
            let input = try bytes(page["file"] as! String)
            let encoding = WebEncoding(label: page["charset"] as! String)!
            // A UTF-8 decoder drops a byte-order mark (the Encoding Standard's "decode").
            let body = encoding == .utf8 && input.starts(with: [0xEF, 0xBB, 0xBF]) ? input.dropFirst(3) : input[...]
            return (input, Transcoder.decode(body, from: encoding).text, encoding)
        }
        let charsetCases = pages.indices.filter { pages[$0]["charset_test_case"] as! Bool }
        let legacy = pages.indices.filter { truths[$0].encoding != .utf8 }
        for engine in CharsetDetector.Engine.allCases {
            let detector = CharsetDetector(engine: engine)
            for trust in [false, true] {
                let decoder = HTMLDecoder(detector: detector, trustsValidUTF8: trust)
                let clock = ContinuousClock()
                var results: [DecodedText] = []
                let time = clock.measure { results = truths.map { decoder.decode($0.bytes) } }
                let same = results.indices.map { results[$0].text == truths[$0].truth }
                // The encoding's name only matters where a byte is not ASCII.
                let nonASCII = pages.indices.filter { truths[$0].bytes.contains { $0 >= 0x80 } }
                let label = nonASCII.filter { results[$0].encoding == truths[$0].encoding }
                let wrong = pages.indices.filter { !same[$0] }
                let wrongCases = wrong.prefix(8).map { "\(pages[$0]["id"]!)→\(results[$0].encoding)/\(results[$0].source) declared \(results[$0].declared?.rawValue ?? "nil")" }
                let bySource = Dictionary(grouping: wrong, by: { results[$0].source.rawValue }).mapValues(\.count)
                let megabytes = Double(truths.reduce(0) { $0 + $1.bytes.count }) / 1e6
                let seconds = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
                print("""
                    pages, \(engine), trustsValidUTF8 \(trust), \(String(format: "%.1f", megabytes / seconds)) MB/s: text == truth: all \(Self.percent(same.filter { $0 }.count, pages.count)), \
                    31 charset cases \(Self.percent(charsetCases.filter { same[$0] }.count, charsetCases.count)), \
                    legacy-charset pages \(Self.percent(legacy.filter { same[$0] }.count, legacy.count)); \
                    encoding == charset on pages with non-ASCII bytes: \(Self.percent(label.count, nonASCII.count)); \
                    wrong by source \(bySource): \(wrongCases)
                    """)
            }
            // Detection only: no transport and no <meta>: a byte-order mark, valid UTF-8, the detector, windows-1252.
            var same = 0
            var sameCases = 0
            var sameLegacy = 0
            var misses: [String] = []
            for index in pages.indices {
                let input = truths[index].bytes[...]
                let (bom, _, bomLength) = EncodingSniffer.prefix(input, transportCharset: nil)
                let guess = bom ?? EncodingSniffer.guess(input, detector: detector, markup: true).encoding
                let ok = Transcoder.decode(input.dropFirst(bomLength), from: guess ?? .windows1252).text == truths[index].truth
                if ok { same += 1 } else if misses.count < 12 { misses.append("\(pages[index]["id"]!)→\(guess?.rawValue ?? "nil")") }
                if ok, charsetCases.contains(index) { sameCases += 1 }
                if ok, legacy.contains(index) { sameLegacy += 1 }
            }
            print("pages, \(engine), detection only: text == truth: all \(Self.percent(same, pages.count)), charset cases \(Self.percent(sameCases, charsetCases.count)), legacy \(Self.percent(sameLegacy, legacy.count)); misses: \(misses)")
            // The detector alone on the legacy pages, tags stripped or kept (no UTF-8 validity step).
            for markup in [false, true] {
                let right = legacy.filter { index in
                    let guess = detector.detect(truths[index].bytes[...], markup: markup)
                    return guess.map { Transcoder.decode(truths[index].bytes[...], from: $0).text == truths[index].truth } ?? false
                }
                print("pages, \(engine) alone on the \(legacy.count) legacy pages, tags \(markup ? "stripped" : "kept"): \(Self.percent(right.count, legacy.count))")
            }
        }
    }
}
