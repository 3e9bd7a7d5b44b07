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

    /// Source written on entities the model found with no list or rule proposing the same span and label.
    static let source = "model"

    func candidates(for document: Document) -> [Candidate] {
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
        var result: [Candidate] = []
        var hashes: [UInt64] = []
        var emissions: [Float] = []
        var scratch = EntityViterbi.Scratch()

        for window in features.windows(in: document, context: context) {
            if context.titleCaseSentence[Int(context.sentenceOfToken[window.lowerBound])] {
                for start in window {
                    var index = firstAt[start]
                    while index >= 0 { result.append(candidates[Int(index)]); index = next[Int(index)] }
                }
                continue
            }
            emissions.removeAll(keepingCapacity: true)
            emissions.append(contentsOf: repeatElement(0, count: window.count * EntityTag.count))
            for (offset, token) in window.enumerated() {
                features.features(at: token, in: document, context: context, into: &hashes)
                model.addEmission(hashes, to: &emissions, at: offset * EntityTag.count)
            }
            let best = EntityViterbi.decode(emissions: emissions, length: window.count, transitions: model.transitions, scratch: &scratch)
            for (span, label) in EntityViterbi.spans(best.tags) {
                let without = EntityViterbi.decode(emissions: emissions, length: window.count, transitions: model.transitions,
                                                   forcedOutside: span, scratch: &scratch)
                let score = model.score(margin: Double(best.score - without.score))
                let tokens = (window.lowerBound + span.lowerBound)..<(window.lowerBound + span.upperBound)
                var agreeing: Candidate?
                var index = firstAt[tokens.lowerBound]
                while index >= 0 {
                    let candidate = candidates[Int(index)]
                    if candidate.tokens == tokens, candidate.label == label, candidate.priority > (agreeing?.priority ?? Int.min) {
                        agreeing = candidate
                    }
                    index = next[Int(index)]
                }
                result.append(Candidate(tokens: tokens, label: label, id: agreeing?.id, name: agreeing?.name,
                                        score: score, source: agreeing?.source ?? Self.source, priority: 0))
            }
        }
        return result
    }
}
