import Gazette
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fits a model's temperature and reporting threshold on validation data that it was not trained on.
public enum TopicCalibration {
    /// A fitted calibration and what it changed on the validation data.
    public struct Result: Sendable {
        /// Logits are divided by this before the softmax.
        public var temperature: Double
        /// Labels other than the best are reported from this probability on.
        public var threshold: Double
        /// Mean negative log-likelihood of the gold label before (temperature 1) and after scaling.
        public var logLossBefore: Double
        /// Validation log loss with the fitted temperature.
        public var logLossAfter: Double
        /// Expected calibration error of the top label (10 equal-width bins), before and after.
        public var calibrationErrorBefore: Double
        /// Validation expected calibration error with the fitted temperature.
        public var calibrationErrorAfter: Double
        /// Micro-F1 of the reported label sets against the gold labels at the chosen threshold.
        public var setF1: Double
        /// Mean number of labels reported per document at the chosen threshold.
        public var labelsPerDocument: Double
    }

    /// Temperature minimising the validation log-loss (golden-section search on log T in [0.05, 20]); then the
    /// threshold in 0.05…0.95 (steps of 0.01) whose reported label sets (the best label, plus every label at
    /// or above the threshold) have the highest micro-F1 against the gold labels; ties go to the higher threshold.
    /// `probabilities` turns the row of logits at an index into label probabilities at a temperature (by default
    /// the row's softmax; a model with finer classes than labels passes its
    /// `probabilities(fromLogits:temperature:words:)`, which also needs the document's length).
    public static func fit(logits: [[Double]], gold: [Int],
                           probabilities: ((Int, Double) -> [Double])? = nil) -> Result {
        precondition(logits.count == gold.count && !gold.isEmpty)
        let toProbabilities = probabilities ?? { LinearTopicModel.softmax(logits[$0], temperature: $1) }
        func logLoss(_ temperature: Double) -> Double {
            var total = 0.0
            for (index, label) in gold.enumerated() {
                let probabilities = toProbabilities(index, temperature)
                total -= log(max(probabilities[label], 1e-300))
            }
            return total / Double(gold.count)
        }
        var low = log(0.05), high = log(20.0)
        let ratio = (5.0.squareRoot() - 1) / 2
        var a = high - ratio * (high - low), b = low + ratio * (high - low)
        var fa = logLoss(exp(a)), fb = logLoss(exp(b))
        for _ in 0..<60 {
            if fa < fb {
                high = b; b = a; fb = fa
                a = high - ratio * (high - low); fa = logLoss(exp(a))
            } else {
                low = a; a = b; fa = fb
                b = low + ratio * (high - low); fb = logLoss(exp(b))
            }
        }
        let temperature = exp((low + high) / 2)
        let probabilities = logits.indices.map { toProbabilities($0, temperature) }

        var bestThreshold = 0.5, bestF1 = -1.0, bestSize = 1.0
        for step in 5...95 {
            let threshold = Double(step) / 100
            var correct = 0, predicted = 0
            for (row, label) in zip(probabilities, gold) {
                let chosen = LinearTopicModel.reported(row, threshold: threshold)
                predicted += chosen.count
                if chosen.contains(where: { $0.0 == label }) { correct += 1 }
            }
            let precision = Double(correct) / Double(predicted)
            let recall = Double(correct) / Double(gold.count)
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            if f1 >= bestF1 {
                bestF1 = f1
                bestThreshold = threshold
                bestSize = Double(predicted) / Double(gold.count)
            }
        }
        return Result(temperature: temperature, threshold: bestThreshold, logLossBefore: logLoss(1), logLossAfter: logLoss(temperature),
                      calibrationErrorBefore: calibrationError(logits.indices.map { toProbabilities($0, 1) }, gold),
                      calibrationErrorAfter: calibrationError(probabilities, gold), setF1: bestF1, labelsPerDocument: bestSize)
    }

    /// Expected calibration error of the top label: the gap between confidence and accuracy, averaged over 10 bins.
    public static func calibrationError(_ probabilities: [[Double]], _ gold: [Int]) -> Double {
        var confidence = [Double](repeating: 0, count: 10)
        var correct = [Double](repeating: 0, count: 10)
        var count = [Double](repeating: 0, count: 10)
        for (row, label) in zip(probabilities, gold) {
            guard let top = row.indices.max(by: { row[$0] < row[$1] }) else { continue }
            let bin = min(9, Int(row[top] * 10))
            confidence[bin] += row[top]
            correct[bin] += top == label ? 1 : 0
            count[bin] += 1
        }
        let total = count.reduce(0, +)
        guard total > 0 else { return 0 }
        return (0..<10).reduce(0) { $0 + abs(confidence[$1] - correct[$1]) / total }
    }
}
