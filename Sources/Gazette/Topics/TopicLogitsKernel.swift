/// The scoring loops of `LinearTopicModel`: raw scores (logits) from feature counts or a weighted vector, read from
/// the packed rows of a `TopicWeightTable` sixteen labels at a time.
///
/// `referenceLogits` is the same arithmetic written plainly, one label at a time in the same order (so the results
/// are equal bit for bit), and `TopicLogitsKernelTests` pins the two together.
struct TopicLogitsKernel {
    /// The packed weight rows and idf.
    let table: TopicWeightTable
    /// Per label: the factor that turns its stored 8-bit weights into real ones, and its bias.
    let scales: [Float]
    let biases: [Float]
    /// The code that adds up the weighted rows: AVX2 when the processor has it.
    let rowAdder: RowAdder

    typealias Lanes = SIMD16<Float>

    init(table: TopicWeightTable, scales: [Float], biases: [Float], rowAdder: RowAdder = .fastest) {
        precondition(rowAdder != .avx2 || RowAdder.avx2IsAvailable, "AVX2 row sums on a processor without AVX2")
        self.table = table
        self.scales = scales
        self.biases = biases
        self.rowAdder = rowAdder
    }

    /// Raw scores (before temperature and softmax) of a weighted feature vector, one per label.
    func logits(for vector: TopicFeatureVector) -> [Double] {
        let chunks = table.rowBytes / 16
        var sums = [Lanes](repeating: .zero, count: chunks)
        table.storage.withUnsafeBytes { storage in
            for (bucket, value) in zip(vector.buckets, vector.values) {
                guard let row = table.row(Int(bucket)) else { continue }
                let factor = Lanes(repeating: value)
                for chunk in 0..<chunks {
                    sums[chunk] += factor * Self.floats(storage.loadUnaligned(fromByteOffset: row + chunk * 16, as: SIMD16<Int8>.self))
                }
            }
        }
        var logits = [Double](repeating: 0, count: table.labelCount)
        for label in 0..<table.labelCount {
            let sum: Float = sums[label / 16][label % 16]
            logits[label] = Double(sum * scales[label] + biases[label])
        }
        return logits
    }

    /// Raw scores of a document: the counts of its features that have weights (`extractor`'s, counted by
    /// `TopicFeatureCounter` into buffers that live only for the call, so scoring allocates no arrays for them).
    func logits(for document: Document, extractor: TopicFeatureExtractor) -> [Double] {
        TopicFeatureCounter.withCounts(known: table.bitmap, { extractor.walk(document, into: &$0) }, logits(buckets:counts:))
    }

    /// Raw scores straight from feature counts: the same as `logits(for:)` of their vector up to rounding.
    func logits(for counts: TopicFeatureCounts) -> [Double] {
        counts.buckets.withUnsafeBufferPointer { buckets in
            counts.counts.withUnsafeBufferPointer { counts in logits(buckets: buckets, counts: counts) }
        }
    }

    /// Raw scores from distinct buckets and their counts: the scoring hot path. Its cost is cache misses on weight
    /// rows, so one pass finds the rows (the bitmap is small and stays in cache) and the next does nothing but read
    /// each row's idf byte: a loop of a few instructions, so that the processor keeps many misses in flight. The
    /// later passes weigh the features and add up rows that are then in cache. The passes share one scratch
    /// allocation (on the stack for a usual document).
    func logits(buckets: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<Float>) -> [Double] {
        let chunks = table.rowBytes / 16
        let labelCount = table.labelCount
        let featureCount = min(buckets.count, counts.count)
        var squares: Float = 0
        var sums = [Float](repeating: 0, count: chunks * 16)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: featureCount) { rows in
            withUnsafeTemporaryAllocation(of: Float.self, capacity: featureCount) { values in
                var found = 0
                for position in 0..<featureCount {
                    guard let row = table.row(Int(buckets[position])) else { continue }
                    rows.initializeElement(at: found, to: row)
                    values.initializeElement(at: found, to: counts[position])
                    found += 1
                }
                table.storage.withUnsafeBufferPointer { storage in
                    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: found) { idfBytes in
                        for index in 0..<found { idfBytes.initializeElement(at: index, to: storage[rows[index] + labelCount]) }
                        let smallCounts = TopicFeatureVector.smallCountWeights
                        for index in 0..<found {
                            values[index] = TopicFeatureVector.termWeight(values[index], smallCounts: smallCounts)
                                * (Float(idfBytes[index]) / TopicWeightTable.idfSteps)
                        }
                    }
                }
                squares = table.storage.withUnsafeBytes { storage in
                    sums.withUnsafeMutableBufferPointer { sums in
                        Self.addRows(
                            storage: storage, rows: UnsafeBufferPointer(rebasing: rows[..<found]),
                            values: UnsafeBufferPointer(rebasing: values[..<found]), chunks: chunks, into: sums, using: rowAdder)
                    }
                }
            }
        }
        let norm = squares > 0 ? 1 / squares.squareRoot() : 0
        var logits = [Double](repeating: 0, count: labelCount)
        for label in 0..<labelCount {
            logits[label] = Double(sums[label] * norm * scales[label] + biases[label])
        }
        return logits
    }
}

// MARK: - Reference

extension TopicLogitsKernel {
    /// `logits(for:)` of a vector, written plainly: the reference the kernel is tested against.
    func referenceLogits(for vector: TopicFeatureVector) -> [Double] {
        var sums = [Float](repeating: 0, count: table.labelCount)
        for (bucket, value) in zip(vector.buckets, vector.values) {
            guard let row = table.row(Int(bucket)) else { continue }
            for label in 0..<table.labelCount { sums[label] += value * storedWeight(row: row, label: label) }
        }
        return (0..<table.labelCount).map { Double(sums[$0] * scales[$0] + biases[$0]) }
    }

    /// `logits(for:)` of counts, written plainly: each known feature weighed by its count and idf, the weighted
    /// rows added up, and the sums scaled to a unit-length vector.
    func referenceLogits(for counts: TopicFeatureCounts) -> [Double] {
        var sums = [Float](repeating: 0, count: table.labelCount)
        var squares: Float = 0
        for (bucket, count) in zip(counts.buckets, counts.counts) {
            guard let row = table.row(Int(bucket)) else { continue }
            let value = TopicFeatureVector.termWeight(count) * table.idf(atRow: row)
            squares += value * value
            for label in 0..<table.labelCount { sums[label] += value * storedWeight(row: row, label: label) }
        }
        let norm = squares > 0 ? 1 / squares.squareRoot() : 0
        return (0..<table.labelCount).map { Double(sums[$0] * norm * scales[$0] + biases[$0]) }
    }

    /// The stored 8-bit weight of `label` in the row at `row`, unscaled.
    private func storedWeight(row: Int, label: Int) -> Float {
        Float(Int8(bitPattern: table.storage[row + label]))
    }
}
