import Testing
@testable import Gazette

@Suite("XXH64")
struct XXH64Tests {
    @Test func matchesPublishedValues() {
        #expect(XXH64.hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(XXH64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        let long = Array("Nobody inspects the spammish repetition".utf8)
        #expect(XXH64.hash(long) == 0xFBCE_A83C_8A37_8BF1)
        #expect(XXH64.referenceHash(long) == 0xFBCE_A83C_8A37_8BF1)
    }

    /// The pointer kernel and the plain reference agree on every length around the 4-, 8-, 32- and 64-byte steps.
    @Test func kernelMatchesReference() {
        var generator = SystemRandomNumberGenerator()
        for count in 0..<200 {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            for seed: UInt64 in [0, 1, 0x9E37_79B9_7F4A_7C15] {
                #expect(XXH64.hash(bytes, seed: seed) == XXH64.referenceHash(bytes, seed: seed), "length \(count)")
            }
        }
    }

    @Test func stringsHashTheirUTF8() {
        #expect(XXH64.hash("Zürich", seed: 7) == XXH64.hash(Array("Zürich".utf8), seed: 7))
        #expect(XXH64.hex(0xAB) == "00000000000000ab")
    }
}
