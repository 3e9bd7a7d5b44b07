import Dispatch
import Gazette
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Trains a `LinearTopicModel`: multinomial logistic regression with L2 regularisation, minimised with L-BFGS.
///
/// Training is deterministic: the work is cut into a fixed number of slices whose gradients are added in a fixed
/// order, so the same examples and settings give the same model byte for byte, however threads are scheduled.
public struct TopicTrainer: Sendable {
    /// Hyper-parameters of training.
    public struct Settings: Sendable {
        /// The features to train on.
        public var features = TopicFeatureSettings()
        /// L2 penalty on the weights, relative to the mean loss per example.
        public var l2 = 2e-5
        /// At most this many L-BFGS iterations.
        public var iterations = 120
        /// Features seen in fewer training documents than this are ignored (and not stored).
        public var minDocumentFrequency = 2
        /// The same for buckets that only word pairs reach: pairs are many and mostly rare, and each stored one
        /// costs a memory access when scoring.
        public var minPairDocumentFrequency = 2
        /// Slices of the data whose gradients are computed in parallel. Part of the recipe: it fixes the order
        /// of additions, so it must not depend on the machine.
        public var slices = 2
        /// How much more idf a feature gets for pointing to few classes (0: none; see `applySupervisedIDF`).
        public var supervisedIDF: Float = 0
        /// Documents spread as the classes are, added to each feature's class counts for that (see there).
        public var supervisedIDFSmoothing: Float = 1

        /// The default settings.
        public init() {}

        /// The hyper-parameters as `key=value` pairs for the recipe.
        public var pairs: [(String, String)] {
            [("l2", "\(l2)"), ("iterations", "\(iterations)"), ("min-df", "\(minDocumentFrequency)"),
             ("min-pair-df", "\(minPairDocumentFrequency)"), ("slices", "\(slices)")]
                + (supervisedIDF > 0 ? [("supervised-idf", "\(supervisedIDF)"), ("supervised-idf-smoothing", "\(supervisedIDFSmoothing)")] : [])
        }
    }

    /// One labelled document, as feature counts.
    public struct Example: Sendable {
        /// The example's feature counts (with `pairOnly` marked).
        public var counts: TopicFeatureCounts
        /// Index of its label.
        public var label: Int
        /// How much this example counts in the loss (for example, to give a small source more say).
        public var weight: Double

        /// An example with its weight in the loss.
        public init(counts: TopicFeatureCounts, label: Int, weight: Double = 1) {
            self.counts = counts
            self.label = label
            self.weight = weight
        }
    }

    /// Where training is, after each iteration.
    public struct Progress: Sendable {
        /// The iteration just finished.
        public var iteration: Int
        /// The most iterations there will be.
        public var iterations: Int
        /// The objective after it.
        public var loss: Double
    }

    /// The hyper-parameters.
    public var settings: Settings

