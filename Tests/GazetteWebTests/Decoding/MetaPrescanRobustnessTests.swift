import Testing
@testable import GazetteWeb

/// The prescan walks bytes by index: random tag soup must never trap it, and whatever it returns must be what a
/// `<meta>` in the input could declare.
@Suite("Prescan robustness")
struct MetaPrescanRobustnessTests {
    static let pieces = ["<", ">", "<meta", "<META ", "<meta ", "<meta/", " charset=", "charset", "=", "\"", "'", " ",
                         "/", "<!--", "-->", "--", "<!", "<?", "</", "<p", "<a ", "http-equiv=content-type",
                         " content=\"text/html; charset=koi8-r\"", "utf-8", "koi8-r", "shift_jis", ";", "x", "\u{E9}"]

    /// A small deterministic generator (xorshift), so that a failure reproduces.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
    }

    @Test func tagSoupNeverTrapsAndDeclaresOnlyWhatItContains() {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<5000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let soup = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(soup.utf8)
            for length in [bytes.count, min(bytes.count, 17)] {
                let result = MetaPrescan.encoding(in: bytes.prefix(length))
                #expect(result == nil || [.utf8, .koi8R, .shiftJIS].contains(result!), "\(soup)")
            }
        }
    }
}
