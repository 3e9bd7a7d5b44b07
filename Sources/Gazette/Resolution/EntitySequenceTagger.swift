/// Decodes a document's entities with an `EntitySequenceModel`: features per token inside candidate windows,
/// Viterbi per window, and a calibrated score per span from its margin (how much worse the best path gets when
/// the span is forced outside).
///
/// In title-case lines (web headlines, where every word is capitalised) capitals are no evidence, so there only
/// the lists' and rules' own candidates count: the window's candidates are returned for the resolver to choose
/// among, and nothing is guessed.
struct EntitySequenceTagger: Sendable {
    let model: EntitySequenceModel
    let features: EntityFeatures
    /// The weight-table row of each of `features.fixedFeatures`.
    private let fixedRows: [UInt32]

    init(model: EntitySequenceModel, features: EntityFeatures) {
        self.model = model
        self.features = features
        fixedRows = model.withWeightTable { table in features.fixedFeatures.map { UInt32(table.slot(of: $0)) } }
    }

    /// Tokens whose features are gathered and looked up together (a batch ends at the window that reaches it).
    static let batchTokens = 4096

    /// Source written on entities the model found with no list or rule proposing the same span and label.
    static let source = "model"

    /// A span for the resolver to weigh, without strings: its id, name and source are those of document candidate
    /// `origin`, or none and `EntitySequenceTagger.source` when `origin` is -1 (the model's own span). Only the
    /// chosen ones become `Candidate`s, so the others' strings are never copied.
    struct Proposal {
        var tokens: Range<Int>
        var label: EntityLabel
        var score: Double
        var priority: Int
        var origin: Int

        /// Document candidate `index` as it is.
        init(_ candidate: Candidate, index: Int) {
            self.init(tokens: candidate.tokens, label: candidate.label, score: candidate.score, priority: candidate.priority, origin: index)
        }

        init(tokens: Range<Int>, label: EntityLabel, score: Double, priority: Int, origin: Int) {
            self.tokens = tokens
            self.label = label
            self.score = score
            self.priority = priority
            self.origin = origin
        }
    }

    /// The spans the model finds in a document's windows, and in title-case lines the document's own candidates.
    func proposals(for document: Document) -> [Proposal] {
        let model = self.model
        let context = features.context(for: document)
        let candidates = document.candidates
        // The candidates starting at each token, as linked lists of indices: no copies, no hashing of spans.
        var firstAt = [Int32](repeating: -1, count: document.tokens.count)
        var next = [Int32](repeating: -1, count: candidates.count)
        for index in candidates.indices.reversed() {
            let start = candidates[index].tokens.lowerBound
            next[index] = firstAt[start]
            firstAt[start] = Int32(index)
        }
        let windows = features.windows(in: document, context: context)
        func isTitleCase(_ window: Range<Int>) -> Bool {
            context.titleCaseSentence[Int(context.sentenceOfToken[window.lowerBound])]
        }

        // The features of a batch of windows' tokens, all first: then the model's lookups do not wait on one
        // another (each token's weights are still added in feature order, so the sums round as before). Batches of
        // `batchTokens` tokens (or one longer window), and the rows turned into emissions every `batchTokens`
        // tokens, so that the rows' memory does not grow with the document (only the emissions of the windows
        // being decoded do).
        var result: [Proposal] = []
        result.reserveCapacity(candidates.count + windows.count)
        var longest = 0, decoded = 0
        for window in windows where !isTitleCase(window) {
            longest = max(longest, window.count)
            decoded += window.count
        }
        var rows = FeatureRows(capacity: min(decoded, Self.batchTokens) * 24, fixedRows: fixedRows)
        defer { rows.deallocate() }
        // One token's per-tag scores per element, for the batch's windows.
        var emissions: [SIMD8<Float>] = []
        func addEmissions() {
            emissions += model.withWeightTable { rows.emissions(in: $0) }
            rows.removeAll()
        }
        let decoder = EntityViterbi.Kernel(longest: longest, transitions: model.transitions)
        var first = 0
        while first < windows.count {
            var end = first, tokens = 0
            while end < windows.count, tokens < Self.batchTokens {
                if !isTitleCase(windows[end]) { tokens += windows[end].count }
                end += 1
            }
            let batch = windows[first..<end]
            first = end
            emissions.removeAll(keepingCapacity: true)
            for window in batch where !isTitleCase(window) {
                for token in window {
                    features.addFeatures(at: token, in: document, context: context, to: &rows)
                    rows.endToken()
                    if rows.tokenCount == Self.batchTokens { addEmissions() }
                }
            }
            addEmissions()
            var offset = 0
            for window in batch {
                if isTitleCase(window) {
                    for start in window {
                        var index = firstAt[start]
                        while index >= 0 {
                            result.append(Proposal(candidates[Int(index)], index: Int(index)))
                            index = next[Int(index)]
                        }
                    }
                    continue
                }
                decoder.decode(window, emissions: emissions, from: offset) { span, label, margin in
                    let score = model.score(margin: Double(margin))
                    // The list or rule candidate of the same span and label with the highest priority (the first of equals).
                    var agreeing = -1
                    var index = Int(firstAt[span.lowerBound])
                    while index >= 0 {
                        if candidates[index].tokens == span, candidates[index].label == label,
                           candidates[index].priority > (agreeing < 0 ? Int.min : candidates[agreeing].priority) {
                            agreeing = index
                        }
                        index = Int(next[index])
                    }
                    result.append(Proposal(tokens: span, label: label, score: score, priority: 0, origin: agreeing))
                }
                offset += window.count
            }
        }
        return result
    }
}
