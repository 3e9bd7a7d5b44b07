import Gazette
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Learns an `EntitySequenceModel` with the averaged structured perceptron, from documents that already carry
/// candidates (run the pipeline's stages up to the rules) and gold entity spans.
public struct EntitySequenceTrainer {
    /// How to train.
    public struct Settings: Sendable {
        /// Passes over the training windows.
        public var epochs = 12
        /// Seed of the shuffles: the same seed gives the same model.
        public var seed: UInt64 = 1
        /// Share of documents held out to fit the score calibration (the final model then trains on all).
        public var heldOut = 0.1
        /// Features whose averaged weights are all smaller than this (in absolute value) are left out of the
        /// model: they change few decisions, and a smaller weight table stays in the processor's caches.
        public var pruneBelow: Float = 0.01
        /// The defaults: 12 epochs, seed 1, a tenth held out, features of weights under 0.01 left out.
        public init() {}
    }

    /// One training document: annotated up to candidates, its gold spans (UTF-8 byte offsets) and how much a
    /// mistake on it counts (its source's weight).
    public struct Example {
        /// The document, annotated by the pipeline's stages up to the rules.
        public var document: Document
        /// The gold entity spans.
        public var gold: [(range: Range<Int>, label: EntityLabel)]
        /// The size of a perceptron update on this document's windows: 2 counts each mistake as if the document
        /// were seen twice, 0.5 as half. Must be positive.
        public var weight: Double
        /// An example of weight `weight` (1 by default).
        public init(document: Document, gold: [(range: Range<Int>, label: EntityLabel)], weight: Double = 1) {
            self.document = document
            self.gold = gold
            self.weight = weight
        }
    }

    /// One training window: its tokens' features, gold tags and its document's weight.
    struct Window {
        var features: [[UInt64]]
        var gold: [EntityTag]
        var weight: Double = 1
    }

    /// What training saw and how the calibration model did.
    public struct Report: Sendable {
        /// Documents trained on.
        public var documents = 0
        /// Candidate windows trained on.
        public var windows = 0
        /// Gold entity spans in the documents.
        public var goldSpans = 0
        /// Gold spans whose boundaries fall inside a token, or outside every candidate window: the model cannot
        /// learn them.
        public var unreachableSpans = 0
        /// On the held-out documents, with the calibration model: (predicted spans, correct, gold).
        public var heldOutCounts = (predicted: 0, correct: 0, gold: 0)
    }

    let features: EntityFeatures
    let settings: Settings

    /// A trainer with `settings`. The word lists reach the features through the documents' word-list flags.
    public init(settings: Settings = Settings()) {
        self.features = EntityFeatures()
        self.settings = settings
    }

    /// Trains on `documents` (annotated up to candidates) with gold spans in UTF-8 byte offsets per document, each of
    /// weight 1.
    public func train(_ documents: [(document: Document, gold: [(range: Range<Int>, label: EntityLabel)])],
                      recipe: [String: String], progress: (String) -> Void = { _ in }) -> (EntitySequenceModel, Report) {
        train(examples: documents.map { Example(document: $0.document, gold: $0.gold) }, recipe: recipe, progress: progress)
    }

    /// Trains on weighted `examples`. The calibration documents are spread over the whole list (every n-th
    /// document), so that with several sources each gives its share.
    public func train(examples: [Example], recipe: [String: String], progress: (String) -> Void = { _ in }) -> (EntitySequenceModel, Report) {
        var report = Report()
        var perDocument: [[Window]] = []
        for example in examples {
            var (windows, unreachable) = self.windows(example.document, gold: example.gold)
            for index in windows.indices { windows[index].weight = example.weight }
            perDocument.append(windows)
            report.documents += 1
            report.windows += windows.count
            report.goldSpans += example.gold.count
            report.unreachableSpans += unreachable
        }
        // Calibration: train on all but the held-out share, fit span scores on the rest.
        let heldOut = Self.calibrationDocuments(count: examples.count, share: settings.heldOut)
        var calibration = (slope: 1.0, intercept: 0.0)
        if !heldOut.isEmpty {
            let trainPart = perDocument.indices.filter { !heldOut.contains($0) }.flatMap { perDocument[$0] }
            progress("calibration run on \(examples.count - heldOut.count) documents")
            let (features, transitions) = perceptron(trainPart, progress: progress)
            let provisional = EntitySequenceModel(features: features, transitions: transitions, calibration: (1, 0), recipe: [:])
            var margins: [(Double, Bool)] = []
            for window in heldOut.sorted().flatMap({ perDocument[$0] }) {
                let (pairs, counts) = spanMargins(window, model: provisional)
                margins += pairs
                report.heldOutCounts.predicted += counts.predicted
                report.heldOutCounts.correct += counts.correct
                report.heldOutCounts.gold += counts.gold
            }
            calibration = Self.fitLogistic(margins)
        }
        progress("final run on \(examples.count) documents")
        let (features, transitions) = perceptron(perDocument.flatMap { $0 }, progress: progress)
        var fullRecipe = recipe
        fullRecipe["epochs"] = String(settings.epochs)
        fullRecipe["seed"] = String(settings.seed)
        fullRecipe["held-out"] = String(settings.heldOut)
        fullRecipe["documents"] = String(report.documents)
        fullRecipe["features"] = String(features.count)
        return (EntitySequenceModel(features: features, transitions: transitions, calibration: calibration, recipe: fullRecipe), report)
    }

