import Testing
@testable import Gazette
@testable import GazetteTraining

/// The four-lane checksum kernel against its byte-by-byte reference.
@Suite("Lane checksum")
struct LaneChecksumTests {
    @Test func everyLengthUpToTwoHundredAndRandomBytes() {
        var random = SeededGenerator(seed: 64)
        for length in 0...200 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                #expect(LaneChecksum.checksum(bytes[...]) == LaneChecksum.referenceChecksum(bytes), "length \(length)")
                // A slice that does not start at 0.
                let padded = [0xAB] + bytes
                #expect(LaneChecksum.checksum(padded[1...]) == LaneChecksum.referenceChecksum(bytes))
            }
        }
    }

    @Test func oneChangedByteChangesTheChecksum() {
        let bytes = [UInt8](repeating: 7, count: 100)
        var changed = bytes
        changed[40] = 8
        #expect(LaneChecksum.checksum(bytes[...]) != LaneChecksum.checksum(changed[...]))
    }
}
