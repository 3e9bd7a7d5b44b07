/// A named context rule that proposes candidates. Each rule's `name` is written as the source of the entities it
/// finds (`rule:title-before-name`).
public protocol EntityRule: Sendable {
    /// The source written on the rule's candidates ("rule:…").
    var name: String { get }
    /// The candidates the rule finds in a document.
    func candidates(in context: RuleContext) -> [Candidate]
}

/// What a rule may look at: the document's tokens and keys, its sentences, the gazetteer's candidates and the
/// word lists. Built once per document by `RuleTagger`.
///
/// The context also reads each token once, into one byte of the rules that can start at it (`starts`), so that a
/// rule skips the tokens where it cannot start eight at a time (`RuleStartScan`) and compares no strings. The
/// starts are read by `RuleStartMarks`.
public struct RuleContext {
    /// The document the rules run on.
    public let document: Document
    /// The word lists the rules consult.
    public let words: WordLists
    /// Token index ranges of the sentences.
    public let sentences: [Range<Int>]
    /// Candidates found before the rules ran (gazetteer matches).
    public let earlierCandidates: [Candidate]
    /// For each token, the word lists its key is in.
    public let flags: [WordListFlags]
    /// The document's tokens.
    public let tokens: [Token]
    /// Each token's matching key.
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
        let starts = RuleStartMarks.starts(tokens: tokens, flags: flags, keys: keys, hashes: keyHashes)
        self.starts = starts
        var labels = [UInt8](repeating: 0, count: tokens.count)
        for candidate in document.candidates {
            let label = LabelMask(candidate.label).rawValue & 0xF
            labels[candidate.tokens.lowerBound] |= label
            labels[candidate.tokens.upperBound - 1] |= label << 4
        }
        self.earlierLabels = labels
    }

    /// FNV-1a of the one-byte keys "(", "-" and ",".
    static var openParenthesisHash: UInt64 { (FeatureHash.offsetBasis ^ UInt64(UInt8(ascii: "("))) &* FeatureHash.prime }
    static var hyphenHash: UInt64 { (FeatureHash.offsetBasis ^ UInt64(UInt8(ascii: "-"))) &* FeatureHash.prime }
    static var commaHash: UInt64 { (FeatureHash.offsetBasis ^ UInt64(UInt8(ascii: ","))) &* FeatureHash.prime }

    /// The byte whose one-byte key has FNV-1a hash `hash`, if that byte is ASCII: FNV-1a of one byte is
    /// (basis ^ byte) × prime, and the prime is odd, so multiplying by its inverse modulo 2⁶⁴ undoes it. A longer
    /// key whose hash collides may give an ASCII byte too: `isSingleByte` then rules it out.
    private static func singleByte(hash: UInt64) -> UInt8? {
        let unmixed = (hash &* 0xce96_5057_aff6_957b) ^ FeatureHash.offsetBasis
        return unmixed < 0x80 ? UInt8(truncatingIfNeeded: unmixed) : nil
    }

    static func isSingleByte(_ key: String, _ byte: UInt8) -> Bool {
        key.utf8.count == 1 && key.utf8.first == byte
    }

    /// The key's byte when token `i`'s key is one ASCII byte ("-", "(", ","); 0 otherwise.
    func singleByte(_ i: Int) -> UInt8 {
        guard let byte = Self.singleByte(hash: keyHashes[i]), Self.isSingleByte(keys[i], byte) else { return 0 }
        return byte
    }

    /// Whether token `i`'s key is `word` (compared by hash first).
    @inline(__always) func key(_ i: Int, is word: HashedKey) -> Bool {
        word.matches(keys[i], hash: keyHashes[i])
    }

    /// The first token from `i` on, before `limit`, at which `rule` can start; `limit` when there is none.
    func next(_ rule: RuleStarts, from i: Int, before limit: Int) -> Int {
        RuleStartScan.first(rule, in: starts, from: i, before: limit)
    }

    /// The length of the longest title phrase (`WordLists.titles`) that starts at token `start` and ends before
    /// `limit`.
    func titleLength(from start: Int, limit: Int) -> Int? {
        words.titleLength(keys: keys, hashes: keyHashes, from: start, limit: limit)
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
                continue
            }
            let innerHyphen = isInnerHyphen(end)
            if innerHyphen, tokens[end + 1].kind == .word, tokens[end + 1].shape == .lower, end + 1 < limit {
                // A hyphenated given name written in lower case after the hyphen: "Moon Jae-in", "Tsai Ing-wen".
                end += 2
                lastNameWord = end
            } else if flags[end].contains(.nameParticle) || innerHyphen {
                end += 1
            } else {
                break
            }
        }
        return min(lastNameWord - start, maximum)
    }

    /// Whether the name over `span` is headed by a word that makes it something other than a person: its last
    /// word, or the word right after it (capitalised, or a lower-case place word: "Charles de Gaulle airport"),
    /// is a non-person head ("James Webb Space Telescope", "Gates Foundation"; `WordLists.nonPersonHeads`).
    public func hasNonPersonHead(_ span: Range<Int>) -> Bool {
        let last = span.upperBound - 1
        if flags[last].contains(.nonPersonHead) { return true }
        let next = span.upperBound
        guard next < tokens.count, flags[next].contains(.nonPersonHead), tokens[next].kind == .word else { return false }
        if tokens[next].isCapitalizedWord { return true }
        return words.nonPersonHeads[keys[next]] == .some(.location)
    }

    /// A hyphen with no space on either side, between two tokens.
    private func isInnerHyphen(_ i: Int) -> Bool {
        // The hash first: most tokens are no hyphen.
        keyHashes[i] == Self.hyphenHash && i > 0 && i + 1 < tokens.count && tokens[i - 1].end == tokens[i].start
            && tokens[i].end == tokens[i + 1].start && Self.isSingleByte(keys[i], UInt8(ascii: "-"))
    }

    /// The labels of earlier candidates that end at token `i`.
    public func earlierLabels(endingAt i: Int) -> LabelMask { LabelMask(rawValue: earlierLabels[i] >> 4) }
    /// The labels of earlier candidates that start at token `i`.
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

    /// The starts that a token and its word lists give, all but those that need its key.
    init(_ token: Token, flags: WordListFlags) {
        var starts: RuleStarts = []
        if token.isCapitalizedWord, !flags.contains(.stopword) { starts.insert(.nameWord) }
        if token.shape == .capitalized, flags.contains(.firstName) { starts.insert(.firstName) }
        if flags.contains(.titleStart) { starts.insert(.titleStart) }
        if token.isCapitalizedWord, !flags.isDisjoint(with: [.organizationPrefix, .organizationSuffix, .locationPrefix, .locationSuffix]) {
            starts.insert(.keyword)
        }
        if token.shape == .lower, !flags.isDisjoint(with: [.locativePreposition, .compassDirection]) { starts.insert(.locative) }
        if token.kind == .number || flags.contains(.resultVerb) { starts.insert(.scoreOrResult) }
        self = starts
    }

    /// "J." or "J.R.": the key drops the periods ("j", "jr"), so the token is twice as long as its key, all ASCII
    /// letters. The key is read only for a short capitalised word.
    static func isInitial(_ token: Token, key: @autoclosure () -> String) -> Bool {
        let length = token.end - token.start
        guard token.kind == .word, length == 2 || length == 4, token.shape == .capitalized || token.shape == .allCaps else { return false }
        let key = key().utf8
        return length == 2 * key.count && key.allSatisfy { $0.isASCIILetter }
    }
}

