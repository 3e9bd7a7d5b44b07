/// Viterbi decoding over a window of tokens, with optional tokens forced outside (to measure a span's margin).
///
/// The lattice keeps 8 floats per position (one per tag, the 8th unused) so that rows stay aligned with the
/// tagger's SIMD emissions. Every score is computed with the same additions and comparisons, in the same order,
/// whichever entry point is used, so training and tagging decode alike.
package enum EntityViterbi {
    /// Floats per lattice row.
    static let rowWidth = 8

    /// The best tag sequence and its score. `emissions[i * EntityTag.count + tag]`; `transitions` as in the model.
    package static func decode(emissions: [Float], length: Int, transitions: [Float], forcedOutside: Range<Int>? = nil) -> (tags: [EntityTag], score: Float) {
        guard length > 0 else { return ([], 0) }
        var best = [Float](repeating: 0, count: length * rowWidth)
        var back = [Int8](repeating: 0, count: length * rowWidth)
        let forced = forcedOutside ?? 0..<0
        return emissions.withUnsafeBufferPointer { emissions in
            transitions.withUnsafeBufferPointer { transitions in
                best.withUnsafeMutableBufferPointer { best in
                    back.withUnsafeMutableBufferPointer { back in
                        forward(emissions: emissions.baseAddress!, stride: EntityTag.count, length: length,
                                transitions: transitions.baseAddress!, forced: forced, from: 0,
                                best: best.baseAddress!, back: back.baseAddress!)
                        let last = bestLastTag(best.baseAddress!, length: length)
                        var tags = [EntityTag](repeating: .outside, count: length)
                        var tag = last
                        tags[length - 1] = EntityTag(rawValue: tag)!
                        var i = length - 1
                        while i > 0 {
                            tag = Int(back[i * rowWidth + tag])
                            tags[i - 1] = EntityTag(rawValue: tag)!
                            i -= 1
                        }
                        return (tags, best[(length - 1) * rowWidth + last])
                    }
                }
            }
        }
    }

    /// Fills lattice rows `start ..< length` of `best` (and of `back`, when given): the best score of a path
    /// ending in each tag at each position. Rows before `start` must already hold the same path scores.
    /// Tags not allowed at a position (`forced` positions allow only outside) score -∞.
    @inline(__always)
    static func forward(emissions: UnsafePointer<Float>, stride: Int, length: Int, transitions: UnsafePointer<Float>,
                        forced: Range<Int>, from start: Int,
                        best: UnsafeMutablePointer<Float>, back: UnsafeMutablePointer<Int8>?) {
        let count = EntityTag.count
        var i = start
        if i == 0 {
            for tag in 0..<rowWidth { best[tag] = -.infinity }
            // Only outside and begin tags may start a window.
            best[0] = transitions[0] + emissions[0]
            if !forced.contains(0) {
                best[1] = transitions[1] + emissions[1]
                best[3] = transitions[3] + emissions[3]
                best[5] = transitions[5] + emissions[5]
            }
            i = 1
        }
        while i < length {
            let previous = best + (i - 1) * rowWidth, row = best + i * rowWidth
            let emission = emissions + i * stride
            let rowBack = back.map { $0 + i * rowWidth }
            // An outside or begin tag may follow any tag; an inside tag only its own begin or inside tag.
            @inline(__always) func relax(_ tag: Int, from first: Int, to end: Int) {
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
                row[7] = -.infinity
            }
            i += 1
        }
    }

    /// The tag with the best score at the last position (the first of equals).
    @inline(__always)
    static func bestLastTag(_ best: UnsafePointer<Float>, length: Int) -> Int {
        let row = best + (length - 1) * rowWidth
        var last = 0
        for tag in 1..<EntityTag.count where row[tag] > row[last] { last = tag }
        return last
    }

    /// Spans of a tag sequence: (range in the window, label).
    package static func spans(_ tags: [EntityTag]) -> [(Range<Int>, EntityLabel)] {
        var spans: [(Range<Int>, EntityLabel)] = []
        var start: Int?
        for (i, tag) in tags.enumerated() {
            if tag.isInside { continue }
            if let open = start { spans.append((open..<i, tags[open].label!)); start = nil }
            if tag.isBegin { start = i }
        }
        if let open = start { spans.append((open..<tags.count, tags[open].label!)) }
        return spans
    }
}
