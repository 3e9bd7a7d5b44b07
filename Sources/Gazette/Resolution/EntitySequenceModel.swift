#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A linear sequence model over `EntityTag`s (an averaged perceptron with tag transitions), decoded with Viterbi
/// inside each candidate window. It weighs gazetteer, rule and context evidence together; `gazette train ner`
/// learns it (see `EntitySequenceTrainer`).
public struct EntitySequenceModel: Sendable {
    /// Feature hash → row of `EntityTag.count` weights, as an open-addressing table built at load.
    private let slots: [UInt64]
    private let rows: [Int32]
    let mask: Int

    func hashAt(_ slot: Int) -> UInt64 { slots[slot] }
    func rowAt(_ slot: Int) -> Int32 { rows[slot] }
    let weights: [Float]
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

    private init(hashes: [UInt64], weights: [Float], transitions: [Float], calibration: (Double, Double), recipe: [String: String]) {
        var capacity = 16
        while capacity < hashes.count * 2 { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        var rows = [Int32](repeating: -1, count: capacity)
        for (row, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while rows[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = hash
            rows[slot] = Int32(row)
        }
        self.slots = slots
        self.rows = rows
        self.mask = capacity - 1
        self.weights = weights
        self.transitions = transitions
        self.calibration = calibration
        self.recipe = recipe
    }

    public var featureCount: Int { weights.count / EntityTag.count }

    @inline(__always)
    func row(of hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let row = rows[slot]
            if row < 0 { return nil }
            if slots[slot] == hash { return Int(row) }
            slot = (slot + 1) & mask
        }
    }

    /// Per-tag scores of one token's features.
    func emission(_ features: [UInt64], into scores: inout [Float]) {
        for t in 0..<EntityTag.count { scores[t] = 0 }
        addEmission(features, to: &scores, at: 0)
    }

    /// Adds one token's per-tag scores to `scores[offset ..< offset + EntityTag.count]`.
    func addEmission(_ features: [UInt64], to scores: inout [Float], at offset: Int) {
        weights.withUnsafeBufferPointer { weights in
            scores.withUnsafeMutableBufferPointer { scores in
                for feature in features {
                    guard let row = row(of: feature) else { continue }
                    let base = row * EntityTag.count
                    for t in 0..<EntityTag.count { scores[offset + t] += weights[base + t] }
                }
            }
        }
    }

    func score(margin: Double) -> Double {
        1 / (1 + exp(-(calibration.slope * margin + calibration.intercept)))
    }
}

/// Viterbi decoding over a window of tokens, with optional tokens forced outside (to measure a span's margin).
enum EntityViterbi {
    /// Buffers reused across calls, so that decoding many short windows allocates nothing.
    struct Scratch {
        var best: [Float] = []
        var back: [Int8] = []
    }

    static func decode(emissions: [Float], length: Int, transitions: [Float], forcedOutside: Range<Int>? = nil) -> (tags: [EntityTag], score: Float) {
        var scratch = Scratch()
        return decode(emissions: emissions, length: length, transitions: transitions, forcedOutside: forcedOutside, scratch: &scratch)
    }

    /// The best tag sequence and its score. `emissions[i * count + tag]`; `transitions` as in the model.
    static func decode(emissions: [Float], length: Int, transitions: [Float], forcedOutside: Range<Int>? = nil,
                       scratch: inout Scratch) -> (tags: [EntityTag], score: Float) {
        let count = EntityTag.count
        guard length > 0 else { return ([], 0) }
        // Take the buffers out of `scratch` (no copy-on-write) and put them back when done.
        var best: [Float] = [], back: [Int8] = []
        swap(&best, &scratch.best)
        swap(&back, &scratch.back)
        defer {
            swap(&best, &scratch.best)
            swap(&back, &scratch.back)
        }
        best.removeAll(keepingCapacity: true)
        best.append(contentsOf: repeatElement(-.infinity, count: length * count))
        back.removeAll(keepingCapacity: true)
        back.append(contentsOf: repeatElement(0, count: length * count))
        let tags = EntityTag.allCases
        for tag in tags where isAllowed(tag, at: 0, forcedOutside) && !tag.isInside {
            best[tag.rawValue] = transitions[tag.rawValue] + emissions[tag.rawValue]
        }
        if length > 1 {
            for i in 1..<length {
                for tag in tags where isAllowed(tag, at: i, forcedOutside) {
                    var bestScore = -Float.infinity
                    var bestPrevious = 0
                    for previous in tags where previous.allows(tag) {
                        let candidate = best[(i - 1) * count + previous.rawValue] + transitions[(previous.rawValue + 1) * count + tag.rawValue]
                        if candidate > bestScore { bestScore = candidate; bestPrevious = previous.rawValue }
                    }
                    best[i * count + tag.rawValue] = bestScore + emissions[i * count + tag.rawValue]
                    back[i * count + tag.rawValue] = Int8(bestPrevious)
                }
            }
        }
        var last = 0
        for tag in 0..<count where best[(length - 1) * count + tag] > best[(length - 1) * count + last] { last = tag }
        var path = [EntityTag](repeating: .outside, count: length)
        path[length - 1] = EntityTag(rawValue: last)!
        var i = length - 1
        while i > 0 {
            last = Int(back[i * count + last])
            path[i - 1] = EntityTag(rawValue: last)!
            i -= 1
        }
        return (path, best[(length - 1) * count + path[length - 1].rawValue])
    }

    private static func isAllowed(_ tag: EntityTag, at i: Int, _ forced: Range<Int>?) -> Bool {
        guard let forced, forced.contains(i) else { return true }
        return tag == .outside
    }

    /// Spans of a tag sequence: (range in the window, label).
    static func spans(_ tags: [EntityTag]) -> [(Range<Int>, EntityLabel)] {
        var spans: [(Range<Int>, EntityLabel)] = []
        var start: Int?
        for (i, tag) in tags.enumerated() {
            if tag.isInside { continue }
            if let open = start { spans.append((open..<i, tags[open].label!)); start = nil }
            if tag.isBegin { start = i }
        }
        if let open = start { spans.append((open..<tags.count, tags[open].label!)) }
        return spans
    }
}
