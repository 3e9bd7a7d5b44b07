/// A named context rule that proposes candidates. Each rule's `name` is written as the source of the entities it
/// finds (`rule:title-before-name`).
public protocol EntityRule: Sendable {
    var name: String { get }
    func candidates(in context: RuleContext) -> [Candidate]
}

/// What a rule may look at: the document's tokens and keys, its sentences, the gazetteer's candidates and the
/// word lists. Built once per document by `RuleTagger`.
///
/// The context also reads each token once into `traits`, so that the rules, which look at every token, test bits
/// and bytes instead of comparing strings and re-reading token shapes.
public struct RuleContext {
    public let document: Document
    public let words: WordLists
    /// Token index ranges of the sentences.
    public let sentences: [Range<Int>]
    /// Candidates found before the rules ran (gazetteer matches).
    public let earlierCandidates: [Candidate]
    /// For each token, the word lists its key is in.
    public let flags: [WordListFlags]
    /// For each token, what the rules test about it, its key's byte when the key is one ASCII byte, and the labels
    /// of earlier candidates that start or end at it (see `TokenTraits`).
    let traits: [TokenTraits]
    /// For each token, the FNV-1a hash of its key (`Document.tokenKeyHashes`).
    let keyHashes: [UInt64]
    /// For each sentence, whether it is written in title case (see `WordListTagger`).
    private let titleCase: [Bool]

    init(document: Document, words: WordLists) {
        self.document = document
        self.words = words
        self.sentences = document.sentenceTokenRanges()
        self.earlierCandidates = document.candidates
        let tokens = document.tokens
        let keys = document.tokenKeys
        let flags = document.wordListFlags
        self.flags = flags
        self.tokens = tokens
        self.keys = keys
        self.titleCase = document.titleCaseSentences
        let keyHashes = document.tokenKeyHashes.count == keys.count ? document.tokenKeyHashes : keys.map(FeatureHash.of)
        self.keyHashes = keyHashes
        var traits = [TokenTraits](unsafeUninitializedCapacity: tokens.count) { traits, initialized in
            tokens.withUnsafeBufferPointer { tokens in
                flags.withUnsafeBufferPointer { flags in
                    keyHashes.withUnsafeBufferPointer { keyHashes in
                        for index in tokens.indices {
                            var tokenTraits = TokenTraits(tokens[index], flags: flags[index])
                            // Only a one-byte key hashes to the hash of one byte; the key itself is read only then.
                            if let byte = Self.singleByte(hash: keyHashes[index]), keys[index].utf8.count == 1, keys[index].utf8.first == byte {
                                tokenTraits.singleByte = byte
                            }
                            if TokenTraits.isInitial(tokens[index], key: keys[index]) { tokenTraits.insert(.initial) }
                            traits.initializeElement(at: index, to: tokenTraits)
                        }
                    }
                }
            }
            initialized = tokens.count
        }
        for candidate in document.candidates {
            traits[candidate.tokens.upperBound - 1].labelsEnding.insert(LabelMask(candidate.label))
            traits[candidate.tokens.lowerBound].labelsStarting.insert(LabelMask(candidate.label))
        }
        self.traits = traits
    }

    /// The byte whose one-byte key has FNV-1a hash `hash`, if that byte is ASCII: FNV-1a of one byte is
    /// (basis ^ byte) × prime, and the prime is odd, so multiplying by its inverse modulo 2⁶⁴ undoes it.
    @inline(__always)
    private static func singleByte(hash: UInt64) -> UInt8? {
        let unmixed = (hash &* 0xce96_5057_aff6_957b) ^ FeatureHash.offsetBasis
        return unmixed < 0x80 ? UInt8(truncatingIfNeeded: unmixed) : nil
    }

    /// The key's byte when token `i`'s key is one ASCII byte ("-", "(", ","); 0 otherwise.
    @inline(__always)
    func singleByte(_ i: Int) -> UInt8 { traits[i].singleByte }

    /// The length of the longest title phrase (`WordLists.titles`) that starts at token `start` and ends before
    /// `limit`.
    func titleLength(from start: Int, limit: Int) -> Int? {
        if words.titleIndexIsCurrent {
            return words.titleIndex.longestMatch(keys: keys, hashes: keyHashes, from: start, limit: limit)
        }
        return words.titles.longestMatch(in: keys, from: start, limit: limit)?.length
    }

