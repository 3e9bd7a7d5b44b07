// gazette-extract-bench: runs ArticleExtractor over pages listed on stdin, for Benchmarks/extraction/run.py.
// Input: one line per page, "<id>\t<path of a UTF-8 HTML file>\t<url or empty>".
// Output: one JSON object per page on stdout: id, cpu_seconds (parse and extraction, mean of --repeat runs), title,
// text, published_date, authors, canonical_url, site_name, language.
// Options: --mode article|whole, --repeat N.
import Foundation
import GazetteWeb

#if canImport(Glibc)
import Glibc
#endif

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

struct Result: Encodable {
    var id: String
    var cpu_seconds: Double
    var title: String?
    var text: String
    var published_date: String?
    var authors: [String]
    var canonical_url: String?
    var site_name: String?
    var language: String?
}

var mode = ArticleExtractor.Mode.article
var repeatCount = 1
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--mode": mode = arguments.popFirst() == "whole" ? .whole : .article
    case "--repeat": repeatCount = max(1, Int(arguments.popFirst() ?? "1") ?? 1)
    default:
        FileHandle.standardError.write("usage: gazette-extract-bench [--mode article|whole] [--repeat N] < manifest\n".data(using: .utf8)!)
        exit(2)
    }
}

let extractor = ArticleExtractor(mode: mode)
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
while let line = readLine() {
    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    guard fields.count >= 2, let data = FileManager.default.contents(atPath: fields[1]) else { continue }
    let url = fields.count > 2 && !fields[2].isEmpty ? fields[2] : nil
    var article = ExtractedArticle(text: "")
    let start = cpuSeconds()
    for _ in 0..<repeatCount {
        article = extractor.extract(utf8: data, url: url)
    }
    let seconds = (cpuSeconds() - start) / Double(repeatCount)
    let result = Result(
        id: fields[0], cpu_seconds: seconds, title: article.title, text: article.text, published_date: article.publishedDate,
        authors: article.authors, canonical_url: article.canonicalURL, site_name: article.siteName, language: article.language)
    var json = try encoder.encode(result)
    json.append(0x0A)
    FileHandle.standardOutput.write(json)
}
