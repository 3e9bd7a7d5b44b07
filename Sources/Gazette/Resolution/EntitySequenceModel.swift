#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A linear sequence model over `EntityTag`s (an averaged perceptron with tag transitions), decoded with Viterbi
/// inside each candidate window. It weighs gazetteer, rule and context evidence together; `gazette train ner`
/// learns it (see `EntitySequenceTrainer`).
public struct EntitySequenceModel: Sendable {
    private let table: WeightStorage
    /// The number of features with weights.
    public var featureCount: Int { table.featureCount }
    /// (EntityTag.count + 1) × EntityTag.count: the first row is the start of a window.
    package let transitions: [Float]
    /// Span scores are `1 / (1 + exp(-(slope × margin + intercept)))`, fitted on held-out data.
    public let calibration: (slope: Double, intercept: Double)
    /// How the model was trained: data, seed, epochs, counts. Written by the trainer.
    public let recipe: [String: String]

    package init(features: [UInt64: [Float]], transitions: [Float], calibration: (Double, Double), recipe: [String: String]) {
        let sorted = features.keys.sorted()
        var weights: [Float] = []
        weights.reserveCapacity(sorted.count * EntityTag.count)
        for hash in sorted { weights.append(contentsOf: features[hash]!) }
        self.table = WeightStorage(hashes: sorted, weights: weights)
        self.transitions = transitions
        self.calibration = calibration
        self.recipe = recipe
    }

    /// A model from feature hashes in increasing order and their weights, `EntityTag.count` per feature in the same
    /// order (a model file's layout): no dictionary to build when loading.
    package init(sortedHashes: [UInt64], weights: [Float], transitions: [Float], calibration: (Double, Double), recipe: [String: String]) {
        self.table = WeightStorage(hashes: sortedHashes, weights: weights)
        self.transitions = transitions
        self.calibration = calibration
        self.recipe = recipe
    }

    /// Every feature hash with its weights, sorted by hash (the file's order).
    func features() -> [(hash: UInt64, weights: SIMD8<Float>)] { table.features() }

    /// Read access to the weight table without bounds checks or reference counting, for the tagger's inner loop.
    struct WeightTable {
        fileprivate let hashes: UnsafePointer<UInt64>
        fileprivate let weights: UnsafePointer<SIMD8<Float>>
        fileprivate let overflowing: UnsafePointer<UInt64>
        fileprivate let shift: UInt64
        /// The zero row, where every feature the model lacks leads.
        fileprivate let missSlot: Int
        fileprivate let storage: Unmanaged<WeightStorage>

        /// The row of a feature's weights; `missSlot` (all zeros) if the model lacks it. Branch-free in the usual
        /// case, so that the lookups of many features overlap in the processor.
        @inline(__always)
        func slot(of hash: UInt64) -> Int {
            let bucket = WeightStorage.bucket(of: hash, shift: shift)
            let keys = hashes + bucket &* WeightStorage.bucketWords
            let firstRow = Int(truncatingIfNeeded: keys[WeightStorage.bucketKeys])
            var slot = missSlot
            for j in 0..<WeightStorage.bucketKeys {
                slot = keys[j] == hash ? firstRow &+ j : slot
            }
            let overflowed = (overflowing[bucket >> 6] >> UInt64(bucket & 63)) & 1
            if _slowPath(overflowed != 0 && slot == missSlot || hash == 0) {
                return storage.takeUnretainedValue().overflow[hash] ?? missSlot
            }
            return slot
        }

        /// One lane per tag.
        @inline(__always)
        func weights(at slot: Int) -> SIMD8<Float> { weights[slot] }

        /// Adds a feature's weights (if the model has the feature) to `sum`, lane by lane. A miss adds the zero
        /// row, which leaves every sum as it was (x + 0 = x, and no sum of weights starting from +0 is ever -0).
        @inline(__always)
        func add(_ hash: UInt64, to sum: inout SIMD8<Float>) {
            sum += weights[slot(of: hash)]
        }
    }

    func withWeightTable<R>(_ body: (WeightTable) throws -> R) rethrows -> R {
        try withExtendedLifetime(table) {
            try body(WeightTable(hashes: table.hashes, weights: table.weights, overflowing: table.overflowing, shift: table.shift,
                                 missSlot: table.missSlot, storage: Unmanaged.passUnretained(table)))
        }
    }

    /// Per-tag scores of one token's features.
    package func emission(_ features: [UInt64], into scores: inout [Float]) {
        for t in 0..<EntityTag.count { scores[t] = 0 }
        addEmission(features, to: &scores, at: 0)
    }

    /// Adds one token's per-tag scores to `scores[offset ..< offset + EntityTag.count]`, feature by feature in
    /// order (so the sums round exactly as the tagger's).
    func addEmission(_ features: [UInt64], to scores: inout [Float], at offset: Int) {
        var sum = SIMD8<Float>()
        for t in 0..<EntityTag.count { sum[t] = scores[offset + t] }
        withWeightTable { table in
            for feature in features { table.add(feature, to: &sum) }
        }
        for t in 0..<EntityTag.count { scores[offset + t] = sum[t] }
    }

    func score(margin: Double) -> Double {
        1 / (1 + exp(-(calibration.slope * margin + calibration.intercept)))
    }
}

