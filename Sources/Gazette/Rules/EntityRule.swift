/// A named context rule that proposes candidates. Each rule's `name` is written as the source of the entities it
/// finds (`rule:title-before-name`).
public protocol EntityRule: Sendable {
    var name: String { get }
    func candidates(in context: RuleContext) -> [Candidate]
}

/// What a rule may look at: the document's tokens and keys, its sentences, the gazetteer's candidates and the
/// word lists. Built once per document by `RuleTagger`.
public struct RuleContext {
    public let document: Document
    public let words: WordLists
    /// Token index ranges of the sentences.
    public let sentences: [Range<Int>]
    /// Sentences written in title case (headlines): rules there need stronger evidence.
    public let titleCaseSentences: Set<Int>
    /// Candidates found before the rules ran (gazetteer matches).
    public let earlierCandidates: [Candidate]
    /// For each token, the word lists its key is in.
    public let flags: [WordListFlags]
    /// For each token, the labels of earlier candidates that end or start at it.
    let labelsEndingAt: [LabelMask]
    let labelsStartingAt: [LabelMask]

    init(document: Document, words: WordLists) {
        self.document = document
        self.words = words
        self.sentences = document.sentenceTokenRanges()
        self.earlierCandidates = document.candidates
        var ending = [LabelMask](repeating: [], count: document.tokens.count)
        var starting = [LabelMask](repeating: [], count: document.tokens.count)
        for candidate in document.candidates {
            ending[candidate.tokens.upperBound - 1].insert(LabelMask(candidate.label))
            starting[candidate.tokens.lowerBound].insert(LabelMask(candidate.label))
        }
        self.labelsEndingAt = ending
        self.labelsStartingAt = starting
        self.flags = document.wordListFlags
        self.tokens = document.tokens
        self.keys = document.tokenKeys
        self.titleCaseSentences = Set(document.titleCaseSentences.indices.filter { document.titleCaseSentences[$0] })
    }

    public let tokens: [Token]
    public let keys: [String]

    /// Whether token `i` can be part of a name: a capitalised word that is not a stop word.
    public func isNameWord(_ i: Int) -> Bool {
        tokens[i].isCapitalizedWord && !flags[i].contains(.stopword)
    }

    /// The number of tokens from `start` that form a run of name words: capitalised words, initials ("J."),
    /// particles between them ("bin", "von der") and hyphens inside ("Al-Assad"). At most `maximum` tokens.
    public func nameRun(from start: Int, limit: Int, maximum: Int = 4) -> Int {
        var end = start
        var lastNameWord = start
        while end < limit, end - start < maximum + 2 {
            if isNameWord(end) {
                end += 1
                lastNameWord = end
            } else if end > start, flags[end].contains(.nameParticle) || isInnerHyphen(end) {
                end += 1
            } else {
                break
            }
        }
        return min(lastNameWord - start, maximum)
    }

    private func isInnerHyphen(_ i: Int) -> Bool {
        i > 0 && i + 1 < tokens.count && keys[i] == "-" && tokens[i - 1].end == tokens[i].start && tokens[i].end == tokens[i + 1].start
    }

    public func earlierLabels(endingAt i: Int) -> LabelMask { labelsEndingAt[i] }
    public func earlierLabels(startingAt i: Int) -> LabelMask { labelsStartingAt[i] }
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