    /// A trainer with `settings`.
    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// Trains on `examples` (labels index into `labels`, or into `classes` when given: finer classes, each under
    /// one of the labels, whose probabilities the model sums per label). The model's temperature is 1 and its
    /// threshold 0.5 until `TopicCalibration` fits them on validation data. With `wordVectors`, each example's dense
    /// features (`counts.dense`, as `TopicWordVectors.features(of:)` gives them) get one weight per class and
    /// dimension too, kept as 32-bit floats.
    public func train(_ examples: [Example], labels: [String], classes: [(name: String, topic: Int)]? = nil, identifier: String,
                      recipe: [(key: String, value: String)] = [], wordVectors: TopicWordVectors? = nil,
                      progress: (Progress) -> Void = { _ in }) -> LinearTopicModel {
        let features = settings.features
        let bucketCount = features.bucketCount
        // One weight column per class (per label when there are no finer classes).
        let labelCount = classes?.count ?? labels.count

        // Document frequencies → idf, and the buckets that take part ("rows").
        var documentFrequency = [Int32](repeating: 0, count: bucketCount)
        var reachedByOthers = [Bool](repeating: false, count: bucketCount)
        for example in examples {
            for (position, bucket) in example.counts.buckets.enumerated() {
                documentFrequency[Int(bucket)] += 1
                if position >= example.counts.pairOnly.count || !example.counts.pairOnly[position] { reachedByOthers[Int(bucket)] = true }
            }
        }
        let documents = Float(examples.count)
        var idf = [Float](repeating: 0, count: bucketCount)
        var rowOfBucket = [Int32](repeating: -1, count: bucketCount)
        var bucketOfRow: [Int] = []
        for bucket in 0..<bucketCount {
            let minimum = reachedByOthers[bucket] ? settings.minDocumentFrequency : settings.minPairDocumentFrequency
            guard documentFrequency[bucket] > 0, documentFrequency[bucket] >= Int32(max(1, minimum)) else { continue }
            let value = logf((documents + 1) / (Float(documentFrequency[bucket]) + 1)) + 1
            idf[bucket] = TopicWeightTable.storedIDF(value)
            rowOfBucket[bucket] = Int32(bucketOfRow.count)
            bucketOfRow.append(bucket)
        }
        if !features.inverseDocumentFrequency {
            for bucket in bucketOfRow { idf[bucket] = 1 }
        }
        Self.applySupervisedIDF(to: &idf, bucketOfRow: bucketOfRow, rowOfBucket: rowOfBucket, examples: examples, labelCount: labelCount,
                                strength: settings.supervisedIDF, smoothing: settings.supervisedIDFSmoothing)

        // Examples as rows and values, in flat arrays; dense features take the rows after the buckets'.
        let denseCount = wordVectors?.dimensions ?? 0
        var data = Design(labelCount: labelCount)
        let stride = data.stride
        for example in examples {
            let vector = TopicFeatureVector(example.counts) { idf[Int($0)] }
            for (bucket, value) in zip(vector.buckets, vector.values) {
                data.rows.append(rowOfBucket[Int(bucket)])
                data.values.append(value)
            }
            for (dimension, value) in example.counts.dense.prefix(denseCount).enumerated() where value != 0 {
                data.rows.append(Int32(bucketOfRow.count + dimension))
                data.values.append(value)
            }
            data.ends.append(data.rows.count)
            data.labels.append(example.label)
            data.weights.append(example.weight)
        }
        let design = data
        let totalWeight = design.weights.reduce(0, +)
        let rowCount = bucketOfRow.count
        let parameterCount = (rowCount + denseCount) * stride + stride
        let l2 = settings.l2
        let slices = max(1, settings.slices)

        var parameters = [Float](repeating: 0, count: parameterCount)
        var optimizer = LBFGS()
        optimizer.maxIterations = settings.iterations

        optimizer.minimize(&parameters, objective: { x, gradient in
            let exampleCount = design.labels.count
            let bounds = (0...slices).map { $0 * exampleCount / slices }
            let vectors = Design.lanes(of: x)
            let results = ResultSlots<(loss: Double, gradient: [Design.Lanes])>(count: slices)
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                results[slice] = design.accumulate(examples: bounds[slice]..<bounds[slice + 1], parameters: vectors,
                                                   rowCount: rowCount + denseCount, totalWeight: totalWeight)
            }
            // The slices' parts are added in slice order, whichever finished first.
            var loss = 0.0
            for slice in 0..<slices { loss += results[slice]!.loss }
            for slice in 0..<slices {
                let partial = results[slice]!.gradient
                for i in 0..<parameterCount {
                    let part = partial[i / Design.Lanes.scalarCount][i % Design.Lanes.scalarCount]
                    gradient[i] = slice == 0 ? part : gradient[i] + part
                }
            }
            let penalty = Float(l2)
            for i in 0..<parameterCount { gradient[i] += penalty * x[i] }
            loss += 0.5 * l2 * LBFGS.dot(x, x)
            return loss
        }, progress: { step in
            progress(Progress(iteration: step.number, iterations: settings.iterations, loss: step.value))
        })

