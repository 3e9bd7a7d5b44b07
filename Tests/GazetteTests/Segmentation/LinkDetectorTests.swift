import Testing
@testable import Gazette

@Suite("Link detector")
struct LinkDetectorTests {
    private func links(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return LinkDetector.links(in: bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
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

    /// Links are found from the byte that makes them (":" of the scheme, "." after "www", "@"): the start is
    /// looked for behind it, so links at the very start or end, right after another link or beside punctuation
    /// must come out the same.
    @Test func linksAreFoundFromTheirMarkerBackwards() {
        #expect(links("http://a.io") == ["http://a.io"])
        #expect(links("www.a.io") == ["www.a.io"])
        #expect(links("(https://a.io/x).") == ["https://a.io/x"])
        #expect(links("jo@a.io http://b.io") == ["jo@a.io", "http://b.io"])
        #expect(links("see www.a.io/https://b.io") == ["www.a.io/https://b.io"])
        #expect(links("xwww.a.io, awww.b and ww.c.io") == [])
        #expect(links("https:// and www. alone") == [])
        #expect(links("ttp://a.io and ttps://b.io") == [])
    }

    /// A closing bracket ends the URL only when the URL has no opening one for it; sentence punctuation after it
    /// goes too. The brackets are counted once, so a URL ending in thousands of them costs linear time.
    @Test func closingBracketsAreKeptOnlyWhenOpenedInTheURL() {
        #expect(links("(see https://en.wikipedia.org/wiki/Mercury_(planet)).") == ["https://en.wikipedia.org/wiki/Mercury_(planet)"])
        #expect(links("[https://a.io/x[1]].") == ["https://a.io/x[1]"])
        #expect(links("https://a.io/x)],;") == ["https://a.io/x"])
        #expect(links("https://a.io/(x).)]") == ["https://a.io/(x)"])
        #expect(links("https://a.io/" + String(repeating: ")", count: 100_000)) == ["https://a.io/"])
        let nested = "https://a.io/" + String(repeating: "(", count: 50_000) + String(repeating: ")", count: 60_000)
        #expect(links(nested) == [String(nested.dropLast(10_000))])
    }
}
