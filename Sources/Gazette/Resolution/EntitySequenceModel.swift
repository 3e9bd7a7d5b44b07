#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A linear sequence model over `EntityTag`s (an averaged perceptron with tag transitions), decoded with Viterbi
/// inside each candidate window. It weighs gazetteer, rule and context evidence together; `gazette train ner`
/// learns it (see `EntitySequenceTrainer`).
public struct EntitySequenceModel: Sendable {
    /// The weights as one open-addressing table built at load: slot → feature hash (0 marks an empty slot), and
    /// the slot's weights, one lane per tag (lane 7 is 0). One probe of `slotHashes` and one read of
    /// `slotWeights` give all of a feature's weights.
    private let slotHashes: [UInt64]
    private let slotWeights: [SIMD8<Float>]
    /// The weights of the feature whose hash is 0, if the model has one (0 marks empty slots in the table).
    private let zeroHashWeights: SIMD8<Float>?
    private let shift: UInt64
    public let featureCount: Int
    /// (EntityTag.count + 1) × EntityTag.count: the first row is the start of a window.
    let transitions: [Float]
    /// Span scores are `1 / (1 + exp(-(slope × margin + intercept)))`, fitted on held-out data.
    public let calibration: (slope: Double, intercept: Double)
    /// How the model was trained: data, seed, epochs, counts. Written by the trainer.
    public let recipe: [String: String]

    init(features: [UInt64: [Float]], transitions: [Float], calibration: (Double, Double), recipe: [String: String]) {
        let sorted = features.keys.sorted()
        var weights: [Float] = []
        weights.reserveCapacity(sorted.count * EntityTag.count)
        for hash in sorted { weights.append(contentsOf: features[hash]!) }
        self.init(hashes: sorted, weights: weights, transitions: transitions, calibration: calibration, recipe: recipe)
    }

    /// `hashes` must be distinct; `weights` holds `EntityTag.count` values per hash, in the same order.
    private init(hashes: [UInt64], weights: [Float], transitions: [Float], calibration: (Double, Double), recipe: [String: String]) {
        var bits: UInt64 = 4
        while (1 << bits) < hashes.count * 2 { bits += 1 }
        let capacity = 1 << Int(bits)
        var slotHashes = [UInt64](repeating: 0, count: capacity)
        var slotWeights = [SIMD8<Float>](repeating: SIMD8(), count: capacity)
        var zeroHashWeights: SIMD8<Float>?
        for (row, hash) in hashes.enumerated() {
            var lanes = SIMD8<Float>()
            for t in 0..<EntityTag.count { lanes[t] = weights[row * EntityTag.count + t] }
            if hash == 0 {
                zeroHashWeights = lanes
                continue
            }
            var slot = Self.slot(of: hash, shift: 64 - bits)
            while slotHashes[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            slotHashes[slot] = hash
            slotWeights[slot] = lanes
        }
        self.slotHashes = slotHashes
        self.slotWeights = slotWeights
        self.zeroHashWeights = zeroHashWeights
        self.shift = 64 - bits
        self.featureCount = hashes.count
        self.transitions = transitions
        self.calibration = calibration
        self.recipe = recipe
    }

    /// The home slot of a hash: its top bits after a multiplicative mix (FNV's low bits are weakly mixed).
    @inline(__always)
    private static func slot(of hash: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Every feature hash with its weights, sorted by hash (the file's order).
    func features() -> [(hash: UInt64, weights: SIMD8<Float>)] {
        var result: [(hash: UInt64, weights: SIMD8<Float>)] = []
        result.reserveCapacity(featureCount)
        if let zeroHashWeights { result.append((0, zeroHashWeights)) }
        for slot in slotHashes.indices where slotHashes[slot] != 0 { result.append((slotHashes[slot], slotWeights[slot])) }
        result.sort { $0.hash < $1.hash }
        return result
    }

    /// Read access to the weight table without bounds checks or reference counting, for the tagger's inner loop.
    struct WeightTable {
        let hashes: UnsafePointer<UInt64>
        let weights: UnsafePointer<SIMD8<Float>>
        let mask: Int
        let shift: UInt64
        let zeroHashWeights: SIMD8<Float>?

        /// Adds a feature's weights (if the model has the feature) to `sum`, lane by lane.
        @inline(__always)
        func add(_ hash: UInt64, to sum: inout SIMD8<Float>) {
            if hash == 0 {
                if let zeroHashWeights { sum += zeroHashWeights }
                return
            }
            var slot = EntitySequenceModel.slot(of: hash, shift: shift)
            while true {
                let stored = hashes[slot]
                if stored == hash { sum += weights[slot]; return }
                if stored == 0 { return }
                slot = (slot + 1) & mask
            }
        }
    }

    func withWeightTable<R>(_ body: (WeightTable) throws -> R) rethrows -> R {
        try slotHashes.withUnsafeBufferPointer { hashes in
            try slotWeights.withUnsafeBufferPointer { weights in
                try body(WeightTable(hashes: hashes.baseAddress!, weights: weights.baseAddress!, mask: hashes.count - 1,
                                     shift: shift, zeroHashWeights: zeroHashWeights))
            }
        }
    }

    /// Per-tag scores of one token's features.
    func emission(_ features: [UInt64], into scores: inout [Float]) {
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
