import Testing
@testable import Gazette

@Suite("Link detector")
struct LinkDetectorTests {
    private func links(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            LinkDetector.links(in: bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
        }
    }

    /// Eight bytes at a time are skipped when they cannot start a link: a link must be found at every alignment.
    @Test func linksAreFoundAtEveryOffset() {
        for padding in 0..<17 {
            let lead = String(repeating: "x", count: padding)
            #expect(links("\(lead) HTTPS://Example.com/a and WwW.example.org, mail jo@example.com") ==
                    ["HTTPS://Example.com/a", "WwW.example.org", "jo@example.com"], "padding \(padding)")
            #expect(links(lead + "@") == [])
        }
    }

    @Test func wordsStartingWithHOrWAreNotLinks() {
        #expect(links("When he saw what happened, the White House had already written http: without slashes.") == [])
        #expect(links("shttp://example.com") == [])
    }
}
