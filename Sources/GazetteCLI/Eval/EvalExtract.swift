import ArgumentParser
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import GazetteBatch
import GazetteTraining
import GazetteWeb

/// `gazette eval extract --data FILE`: main-content extraction scored against labelled pages.
struct EvalExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Score main-content extraction against labelled web pages.",
        discussion: """
        FILE is JSON Lines, one page a line: "html" (the page itself, or the path of a file holding it, relative to \
        FILE's folder; .gz files are decompressed) or "path", and "expected_text" and/or "must_contain" / \
        "must_not_contain" (lists of snippets); "charset" (optional) is used as the transport's charset and "url" to \
        resolve links. Pages are decoded and extracted as `gazette batch` does. Scores: bag-of-words precision, \
        recall and F1 per page, averaged, and snippet pass rates (defined in Benchmarks/extraction/README.md).

        Example:
          gazette eval extract --data ../shared/data/web-extraction/index.jsonl
        """
    )

    @Option(help: "The labelled pages (JSON Lines).")
    var data: String

    @OptionGroup var inputOptions: InputOptions

    func run() throws {
        guard let contents = FileManager.default.contents(atPath: data) else { throw ValidationError("cannot read \(data)") }
        let folder = URL(fileURLWithPath: data).deletingLastPathComponent()
        let builder = inputOptions.documents
        var evaluation = ExtractionEvaluation()
        var pages = 0, failed = 0
        var seconds = 0.0
        for (number, line) in contents.split(separator: UInt8(ascii: "\n")).enumerated() {
            guard let object = try? JSONDecoder().decode(LabelledPage.self, from: Data(line)) else {
                throw ValidationError("\(data):\(number + 1): not a JSON object")
            }
            guard let html = try Self.page(object, folder: folder) else {
                throw ValidationError("\(data):\(number + 1): no \"html\" or \"path\"")
            }
            let expected = object.expectedText
            let mustContain = object.mustContain ?? []
            let mustNotContain = object.mustNotContain ?? []
            guard expected != nil || !mustContain.isEmpty || !mustNotContain.isEmpty else { continue }
            let started = DispatchTime.now().uptimeNanoseconds
            let document = builder.document(html: html, transportCharset: object.charset, url: object.url)
            seconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            pages += 1
            let text: String
            switch document {
            case let .success(document): text = document.text
            case .failure:
                failed += 1
                text = ""
            }
            evaluation.add(extracted: text, expected: expected, mustContain: mustContain, mustNotContain: mustNotContain)
        }
        print(Self.report(evaluation, pages: pages, failed: failed, seconds: seconds))
    }

    /// The page's bytes: its "html" (inline, or a file), or its "path".
    static func page(_ object: LabelledPage, folder: URL) throws -> [UInt8]? {
        var path = object.path
        if path == nil, let html = object.html {
            let trimmed = html.drop { $0.isWhitespace }
            if trimmed.hasPrefix("<") || html.contains("\n") { return Array(html.utf8) }
            path = html
        }
        guard let path else { return nil }
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ValidationError("cannot read \(url.path)") }
        guard path.hasSuffix(".gz") else { return [UInt8](data) }
        guard let plain = Gzip.decompress([UInt8](data)) else { throw ValidationError("\(url.path) is not valid gzip") }
        return plain
    }

    static func report(_ evaluation: ExtractionEvaluation, pages: Int, failed: Int, seconds: Double) -> String {
        func format(_ value: Double?) -> String { value.map { String(cFormat: "%.3f", $0) } ?? "-" }
        var lines: [String] = []
        let words = evaluation.averageWordScores
        if evaluation.wordPages > 0 {
            lines.append("bag of words (\(evaluation.wordPages) pages): P \(format(words.precision))  R \(format(words.recall))  F1 \(format(words.f1))")
        }
        if evaluation.snippetPages > 0 {
            lines.append("snippets (\(evaluation.snippetPages) pages): must \(format(evaluation.must))  must_not \(format(evaluation.mustNot))  pages_ok \(format(evaluation.pagesOK))")
        }
        let rate = seconds > 0 ? Double(pages) / seconds : 0
        lines.append("\(pages) pages (\(failed) without text) decoded and extracted in \(String(cFormat: "%.2f", seconds)) s: \(Int(rate)) pages/s on one thread")
        return lines.joined(separator: "\n")
    }
}

/// One line of the labelled pages: the fields `eval extract` reads (see its discussion); others are ignored, and a
/// field of the wrong type reads as absent.
struct LabelledPage: Decodable {
    var html: String?
    var path: String?
    var expectedText: String?
    var mustContain: [String]?
    var mustNotContain: [String]?
    var charset: String?
    var url: String?

    private enum CodingKeys: String, CodingKey {
        case html, path, charset, url
        case expectedText = "expected_text", mustContain = "must_contain", mustNotContain = "must_not_contain"
    }

    init(from decoder: any Decoder) throws {
        let fields = try decoder.container(keyedBy: CodingKeys.self)
        html = try? fields.decodeIfPresent(String.self, forKey: .html)
        path = try? fields.decodeIfPresent(String.self, forKey: .path)
        expectedText = try? fields.decodeIfPresent(String.self, forKey: .expectedText)
        mustContain = try? fields.decodeIfPresent([String].self, forKey: .mustContain)
        mustNotContain = try? fields.decodeIfPresent([String].self, forKey: .mustNotContain)
        charset = try? fields.decodeIfPresent(String.self, forKey: .charset)
        url = try? fields.decodeIfPresent(String.self, forKey: .url)
    }
}
