#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document's weighted feature vector: sub-linear term frequency (1 + ln count) times inverse document
/// frequency, scaled to unit length so that a headline and a long article weigh alike.
public struct TopicFeatureVector: Sendable, Hashable {
    /// The feature buckets, each once.
    public var buckets: [UInt32]
    /// Each bucket's weight; the vector has unit length.
    public var values: [Float]
    /// Dense word-vector features beside the hashed ones (`TopicWordVectors`); empty when the model has none.
    public var dense: [Float] = []
    /// The document's words and numbers, as in `TopicFeatureCounts.words`.
    public var words: Int = 0

    /// A vector of given buckets and values.
    public init(buckets: [UInt32] = [], values: [Float] = []) {
        self.buckets = buckets
        self.values = values
    }

    /// Weights `counts`. Buckets whose `idf` is 0 (never seen in training) are dropped before scaling, so an
    /// unknown word does not dilute the known ones.
    public init(_ counts: TopicFeatureCounts, idf: (UInt32) -> Float) {
        words = counts.words
        buckets = []
        values = []
        buckets.reserveCapacity(counts.buckets.count)
        values.reserveCapacity(counts.buckets.count)
        var squares: Float = 0
        for (bucket, count) in zip(counts.buckets, counts.counts) {
            let weight = idf(bucket)
            guard weight > 0 else { continue }
            let value = Self.termWeight(count) * weight
            buckets.append(bucket)
            values.append(value)
            squares += value * value
        }
        if squares > 0 {
            let scale = 1 / squares.squareRoot()
            for i in values.indices { values[i] *= scale }
        }
    }

    /// The sub-linear weight of a term that occurs `count` times: 1 + ln count (1 for once).
    static func termWeight(_ count: Float) -> Float {
        termWeight(count, smallCounts: smallCountWeights)
    }

    /// `termWeight` with `smallCountWeights` at hand (read once before a loop): small whole counts, the usual
    /// ones, are looked up instead of taking a logarithm each.
    static func termWeight(_ count: Float, smallCounts: [Float]) -> Float {
        if count == 1 { return 1 }  // most features
        if count < Float(smallCounts.count) {
            let whole = Int(count)
            if Float(whole) == count, whole >= 0 { return smallCounts[whole] }
        }
        return 1 + logf(count)
    }

    /// `termWeight` of the counts 0 to 63, computed the same way (so looking them up changes no bit).
    static let smallCountWeights: [Float] = (0..<64).map { $0 == 1 ? 1 : 1 + logf(Float($0)) }
}
