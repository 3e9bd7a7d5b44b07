import Foundation
import GazetteTestSupport
import Testing

/// `gazette eval extract` on pages written here.
@Suite("gazette eval extract", .serialized)
struct EvalExtractTests {
    @Test func scoresInlineAndFilePages() throws {
        let folder = try TemporaryFolder()
        let article = "<p>Officials in Lisbon said on Monday that the new bridge would open in the spring, after two years of work.</p>"
        let page = "<html><body><nav>Home News Sport</nav><article>\(article)</article><footer>Follow Us</footer></body></html>"
        _ = try folder.write("pages/one.html", page)
        let expected = "Officials in Lisbon said on Monday that the new bridge would open in the spring, after two years of work."
        let lines = [
            ["html": page, "expected_text": expected],
            ["path": "pages/one.html", "must_contain": ["new bridge would open"], "must_not_contain": ["Follow Us"]],
        ].map { String(decoding: try! JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let data = try folder.write("pages.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try CommandRunner.run(["eval", "extract", "--data", data])
        #expect(result.status == 0)
        #expect(result.stdout.contains("bag of words (1 pages): P 1.000  R 1.000  F1 1.000"))
        #expect(result.stdout.contains("snippets (1 pages): must 1.000  must_not 1.000  pages_ok 1.000"))
        let whole = try CommandRunner.run(["eval", "extract", "--data", data, "--html", "whole"])
        #expect(whole.stdout.contains("must_not 0.000"))
        #expect(!whole.stdout.contains("P 1.000"))
    }
}
