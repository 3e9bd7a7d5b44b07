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

    /// Source written on entities the model found with no list or rule proposing the same span and label.
    static let source = "model"

    /// The features of many tokens, one after another, as rows of the model's weight table. A fixed feature's
    /// row is known when it comes; the others wait, with their places, until `findRows` looks them all up.
    private struct FeatureBuffer: EntityFeatureSink {
        private(set) var rows: UnsafeMutablePointer<UInt32>
        private var waiting: UnsafeMutablePointer<(hash: UInt64, place: Int32)>
        private var capacity: Int
        private(set) var count = 0
        private var waitingCount = 0
        private let fixedRows: UnsafePointer<UInt32>

        init(capacity: Int, fixedRows: UnsafePointer<UInt32>) {
            self.capacity = max(capacity, 64)
            rows = .allocate(capacity: self.capacity)
            waiting = .allocate(capacity: self.capacity)
            self.fixedRows = fixedRows
        }

        func deallocate() {
            rows.deallocate()
            waiting.deallocate()
        }

        @inline(__always)
        mutating func add(_ feature: UInt64) {
            if _slowPath(count == capacity) { grow() }
            waiting[waitingCount] = (feature, Int32(truncatingIfNeeded: count))
            waitingCount += 1
            count += 1
        }

        @inline(__always)
        mutating func add(_ feature: UInt64, fixed index: Int) {
            if _slowPath(count == capacity) { grow() }
            rows[count] = fixedRows[index]
            count += 1
        }

        /// Fills in the rows of the features that waited.
        func findRows(in table: EntitySequenceModel.WeightTable) {
            for k in 0..<waitingCount {
                rows[Int(waiting[k].place)] = UInt32(truncatingIfNeeded: table.slot(of: waiting[k].hash))
            }
        }

        private mutating func grow() {
            let largerRows = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
            largerRows.moveInitialize(from: rows, count: count)
            rows.deallocate()
            rows = largerRows
            let largerWaiting = UnsafeMutablePointer<(hash: UInt64, place: Int32)>.allocate(capacity: capacity * 2)
            largerWaiting.moveInitialize(from: waiting, count: waitingCount)
            waiting.deallocate()
            waiting = largerWaiting
            capacity *= 2
        }
    }

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

    func proposals(for document: Document) -> [Proposal] {
        // Locals, so that the loops below copy nothing.
        let features = self.features, model = self.model
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

        // The features of every token to decode, all first: then the model's lookups do not wait on one another
        // (each token's weights are still added in feature order, so the sums round as before).
        var decoded = 0
        for window in windows where !isTitleCase(window) { decoded += window.count }
        var ends = [Int32](repeating: 0, count: decoded)
        let buffer = fixedRows.withUnsafeBufferPointer { fixedRows in
            var buffer = FeatureBuffer(capacity: decoded * 24, fixedRows: fixedRows.baseAddress!)
            var k = 0
            for window in windows where !isTitleCase(window) {
                for token in window {
                    features.addFeatures(at: token, in: document, context: context, to: &buffer)
                    ends[k] = Int32(buffer.count)
                    k += 1
                }
            }
            return buffer
        }
        defer { buffer.deallocate() }
        // One token's per-tag scores per element (lane 7 unused).
        var emissions = [SIMD8<Float>](repeating: SIMD8(), count: decoded)
        model.withWeightTable { table in
            buffer.findRows(in: table)
            let rows = buffer.rows
            emissions.withUnsafeMutableBufferPointer { emissions in
                ends.withUnsafeBufferPointer { ends in
                    var start = 0
                    for k in 0..<decoded {
                        var sum = SIMD8<Float>()
                        let end = Int(ends[k])
                        for j in start..<end { sum += table.weights(at: Int(rows[j])) }
                        emissions[k] = sum
                        start = end
                    }
                }
            }
        }

        var result: [Proposal] = []
        result.reserveCapacity(candidates.count + windows.count)
        var longest = 0
        for window in windows { longest = max(longest, window.count) }
        // The lattices of one window (best paths, and with a span forced outside), back pointers and the best path.
        let width = EntityViterbi.rowWidth
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: 2 * longest * width)
        let steps = UnsafeMutablePointer<Int8>.allocate(capacity: (width + 1) * longest)
        defer {
            scores.deallocate()
            steps.deallocate()
        }
        let lattice = Lattice(best: scores, forced: scores + longest * width, back: steps, path: steps + longest * width)
        emissions.withUnsafeBufferPointer { emissions in
            emissions.withMemoryRebound(to: Float.self) { emissions in
                model.transitions.withUnsafeBufferPointer { transitions in
                    candidates.withUnsafeBufferPointer { candidates in
                        var offset = 0
                        for window in windows {
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
                            lattice.decode(window, emissions: emissions.baseAddress! + offset * width, transitions: transitions.baseAddress!) { span, label, margin in
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
                }
            }
        }
        return result
    }

    /// Buffers for decoding one window, sized for the document's longest.
    private struct Lattice {
        let best: UnsafeMutablePointer<Float>
        let forced: UnsafeMutablePointer<Float>
        let back: UnsafeMutablePointer<Int8>
        let path: UnsafeMutablePointer<Int8>

        /// Decodes one window and reports each span of the best path (in document tokens) with its label and
        /// margin: the best path's score less the best score with the span forced outside. The forced decoding
        /// starts at the span, from the unforced lattice's row before it (the rows before the span are the same
        /// either way).
        @inline(__always)
        func decode(_ window: Range<Int>, emissions: UnsafePointer<Float>, transitions: UnsafePointer<Float>,
                    span report: (Range<Int>, EntityLabel, Float) -> Void) {
            let length = window.count
            let width = EntityViterbi.rowWidth
            EntityViterbi.forward(emissions: emissions, stride: width, length: length, transitions: transitions,
                                  forced: 0..<0, from: 0, best: best, back: back)
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
                EntityViterbi.forward(emissions: emissions, stride: width, length: length, transitions: transitions,
                                      forced: span, from: span.lowerBound, best: forced, back: nil)
                return score - forced[(length - 1) * width + EntityViterbi.bestLastTag(forced, length: length)]
            }
            // Spans as in `EntityViterbi.spans`: a begin tag (odd) and the inside tags (even, not 0) after it.
            var open = -1
            for i in 0..<length {
                let code = Int(path[i])
                if code != 0, code & 1 == 0 { continue }
                if open >= 0 {
                    let span = open..<i
                    report((window.lowerBound + open)..<(window.lowerBound + i), Self.label(ofBegin: path[open]), margin(span))
                    open = -1
                }
                if code != 0 { open = i }
            }
            if open >= 0 {
                let span = open..<length
                report((window.lowerBound + open)..<window.upperBound, Self.label(ofBegin: path[open]), margin(span))
            }
        }

        @inline(__always)
        private static func label(ofBegin code: Int8) -> EntityLabel {
            EntityTag(rawValue: Int(code))!.label!
        }
    }
}