    /// The documents that fit the calibration: `share` of `count`, every n-th one (the last of each group of n), so
    /// that documents from every part of the list take part.
    static func calibrationDocuments(count: Int, share: Double) -> Set<Int> {
        let wanted = Int(Double(count) * share)
        guard wanted > 0 else { return [] }
        let stride = max(1, count / wanted)
        return Set((0..<wanted).map { ($0 + 1) * stride - 1 })
    }

    private func windows(_ document: Document, gold: [(range: Range<Int>, label: EntityLabel)]) -> ([Window], Int) {
        let context = features.context(for: document)
        var tags = [EntityTag](repeating: .outside, count: document.tokens.count)
        var unreachable = 0
        var startIndex: [Int: Int] = [:], endIndex: [Int: Int] = [:]
        for (index, token) in document.tokens.enumerated() {
            startIndex[token.start] = index
            endIndex[token.end] = index
        }
        for span in gold {
            guard let first = startIndex[span.range.lowerBound], let last = endIndex[span.range.upperBound], first <= last,
                  let begin = EntityTag.begin(span.label) else {
                unreachable += 1
                continue
            }
            tags[first] = begin
            for t in (first + 1)..<(last + 1) { tags[t] = begin.inside }
        }
        let windows = features.windows(in: document, context: context)
        var covered = [Bool](repeating: false, count: document.tokens.count)
        for window in windows { for t in window { covered[t] = true } }
        for span in gold {
            if let first = startIndex[span.range.lowerBound], let last = endIndex[span.range.upperBound], first <= last,
               !(first...last).allSatisfy({ covered[$0] }) {
                unreachable += 1
            }
        }
        var hashes: [UInt64] = []
        let result = windows.map { window -> Window in
            var gold = window.map { tags[$0] }
            // A gold span cut by the window edge cannot be decoded whole: repair the tags so they stay valid.
            if let first = gold.first, first.isInside { gold[0] = EntityTag.begin(first.label!)! }
            return Window(features: window.map { t in
                features.features(at: t, in: document, context: context, into: &hashes)
                return hashes
            }, gold: gold)
        }
        return (result, unreachable)
    }

    /// The averaged perceptron. Returns averaged weights per feature and transitions.
    private func perceptron(_ windows: [Window], progress: (String) -> Void) -> ([UInt64: [Float]], [Float]) {
        let tagCount = EntityTag.count
        var rowOf: [UInt64: Int] = [:]
        var weights: [Double] = [], accumulated: [Double] = []
        let transitionCount = (tagCount + 1) * tagCount
        var transitions = [Double](repeating: 0, count: transitionCount)
        var transitionsAccumulated = [Double](repeating: 0, count: transitionCount)
        var step = 1.0
        var order = Array(windows.indices)
        var random = SeededGenerator(seed: settings.seed)

        func row(_ hash: UInt64) -> Int {
            if let row = rowOf[hash] { return row }
            rowOf[hash] = weights.count / tagCount
            weights += repeatElement(0, count: tagCount)
            accumulated += repeatElement(0, count: tagCount)
            return weights.count / tagCount - 1
        }

        var emissions: [Float] = []
        var transitionsFloat = [Float](repeating: 0, count: transitionCount)
        for epoch in 1...settings.epochs {
            // Fisher–Yates with a seeded generator: the same seed gives the same model.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            var mistakes = 0
            for index in order {
                let window = windows[index]
                emissions = [Float](repeating: 0, count: window.gold.count * tagCount)
                for (offset, hashes) in window.features.enumerated() {
                    for hash in hashes {
                        guard let r = rowOf[hash] else { continue }
                        for t in 0..<tagCount { emissions[offset * tagCount + t] += Float(weights[r * tagCount + t]) }
                    }
                }
                for i in 0..<transitionCount { transitionsFloat[i] = Float(transitions[i]) }
                let predicted = EntityViterbi.decode(emissions: emissions, length: window.gold.count, transitions: transitionsFloat).tags
                if predicted != window.gold {
                    mistakes += 1
                    // A weighted update: the same direction, scaled by the window's source weight.
                    let size = window.weight, accumulatedSize = step * window.weight
                    for (offset, hashes) in window.features.enumerated() where predicted[offset] != window.gold[offset] {
                        for hash in hashes {
                            let r = row(hash)
                            weights[r * tagCount + window.gold[offset].rawValue] += size
                            accumulated[r * tagCount + window.gold[offset].rawValue] += accumulatedSize
                            weights[r * tagCount + predicted[offset].rawValue] -= size
                            accumulated[r * tagCount + predicted[offset].rawValue] -= accumulatedSize
                        }
                    }
                    for offset in 0..<window.gold.count {
                        let goldFrom = offset == 0 ? 0 : window.gold[offset - 1].rawValue + 1
                        let predictedFrom = offset == 0 ? 0 : predicted[offset - 1].rawValue + 1
                        let goldIndex = goldFrom * tagCount + window.gold[offset].rawValue
                        let predictedIndex = predictedFrom * tagCount + predicted[offset].rawValue
                        if goldIndex == predictedIndex { continue }
                        transitions[goldIndex] += size
                        transitionsAccumulated[goldIndex] += accumulatedSize
                        transitions[predictedIndex] -= size
                        transitionsAccumulated[predictedIndex] -= accumulatedSize
                    }
                }
                step += 1
            }
            progress("epoch \(epoch)/\(settings.epochs): \(mistakes) of \(windows.count) windows wrong, \(rowOf.count) features")
        }
        var averaged: [UInt64: [Float]] = [:]
        for (hash, r) in rowOf {
            let values = (0..<tagCount).map { Float(weights[r * tagCount + $0] - accumulated[r * tagCount + $0] / step) }
            if values.contains(where: { abs($0) >= settings.pruneBelow }) { averaged[hash] = values }
        }
        let averagedTransitions = (0..<transitionCount).map { Float(transitions[$0] - transitionsAccumulated[$0] / step) }
        return (averaged, averagedTransitions)
    }

