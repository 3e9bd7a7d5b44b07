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
        var result: [Candidate] = []
        var hashes: [UInt64] = []
        var scores = [Float](repeating: 0, count: EntityTag.count)
        var bySpan: [Range<Int>: [Candidate]] = [:]
        for candidate in document.candidates { bySpan[candidate.tokens, default: []].append(candidate) }

        for window in features.windows(in: document, context: context) {
            if context.titleCaseSentence[Int(context.sentenceOfToken[window.lowerBound])] {
                result += document.candidates.filter { window.contains($0.tokens.lowerBound) }
                continue
            }
            var emissions = [Float](repeating: 0, count: window.count * EntityTag.count)
            for (offset, token) in window.enumerated() {
                features.features(at: token, in: document, context: context, into: &hashes)
                model.emission(hashes, into: &scores)
                for t in 0..<EntityTag.count { emissions[offset * EntityTag.count + t] = scores[t] }
            }
            let best = EntityViterbi.decode(emissions: emissions, length: window.count, transitions: model.transitions)
            for (span, label) in EntityViterbi.spans(best.tags) {
                let without = EntityViterbi.decode(emissions: emissions, length: window.count, transitions: model.transitions, forcedOutside: span)
                let score = model.score(margin: Double(best.score - without.score))
                let tokens = (window.lowerBound + span.lowerBound)..<(window.lowerBound + span.upperBound)
                let agreeing = (bySpan[tokens] ?? []).filter { $0.label == label }.max { $0.priority < $1.priority }
                result.append(Candidate(tokens: tokens, label: label, id: agreeing?.id, name: agreeing?.name,
                                        score: score, source: agreeing?.source ?? Self.source, priority: 0))
            }
        }
        return result
    }
}
