/// A named context rule that proposes candidates. Each rule's `name` is written as the source of the entities it
/// finds (`rule:title-before-name`).
public protocol EntityRule: Sendable {
    var name: String { get }
    func candidates(in context: RuleContext) -> [Candidate]
}

/// What a rule may look at: the document's tokens and keys, its sentences, the gazetteer's candidates and the
/// word lists. Built once per document by `RuleTagger`.
///
/// The context also reads each token once, into one byte of the rules that can start at it (`starts`), so that a
/// rule, which would otherwise look at every token, skips the others eight at a time and compares no strings.
public struct RuleContext {
    public let document: Document
    public let words: WordLists
    /// Token index ranges of the sentences.
    public let sentences: [Range<Int>]
    /// Candidates found before the rules ran (gazetteer matches).
    public let earlierCandidates: [Candidate]
    /// For each token, the word lists its key is in.
    public let flags: [WordListFlags]
    public let tokens: [Token]
    public let keys: [String]
    /// For each token, the rules that can start at it, and whether it is a name word (see `RuleStarts`).
    let starts: [RuleStarts]
    /// For each token, the labels of earlier candidates that start (low four bits) and end (high four bits) at it.
    private let earlierLabels: [UInt8]
    /// For each token, the FNV-1a hash of its key (`Document.tokenKeys.hashes`).
    let keyHashes: [UInt64]
    /// For each sentence, whether it is written in title case (see `WordListTagger`).
    private let titleCase: [Bool]

    init(document: Document, words: WordLists) {
        self.document = document
        self.words = words
        self.sentences = document.sentenceTokenRanges()
        self.earlierCandidates = document.candidates
        let tokens = document.tokens
        let keys = document.tokenKeys.keys
        let flags = document.wordListFlags
        self.flags = flags
        self.tokens = tokens
        self.keys = keys
        self.titleCase = document.titleCaseSentences
        let keyHashes = document.tokenKeys.hashes
        self.keyHashes = keyHashes
        // FNV-1a of the one-byte keys "(" and "-".
        let openParenthesisHash = (FeatureHash.offsetBasis ^ UInt64(UInt8(ascii: "("))) &* FeatureHash.prime
        let hyphenHash = (FeatureHash.offsetBasis ^ UInt64(UInt8(ascii: "-"))) &* FeatureHash.prime
        let starts = [RuleStarts](unsafeUninitializedCapacity: tokens.count) { starts, initialized in
            tokens.withUnsafeBufferPointer { tokens in
                flags.withUnsafeBufferPointer { flags in
                    keyHashes.withUnsafeBufferPointer { keyHashes in
                        RuleStarts.flagStartsTable.withUnsafeBufferPointer { flagStarts in
                            for index in tokens.indices {
                                let token = tokens[index]
                                var start = RuleStarts(token, flags: flags[index], flagStarts: flagStarts)
                                // Only the key "(" or "-" has the hash of "(" or "-" (both rare, so the branches are
                                // predictable); the key itself is read only then.
                                let hash = keyHashes[index]
                                if hash == openParenthesisHash, Self.isSingleByte(keys[index], UInt8(ascii: "(")) { start.insert(.openParenthesis) }
                                // "Kabul-based": the locative rule starts before the hyphen.
                                if hash == hyphenHash, index > 0, Self.isSingleByte(keys[index], UInt8(ascii: "-")) { starts[index - 1].insert(.locative) }
                                if RuleStarts.mayBeInitial(token), RuleStarts.isInitial(token, key: keys[index]) { start.insert(.initial) }
                                starts.initializeElement(at: index, to: start)
                            }
                        }
                    }
                }
            }
            initialized = tokens.count
        }
        self.starts = starts
        var labels = [UInt8](repeating: 0, count: tokens.count)
        for candidate in document.candidates {
            let label = LabelMask(candidate.label).rawValue & 0xF
            labels[candidate.tokens.lowerBound] |= label
            labels[candidate.tokens.upperBound - 1] |= label << 4
        }
        self.earlierLabels = labels
    }

    /// The byte whose one-byte key has FNV-1a hash `hash`, if that byte is ASCII: FNV-1a of one byte is
    /// (basis ^ byte) × prime, and the prime is odd, so multiplying by its inverse modulo 2⁶⁴ undoes it.
    @inline(__always)
    private static func singleByte(hash: UInt64) -> UInt8? {
        let unmixed = unmixedSingleByte(hash: hash)
        return unmixed < 0x80 ? UInt8(truncatingIfNeeded: unmixed) : nil
    }

