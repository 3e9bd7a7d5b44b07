import Testing
@testable import Gazette
@testable import GazetteTraining

/// The AVX2 row sums (C) against the portable Swift ones, bit for bit, and the whole kernel on the AVX2 path against
/// the plain reference.
@Suite("Topic logits kernel: row adders")
struct TopicLogitsKernelRowAdderTests {
    private typealias RowAdder = TopicLogitsKernel.RowAdder

    /// The bits of the sums of `adder`, then of its sum of squares.
    private func sums(_ adder: RowAdder, chunks: Int, storage: [UInt8], rows: [Int], values: [Float]) -> [UInt32] {
        var sums = [Float](repeating: .nan, count: chunks * 16)
        let squares = storage.withUnsafeBytes { storage in
            rows.withUnsafeBufferPointer { rows in
                values.withUnsafeBufferPointer { values in
                    sums.withUnsafeMutableBufferPointer { sums in
                        TopicLogitsKernel.addRows(storage: storage, rows: rows, values: values, chunks: chunks, into: sums, using: adder)
                    }
                }
            }
        }
        return (sums + [squares]).map(\.bitPattern)
    }

    private func randomValue(_ random: inout SeededGenerator) -> Float {
        let numerator = Float(Int(random.next() % 2_000_001) - 1_000_000)
        let denominator = Float(1 + random.next() % 9_973)
        return numerator / denominator * Float(sign: .plus, exponent: Int(random.next() % 21) - 10, significand: 1)
    }

    /// Every chunk count from 1 to 4 (one pass over the rows), and beyond (several passes): random rows anywhere in a
    /// random byte store (unaligned), values of both signs and many exponents, so that every rounding step shows.
    @Test(.enabled(if: RowAdder.avx2IsAvailable, "this processor has no AVX2: only the portable row sums run"))
    func avx2SumsEqualThePortableOnes() {
        var random = SeededGenerator(seed: 1_616)
        for chunks in 1...9 {
            for _ in 0..<(chunks <= 4 ? 200 : 20) {
                let rowBytes = chunks * 16
                let storage = (0..<(rowBytes + Int(random.next() % 4_000))).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                let count = Int(random.next() % 300)
                let rows = (0..<count).map { _ in Int(random.next() % UInt64(storage.count - rowBytes + 1)) }
                let values = (0..<count).map { _ in randomValue(&random) }
                let portable = sums(.portable, chunks: chunks, storage: storage, rows: rows, values: values)
                let avx2 = sums(.avx2, chunks: chunks, storage: storage, rows: rows, values: values)
                #expect(avx2 == portable, "\(chunks) chunks, \(count) rows")
            }
        }
    }

    /// No rows: zero sums and squares on both paths.
    @Test func noRowsGiveZeroSums() {
        for adder in [RowAdder.portable] + (RowAdder.avx2IsAvailable ? [.avx2] : []) {
            #expect(sums(adder, chunks: 3, storage: [1, 2, 3], rows: [], values: []) == [UInt32](repeating: 0, count: 49))
        }
    }

    /// The whole kernel, forced onto each path, against the plain reference for every class count up to 64.
    @Test func eachPathScoresAsTheReference() {
        var random = SeededGenerator(seed: 1_717)
        let adders = [RowAdder.portable] + (RowAdder.avx2IsAvailable ? [.avx2] : [])
        for labelCount in 1...64 {
            let bucketCount = 256
            let weights = (0..<(bucketCount * labelCount)).map { _ in Int8(truncatingIfNeeded: random.next()) }
            let idf = (0..<bucketCount).map { _ in random.next() % 3 == 0 ? 0 : Float(random.next() % 200) / 16 }
            let scales = (0..<labelCount).map { _ in Float(random.next() % 1_000 + 1) / 20_000 }
            let biases = (0..<labelCount).map { _ in Float(Int(random.next() % 2_001) - 1_000) / 500 }
            let table = TopicWeightTable(weights: weights, idf: idf, labelCount: labelCount)
            var buckets: [UInt32] = []
            for _ in 0..<Int(random.next() % 150) {
                let bucket = UInt32(random.next() % UInt64(bucketCount))
                if !buckets.contains(bucket) { buckets.append(bucket) }
            }
            let counts = TopicFeatureCounts(buckets: buckets, counts: buckets.map { _ in Float(1 + random.next() % 90) })
            for adder in adders {
                let kernel = TopicLogitsKernel(table: table, scales: scales, biases: biases, rowAdder: adder)
                #expect(kernel.logits(for: counts).map(\.bitPattern) == kernel.referenceLogits(for: counts).map(\.bitPattern),
                        "\(labelCount) labels, \(adder)")
            }
        }
    }
}
