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

    /// Adds up a token's feature weights as the features come, with no list of features in between.
    private struct EmissionSink: EntityFeatureSink {
        let table: EntitySequenceModel.WeightTable
        var sum = SIMD8<Float>()

        @inline(__always)
        mutating func add(_ feature: UInt64) { table.add(feature, to: &sum) }
    }

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
        let windows = features.windows(in: document, context: context)
        var longest = 0
        for window in windows { longest = max(longest, window.count) }
        var result: [Candidate] = []
        result.reserveCapacity(candidates.count + windows.count)
        // One token's per-tag scores per element (lane 7 unused), and the lattices, sized once per document.
        var emissions = [SIMD8<Float>](repeating: SIMD8(), count: longest)
        var scratch = EntityViterbi.Scratch()
        scratch.reserve(longest)

        model.withWeightTable { table in
            for window in windows {
                if context.titleCaseSentence[Int(context.sentenceOfToken[window.lowerBound])] {
                    for start in window {
                        var index = firstAt[start]
                        while index >= 0 { result.append(candidates[Int(index)]); index = next[Int(index)] }
                    }
                    continue
                }
                for offset in 0..<window.count {
                    var sink = EmissionSink(table: table)
                    features.addFeatures(at: window.lowerBound + offset, in: document, context: context, to: &sink)
                    emissions[offset] = sink.sum
                }
                decode(window, emissions: emissions, scratch: &scratch) { span, label, margin in
                    let score = model.score(margin: Double(margin))
                    var agreeing: Candidate?
                    var index = firstAt[span.lowerBound]
                    while index >= 0 {
                        let candidate = candidates[Int(index)]
                        if candidate.tokens == span, candidate.label == label, candidate.priority > (agreeing?.priority ?? Int.min) {
                            agreeing = candidate
                        }
                        index = next[Int(index)]
                    }
                    result.append(Candidate(tokens: span, label: label, id: agreeing?.id, name: agreeing?.name,
                                            score: score, source: agreeing?.source ?? Self.source, priority: 0))
                }
            }
        }
        return result
    }

    /// Decodes one window and reports each span of the best path (in document tokens) with its label and margin:
    /// the best path's score less the best score with the span forced outside. The forced decoding starts at the
    /// span, from the unforced lattice's row before it (the rows before the span are the same either way).
    @inline(__always)
    private func decode(_ window: Range<Int>, emissions: [SIMD8<Float>], scratch: inout EntityViterbi.Scratch,
                        span report: (Range<Int>, EntityLabel, Float) -> Void) {
        let length = window.count
        let width = EntityViterbi.rowWidth
        emissions.withUnsafeBufferPointer { emissions in
            emissions.withMemoryRebound(to: Float.self) { emissions in
                model.transitions.withUnsafeBufferPointer { transitions in
                    scratch.best.withUnsafeMutableBufferPointer { best in
                        scratch.back.withUnsafeMutableBufferPointer { back in
                            scratch.forced.withUnsafeMutableBufferPointer { forced in
                                scratch.path.withUnsafeMutableBufferPointer { path in
                                    let e = emissions.baseAddress!, t = transitions.baseAddress!
                                    let best = best.baseAddress!, forced = forced.baseAddress!
                                    EntityViterbi.forward(emissions: e, stride: width, length: length, transitions: t,
                                                          forced: 0..<0, from: 0, best: best, back: back.baseAddress!)
                                    var tag = EntityViterbi.bestLastTag(best, length: length)
                                    let score = best[(length - 1) * width + tag]
                                    path[length - 1] = Int8(tag)
                                    var i = length - 1
                                    while i > 0 {
                                        tag = Int(back[i * width + tag])
                                        path[i - 1] = Int8(tag)
                                        i -= 1
                                    }
                                    func margin(_ span: Range<Int>) -> Float {
                                        if span.lowerBound > 0 {
                                            let row = (span.lowerBound - 1) * width
                                            for lane in 0..<width { forced[row + lane] = best[row + lane] }
                                        }
                                        EntityViterbi.forward(emissions: e, stride: width, length: length, transitions: t,
                                                              forced: span, from: span.lowerBound, best: forced, back: nil)
                                        return score - forced[(length - 1) * width + EntityViterbi.bestLastTag(forced, length: length)]
                                    }
                                    // Spans as in `EntityViterbi.spans`: a begin tag and the inside tags after it.
                                    var open = -1
                                    for i in 0..<length {
                                        let code = Int(path[i])
                                        if code != 0, code & 1 == 0 { continue }  // inside
                                        if open >= 0 {
                                            let span = open..<i
                                            report(span.shifted(by: window.lowerBound), Self.label(ofBegin: path[open]), margin(span))
                                            open = -1
                                        }
                                        if code != 0 { open = i }
                                    }
                                    if open >= 0 {
                                        let span = open..<length
                                        report(span.shifted(by: window.lowerBound), Self.label(ofBegin: path[open]), margin(span))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func label(ofBegin code: Int8) -> EntityLabel {
        EntityTag(rawValue: Int(code))!.label!
    }
}

private extension Range where Bound == Int {
    func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