    /// The byte b if `hash` is FNV-1a of the one byte b; otherwise some number other than an ASCII byte, or
    /// (for a longer key whose hash collides) an ASCII byte that `isSingleByte` then rules out.
    @inline(__always)
    private static func unmixedSingleByte(hash: UInt64) -> UInt64 {
        (hash &* 0xce96_5057_aff6_957b) ^ FeatureHash.offsetBasis
    }

    private static func isSingleByte(_ key: String, _ byte: UInt8) -> Bool {
        key.utf8.count == 1 && key.utf8.first == byte
    }

    /// The key's byte when token `i`'s key is one ASCII byte ("-", "(", ","); 0 otherwise.
    @inline(__always)
    func singleByte(_ i: Int) -> UInt8 {
        guard let byte = Self.singleByte(hash: keyHashes[i]), Self.isSingleByte(keys[i], byte) else { return 0 }
        return byte
    }

    /// The first token from `i` on, before `limit`, at which `rule` can start; `limit` when there is none.
    @inline(__always)
    func next(_ rule: RuleStarts, from i: Int, before limit: Int) -> Int {
        starts.withUnsafeBufferPointer { starts in
            guard let base = starts.baseAddress else { return limit }  // no tokens
            var i = i
            // Eight tokens a step: a word with each byte masked to the rule's bit.
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

    /// The length of the longest title phrase (`WordLists.titles`) that starts at token `start` and ends before
    /// `limit`.
    func titleLength(from start: Int, limit: Int) -> Int? {
        if words.titleIndexIsCurrent {
            return words.titleIndex.longestMatch(keys: keys, hashes: keyHashes, from: start, limit: limit)
        }
        return words.titles.longestMatch(in: keys, from: start, limit: limit)?.length
    }

    /// Sentences written in title case (headlines): rules there need stronger evidence.
    public var titleCaseSentences: Set<Int> { Set(titleCase.indices.filter { titleCase[$0] }) }

    /// Whether sentence `index` is written in title case.
    func isTitleCase(_ index: Int) -> Bool {
        index < titleCase.count && titleCase[index]
    }

    /// Whether token `i` can be part of a name: a capitalised word that is not a stop word.
    public func isNameWord(_ i: Int) -> Bool {
        starts[i].contains(.nameWord)
    }

    /// The number of tokens from `start` that form a run of name words: capitalised words, initials ("J."),
    /// particles between them ("bin", "von der") and hyphens inside ("Al-Assad"). At most `maximum` tokens.
    public func nameRun(from start: Int, limit: Int, maximum: Int = 4) -> Int {
        guard start < limit, starts[start].contains(.nameWord) else { return 0 }
        var end = start + 1
        var lastNameWord = end
        while end < limit, end - start < maximum + 2 {
            if starts[end].contains(.nameWord) {
                end += 1
                lastNameWord = end
            } else if flags[end].contains(.nameParticle) || isInnerHyphen(end) {
                end += 1
            } else {
                break
            }
        }
        return min(lastNameWord - start, maximum)
    }

    /// A hyphen with no space on either side, between two tokens.
    private func isInnerHyphen(_ i: Int) -> Bool {
        i > 0 && i + 1 < tokens.count && tokens[i - 1].end == tokens[i].start && tokens[i].end == tokens[i + 1].start
            && singleByte(i) == UInt8(ascii: "-")
    }

    public func earlierLabels(endingAt i: Int) -> LabelMask { LabelMask(rawValue: earlierLabels[i] >> 4) }
    public func earlierLabels(startingAt i: Int) -> LabelMask { LabelMask(rawValue: earlierLabels[i] & 0xF) }
}

/// The rules that can start at a token: what each rule tests first, so that it need not visit the other tokens.
struct RuleStarts: OptionSet, Sendable {
    let rawValue: UInt8

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// A capitalised word that is not a stop word (`RuleContext.isNameWord`): names, and sports results.
    static let nameWord = RuleStarts(rawValue: 1 << 0)
    /// A capitalised given name.
    static let firstName = RuleStarts(rawValue: 1 << 1)
    /// "J." or "J.R." as one token (see `isInitial`).
    static let initial = RuleStarts(rawValue: 1 << 2)
    /// The first word of a title phrase.
    static let titleStart = RuleStarts(rawValue: 1 << 3)
    /// A capitalised organisation or place key word.
    static let keyword = RuleStarts(rawValue: 1 << 4)
    /// A lower-case locative preposition or compass direction, or a token before a hyphen ("Kabul-based").
    static let locative = RuleStarts(rawValue: 1 << 5)
    /// "(": an acronym may follow.
    static let openParenthesis = RuleStarts(rawValue: 1 << 6)
    /// A number or a result verb ("beat"): a sentence without one holds no sports result.
    static let scoreOrResult = RuleStarts(rawValue: 1 << 7)

    /// The starts that a token and its word lists give, all but those that need its key: the starts its word lists
    /// give, kept where its kind and shape allow them. `flagStarts` is `flagStartsTable`.
    ///
    /// Written without branches, with few operations (the shapes become masks through a switch of constants, which
    /// compiles to a table; the flags' starts are two table entries): whether a token is a capitalised word cannot
    /// be predicted, and this runs for every token.
    @inline(__always)
    init(_ token: Token, flags: WordListFlags, flagStarts: UnsafeBufferPointer<UInt8>) {
        // Low byte: allowed by the shape; high byte: allowed if the token is also a word (`Token.isCapitalizedWord`).
        let byShape: UInt16
        switch token.shape {
        case .capitalized: byShape = UInt16(Self.nameWord.rawValue | Self.keyword.rawValue) << 8 | UInt16(Self.firstName.rawValue)
        case .allCaps, .mixed: byShape = UInt16(Self.nameWord.rawValue | Self.keyword.rawValue) << 8
        case .lower: byShape = UInt16(Self.locative.rawValue)
        default: byShape = 0
        }
        let wordMask: UInt16 = token.kind == .word ? 0xFF00 : 0
        let allowed = Self.titleStart.rawValue | Self.scoreOrResult.rawValue | UInt8(truncatingIfNeeded: byShape)
            | UInt8(truncatingIfNeeded: (byShape & wordMask) >> 8)
        let f = Int(flags.rawValue)
        // A name word is a word that is not a stop word.
        let given = (flagStarts[f & 0xFF] | flagStarts[256 + f >> 8]) ^ Self.nameWord.rawValue
        rawValue = given & allowed | (token.kind == .number ? Self.scoreOrResult.rawValue : 0)
    }

    /// The starts that word lists give, with `nameWord` standing for a stop word (`init` turns it around). Each
    /// start is given by some flag or other, so the starts of the flags' low byte and of their high byte together
    /// are the starts of all of them.
    static func startsGiven(by flags: WordListFlags) -> UInt8 {
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
    static let flagStartsTable: [UInt8] = (0..<256).map { startsGiven(by: WordListFlags(rawValue: UInt16($0))) }
        + (0..<256).map { startsGiven(by: WordListFlags(rawValue: UInt16($0) << 8)) }

    /// The part of `isInitial` that needs no key, without branches: a capitalised or all-capitals word of two or
    /// four bytes.
    @inline(__always)
    static func mayBeInitial(_ token: Token) -> Bool {
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

    /// "J." or "J.R.": the key drops the periods ("j", "jr"), so the token is twice as long as its key, all ASCII
    /// letters. The key is read only for a short capitalised word.
    @inline(__always)
    static func isInitial(_ token: Token, key: @autoclosure () -> String) -> Bool {
        let length = token.end - token.start
        guard token.kind == .word, length == 2 || length == 4, token.shape == .capitalized || token.shape == .allCaps else { return false }
        let key = key().utf8
        return length == 2 * key.count && key.allSatisfy { $0.isASCIILetter }
    }
}

/// Runs the rules and adds their candidates to the document.
public struct RuleTagger: Stage {
    public let name = "rules"
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys, .wordListFlags, .candidates]
    public let provides: Set<Layer> = [.candidates]

    /// Rules lose ties against gazetteer matches of the same length.
    public static let priority = 1

    public let words: WordLists
    public let rules: [any EntityRule]

    public init(words: WordLists, rules: [any EntityRule] = RuleTagger.standardRules) {
        self.words = words
        self.rules = rules
    }

    public static let standardRules: [any EntityRule] = [
        TitleBeforeNameRule(), FirstNameRule(), InitialsRule(), OrganizationKeywordRule(), LocationKeywordRule(), AcronymRule(),
        LocativeContextRule(), DatelineRule(), SportsResultRule(),
    ]

    public func process(_ document: inout Document) throws {
        let context = RuleContext(document: document, words: words)
        let found = rules.map { $0.candidates(in: context) }
        // One growth of the candidate list instead of one per rule.
        document.candidates.reserveCapacity(document.candidates.count + found.reduce(0) { $0 + $1.count })
        for candidates in found {
            document.candidates.append(contentsOf: candidates)
        }
    }
}

/// A set of entity labels as bits, for per-token bookkeeping.
public struct LabelMask: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let person = LabelMask(rawValue: 1)
    public static let organization = LabelMask(rawValue: 2)
    public static let location = LabelMask(rawValue: 4)
    public static let other = LabelMask(rawValue: 8)

    public init(_ label: EntityLabel) {
        switch label {
        case .person: self = .person
        case .organization: self = .organization
        case .location: self = .location
        default: self = .other
        }
    }
}
