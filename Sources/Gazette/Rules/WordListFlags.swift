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

    private let table: KeyFlagTable

    public init(words: WordLists) {
        table = KeyFlagTable(words.flagTable())
    }

    public func process(_ document: inout Document) throws {
        let keys = document.tokenKeys
        if document.tokenKeyHashes.count != keys.count { document.tokenKeyHashes = keys.map(FeatureHash.of) }
        let hashes = document.tokenKeyHashes
        var flags = [WordListFlags](repeating: [], count: keys.count)
        for index in keys.indices {
            flags[index] = table.flags(of: keys[index], hash: hashes[index])
        }
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

/// An open-addressing table from key (by its FNV-1a hash, `FeatureHash.of`) to flags: one hash of the key's bytes
/// and usually one probe per token, instead of a `Dictionary<String, …>` look-up with its per-call hasher.
struct KeyFlagTable: Sendable {
    private let hashes: [UInt64]
    private let keys: [String]
    private let values: [WordListFlags]
    private let mask: Int

    init(_ table: [String: WordListFlags]) {
        var capacity = 16
        while capacity < table.count * 2 { capacity <<= 1 }
        var hashes = [UInt64](repeating: 0, count: capacity)
        var keys = [String](repeating: "", count: capacity)
        var values = [WordListFlags](repeating: [], count: capacity)
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            let hash = FeatureHash.of(key)
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while !values[slot].isEmpty { slot = (slot + 1) & (capacity - 1) }
            hashes[slot] = hash
            keys[slot] = key
            values[slot] = value
        }
        self.hashes = hashes
        self.keys = keys
        self.values = values
        self.mask = capacity - 1
    }

    func flags(of key: String, hash: UInt64) -> WordListFlags {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = values[slot]
            if value.isEmpty { return [] }
            if hashes[slot] == hash && keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
    }
}
