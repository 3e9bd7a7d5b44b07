/// Reads each token once into the rules that can start at it (`RuleStarts`): the kernel of `RuleContext.init`,
/// which runs for every token of every document.
///
/// `starts` runs through buffer pointers, and without branches on what cannot be predicted (whether a token is a
/// capitalised word): the shapes become masks through a switch of constants, which compiles to a table, and the
/// word lists' starts are two entries of `flagStartsTable`. `startsPlain` is the same marking written plainly
/// (`RuleStarts.init(_:flags:)`, `RuleStarts.isInitial`), and `RuleStartMarksTests` pins the two together.
enum RuleStartMarks {
    /// For each token, the rules that can start at it: `tokens`, `flags`, `keys` and `hashes` have one element per
    /// token.
    static func starts(tokens: [Token], flags: [WordListFlags], keys: [String], hashes: [UInt64]) -> [RuleStarts] {
        precondition(flags.count == tokens.count && keys.count == tokens.count && hashes.count == tokens.count)
        var starts = [RuleStarts](unsafeUninitializedCapacity: tokens.count) { starts, initialized in
            tokens.withUnsafeBufferPointer { tokens in
                flags.withUnsafeBufferPointer { flags in
                    flagStartsTable.withUnsafeBufferPointer { flagStarts in
                        for index in tokens.indices {
                            starts.initializeElement(at: index, to: startsWithoutKey(tokens[index], flags: flags[index], flagStarts: flagStarts))
                        }
                    }
                }
            }
            initialized = tokens.count
        }
        // The starts that need the key, in a pass of their own: the first stays short enough for the processor to
        // run ahead in it, and here few tokens ("(", "-", a short capitalised word) get as far as their key.
        starts.withUnsafeMutableBufferPointer { starts in
            tokens.withUnsafeBufferPointer { tokens in
                hashes.withUnsafeBufferPointer { hashes in
                    for index in tokens.indices {
                        // Only the key "(" or "-" has the hash of "(" or "-" (both rare, so the branches are
                        // predictable); the key itself is read only then.
                        let hash = hashes[index]
                        if hash == RuleContext.openParenthesisHash, RuleContext.isSingleByte(keys[index], UInt8(ascii: "(")) {
                            starts[index].insert(.openParenthesis)
                        }
                        // "Kabul-based": the locative rule starts before the hyphen.
                        if hash == RuleContext.hyphenHash, index > 0, RuleContext.isSingleByte(keys[index], UInt8(ascii: "-")) {
                            starts[index - 1].insert(.locative)
                        }
                        if mayBeInitial(tokens[index]), RuleStarts.isInitial(tokens[index], key: keys[index]) { starts[index].insert(.initial) }
                    }
                }
            }
        }
        return starts
    }

    /// `starts`, written plainly: the reference it is tested against.
    static func startsPlain(tokens: [Token], flags: [WordListFlags], keys: [String], hashes: [UInt64]) -> [RuleStarts] {
        var starts = [RuleStarts](repeating: [], count: tokens.count)
        for index in tokens.indices {
            starts[index] = RuleStarts(tokens[index], flags: flags[index])
            if RuleContext.isSingleByte(keys[index], UInt8(ascii: "(")) { starts[index].insert(.openParenthesis) }
            if index > 0, RuleContext.isSingleByte(keys[index], UInt8(ascii: "-")) { starts[index - 1].insert(.locative) }
            if RuleStarts.isInitial(tokens[index], key: keys[index]) { starts[index].insert(.initial) }
        }
        return starts
    }

    /// `RuleStarts.init(_:flags:)` without branches. `flagStarts` is `flagStartsTable`.
    @inline(__always)
    private static func startsWithoutKey(_ token: Token, flags: WordListFlags, flagStarts: UnsafeBufferPointer<UInt8>) -> RuleStarts {
        // Low byte: allowed by the shape; high byte: allowed if the token is also a word (`Token.isCapitalizedWord`).
        let byShape: UInt16
        switch token.shape {
        case .capitalized: byShape = UInt16(RuleStarts.nameWord.rawValue | RuleStarts.keyword.rawValue) << 8 | UInt16(RuleStarts.firstName.rawValue)
        case .allCaps, .mixed: byShape = UInt16(RuleStarts.nameWord.rawValue | RuleStarts.keyword.rawValue) << 8
        case .lower: byShape = UInt16(RuleStarts.locative.rawValue)
        default: byShape = 0
        }
        let wordMask: UInt16 = token.kind == .word ? 0xFF00 : 0
        let allowed = RuleStarts.titleStart.rawValue | RuleStarts.scoreOrResult.rawValue | UInt8(truncatingIfNeeded: byShape)
            | UInt8(truncatingIfNeeded: (byShape & wordMask) >> 8)
        let f = Int(flags.rawValue)
        // A name word is a word that is not a stop word.
        let given = (flagStarts[f & 0xFF] | flagStarts[256 + f >> 8]) ^ RuleStarts.nameWord.rawValue
        return RuleStarts(rawValue: given & allowed | (token.kind == .number ? RuleStarts.scoreOrResult.rawValue : 0))
    }

    /// The starts that word lists give, with `nameWord` standing for a stop word (`startsWithoutKey` turns it
    /// around). Each start is given by some flag or other, so the starts of the flags' low byte and of their high
    /// byte together are the starts of all of them.
    private static func startsGiven(by flags: WordListFlags) -> UInt8 {
        func moved(_ flag: WordListFlags, to start: RuleStarts) -> UInt8 { flags.contains(flag) ? start.rawValue : 0 }
        func any(_ listed: WordListFlags, to start: RuleStarts) -> UInt8 { flags.isDisjoint(with: listed) ? 0 : start.rawValue }
        return moved(.stopword, to: .nameWord)
            | moved(.firstName, to: .firstName)
            | moved(.titleStart, to: .titleStart)
            | any([.organizationPrefix, .organizationSuffix, .locationPrefix, .locationSuffix], to: .keyword)
            | any([.locativePreposition, .compassDirection], to: .locative)
            | moved(.resultVerb, to: .scoreOrResult)
    }

    /// `startsGiven(by:)` of each value of the flags' low byte (entries 0–255) and of their high byte (256–511).
    private static let flagStartsTable: [UInt8] = (0..<256).map { startsGiven(by: WordListFlags(rawValue: UInt16($0))) }
        + (0..<256).map { startsGiven(by: WordListFlags(rawValue: UInt16($0) << 8)) }

    /// The part of `RuleStarts.isInitial` that needs no key, without branches: a capitalised or all-capitals word
    /// of two or four bytes.
    @inline(__always)
    private static func mayBeInitial(_ token: Token) -> Bool {
        // A switch of constants (compiled to a table) for the shapes; 2 and 4 are the lengths less 2 of which only
        // bit 1 may be set.
        let shaped: UInt8
        switch token.shape {
        case .capitalized, .allCaps: shaped = 1
        default: shaped = 0
        }
        let sized: UInt8 = (token.end &- token.start &- 2) & ~2 == 0 ? 1 : 0
        return (token.kind == .word ? 1 : 0) & shaped & sized != 0
    }
}
