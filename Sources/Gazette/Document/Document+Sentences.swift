extension Document {
    /// For each sentence, the range of indices of the tokens inside it.
    public func sentenceTokenRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(sentences.count)
        var t = 0
        for sentence in sentences {
            while t < tokens.count, tokens[t].start < sentence.lowerBound { t += 1 }
            let first = t
            while t < tokens.count, tokens[t].start < sentence.upperBound { t += 1 }
            ranges.append(first..<t)
        }
        return ranges
    }

    /// The index of the sentence that contains UTF-8 offset `offset` (the last sentence starting at or before it).
    public func sentenceIndex(containing offset: Int) -> Int {
        var low = 0, high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        return max(0, low - 1)
    }

    /// The UTF-8 byte range covered by a range of token indices.
    public func utf8Range(ofTokens range: Range<Int>) -> Range<Int> {
        tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end
    }
}
