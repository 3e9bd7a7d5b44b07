#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Gazette

extension TopicTrainer {
    /// Raises the idf of features that point to few classes: each row's idf is multiplied by
    /// `1 + strength × (1 − H / log K)`, H being the entropy of the row's class distribution over K classes. That
    /// distribution is the share of each class's documents that hold the feature (so that big classes do not look
    /// like where every feature points), plus `smoothing` documents spread as the classes are (so that a feature seen
    /// in two documents of one class does not count as certain). Under the L2 penalty a larger feature value needs a
    /// smaller weight, so the penalty bears less on features that tell classes apart: the supervised counterpart of
    /// idf, as in NBSVM's log-count ratios, in one factor per feature that the model's idf table already stores.
    static func applySupervisedIDF(to idf: inout [Float], bucketOfRow: [Int], rowOfBucket: [Int32], examples: [Example],
                                   labelCount: Int, strength: Float, smoothing: Float) {
        guard strength > 0, labelCount > 1, !examples.isEmpty else { return }
        var classDocuments = [Float](repeating: 0, count: labelCount)
        for example in examples { classDocuments[example.label] += 1 }
        let documentCount = Float(examples.count)
        // Documents holding each row, per class (an example's buckets are distinct).
        var counts = [Float](repeating: 0, count: bucketOfRow.count * labelCount)
        for example in examples {
            for bucket in example.counts.buckets where rowOfBucket[Int(bucket)] >= 0 {
                counts[Int(rowOfBucket[Int(bucket)]) * labelCount + example.label] += 1
            }
        }
        let maximumEntropy = logf(Float(labelCount))
        var shares = [Float](repeating: 0, count: labelCount)
        for (row, bucket) in bucketOfRow.enumerated() {
            var total: Float = 0
            for label in 0..<labelCount {
                // The class's rate, scaled as if the classes were the same size, and the smoothing documents.
                let rate = counts[row * labelCount + label] / max(1, classDocuments[label]) * documentCount / Float(labelCount)
                shares[label] = rate + smoothing * classDocuments[label] / documentCount
                total += shares[label]
            }
            guard total > 0 else { continue }
            var entropy: Float = 0
            for share in shares where share > 0 {
                let p = share / total
                entropy -= p * logf(p)
            }
            let factor = 1 + strength * max(0, 1 - entropy / maximumEntropy)
            idf[bucket] = TopicWeightTable.storedIDF(idf[bucket] * factor)
        }
    }
}
