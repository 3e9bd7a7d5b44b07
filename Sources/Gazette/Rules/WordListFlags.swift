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
         (LocativeContextRule.directions, .compassDirection), (SportsResultRule.resultVerbs, .resultVerb)]
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

/// An open-addressing table from key (by its FNV-1a hash, `FeatureHash.of`) to flags: usually one probe per token
/// that reads one 24-byte slot, instead of a `Dictionary<String, …>` look-up with its per-call hasher. A slot holds
/// the key itself (a short key lies inside the string value, so comparing it reads no other memory), the upper
/// half of the hash (the lower bits chose the slot), so that the key is compared only when the hash matches, and
/// the flags.
struct KeyFlagTable: Sendable {
    private struct Slot: Sendable {
        var key = ""
        var check: UInt32 = 0
        /// Empty for a free slot (every stored key is in at least one list).
        var flags: WordListFlags = []
    }

    private let slots: [Slot]
    private let mask: Int

    init(_ table: [String: WordListFlags]) {
        self.init(lists: table.map { (keys: [$0.key], flag: $0.value) })
    }

    /// The table of every key in `lists`, each with the flags of all the lists it is in. Built straight from the
    /// lists, at every start: no dictionary, no sort. The slot layout follows the lists' iteration order, which
    /// varies from run to run; the flags found for a key do not.
    init(lists: [(keys: some Collection<String>, flag: WordListFlags)]) {
        var capacity = 16
        let total = lists.reduce(0) { $0 + $1.keys.count }
        // At most two thirds full (counting a key once per list it is in): probes stay short.
        while capacity * 2 < total * 3 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Slot](repeating: Slot(), count: capacity)
        for (keys, flag) in lists where !flag.isEmpty {
            for key in keys {
                let hash = FeatureHash.of(key)
                let check = UInt32(truncatingIfNeeded: hash >> 32)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while !slots[slot].flags.isEmpty, !(slots[slot].check == check && slots[slot].key == key) {
                    slot = (slot + 1) & mask
                }
                if slots[slot].flags.isEmpty {
                    slots[slot] = Slot(key: key, check: check, flags: flag)
                } else {
                    slots[slot].flags.insert(flag)
                }
            }
        }
        self.slots = slots
        self.mask = mask
    }

    /// The flags of a key whose FNV-1a hash is `hash`.
    func flags(of key: String, hash: UInt64) -> WordListFlags {
        let check = UInt32(truncatingIfNeeded: hash >> 32)
        var index = Int(truncatingIfNeeded: hash) & mask
        while !slots[index].flags.isEmpty {
            if slots[index].check == check && slots[index].key == key { return slots[index].flags }
            index = (index + 1) & mask
        }
        return []
    }

    /// The flags of many keys, given with their hashes. In blocks of keys, the first slot of each is read in a loop
    /// of its own, with no branch on what it holds, so that the processor has the cache misses of the whole block
    /// in flight at once; the probes then find their slots in the cache, and a key whose first slot is free (not
    /// listed) needs no probe at all.
    func flags(of keys: [String], hashes: [UInt64]) -> [WordListFlags] {
        let count = min(keys.count, hashes.count)
        var flags = [WordListFlags](repeating: [], count: count)
        for blockStart in stride(from: 0, to: count, by: 256) {
            let block = blockStart..<min(blockStart + 256, count)
            for index in block { flags[index] = slots[Int(truncatingIfNeeded: hashes[index]) & mask].flags }
            for index in block where !flags[index].isEmpty { flags[index] = self.flags(of: keys[index], hash: hashes[index]) }
        }
        return flags
    }
}
