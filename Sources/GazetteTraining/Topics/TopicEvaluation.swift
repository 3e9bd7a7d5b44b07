import Gazette

/// Scores top-label predictions against gold labels: accuracy, macro-F1, a per-label table and the confusion matrix.
///
/// Macro-F1 averages over the labels that occur in the gold data, so that a data set with five of a model's
/// fourteen labels is not marked down for the nine it never asks about.
public struct TopicEvaluation: Sendable {
    /// The labels, in index order.
    public let labels: [String]
    /// `confusion[gold][predicted]` counts documents.
    public private(set) var confusion: [[Int]]

    /// An empty evaluation over `labels`.
    public init(labels: [String]) {
        self.labels = labels
        confusion = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
    }

    /// Counts one example.
    public mutating func add(gold: Int, predicted: Int) {
        confusion[gold][predicted] += 1
    }

    /// One label's scores.
    public struct LabelScore: Sendable {
        /// The label.
        public var label: String
        /// Correct predictions of the label over all its predictions.
        public var precision: Double
        /// Correct predictions of the label over all its gold examples.
        public var recall: Double
        /// The harmonic mean of precision and recall.
        public var f1: Double
        /// Gold documents with this label.
        public var support: Int
        /// Documents predicted as this label.
        public var predicted: Int
    }

    /// The number of examples counted.
    public var count: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The share of examples predicted right.
    public var accuracy: Double {
        let total = count
        return total == 0 ? 0 : Double(labels.indices.reduce(0) { $0 + confusion[$1][$1] }) / Double(total)
    }

    /// Scores per label, in label order.
    public var perLabel: [LabelScore] {
        labels.indices.map { label in
            let support = confusion[label].reduce(0, +)
            let predicted = confusion.reduce(0) { $0 + $1[label] }
            let hits = confusion[label][label]
            let precision = predicted == 0 ? 0 : Double(hits) / Double(predicted)
            let recall = support == 0 ? 0 : Double(hits) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return LabelScore(label: labels[label], precision: precision, recall: recall, f1: f1, support: support, predicted: predicted)
        }
    }

    /// Mean F1 over the labels with gold support.
    public var macroF1: Double {
        let scored = perLabel.filter { $0.support > 0 }
        return scored.isEmpty ? 0 : scored.reduce(0) { $0 + $1.f1 } / Double(scored.count)
    }

    /// A plain-text report: totals, the per-label table and the confusion matrix (rows gold, columns predicted;
    /// labels that are neither gold nor predicted are left out).
    public func report() -> String {
        var lines = ["documents \(count)   accuracy \(Self.format(accuracy))   macro-F1 \(Self.format(macroF1))", ""]
        let scores = perLabel
        let shown = labels.indices.filter { scores[$0].support > 0 || scores[$0].predicted > 0 }
        let width = max(5, shown.map { labels[$0].count }.max() ?? 5)
        lines.append(Self.pad("label", width) + "  precision  recall     F1  support")
        for index in shown {
            let score = scores[index]
            lines.append(Self.pad(score.label, width) + "  " + Self.left(Self.format(score.precision), 9) + "  "
                         + Self.left(Self.format(score.recall), 6) + "  " + Self.left(Self.format(score.f1), 5) + "  " + Self.left(String(score.support), 7))
        }
        lines.append("")
        lines.append("confusion (rows: gold, columns: predicted)")
        let codes = shown.map { String(labels[$0].prefix(6)) }
        let cell = max(6, String(confusion.flatMap { $0 }.max() ?? 0).count)
        lines.append(Self.pad("", width) + shown.indices.map { " " + Self.left(codes[$0], cell) }.joined())
        for row in shown where scores[row].support > 0 {
            lines.append(Self.pad(labels[row], width) + shown.map { " " + Self.left(String(confusion[row][$0]), cell) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// Four decimals: "0.9412".
    static func format(_ value: Double) -> String {
        let scaled = Int((value * 10000).rounded())
        let digits = String(scaled % 10000)
        return "\(scaled / 10000)." + String(repeating: "0", count: 4 - digits.count) + digits
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func left(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
