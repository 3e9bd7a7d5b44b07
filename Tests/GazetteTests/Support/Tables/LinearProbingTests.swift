import Testing
@testable import Gazette

@Suite("Linear probing")
struct LinearProbingTests {
    @Test func capacityIsThePowerOfTwoThatKeepsTheLoad() {
        #expect(LinearProbing.capacity(for: 0, slotsPerKey: (2, 1), minimum: 8) == 8)
        #expect(LinearProbing.capacity(for: 4, slotsPerKey: (2, 1), minimum: 8) == 8)
        #expect(LinearProbing.capacity(for: 5, slotsPerKey: (2, 1), minimum: 8) == 16)
        // At most 5/8 full: 10 keys fit 16 slots, 11 do not.
        #expect(LinearProbing.capacity(for: 10, slotsPerKey: (8, 5), minimum: 16) == 16)
        #expect(LinearProbing.capacity(for: 11, slotsPerKey: (8, 5), minimum: 16) == 32)
    }

    @Test func probesFromTheHomeSlotAndWraps() {
        let probing = LinearProbing(capacity: 8)
        #expect(probing.capacity == 8 && probing.mask == 7)
        #expect(probing.slot(from: 3) { _ in true } == 3)
        #expect(probing.slot(from: 11) { _ in true } == 3)
        var visited: [Int] = []
        let found = probing.slot(from: 6) { visited.append($0); return $0 == 1 }
        #expect(found == 1 && visited == [6, 7, 0, 1])
    }
}
