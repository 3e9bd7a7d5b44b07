import Testing
@testable import GazetteBatch

@Suite("Input kinds")
struct InputKindTests {
    @Test func kindsFollowTheName() {
        #expect(InputKind.of(name: "a/b.TXT") == (.text, false))
        #expect(InputKind.of(name: "story") == (.text, false))
        #expect(InputKind.of(name: "page.htm.gz") == (.html, true))
        #expect(InputKind.of(name: "dump.ndjson.zst") == (.jsonLines, true))
        #expect(InputKind.of(name: "crawl.warc.gz") == (.warc, true))
        #expect(InputKind.of(name: "x.tar.zst") == (.archive, false))
        #expect(InputKind.of(name: "x.tgz") == (.archive, false))
        #expect(InputKind.of(name: "photo.jpg") == (.unsupported, false))
        #expect(InputKind.of(name: ".DS_Store") == (.unsupported, false))
        #expect(InputKind.of(name: ".gz") == (.unsupported, false))
    }
}