    public let tokens: [Token]
    public let keys: [String]

    /// Sentences written in title case (headlines): rules there need stronger evidence.
    public var titleCaseSentences: Set<Int> { Set(titleCase.indices.filter { titleCase[$0] }) }

    /// Whether sentence `index` is written in title case.
    func isTitleCase(_ index: Int) -> Bool {
        index < titleCase.count && titleCase[index]
    }

    /// Whether token `i` can be part of a name: a capitalised word that is not a stop word.
    public func isNameWord(_ i: Int) -> Bool {
        traits[i].contains(.nameWord)
    }

    /// The number of tokens from `start` that form a run of name words: capitalised words, initials ("J."),
    /// particles between them ("bin", "von der") and hyphens inside ("Al-Assad"). At most `maximum` tokens.
    public func nameRun(from start: Int, limit: Int, maximum: Int = 4) -> Int {
        guard start < limit, traits[start].contains(.nameWord) else { return 0 }
        var end = start + 1
        var lastNameWord = end
        while end < limit, end - start < maximum + 2 {
            if traits[end].contains(.nameWord) {
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
        i > 0 && i + 1 < tokens.count && traits[i].singleByte == UInt8(ascii: "-") && tokens[i - 1].end == tokens[i].start && tokens[i].end == tokens[i + 1].start
    }

    public func earlierLabels(endingAt i: Int) -> LabelMask { traits[i].labelsEnding }
    public func earlierLabels(startingAt i: Int) -> LabelMask { traits[i].labelsStarting }
}

/// What the rules test about one token, read once per document by `RuleContext`: bits for its kind and shape
/// (the option set proper, bits 0–7), its key's byte when the key is one ASCII byte (bits 8–15), and the labels of
/// earlier candidates that start (bits 16–19) and end (bits 20–23) at it.
struct TokenTraits: OptionSet, Sendable {
    var rawValue: UInt32

    init(rawValue: UInt32) { self.rawValue = rawValue }

    static let word = TokenTraits(rawValue: 1 << 0)
    static let number = TokenTraits(rawValue: 1 << 1)
    /// `Token.isCapitalizedWord`.
    static let capitalizedWord = TokenTraits(rawValue: 1 << 2)
    /// A capitalised word that is not a stop word (`RuleContext.isNameWord`).
    static let nameWord = TokenTraits(rawValue: 1 << 3)
    /// The token's shape is `.lower`, `.capitalized` or `.allCaps`.
    static let lower = TokenTraits(rawValue: 1 << 4)
    static let capitalized = TokenTraits(rawValue: 1 << 5)
    static let allCaps = TokenTraits(rawValue: 1 << 6)
    /// "J." or "J.R." as one token: a capital letter and a period, possibly repeated (see `InitialsRule`).
    static let initial = TokenTraits(rawValue: 1 << 7)

    var singleByte: UInt8 {
        get { UInt8(truncatingIfNeeded: rawValue >> 8) }
        set { rawValue = rawValue & ~0xFF00 | UInt32(newValue) << 8 }
    }

    var labelsStarting: LabelMask {
        get { LabelMask(rawValue: UInt8(truncatingIfNeeded: rawValue >> 16) & 0xF) }
        set { rawValue = rawValue & ~0xF_0000 | UInt32(newValue.rawValue & 0xF) << 16 }
    }

    var labelsEnding: LabelMask {
        get { LabelMask(rawValue: UInt8(truncatingIfNeeded: rawValue >> 20) & 0xF) }
        set { rawValue = rawValue & ~0xF0_0000 | UInt32(newValue.rawValue & 0xF) << 20 }
    }

    /// All traits but `.initial`, which needs the key.
    init(_ token: Token, flags: WordListFlags) {
        var traits: UInt32 = 0
        switch token.kind {
        case .word: traits |= Self.word.rawValue
        case .number: traits |= Self.number.rawValue
        default: break
        }
        switch token.shape {
        case .lower: traits |= Self.lower.rawValue
        case .capitalized: traits |= Self.capitalized.rawValue
        case .allCaps: traits |= Self.allCaps.rawValue
        default: break
        }
        if token.isCapitalizedWord {
            traits |= Self.capitalizedWord.rawValue
            if !flags.contains(.stopword) { traits |= Self.nameWord.rawValue }
        }
        rawValue = traits
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
        for rule in rules {
            document.candidates.append(contentsOf: rule.candidates(in: context))
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
