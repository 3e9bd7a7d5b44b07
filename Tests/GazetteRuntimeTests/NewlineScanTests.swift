import Testing
@testable import GazetteRuntime

/// `NewlineScan.first` (memchr) against its plain reference.
@Suite("Newline scan")
struct NewlineScanTests {
    @Test func findsWhatThePlainSearchFinds() {
        // Seeded, so that a failure can be replayed: buffers of every length up to 80 bytes, newlines rare or
        // common, searched from every start.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        for length in 0...80 {
            for density in [2, 9, 200] {
                let buffer = (0..<length).map { _ in next() % UInt64(density) == 0 ? UInt8(ascii: "\n") : UInt8(truncatingIfNeeded: next() % 256 | 1) }
                for start in 0...length {
                    #expect(NewlineScan.first(in: buffer, from: start) == NewlineScan.firstPlain(in: buffer, from: start),
                            "length \(length), start \(start)")
                }
            }
        }
    }

    @Test func answersAtTheEdges() {
        #expect(NewlineScan.first(in: [], from: 0) == nil)
        #expect(NewlineScan.first(in: Array("ab\n".utf8), from: 3) == nil)
        #expect(NewlineScan.first(in: Array("\nab\n".utf8), from: 1) == 3)
        #expect(NewlineScan.first(in: Array("\n".utf8), from: 0) == 0)
    }
}