        // Quantise each label's weights to 8 bits with its own scale.
        var scales = [Float](repeating: 0, count: labelCount)
        for row in 0..<rowCount {
            for label in 0..<labelCount { scales[label] = max(scales[label], abs(parameters[row * stride + label])) }
        }
        for label in 0..<labelCount { scales[label] = scales[label] > 0 ? scales[label] / 127 : 1 }
        var weights = [Int8](repeating: 0, count: bucketCount * labelCount)
        for (row, bucket) in bucketOfRow.enumerated() {
            for label in 0..<labelCount {
                let q = (parameters[row * stride + label] / scales[label]).rounded()
                weights[bucket * labelCount + label] = Int8(max(-127, min(127, q)))
            }
        }
        let biases = (0..<labelCount).map { parameters[(rowCount + denseCount) * stride + $0] }
        let denseWeights = (0..<(denseCount * labelCount)).map { parameters[(rowCount + $0 / labelCount) * stride + $0 % labelCount] }
        return LinearTopicModel(identifier: identifier, labels: labels, classes: classes, settings: features, weights: weights, idf: idf, scales: scales,
                                biases: biases, temperature: 1, threshold: 0.5, recipe: recipe,
                                wordVectors: wordVectors?.with(weights: denseWeights, labelCount: labelCount))
    }
}

/// The training data as flat arrays: example i's features are `rows[ends[i-1]..<ends[i]]` with `values`.
///
/// Parameters are laid out row by row with `stride` (the label count rounded up to 16) floats per row, so that
/// one row is whole SIMD vectors; the padding lanes stay zero.
private struct Design: Sendable {
    typealias Lanes = SIMD16<Float>
    let labelCount: Int
    let stride: Int
    var rows: [Int32] = []
    var values: [Float] = []
    var ends: [Int] = []
    var labels: [Int] = []
    var weights: [Double] = []

    init(labelCount: Int) {
        self.labelCount = labelCount
        stride = (labelCount + Lanes.scalarCount - 1) / Lanes.scalarCount * Lanes.scalarCount
    }

    /// Parameters as whole vectors: `stride` floats (`stride / 16` vectors) per row, then the biases.
    static func lanes(of x: [Float]) -> [Lanes] {
        (0..<(x.count / Lanes.scalarCount)).map { vector in
            Lanes(x[(vector * Lanes.scalarCount)..<((vector + 1) * Lanes.scalarCount)])
        }
    }

    /// The weighted cross-entropy of `examples` (divided by `totalWeight`) and its gradient, laid out as `parameters`.
    func accumulate(examples: Range<Int>, parameters: [Lanes], rowCount: Int, totalWeight: Double) -> (loss: Double, gradient: [Lanes]) {
        let chunks = stride / Lanes.scalarCount
        let biasRow = rowCount * chunks
        var gradient = [Lanes](repeating: .zero, count: parameters.count)
        var logits = [Lanes](repeating: .zero, count: chunks)
        var scores = [Float](repeating: 0, count: stride)
        var loss = 0.0
        for example in examples {
            let start = example == 0 ? 0 : ends[example - 1]
            let end = ends[example]
            for chunk in 0..<chunks { logits[chunk] = parameters[biasRow + chunk] }
            for j in start..<end {
                let row = Int(rows[j]) * chunks
                let value = Lanes(repeating: values[j])
                for chunk in 0..<chunks { logits[chunk] += value * parameters[row + chunk] }
            }
            var top = -Float.infinity
            for label in 0..<labelCount {
                scores[label] = logits[label / Lanes.scalarCount][label % Lanes.scalarCount]
                top = max(top, scores[label])
            }
            var total: Float = 0
            for label in 0..<labelCount {
                scores[label] = expf(scores[label] - top)
                total += scores[label]
            }
            let gold = labels[example]
            let share = Float(weights[example] / totalWeight)
            loss += Double(share) * (Double(logf(total)) - Double(logf(max(scores[gold], .leastNormalMagnitude))))
            for label in 0..<labelCount {
                let g = share * (scores[label] / total - (label == gold ? 1 : 0))
                logits[label / Lanes.scalarCount][label % Lanes.scalarCount] = g
            }
            // `logits` now holds the gradient of the loss with respect to them (zero in the padding lanes).
            for chunk in 0..<chunks { gradient[biasRow + chunk] += logits[chunk] }
            for j in start..<end {
                let row = Int(rows[j]) * chunks
                let value = Lanes(repeating: values[j])
                for chunk in 0..<chunks { gradient[row + chunk] += value * logits[chunk] }
            }
        }
        return (loss, gradient)
    }
}
