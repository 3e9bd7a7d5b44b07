/// Viterbi decoding over a window of tokens, with optional tokens forced outside (to measure a span's margin).
///
/// Two implementations of one decoder: `referenceLattice`, written plainly (training decodes with it), and
/// `Kernel`, the tagger's, over buffers made once per document. Every score is computed with the same additions
/// and comparisons, in the same order, in both, so training and tagging decode alike; `EntityViterbiTests` pins
/// the kernel to the reference.
package enum EntityViterbi {
    /// The best tag sequence and its score, decoded by `referenceLattice`: the plain version that the tagger's
    /// `Kernel` is pinned to (training decodes with it). `emissions[i * EntityTag.count + tag]`; `transitions` as
    /// in the model.
    package static func decode(emissions: [Float], length: Int, transitions: [Float], forcedOutside: Range<Int>? = nil) -> (tags: [EntityTag], score: Float) {
        guard length > 0 else { return ([], 0) }
        let (best, back) = referenceLattice(emissions: emissions, stride: EntityTag.count, length: length, transitions: transitions,
                                            forced: forcedOutside ?? 0..<0)
        var tag = bestTag(best[length - 1])
        let score = best[length - 1][tag]
        var tags = [EntityTag](repeating: .outside, count: length)
        for i in stride(from: length - 1, through: 0, by: -1) {
            tags[i] = EntityTag(rawValue: tag)!
            tag = back[i][tag]
        }
        return (tags, score)
    }

    /// The best score of a path ending in each tag at each position, and the tag before it on that path: Viterbi
    /// written plainly, as the definition of `Kernel.forward`. Tags not allowed at a position (`forced` positions
    /// allow only outside; a window starts outside or with a begin tag) score -∞. Every score is made with the same
    /// additions and comparisons, in the same order, as the kernel's.
    static func referenceLattice(emissions: [Float], stride: Int, length: Int, transitions: [Float], forced: Range<Int>) -> (best: [[Float]], back: [[Int]]) {
        var best: [[Float]] = [], back: [[Int]] = []
        for i in 0..<length {
            var row = [Float](repeating: -.infinity, count: EntityTag.count)
            var rowBack = [Int](repeating: 0, count: EntityTag.count)
            for tag in EntityTag.allCases where !forced.contains(i) || tag == .outside {
                let emission = emissions[i * stride + tag.rawValue]
                guard i > 0 else {
                    // The first row of `transitions` is the window's start.
                    if !tag.isInside { row[tag.rawValue] = transitions[tag.rawValue] + emission }
                    continue
                }
                var bestScore = -Float.infinity, bestPrevious = 0
                for previous in EntityTag.allCases where previous.allows(tag) {
                    let score = best[i - 1][previous.rawValue] + transitions[(previous.rawValue + 1) * EntityTag.count + tag.rawValue]
                    if score > bestScore { (bestScore, bestPrevious) = (score, previous.rawValue) }
                }
                row[tag.rawValue] = bestScore + emission
                rowBack[tag.rawValue] = bestPrevious
            }
            best.append(row)
            back.append(rowBack)
        }
        return (best, back)
    }

    /// The tag with the best score in a lattice row (the first of equals).
    static func bestTag(_ row: [Float]) -> Int {
        var best = 0
        for tag in 1..<EntityTag.count where row[tag] > row[best] { best = tag }
        return best
    }

    /// Spans of a tag sequence: (range in the window, label).
    package static func spans(_ tags: [EntityTag]) -> [(Range<Int>, EntityLabel)] {
        var spans: [(Range<Int>, EntityLabel)] = []
        var start: Int?
        var previous = EntityTag.outside
        for (i, tag) in tags.enumerated() {
            defer { previous = tag }
            if tag.continuesSpan(after: previous) { continue }
            if let open = start { spans.append((open..<i, tags[open].label!)); start = nil }
            if tag.opensSpan(after: previous) { start = i }
        }
        if let open = start { spans.append((open..<tags.count, tags[open].label!)) }
        return spans
    }

    /// The tagger's decoder (the same decoding as `referenceLattice`): lattices of 8 floats per position (one per
    /// tag, so that rows match the tagger's SIMD emissions) in buffers sized once for a
    /// document's longest window, one loop per tag over the tags allowed before it, and each span's margin
    /// decoded from the span on, from the unforced lattice's row before it (earlier rows are the same either way).
    /// Pointer-level because it runs for every decoded token and again for each span found.
    final class Kernel {
        /// Floats per lattice row.
        static let rowWidth = 8
        private let best: UnsafeMutablePointer<Float>
        private let forced: UnsafeMutablePointer<Float>
        private let back: UnsafeMutablePointer<Int8>
        private let path: UnsafeMutablePointer<Int8>
        private let transitions: [Float]

        /// Buffers for windows of up to `longest` tokens; `transitions` as in the model.
        init(longest: Int, transitions: [Float]) {
            let rows = max(longest, 1)
            best = .allocate(capacity: rows * Self.rowWidth)
            forced = .allocate(capacity: rows * Self.rowWidth)
            back = .allocate(capacity: rows * Self.rowWidth)
            path = .allocate(capacity: rows)
            self.transitions = transitions
        }

        deinit {
            best.deallocate()
            forced.deallocate()
            back.deallocate()
            path.deallocate()
        }

        /// Decodes one window, whose tokens' emissions are `emissions[offset ..< offset + window.count]`, and
        /// reports each span of the best path (in document tokens) with its label and margin: the best path's score
        /// less the best score with the span forced outside.
        @inline(__always)  // into the tagger's loop, so that `report` is inlined too
        func decode(_ window: Range<Int>, emissions: [SIMD8<Float>], from offset: Int, span report: (Range<Int>, EntityLabel, Float) -> Void) {
            let length = window.count
            guard length > 0 else { return }
            precondition(offset >= 0 && offset + length <= emissions.count)
            emissions.withUnsafeBufferPointer { emissions in
                transitions.withUnsafeBufferPointer { transitions in
                    let emissions = emissions.baseAddress! + offset, transitions = transitions.baseAddress!
                    let width = Self.rowWidth
                    Self.forward(emissions: emissions, length: length, transitions: transitions, forced: 0..<0, from: 0, best: best, back: back)
                    var tag = Self.bestLastTag(best, length: length)
                    let score = best[(length - 1) * width + tag]
                    path[length - 1] = Int8(tag)
                    for i in stride(from: length - 1, to: 0, by: -1) {
                        tag = Int(back[i * width + tag])
                        path[i - 1] = Int8(tag)
                    }
                    func margin(_ span: Range<Int>) -> Float {
                        if span.lowerBound > 0 {
                            let row = (span.lowerBound - 1) * width
                            for lane in 0..<width { forced[row + lane] = best[row + lane] }
                        }
                        Self.forward(emissions: emissions, length: length, transitions: transitions, forced: span, from: span.lowerBound,
                                     best: forced, back: nil)
                        return score - forced[(length - 1) * width + Self.bestLastTag(forced, length: length)]
                    }
                    // Spans as in `EntityViterbi.spans`: a begin tag and the inside tags after it, or a run of NORP tags.
                    var open = -1
                    var previous = EntityTag.outside
                    for i in 0...length {
                        let tag = i < length ? EntityTag(rawValue: Int(path[i]))! : .outside
                        defer { previous = tag }
                        if tag.continuesSpan(after: previous) { continue }
                        if open >= 0 {
                            report((window.lowerBound + open)..<(window.lowerBound + i), EntityTag(rawValue: Int(path[open]))!.label!, margin(open..<i))
                            /* Reported: no span is open until the next begin tag. */
                            open = -1
                        }
                        if tag.opensSpan(after: previous) { open = i }
                    }
                }
            }
        }

        /// The lattice rows of a whole window (best scores, then back pointers), for comparing with `referenceLattice`.
        func lattice(emissions: [SIMD8<Float>], transitions: [Float], forced: Range<Int>) -> (best: [[Float]], back: [[Int]]) {
            let length = emissions.count
            emissions.withUnsafeBufferPointer { emissions in
                transitions.withUnsafeBufferPointer { transitions in
                    Self.forward(emissions: emissions.baseAddress!, length: length, transitions: transitions.baseAddress!, forced: forced, from: 0,
                                 best: best, back: back)
                }
            }
            let rows = (0..<length).map { i in (0..<EntityTag.count).map { best[i * Self.rowWidth + $0] } }
            let backs = (0..<length).map { i in (0..<EntityTag.count).map { Int(back[i * Self.rowWidth + $0]) } }
            return (rows, backs)
        }

        /// Fills lattice rows `start ..< length` of `best` (and of `back`, when given): the best score of a path
        /// ending in each tag at each position. Rows before `start` must already hold the same path scores.
        /// Tags not allowed at a position (`forced` positions allow only outside) score -∞.
        @inline(__always)
        private static func forward(emissions: UnsafePointer<SIMD8<Float>>, length: Int, transitions: UnsafePointer<Float>,
                                    forced: Range<Int>, from start: Int,
                                    best: UnsafeMutablePointer<Float>, back: UnsafeMutablePointer<Int8>?) {
            let count = EntityTag.count
            var i = start
            if i == 0 {
                for tag in 0..<rowWidth { best[tag] = -.infinity }
                // Only outside, begin and NORP tags may start a window.
                best[0] = transitions[0] + emissions[0][0]
                if !forced.contains(0) {
                    best[1] = transitions[1] + emissions[0][1]
                    best[3] = transitions[3] + emissions[0][3]
                    best[5] = transitions[5] + emissions[0][5]
                    best[7] = transitions[7] + emissions[0][7]
                }
                i = 1
            }
            while i < length {
                let previous = best + (i - 1) * rowWidth, row = best + i * rowWidth
                let emission = emissions[i]
                let rowBack = back.map { $0 + i * rowWidth }
                // An outside, begin or NORP tag may follow any tag; an inside tag only its own begin or inside tag.
                func relax(_ tag: Int, from first: Int, to end: Int) {
                    var bestScore = -Float.infinity
                    var bestPrevious = 0
                    for p in first..<end {
                        let candidate = previous[p] + transitions[(p + 1) * count + tag]
                        if candidate > bestScore { bestScore = candidate; bestPrevious = p }
                    }
                    row[tag] = bestScore + emission[tag]
                    rowBack?[tag] = Int8(truncatingIfNeeded: bestPrevious)
                }
                if forced.contains(i) {
                    for tag in 1..<rowWidth { row[tag] = -.infinity }
                    relax(0, from: 0, to: count)
                } else {
                    relax(0, from: 0, to: count)
                    relax(1, from: 0, to: count)
                    relax(2, from: 1, to: 3)
                    relax(3, from: 0, to: count)
                    relax(4, from: 3, to: 5)
                    relax(5, from: 0, to: count)
                    relax(6, from: 5, to: 7)
                    relax(7, from: 0, to: count)
                }
                i += 1
            }
        }

        /// The tag with the best score at the last position (the first of equals).
        private static func bestLastTag(_ best: UnsafePointer<Float>, length: Int) -> Int {
            let row = best + (length - 1) * rowWidth
            var last = 0
            for tag in 1..<EntityTag.count where row[tag] > row[last] { last = tag }
            return last
        }
    }
}
