import Gazette

/// Scores predicted entities against gold spans with exact (start, end, type) matching, as conlleval counts.
///
/// Predicted labels map PERSON→PER, ORG→ORG, LOC/GPE→LOC, NORP→NORP; other predicted labels and gold types
/// outside `types` (MISC by default) are ignored on both sides. The overall and macro figures count only the types
/// the gold data has (a CoNLL-2003 file has no NORP: its NORP row shows what was predicted, and the overall figures
/// stay those of PER, LOC and ORG).
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

    /// What one source (a list, a rule, the model, the linker) did: its predictions of a scored type, how many
    /// were right, and the gold spans it covered wrongly (a false negative is charged to the source of a predicted
    /// entity overlapping the missed span, or to `missed` when nothing overlaps it).
    public struct SourceCounts: Sendable, Hashable {
        /// Predicted spans of a scored type from this source.
        public var predicted = 0
        /// Those that match a gold span exactly.
        public var correct = 0
        /// Gold spans missed where this source's entity overlapped them (wrong type or boundary).
        public var falseNegatives = 0
        /// Predicted spans that match no gold span.
        public var falsePositives: Int { predicted - correct }
    }

    /// The gold types scored, in the order of the report.
    public let types: [String]
    /// Counts by type, for each of ``types``.
    public private(set) var counts: [String: Counts] = [:]
    /// Counts by the predicted entities' `source` (and `missed`), over all scored types.
    public private(set) var sources: [String: SourceCounts] = [:]
    /// The mistakes of the documents added with `recordMistakes`, in order.
    public private(set) var mistakes: [Mistake] = []
    /// Documents added.
    public private(set) var documentCount = 0
    /// Bytes of text (UTF-8) of the documents added.
    public private(set) var byteCount = 0

    /// An evaluation that scores `types` (by default PER, LOC, ORG and NORP, leaving MISC out).
    public init(types: [String] = ["PER", "LOC", "ORG", "NORP"]) {
        self.types = types
        for type in types { counts[type] = Counts() }
    }

    /// The gold type a predicted label counts as: `PER` for PERSON, `ORG` for ORG, `LOC` for LOC and GPE, `NORP`
    /// for NORP; nil for any other label, which is not scored.
    public static func goldType(of label: EntityLabel) -> String? {
        switch label.rawValue {
        case "PERSON": "PER"
        case "ORG": "ORG"
        case "LOC", "GPE": "LOC"
        case "NORP": "NORP"
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
            if let entity = predictedSpans[span] {
                counts[span.type]!.truePositives += 1
                sources[entity.source, default: SourceCounts()].predicted += 1
                sources[entity.source]!.correct += 1
            } else {
                counts[span.type]!.falseNegatives += 1
                let overlapping = document.entities.first { $0.utf8Range.overlaps(span.start..<span.end) }
                sources[overlapping?.source ?? Self.missed, default: SourceCounts()].falseNegatives += 1
                if recordMistakes {
                    let cause = overlapping.map { "\($0.label.rawValue) \($0.source)" } ?? Self.missed
                    mistakes.append(mistake(.falseNegative, span, cause: cause, in: document))
                }
            }
        }
        for (span, entity) in predictedSpans where !goldSpans.contains(span) {
            counts[span.type]!.falsePositives += 1
            sources[entity.source, default: SourceCounts()].predicted += 1
            if recordMistakes {
                let goldOverlap = goldSpans.first { ($0.start..<$0.end).overlaps(span.start..<span.end) }
                let cause = entity.source + (goldOverlap.map { $0.type == span.type ? " (boundary)" : " (gold \($0.type))" } ?? "")
                mistakes.append(mistake(.falsePositive, span, cause: cause, in: document))
            }
        }
    }

    /// The source charged with gold spans that no predicted entity overlaps.
    public static let missed = "missed"

    /// The types with gold spans: those the overall and macro figures count.
    public var goldTypes: [String] {
        types.filter { counts[$0]!.truePositives + counts[$0]!.falseNegatives > 0 }
    }

    /// Micro-averaged counts over the types with gold spans (``goldTypes``).
    public var overall: Counts {
        goldTypes.map { counts[$0]! }.reduce(into: Counts()) {
            $0.truePositives += $1.truePositives
            $0.falsePositives += $1.falsePositives
            $0.falseNegatives += $1.falseNegatives
        }
    }

    /// The mean precision, recall and F1 of the types with gold spans (``goldTypes``); zeros when there are none.
    public var macro: (precision: Double, recall: Double, f1: Double) {
        let scored = goldTypes.map { counts[$0]! }
        guard !scored.isEmpty else { return (0, 0, 0) }
        let n = Double(scored.count)
        return (scored.reduce(0) { $0 + $1.precision } / n, scored.reduce(0) { $0 + $1.recall } / n, scored.reduce(0) { $0 + $1.f1 } / n)
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

    /// The score table, as printed by `gazette eval ner` for one file: a row per type, the overall (micro) row
    /// and the macro row (the mean over the types with gold spans).
    public func report() -> String {
        func row(_ name: String, _ c: Counts) -> String {
            let gold = c.truePositives + c.falseNegatives, predicted = c.truePositives + c.falsePositives
            return name.padding(7) + Self.format(c.precision).leftPadding(10) + Self.format(c.recall).leftPadding(10) + Self.format(c.f1).leftPadding(10)
                + String(gold).leftPadding(8) + String(predicted).leftPadding(8) + String(c.truePositives).leftPadding(8)
        }
        var lines = ["type".padding(7) + "precision".leftPadding(10) + "recall".leftPadding(10) + "F1".leftPadding(10)
                     + "gold".leftPadding(8) + "pred".leftPadding(8) + "match".leftPadding(8)]
        for type in types { lines.append(row(type, counts[type]!)) }
        lines.append(row("overall", overall))
        let macro = self.macro
        lines.append("macro".padding(7) + Self.format(macro.precision).leftPadding(10) + Self.format(macro.recall).leftPadding(10)
                     + Self.format(macro.f1).leftPadding(10) + "  (mean over \(goldTypes.joined(separator: ", ")))")
        return lines.joined(separator: "\n")
    }

    /// One row per evaluation (a file each, named by `names`): precision/recall/F1 per type ("-" for a type
    /// without gold spans), the overall F1 and the macro F1; then the mean of each column over the files that
    /// have it.
    public static func summary(_ evaluations: [NEREvaluation], names: [String]) -> String {
        guard let types = evaluations.first?.types else { return "" }
        let nameWidth = max(8, (names.map(\.count).max() ?? 0) + 2)
        func cell(_ p: Double, _ r: Double, _ f: Double) -> String { "\(short(p))/\(short(r))/\(short(f))" }
        var lines = ["file".padding(nameWidth) + types.map { ($0 + " P/R/F1").padding(19) }.joined() + "overall F1".leftPadding(11) + "macro F1".leftPadding(10)]
        for (evaluation, name) in zip(evaluations, names) {
            var line = name.padding(nameWidth)
            for type in types {
                let c = evaluation.counts[type]!
                line += (evaluation.goldTypes.contains(type) ? cell(c.precision, c.recall, c.f1) : "-").padding(19)
            }
            line += short(evaluation.overall.f1).leftPadding(11) + short(evaluation.macro.f1).leftPadding(10)
            lines.append(line)
        }
        if evaluations.count > 1 {
            var line = "mean".padding(nameWidth)
            for type in types {
                let scored = evaluations.filter { $0.goldTypes.contains(type) }.map { $0.counts[type]! }
                guard !scored.isEmpty else { line += "-".padding(19); continue }
                let n = Double(scored.count)
                line += cell(scored.reduce(0) { $0 + $1.precision } / n, scored.reduce(0) { $0 + $1.recall } / n,
                             scored.reduce(0) { $0 + $1.f1 } / n).padding(19)
            }
            let n = Double(evaluations.count)
            line += short(evaluations.reduce(0) { $0 + $1.overall.f1 } / n).leftPadding(11) + short(evaluations.reduce(0) { $0 + $1.macro.f1 } / n).leftPadding(10)
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Which sources made the predictions and the errors, most errors first: per source, its predictions, the
    /// right ones, its false positives, the gold spans it covered wrongly, and its precision.
    public func sourceReport() -> String {
        var lines = ["source".padding(30) + "pred".leftPadding(8) + "right".leftPadding(8) + "FP".leftPadding(8) + "FN".leftPadding(8)
                     + "precision".leftPadding(11)]
        let ordered = sources.sorted { a, b in
            let x = a.value.falsePositives + a.value.falseNegatives, y = b.value.falsePositives + b.value.falseNegatives
            return x != y ? x > y : a.key < b.key
        }
        for (source, c) in ordered {
            let precision = c.predicted == 0 ? "-" : Self.format(Double(c.correct) / Double(c.predicted))
            lines.append(source.padding(30) + String(c.predicted).leftPadding(8) + String(c.correct).leftPadding(8)
                         + String(c.falsePositives).leftPadding(8) + String(c.falseNegatives).leftPadding(8) + precision.leftPadding(11))
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        let scaled = Int((value * 10000).rounded())
        let digits = String(scaled % 10000)
        return "\(scaled / 10000).\(String(repeating: "0", count: 4 - digits.count))\(digits)"
    }

    /// Three decimals: "0.912".
    private static func short(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        let digits = String(scaled % 1000)
        return "\(scaled / 1000).\(String(repeating: "0", count: 3 - digits.count))\(digits)"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadding(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func replacingNewlines() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}
