/// Finds the next token at which a rule can start: the kernel of `RuleContext.next(_:from:before:)`, which every
/// rule calls for every sentence, so that it visits only the tokens where it can start.
///
/// `first` reads the tokens' start bytes eight at a time, as one 64-bit word masked to the rule's bit in each
/// byte; `firstPlain` is the same search written plainly, and `RuleStartScanTests` pins the two together.
enum RuleStartScan {
    /// The first index from `i` on, before `limit`, whose starts contain `rule`; `limit` when there is none.
    static func first(_ rule: RuleStarts, in starts: [RuleStarts], from i: Int, before limit: Int) -> Int {
        precondition(limit <= starts.count)
        return starts.withUnsafeBufferPointer { starts in
            guard let base = starts.baseAddress else { return i }  // no tokens
            var i = i
            let mask = UInt64(rule.rawValue) &* 0x0101_0101_0101_0101
            let raw = UnsafeRawPointer(base)
            while i + 8 <= limit {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian & mask
                if word != 0 { return i + word.trailingZeroBitCount / 8 }
                i += 8
            }
            while i < limit, !starts[i].contains(rule) { i += 1 }
            return i
        }
    }

    /// `first`, written plainly: the reference it is tested against.
    static func firstPlain(_ rule: RuleStarts, in starts: [RuleStarts], from i: Int, before limit: Int) -> Int {
        var i = i
        while i < limit, !starts[i].contains(rule) { i += 1 }
        return i
    }
}
