/// The word lists a token's key belongs to, looked up once per token by `WordListTagger` so that rules and the
/// entity model test bits instead of hashing strings again and again.
public struct WordListFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let stopword = WordListFlags(rawValue: 1 << 0)
    public static let firstName = WordListFlags(rawValue: 1 << 1)
    public static let titleWord = WordListFlags(rawValue: 1 << 2)
    public static let commonWord = WordListFlags(rawValue: 1 << 3)
    public static let organizationSuffix = WordListFlags(rawValue: 1 << 4)
    public static let organizationPrefix = WordListFlags(rawValue: 1 << 5)
    public static let locationSuffix = WordListFlags(rawValue: 1 << 6)
    public static let locationPrefix = WordListFlags(rawValue: 1 << 7)
    public static let nameParticle = WordListFlags(rawValue: 1 << 8)
    /// The first word of a title phrase ("secretary" of "Secretary of State").
    public static let titleStart = WordListFlags(rawValue: 1 << 9)
    /// "in", "near", "from": before a place name.
    public static let locativePreposition = WordListFlags(rawValue: 1 << 10)
    /// "northern", "southwest": before a place name.
    public static let compassDirection = WordListFlags(rawValue: 1 << 11)
    /// "beat", "defeated", "v": between two teams.
    public static let resultVerb = WordListFlags(rawValue: 1 << 12)

    /// Words a feature may name as themselves: listed words, not names.
    public static let listedWords: WordListFlags = [.stopword, .titleWord, .organizationSuffix, .organizationPrefix, .locationSuffix, .locationPrefix]
}

extension WordLists {
    /// One map from key to all the lists it is in.
    func flagTable() -> [String: WordListFlags] {
        var table: [String: WordListFlags] = [:]
        func mark(_ keys: Set<String>, _ flag: WordListFlags) {
            for key in keys { table[key, default: []].insert(flag) }
        }
        mark(stopwords, .stopword)
        mark(firstNames, .firstName)
        mark(titleWords, .titleWord)
        mark(commonWords, .commonWord)
        mark(organizationSuffixes, .organizationSuffix)
        mark(organizationPrefixes, .organizationPrefix)
        mark(locationSuffixes, .locationSuffix)
        mark(locationPrefixes, .locationPrefix)
        mark(nameParticles, .nameParticle)
        mark(titleFirstWords, .titleStart)
        mark(LocativeContextRule.prepositions, .locativePreposition)
        mark(LocativeContextRule.directions, .compassDirection)
        mark(SportsResultRule.resultVerbs, .resultVerb)
        return table
    }
}

/// Marks each token with the word lists its key belongs to, and each sentence with whether it is in title case.
public struct WordListTagger: Stage {
    public let name = "word-lists"
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys]
    public let provides: Set<Layer> = [.wordListFlags]

    private let table: [String: WordListFlags]

    public init(words: WordLists) {
        table = words.flagTable()
    }

    public func process(_ document: inout Document) throws {
        let flags = document.tokenKeys.map { table[$0] ?? [] }
        document.wordListFlags = flags
        document.titleCaseSentences = Self.titleCaseSentences(document, flags: flags)
    }

    /// A sentence is in title case ("Kallas Calls India a Reliable Partner") when most of its ordinary words
    /// (common words and stop words after the first token) are capitalised: there a capital says nothing about
    /// names. A list of names ("Essex, Derbyshire and Surrey") is not title case.
    static func titleCaseSentences(_ document: Document, flags: [WordListFlags]) -> [Bool] {
        let tokens = document.tokens
        return document.sentenceTokenRanges().map { range in
            var capitalized = 0, lower = 0
            for t in range.dropFirst() where tokens[t].kind == .word {
                switch tokens[t].shape {
                case .capitalized where !flags[t].isDisjoint(with: [.commonWord, .stopword]):
                    capitalized += 1
                case .lower:
                    lower += 1
                default:
                    break
                }
            }
            return capitalized >= 2 && capitalized * 2 > (capitalized + lower)
        }
    }
}
