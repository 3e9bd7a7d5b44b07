import Gazette

/// Scores predicted entities against gold spans with exact (start, end, type) matching, as conlleval counts.
///
/// Predicted labels map PERSON→PER, ORG→ORG, LOC/GPE→LOC; other predicted labels and gold types outside
/// `types` (MISC by default) are ignored on both sides.
public struct NEREvaluation: Sendable {
    /// Matches and mistakes for one type, or for all types together (``NEREvaluation/overall``).
    public struct Counts: Sendable, Hashable {
        /// Predicted spans that match a gold span exactly: same start, end and type.
        public var truePositives = 0
        /// Predicted spans that match no gold span.
        public var falsePositives = 0
        /// Gold spans that no predicted span matches.
        public var falseNegatives = 0

        /// The share of predicted spans that are right, in [0, 1] (0 when nothing was predicted).
        public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        /// The share of gold spans found, in [0, 1] (0 when there are none).
        public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        /// The harmonic mean of ``precision`` and ``recall``, in [0, 1] (0 when both are 0).
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    }

    /// One mistake, for the error report.
    public struct Mistake: Sendable {
        /// A false positive (`FP`: predicted, not in the gold spans) or a false negative (`FN`: a gold span missed).
        public enum Kind: String, Sendable { case falsePositive = "FP", falseNegative = "FN" }
        /// Whether the span was predicted wrongly or missed.
        public var kind: Kind
        /// The span's type, one of ``NEREvaluation/types``: the gold type of a missed span, or the predicted label's
        /// (as ``NEREvaluation/goldType(of:)`` maps it) of a false positive.
        public var type: String
        /// The span's text.
        public var text: String
        /// A few words around the span, with the span in [brackets].
        public var context: String
        /// What produced the prediction (for a false positive), or what Gazette predicted over the missed span
        /// instead ("missed", or "LOC gazetteer:places" for a wrong type or boundary).
        public var cause: String
        /// The document's number, from 1, in the order documents were added.
        public var document: Int
    }

    /// The gold types scored, in the order of the report.
    public let types: [String]
    /// Counts by type, for each of ``types``.
    public private(set) var counts: [String: Counts] = [:]
    /// The mistakes of the documents added with `recordMistakes`, in order.
    public private(set) var mistakes: [Mistake] = []
    /// Documents added.
    public private(set) var documentCount = 0
    /// Bytes of text (UTF-8) of the documents added.
    public private(set) var byteCount = 0

    /// An evaluation that scores `types` (by default PER, LOC and ORG, leaving MISC out).
    public init(types: [String] = ["PER", "LOC", "ORG"]) {
        self.types = types
        for type in types { counts[type] = Counts() }
    }

    /// The gold type a predicted label counts as: `PER` for PERSON, `ORG` for ORG, `LOC` for LOC and GPE; nil for
    /// any other label, which is not scored.
    public static func goldType(of label: EntityLabel) -> String? {
        switch label.rawValue {
        case "PERSON": "PER"
        case "ORG": "ORG"
        case "LOC", "GPE": "LOC"
        default: nil
        }
    }

    /// Adds one document: its gold spans and Gazette's annotation of the same text.
    public mutating func add(gold: [CoNLLCorpus.Span], predicted document: Document, recordMistakes: Bool = false) {
        documentCount += 1
        byteCount += document.text.utf8.count
        let wanted = Set(types)
        let goldSpans = Set(gold.filter { wanted.contains($0.type) })
        var predictedSpans: [CoNLLCorpus.Span: Entity] = [:]
        for entity in document.entities {
            guard let type = Self.goldType(of: entity.label), wanted.contains(type) else { continue }
            predictedSpans[CoNLLCorpus.Span(start: entity.utf8Range.lowerBound, end: entity.utf8Range.upperBound, type: type)] = entity
        }
        for span in goldSpans {
            if predictedSpans[span] != nil {
                counts[span.type]!.truePositives += 1
            } else {
                counts[span.type]!.falseNegatives += 1
                if recordMistakes {
                    let overlapping = document.entities.first { $0.utf8Range.overlaps(span.start..<span.end) }
                    let cause = overlapping.map { "\($0.label.rawValue) \($0.source)" } ?? "missed"
                    mistakes.append(mistake(.falseNegative, span, cause: cause, in: document))
                }
            }
        }
        for (span, entity) in predictedSpans where !goldSpans.contains(span) {
            counts[span.type]!.falsePositives += 1
            if recordMistakes {
                let goldOverlap = goldSpans.first { ($0.start..<$0.end).overlaps(span.start..<span.end) }
                let cause = entity.source + (goldOverlap.map { $0.type == span.type ? " (boundary)" : " (gold \($0.type))" } ?? "")
                mistakes.append(mistake(.falsePositive, span, cause: cause, in: document))
            }
        }
    }

    /// Micro-averaged counts over all types.
    public var overall: Counts {
        counts.values.reduce(into: Counts()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }

    private func mistake(_ kind: Mistake.Kind, _ span: CoNLLCorpus.Span, cause: String, in document: Document) -> Mistake {
        let utf8 = Array(document.text.utf8)
        var left = span.start, right = span.end
        var spaces = 0
        while left > 0, spaces < 5 { left -= 1; if utf8[left] == 0x20 || utf8[left] == 0x0A { spaces += 1 } }
        spaces = 0
        while right < utf8.count, spaces < 5 { if utf8[right] == 0x20 || utf8[right] == 0x0A { spaces += 1 }; right += 1 }
        func text(_ range: Range<Int>) -> String {
            String(decoding: utf8[range], as: UTF8.self).replacingNewlines()
        }
        let context = text(left..<span.start) + "[" + text(span.start..<span.end) + "]" + text(span.end..<right)
        return Mistake(kind: kind, type: span.type, text: text(span.start..<span.end), context: context.trimmingSpaces().description,
                       cause: cause, document: documentCount)
    }

    /// The score table, as printed by `gazette eval ner`.
    public func report() -> String {
        func row(_ name: String, _ c: Counts) -> String {
            let gold = c.truePositives + c.falseNegatives, predicted = c.truePositives + c.falsePositives
            return name.padding(7) + format(c.precision).leftPadding(10) + format(c.recall).leftPadding(10) + format(c.f1).leftPadding(10)
                + String(gold).leftPadding(8) + String(predicted).leftPadding(8) + String(c.truePositives).leftPadding(8)
        }
        var lines = ["type".padding(7) + "precision".leftPadding(10) + "recall".leftPadding(10) + "F1".leftPadding(10)
                     + "gold".leftPadding(8) + "pred".leftPadding(8) + "match".leftPadding(8)]
        for type in types { lines.append(row(type, counts[type]!)) }
        lines.append(row("overall", overall))
        return lines.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String {
        let scaled = Int((value * 10000).rounded())
        let digits = String(scaled % 10000)
        return "\(scaled / 10000).\(String(repeating: "0", count: 4 - digits.count))\(digits)"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func replacingNewlines() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}
