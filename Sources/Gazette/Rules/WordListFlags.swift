/// The word lists a token's key belongs to, looked up once per token by `WordListTagger` so that rules and the
/// entity model test bits instead of hashing strings again and again.
public struct WordListFlags: OptionSet, Sendable, Hashable {
    /// One bit per list.
    public let rawValue: UInt16
    /// The lists whose bits are set.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Words that never begin a name ("The", "However").
    public static let stopword = WordListFlags(rawValue: 1 << 0)
    /// Given names that are rarely anything else.
    public static let firstName = WordListFlags(rawValue: 1 << 1)
    /// Single-word titles ("president").
    public static let titleWord = WordListFlags(rawValue: 1 << 2)
    /// The most common ordinary English words.
    public static let commonWord = WordListFlags(rawValue: 1 << 3)
    /// Words that end organisation names ("Department").
    public static let organizationSuffix = WordListFlags(rawValue: 1 << 4)
    /// Words that start organisation names before "of" ("Ministry").
    public static let organizationPrefix = WordListFlags(rawValue: 1 << 5)
    /// Words that end place names ("Province").
    public static let locationSuffix = WordListFlags(rawValue: 1 << 6)
    /// Words that start place names ("Mount").
    public static let locationPrefix = WordListFlags(rawValue: 1 << 7)
    /// Lower-case words inside names ("bin", "von"): `NameParticles.all`.
    public static let nameParticle = WordListFlags(rawValue: 1 << 8)
    /// The first word of a title phrase ("secretary" of "Secretary of State").
    public static let titleStart = WordListFlags(rawValue: 1 << 9)
    /// "in", "near", "from": before a place name.
    public static let locativePreposition = WordListFlags(rawValue: 1 << 10)
    /// "northern", "southwest": before a place name.
    public static let compassDirection = WordListFlags(rawValue: 1 << 11)
    /// "beat", "defeated", "v": between two teams.
    public static let resultVerb = WordListFlags(rawValue: 1 << 12)
    /// A word that heads a name of something other than a person ("Telescope", "Airport", "Foundation"):
    /// `WordLists.nonPersonHeads`.
    public static let nonPersonHead = WordListFlags(rawValue: 1 << 13)
    /// A planet, moon or star ("Jupiter", "Europa"): `WordLists.celestialBodies`.
    public static let celestialBody = WordListFlags(rawValue: 1 << 14)
    /// A family name its bearers write first ("Xi", "Kim", "Nguyen"): `WordLists.familyNameFirst`.
    public static let familyNameFirst = WordListFlags(rawValue: 1 << 15)

    /// Words a feature may name as themselves: listed words, not names.
    public static let listedWords: WordListFlags = [.stopword, .titleWord, .organizationSuffix, .organizationPrefix, .locationSuffix, .locationPrefix]
}

extension WordLists {
    /// Each list with the flag it sets.
    var flaggedLists: [(keys: Set<String>, flag: WordListFlags)] {
        [(stopwords, .stopword), (firstNames, .firstName), (titleWords, .titleWord), (commonWords, .commonWord),
         (organizationSuffixes, .organizationSuffix), (organizationPrefixes, .organizationPrefix),
         (locationSuffixes, .locationSuffix), (locationPrefixes, .locationPrefix), (nameParticles, .nameParticle),
         (titleFirstWords, .titleStart), (LocativeContextRule.prepositions, .locativePreposition),
         (LocativeContextRule.directions, .compassDirection), (SportsResultRule.resultVerbs, .resultVerb),
         (Set(nonPersonHeads.keys), .nonPersonHead), (celestialBodies, .celestialBody), (familyNameFirst, .familyNameFirst)]
    }
}

/// Marks each token with the word lists its key belongs to, and each sentence with whether it is in title case.
public struct WordListTagger: Stage {
    /// The stage's name in explanations and errors.
    public let name = "word-lists"
    /// Sentences, tokens and their keys.
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys]
    /// Each token's word-list flags (and each sentence's title case).
    public let provides: Set<Layer> = [.wordListFlags]

    private let table: KeyFlagTable

    /// A tagger of the lists in `words`.
    public init(words: WordLists) {
        table = KeyFlagTable(lists: words.flaggedLists)
    }

    /// Flags each token with its lists and marks title-case sentences.
    public func process(_ document: inout Document) throws {
        let flags = table.flags(of: document.tokenKeys.keys, hashes: document.tokenKeys.hashes)
        document.wordListFlags = flags
        document.titleCaseSentences = Self.titleCaseSentences(document, flags: flags)
    }

    /// A sentence is in title case ("Kallas Calls India a Reliable Partner") when most of its ordinary words
    /// (common words and stop words after the first token) are capitalised: there a capital says nothing about
    /// names. A list of names ("Essex, Derbyshire and Surrey") is not title case.
    ///
    /// Sentences are walked with one token cursor, as `Document.sentenceTokenRanges()` does, without making the
    /// ranges.
    static func titleCaseSentences(_ document: Document, flags: [WordListFlags]) -> [Bool] {
        let tokens = document.tokens
        let ordinary: WordListFlags = [.commonWord, .stopword]
        var result: [Bool] = []
        result.reserveCapacity(document.sentences.count)
        var t = 0
        for sentence in document.sentences {
            while t < tokens.count, tokens[t].start < sentence.lowerBound { t += 1 }
            let first = t
            var capitalized = 0, lower = 0
            while t < tokens.count, tokens[t].start < sentence.upperBound {
                let token = tokens[t]
                if t > first, token.kind == .word {
                    switch token.shape {
                    case .capitalized where !flags[t].isDisjoint(with: ordinary):
                        capitalized += 1
                    case .lower:
                        lower += 1
                    default:
                        break
                    }
                }
                t += 1
            }
            result.append(capitalized >= 2 && capitalized * 2 > (capitalized + lower))
        }
        return result
    }
}
