/// Counts the distinct buckets of a walk's features: the kernel behind `TopicFeatureExtractor.counts(of:)` and the
/// scoring path.
///
/// Adding only appends to a buffer allocated by hand (freed by `deallocate`), with no uniqueness or bounds checks.
/// Unknown buckets are dropped afterwards in one tight loop: there the bitmap loads of many features are in flight
/// at once and no branch depends on them (whether a word pair's bucket is known cannot be predicted). The distinct
/// buckets are then found through a small open-addressing table. `referenceCounts` is the same counting written
/// plainly with a dictionary, and `TopicFeatureCounterTests` pins the two together.
struct TopicFeatureCounter: TopicFeatureSink {
    let markingPairs: Bool
    /// When given, only buckets whose bit is set here are counted.
    let known: UnsafeBufferPointer<UInt64>?
    /// Features in order; bit 31 marks a word pair (buckets have at most 24 bits).
    private var pending: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    private var count = 0
    private static let pairBit: UInt32 = 1 << 31

    private init(markingPairs: Bool, known: UnsafeBufferPointer<UInt64>?) {
        self.markingPairs = markingPairs
        self.known = known
        capacity = 1024
        pending = .allocate(capacity: capacity)
    }

    private func deallocate() { pending.deallocate() }

    /// The distinct buckets that `fill` adds, in first-seen order, with how often each was added (only those whose
    /// bit is set in `known` when it is given, 64 buckets a word). With `markingPairs`, also which buckets only
    /// word pairs reached.
    static func counts(markingPairs: Bool, known: [UInt64]?, _ fill: (inout TopicFeatureCounter) -> Void) -> TopicFeatureCounts {
        func count(_ known: UnsafeBufferPointer<UInt64>?) -> TopicFeatureCounts {
            var counter = TopicFeatureCounter(markingPairs: markingPairs, known: known)
            defer { counter.deallocate() }
            fill(&counter)
            return counter.withCounts { buckets, counts, pairOnly in
                var result = TopicFeatureCounts(buckets: Array(buckets), counts: Array(counts))
                result.pairOnly = Array(pairOnly)
                return result
            }
        }
        guard let known else { return count(nil) }
        return known.withUnsafeBufferPointer { count($0) }
    }

    /// `counts(markingPairs: false, known:, fill)` handed to `body` as buffers that live only for the call: scoring
    /// allocates no arrays for them.
    static func withCounts<Result>(known: [UInt64], _ fill: (inout TopicFeatureCounter) -> Void,
                                   _ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Float>) -> Result) -> Result {
        known.withUnsafeBufferPointer { known in
            var counter = TopicFeatureCounter(markingPairs: false, known: known)
            defer { counter.deallocate() }
            fill(&counter)
            return counter.withCounts { buckets, counts, _ in body(buckets, counts) }
        }
    }

    /// Takes one feature (its name is never asked for).
    @inline(__always)
    mutating func add(_ bucket: UInt32, pair: Bool, name: () -> String) {
        if count == capacity { grow() }
        pending[count] = pair ? bucket | Self.pairBit : bucket
        count &+= 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        larger.update(from: pending, count: count)
        pending.deallocate()
        pending = larger
        capacity *= 2
    }

    /// The distinct known buckets in first-seen order with their counts, handed to `body` as buffers that live only
    /// for the call (`pairOnly` is empty unless `markingPairs`). The distinct buckets are written over the pending
    /// features, which they never overtake.
    private func withCounts<Result>(_ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<Float>, UnsafeBufferPointer<Bool>) -> Result) -> Result {
        var count = count
        if let known {
            var kept = 0
            for index in 0..<count {
                let bucket = pending[index] & ~Self.pairBit
                pending[kept] = pending[index]
                kept &+= Int(truncatingIfNeeded: (known[Int(bucket >> 6)] >> UInt64(bucket & 63)) & 1)
            }
            count = kept
        }
        var size = 64
        while size < count * 2 { size <<= 1 }
        let mask = size - 1
        let empty = UInt32.max
        let markingPairs = markingPairs, pending = pending
        // Slot s holds a bucket (`empty` when free) and its position among the distinct buckets.
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { slots in
            slots.initialize(repeating: UInt64(empty))
            return withUnsafeTemporaryAllocation(of: Float.self, capacity: count) { counts in
                withUnsafeTemporaryAllocation(of: Bool.self, capacity: markingPairs ? count : 0) { pairOnly in
                    var distinct = 0
                    for index in 0..<count {
                        let feature = pending[index]
                        let bucket = feature & ~Self.pairBit
                        let pair = feature & Self.pairBit != 0
                        var slot = Int(bucket &* 0x9E37_79B1) & mask
                        while true {
                            let held = slots[slot]
                            let heldBucket = UInt32(truncatingIfNeeded: held)
                            if heldBucket == empty {
                                slots[slot] = UInt64(bucket) | UInt64(distinct) << 32
                                pending[distinct] = bucket
                                counts.initializeElement(at: distinct, to: 1)
                                if markingPairs { pairOnly.initializeElement(at: distinct, to: pair) }
                                distinct &+= 1
                                break
                            }
                            if heldBucket == bucket {
                                let position = Int(held >> 32)
                                counts[position] += 1
                                if markingPairs && !pair { pairOnly[position] = false }
                                break
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                    return body(UnsafeBufferPointer(start: pending, count: distinct), UnsafeBufferPointer(rebasing: counts[..<distinct]),
                                UnsafeBufferPointer(rebasing: pairOnly[..<(markingPairs ? distinct : 0)]))
                }
            }
        }
    }
}

// MARK: - Reference

extension TopicFeatureCounter {
    /// `counts(markingPairs:known:_:)` of the features `features`, written plainly with a dictionary: the reference
    /// the counter is tested against.
    static func referenceCounts(of features: [(bucket: UInt32, pair: Bool)], markingPairs: Bool, known: [UInt64]?) -> TopicFeatureCounts {
        var result = TopicFeatureCounts()
        var positions: [UInt32: Int] = [:]
        for (bucket, pair) in features {
            if let known, (known[Int(bucket / 64)] >> UInt64(bucket % 64)) & 1 == 0 { continue }
            if let position = positions[bucket] {
                result.counts[position] += 1
                if markingPairs && !pair { result.pairOnly[position] = false }
            } else {
                positions[bucket] = result.buckets.count
                result.buckets.append(bucket)
                result.counts.append(1)
                if markingPairs { result.pairOnly.append(pair) }
            }
        }
        return result
    }
}
