import Foundation
import GazetteWeb

// Release-build speed of HTMLDecoder and LanguageIdentifier on the pages that Benchmarks/charsets/run.sh un-gzips.
let work = CommandLine.arguments[1]
let lines = try String(contentsOfFile: work + "/pages.jsonl", encoding: .utf8).split(separator: "\n")
var pages: [(bytes: [UInt8], text: String)] = []
for line in lines {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    pages.append(([UInt8](try Data(contentsOf: URL(fileURLWithPath: work + "/" + (object["file"] as! String)))), object["text"] as! String))
}
let total = Double(pages.reduce(0) { $0 + $1.bytes.count })
let textTotal = Double(pages.reduce(0) { $0 + $1.text.utf8.count })
func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
let clock = ContinuousClock()
for (name, decoder) in [("HTMLDecoder (default)", HTMLDecoder()), ("HTMLDecoder (browser order)", HTMLDecoder(trustsValidUTF8: false))] {
    var best = Double.infinity
    for _ in 0..<3 {
        var count = 0
        let t = clock.measure { for page in pages { count &+= decoder.decode(page.bytes).text.utf8.count } }
        best = min(best, seconds(t))
        precondition(count > 0)
    }
    print("\(name): \(String(format: "%.1f", total / best / 1e6)) MB/s over \(pages.count) pages, \(String(format: "%.0f", total / 1e6)) MB")
}
// Undeclared legacy worst case: every page's bytes forced through the detector.
do {
    let detector = CharsetDetector()
    let t = clock.measure { for page in pages { _ = detector.detect(page.bytes[...], markup: true) } }
    print("CharsetDetector (uchardet, tags stripped): \(String(format: "%.1f", total / seconds(t) / 1e6)) MB/s")
}
do {
    let identifier = LanguageIdentifier()
    let t = clock.measure { for page in pages { _ = identifier.identify(page.text) } }
    print("LanguageIdentifier (CLD2, first \(identifier.sampleBytes) bytes): \(String(format: "%.1f", textTotal / seconds(t) / 1e6)) MB/s of text, \(String(format: "%.0f", seconds(t) / Double(pages.count) * 1e6)) µs per text")
}
