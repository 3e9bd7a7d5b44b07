import Testing
@testable import Gazette

@Suite("Hash mixing")
struct HashMixingTests {
    /// Values fixed by compiled gazetteers and model files: pinned so that a change is noticed.
    @Test func finalisersArePinned() {
        #expect(HashMixing.splitMix64(0) == 0)
        #expect(HashMixing.splitMix64(1) == 0x5692_161d_100b_05e5)
        #expect(HashMixing.murmurShort(0) == 0)
        #expect(HashMixing.fibonacciSlot(1, shift: 60) == 9)
    }

    @Test func fibonacciSlotStaysInTable() {
        for value: UInt64 in [0, 1, 42, .max] {
            #expect((0..<8).contains(HashMixing.fibonacciSlot(value, shift: 61)))
        }
    }
}
