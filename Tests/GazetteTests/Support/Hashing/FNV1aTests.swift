import Testing
@testable import Gazette

@Suite("FNV-1a")
struct FNV1aTests {
    @Test func matchesPublishedValues() {
        #expect(FNV1a.hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a.hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a.hash("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func runningValueEqualsOneShot() {
        var running = FNV1a()
        running.combine(Array("foo".utf8))
        running.combine(UInt8(ascii: "b"))
        running.combine("ar".utf8)
        #expect(running.value == FNV1a.hash("foobar"))
        #expect(FNV1a.hash("bar".utf8, from: FNV1a.hash("foo")) == FNV1a.hash("foobar"))
    }

    /// A string's hash read in place equals the byte-by-byte hash of its UTF-8 view, for native and bridged-like
    /// (substring-made) strings, empty, short, long and non-ASCII ones.
    @Test func stringHashEqualsTheHashOfItsBytes() {
        let strings = ["", "a", "new york", "rule:title-before-name", "Zoë Blázquez", String(repeating: "ab", count: 40),
                       String("  sliced out  ".dropFirst(2).dropLast(2))]
        for string in strings {
            #expect(FNV1a.hash(string) == FNV1a.hash(Array(string.utf8)))
            #expect(FeatureHash.of(string) == FNV1a.hash(Array(string.utf8)))
        }
    }

    @Test func wordsCombineLeastSignificantByteFirst() {
        var byWord = FNV1a()
        byWord.combine(word: 0x0807_0605_0403_0201)
        #expect(byWord.value == FNV1a.hash([1, 2, 3, 4, 5, 6, 7, 8] as [UInt8]))
    }

    /// The users that kept their own copies now call this one; their values are pinned here.
    @Test func callersAgree() {
        #expect(FeatureHash.of("new york") == FNV1a.hash("new york"))
        #expect(FeatureHash("w").with(FNV1a.hash("x")).value == {
            var hash = FNV1a()
            hash.combine(UInt8(ascii: "w"))
            hash.combine(word: FNV1a.hash("x"))
            return hash.value
        }())
        #expect(MatchingKey.fold("New") == "new")
        let text = Array("New".utf8)
        let (key, hash) = text.withUnsafeBufferPointer { RecentKeys.foldAndHash($0) }
        #expect(key == "new" && hash == FNV1a.hash("new"))
        #expect(KeyHash.hash("new") == KeyHash.hash(fnv: FNV1a.hash("new")))
    }
}
