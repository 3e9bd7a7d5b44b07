import Testing
@testable import Gazette
import GazetteTraining

/// The suffix hash read from contiguous bytes against the one walked through the UTF-8 view.
@Suite("Key suffix hash")
struct KeySuffixHashTests {
    @Test func contiguousBytesHashAsTheView() {
        var keys = ["abc", "river", "zürich", "istanbul", "北京市", "ab\u{301}c", "x😀", "\u{0}\u{0}\u{0}\u{0}"]
        var random = SeededGenerator(seed: 3)
        let alphabet = Array("abcxyz09-'.éüİ北京😀\u{301}")
        for _ in 0..<2_000 {
            keys.append(String((0..<(1 + Int(random.next() % 12))).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
        }
        var compared = 0
        for key in keys where key.utf8.count >= 3 {
            #expect(KeySuffixHash.lastThreeBytes(of: key.utf8) == KeySuffixHash.plainLastThreeBytes(of: key.utf8), "\(key)")
            // A bridged or sliced-and-copied key hashes alike.
            let copy = String(Substring(key))
            #expect(KeySuffixHash.lastThreeBytes(of: copy.utf8) == KeySuffixHash.plainLastThreeBytes(of: key.utf8))
            compared += 1
        }
        #expect(compared > 1_500)
        #expect(KeySuffixHash.lastThreeBytes(of: "abcd".utf8) == FeatureHash.of("bcd"))
    }
}