/// Runs the rules and adds their candidates to the document.
public struct RuleTagger: Stage {
    /// The stage's name in explanations and errors.
    public let name = "rules"
    /// Sentences, tokens and their keys and word lists, and the gazetteer's candidates.
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys, .wordListFlags, .candidates]
    /// The rules' candidates, added to the document's.
    public let provides: Set<Layer> = [.candidates]

    /// Rules lose ties against gazetteer matches of the same length.
    public static let priority = 1

    /// The word lists the rules consult.
    public let words: WordLists
    /// The rules, run in this order.
    public let rules: [any EntityRule]

    /// A stage running `rules` with `words`.
    public init(words: WordLists, rules: [any EntityRule] = RuleTagger.standardRules) {
        self.words = words
        self.rules = rules
    }

    /// The rules of the standard pipeline.
    public static let standardRules: [any EntityRule] = [
        TitleBeforeNameRule(), FirstNameRule(), InitialsRule(), OrganizationKeywordRule(), LocationKeywordRule(), AcronymRule(),
        LocativeContextRule(), DatelineRule(), SportsResultRule(), CompanyContextRule(),
    ]

    /// Runs every rule on the document and adds their candidates.
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
    /// One bit per label.
    public let rawValue: UInt8
    /// The set of the labels whose bits are set.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// PERSON.
    public static let person = LabelMask(rawValue: 1)
    /// ORG.
    public static let organization = LabelMask(rawValue: 2)
    /// LOC.
    public static let location = LabelMask(rawValue: 4)
    /// Any other label.
    public static let other = LabelMask(rawValue: 8)

    /// The set of one label.
    public init(_ label: EntityLabel) {
        switch label {
        case .person: self = .person
        case .organization: self = .organization
        case .location: self = .location
        default: self = .other
        }
    }
}
