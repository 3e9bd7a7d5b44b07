import Testing
@testable import Gazette

@Suite("Open-addressing table")
struct OpenAddressingTableTests {
    /// A set of integers built on the table, checked against `Set` (the reference) over random keys that collide
    /// often in a small table.
    @Test func behavesLikeASet() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let keys = (0..<40).map { _ in Int.random(in: 1...200, using: &generator) }
            var table = OpenAddressingTable(capacity: 128, empty: 0)
            var reference = Set<Int>()
            for key in keys {
                let slot = table.slot(from: key &* 7) { $0 == 0 || $0 == key }
                table[slot] = key
                reference.insert(key)
            }
            for probe in 1...200 {
                let slot = table.slot(from: probe &* 7) { $0 == 0 || $0 == probe }
                #expect((table[slot] == probe) == reference.contains(probe))
            }
            #expect(table.allSlots.filter { $0 != 0 }.count == reference.count)
        }
    }

    @Test func hashIndexMatchesDictionary() {
        var generator = SystemRandomNumberGenerator()
        var index = HashIndex()
        var reference: [UInt64: Int32] = [:]
        for value in 0..<500 {
            // Few distinct keys, some repeated: the first value stays.
            let key = UInt64.random(in: 0...300, using: &generator) &* 0x9E37_79B9
            let previous = index.insert(key, value: Int32(value))
            #expect(previous == reference[key])
            if reference[key] == nil { reference[key] = Int32(value) }
        }
        #expect(index.count == reference.count)
        for key in (0...300).map({ UInt64($0) &* 0x9E37_79B9 }) {
            #expect(index.value(for: key) == reference[key])
        }
        #expect(!index.contains(1))
    }

    @Test func hashedKeySetMatchesSet() {
        let words = ["of", "the", "and", "", "the", "new york", "Zürich"]
        let set = HashedKeySet(words)
        for word in ["of", "the", "and", "new york", "Zürich", "", "york", "an"] {
            #expect(set.contains(word, hash: FNV1a.hash(word)) == (words.contains(word) && !word.isEmpty), "\(word)")
        }
    }
}
