import Testing
@testable import Gazette
import GazetteTraining

/// The word-at-a-time start scan against the plain one.
@Suite("Rule start scan")
struct RuleStartScanTests {
    @Test func wordScanFindsWhatThePlainScanFinds() {
        var random = SeededGenerator(seed: 41)
        var checked = 0
        for _ in 0..<400 {
            let count = Int(random.next() % 70)
            // Sparse and dense starts both: each bit set with probability 1/2, 1/8 or 1/64.
            let sparseness = [1, 3, 6][Int(random.next() % 3)]
            let starts = (0..<count).map { _ in
                var bits: UInt8 = 0
                for bit in 0..<8 where random.next() % (1 << UInt64(sparseness)) == 0 { bits |= 1 << UInt8(bit) }
                return RuleStarts(rawValue: bits)
            }
            for _ in 0..<20 {
                let rule = RuleStarts(rawValue: 1 << UInt8(random.next() % 8))
                let limit = count == 0 ? 0 : Int(random.next() % UInt64(count + 1))
                let from = Int(random.next() % UInt64(limit + 2))
                #expect(RuleStartScan.first(rule, in: starts, from: from, before: limit)
                        == RuleStartScan.firstPlain(rule, in: starts, from: from, before: limit))
                checked += 1
            }
        }
        #expect(checked == 8_000)
    }
}