/// The memory of a model's weight table: buckets of up to 7 feature hashes and the row of the first one's weights,
/// each bucket one cache line; the weights, one row per feature (one SIMD8 lane per tag, lane 7 zero), a bucket's
/// rows side by side; then one row of zeros read on a miss. A bucket holds the features whose hashes lead to it;
/// the few that do not fit (and a feature whose hash is 0, the mark of an empty place) get rows after the zero row,
/// found through `overflow`, and their bucket is flagged. Rows are packed, so the table touches few pages and
/// cache lines. Immutable once built.
final class WeightStorage: @unchecked Sendable {
    /// Words per bucket: `bucketKeys` hashes, then the bucket's first row.
    static let bucketWords = 8
    static let bucketKeys = 7
    let bucketCount: Int
    let shift: UInt64
    let hashes: UnsafeMutablePointer<UInt64>
    let weights: UnsafeMutablePointer<SIMD8<Float>>
    /// One bit per bucket: some feature of this bucket is in `overflow`.
    let overflowing: UnsafeMutablePointer<UInt64>
    /// Feature hash → row, for the features outside their bucket.
    let overflow: [UInt64: Int]
    let featureCount: Int
    /// The zero row.
    let missSlot: Int

    /// The bucket of a hash: its top bits after a multiplicative mix (FNV's low bits are weakly mixed).
    @inline(__always)
    static func bucket(of hash: UInt64, shift: UInt64) -> Int {
        HashMixing.fibonacciSlot(hash, shift: shift)
    }

    /// `hashes` must be distinct; `weights` holds `EntityTag.count` values per hash, in the same order.
    init(hashes keys: [UInt64], weights values: [Float]) {
        // Three to four features per bucket: few buckets overflow, and the table stays small (it shares the
        // processor's caches with the rest of the pipeline).
        var bits: UInt64 = 4
        while (1 << bits) * 4 < keys.count { bits += 1 }
        bucketCount = 1 << Int(bits)
        shift = 64 - bits
        featureCount = keys.count
        let words = bucketCount * Self.bucketWords
        var filled = [UInt8](repeating: 0, count: bucketCount)
        var outside: [Int] = []
        for (row, hash) in keys.enumerated() {
            let bucket = Self.bucket(of: hash, shift: shift)
            if hash == 0 || Int(filled[bucket]) == Self.bucketKeys { outside.append(row) } else { filled[bucket] += 1 }
        }
        missSlot = keys.count - outside.count
        let rows = missSlot + 1 + outside.count
        hashes = UnsafeMutableRawPointer.allocate(byteCount: words * 8, alignment: 64).bindMemory(to: UInt64.self, capacity: words)
        hashes.initialize(repeating: 0, count: words)
        weights = UnsafeMutableRawPointer.allocate(byteCount: rows * 32, alignment: 64).bindMemory(to: SIMD8<Float>.self, capacity: rows)
        weights.initialize(repeating: SIMD8(), count: rows)
        var firstRow = 0
        for bucket in 0..<bucketCount {
            hashes[bucket * Self.bucketWords + Self.bucketKeys] = UInt64(firstRow)
            firstRow += Int(filled[bucket])
        }
        let flagWords = (bucketCount + 63) / 64
        overflowing = UnsafeMutablePointer<UInt64>.allocate(capacity: flagWords)
        overflowing.initialize(repeating: 0, count: flagWords)
        func lanes(_ row: Int) -> SIMD8<Float> {
            var lanes = SIMD8<Float>()
            for t in 0..<EntityTag.count { lanes[t] = values[row * EntityTag.count + t] }
            return lanes
        }
        for bucket in filled.indices { filled[bucket] = 0 }
        var overflow: [UInt64: Int] = [:]
        var next = missSlot + 1
        var outsideIndex = 0
        for (row, hash) in keys.enumerated() {
            let bucket = Self.bucket(of: hash, shift: shift)
            if outsideIndex < outside.count, outside[outsideIndex] == row {
                outsideIndex += 1
                overflow[hash] = next
                weights[next] = lanes(row)
                next += 1
                overflowing[bucket >> 6] |= 1 << UInt64(bucket & 63)
                continue
            }
            let place = bucket * Self.bucketWords + Int(filled[bucket])
            hashes[place] = hash
            weights[Int(hashes[bucket * Self.bucketWords + Self.bucketKeys]) + Int(filled[bucket])] = lanes(row)
            filled[bucket] += 1
        }
        self.overflow = overflow
    }

    deinit {
        hashes.deallocate()
        weights.deallocate()
        overflowing.deallocate()
    }

    func features() -> [(hash: UInt64, weights: SIMD8<Float>)] {
        var result: [(hash: UInt64, weights: SIMD8<Float>)] = []
        result.reserveCapacity(featureCount)
        for bucket in 0..<bucketCount {
            let keys = hashes + bucket * Self.bucketWords
            for j in 0..<Self.bucketKeys where keys[j] != 0 { result.append((keys[j], weights[Int(keys[Self.bucketKeys]) + j])) }
        }
        for (hash, slot) in overflow { result.append((hash, weights[slot])) }
        result.sort { $0.hash < $1.hash }
        return result
    }
}