    /// For each predicted span in a window: its margin and whether it is right; and the window's counts.
    private func spanMargins(_ window: Window, model: EntitySequenceModel) -> ([(Double, Bool)], (predicted: Int, correct: Int, gold: Int)) {
        var emissions = [Float](repeating: 0, count: window.gold.count * EntityTag.count)
        var scores = [Float](repeating: 0, count: EntityTag.count)
        for (offset, hashes) in window.features.enumerated() {
            model.emission(hashes, into: &scores)
            for t in 0..<EntityTag.count { emissions[offset * EntityTag.count + t] = scores[t] }
        }
        let best = EntityViterbi.decode(emissions: emissions, length: window.gold.count, transitions: model.transitions)
        let goldSpans = EntityViterbi.spans(window.gold)
        var pairs: [(Double, Bool)] = []
        var correct = 0
        let predictedSpans = EntityViterbi.spans(best.tags)
        for (span, label) in predictedSpans {
            let without = EntityViterbi.decode(emissions: emissions, length: window.gold.count, transitions: model.transitions, forcedOutside: span)
            let right = goldSpans.contains { $0.0 == span && $0.1 == label }
            if right { correct += 1 }
            pairs.append((Double(best.score - without.score), right))
        }
        return (pairs, (predictedSpans.count, correct, goldSpans.count))
    }

    /// One-feature logistic regression, P(right) = σ(slope × margin + intercept), by Newton's method on the
    /// standardised margin with a small ridge penalty, so that nearly separable data stays finite.
    static func fitLogistic(_ samples: [(Double, Bool)]) -> (slope: Double, intercept: Double) {
        guard samples.contains(where: { $0.1 }), samples.contains(where: { !$0.1 }) else { return (1, 0) }
        let n = Double(samples.count)
        let mean = samples.reduce(0) { $0 + $1.0 } / n
        let deviation = max(sqrt(samples.reduce(0) { $0 + ($1.0 - mean) * ($1.0 - mean) } / n), 1e-9)
        var a = 0.0, b = 0.0  // on z = (margin - mean) / deviation
        let ridge = 1.0
        for _ in 0..<100 {
            var ga = ridge * a, gb = 0.0, haa = ridge, hab = 0.0, hbb = 1e-9
            for (x, y) in samples {
                let z = (x - mean) / deviation
                let p = 1 / (1 + exp(-(a * z + b)))
                let error = p - (y ? 1 : 0)
                let w = p * (1 - p)
                ga += error * z; gb += error
                haa += w * z * z; hab += w * z; hbb += w
            }
            let determinant = haa * hbb - hab * hab
            guard determinant > 0 else { break }
            let da = (hbb * ga - hab * gb) / determinant
            let db = (haa * gb - hab * ga) / determinant
            a -= da
            b -= db
            if abs(da) < 1e-10 && abs(db) < 1e-10 { break }
        }
        return (a / deviation, b - a * mean / deviation)
    }
}
