/// The word lists that rules consult, as matching keys. Loaded from `Gazetteers/` (see its README).
public struct WordLists: Sendable {
    /// Person titles and roles that precede names: "Secretary of State", "spokesperson", "Mr.".
    public var titles = PhraseMatcher<Bool>() {
        didSet { titleIndexIsCurrent = false }
    }
    /// `titles` again, looked up by key hashes (see `TitlePhraseIndex`); kept by `addTitle`. Setting `titles` any
    /// other way makes the index stale, and rules then use `titles` itself.
    private(set) var titleIndex = TitlePhraseIndex()
    private(set) var titleIndexIsCurrent = true
    /// First words of the title phrases in `titles`.
    public var titleFirstWords: Set<String> = []
    /// Single words that are titles by themselves ("president", "minister"), from `titles`.
    public var titleWords: Set<String> = []
    /// The most common ordinary English words, lower-case (`Gazetteers/common-words.txt`).
    public var commonWords: Set<String> = []
    /// Given names that are rarely anything else.
    public var firstNames: Set<String> = []
    /// Words that begin sentences or headlines but never begin a name: "the", "however", "monday".
    public var stopwords: Set<String> = []
    /// Words that end an organisation name ("Department", "News", "Inc.") or start one before "of" ("Ministry").
    public var organizationSuffixes: Set<String> = []
    /// Words that start an organisation name before "of" ("Ministry").
    public var organizationPrefixes: Set<String> = []
    /// Words that end a place name ("Province", "River") or start one ("Mount", "Lake").
    public var locationSuffixes: Set<String> = []
    /// Words that start a place name ("Mount", "Lake").
    public var locationPrefixes: Set<String> = []
    /// Lower-case words allowed inside a person's name: "bin", "von", "der", "da" (`NameParticles.all`).
    public var nameParticles: Set<String> = NameParticles.all
    /// Words that head a name of something other than a person, with the label such a name takes (nil: no entity):
    /// "telescope" → nil, "airport" → LOC, "foundation" → ORG (`Gazetteers/non-person-heads.tsv`).
    public var nonPersonHeads: [String: EntityLabel?] = [:]
    /// Planets, moons and stars: not people ("jupiter", `Gazetteers/celestial-bodies.txt`).
    public var celestialBodies: Set<String> = []
    /// Family names that their bearers write first ("xi", "kim", `Gazetteers/family-name-first.txt`).
    public var familyNameFirst: Set<String> = []
    /// Given names of a language that puts the family name first, written after it ("viktor" in "Orbán Viktor",
    /// `Gazetteers/given-names-hungarian-gfdl.txt`).
    public var givenNamesAfterFamilyName: Set<String> = []

    /// Empty lists (name particles excepted).
    public init() {}

    /// Adds a title phrase, given as matching keys, to `titles`, `titleFirstWords` and `titleWords`.
    public mutating func addTitle(_ keys: [String]) {
        guard let first = keys.first else { return }
        let indexWasCurrent = titleIndexIsCurrent
        titles.insert(keys, true)
        titleIndex.insert(keys)
        titleIndexIsCurrent = indexWasCurrent
        titleFirstWords.insert(first)
        if keys.count == 1 { titleWords.insert(first) }
    }

    /// The length of the longest title phrase that starts at token `start` and ends before `limit`, by the index
    /// when it is current.
    func titleLength(keys: [String], hashes: [UInt64], from start: Int, limit: Int) -> Int? {
        if titleIndexIsCurrent { return titleIndex.longestMatch(keys: keys, hashes: hashes, from: start, limit: limit) }
        return titles.longestMatch(in: keys, from: start, limit: limit)?.length
    }

    /// Loads the lists from a resource folder. `segmenter` tokenises multi-word titles the way documents are.
    public static func load(from resources: inout ResourceReader, segmenter: Segmenter) throws(GazetteError) -> WordLists {
        var lists = WordLists()
        for line in TableFile.lines(try resources.text("Gazetteers/titles.txt")) {
            let title = String(line)
            let tokens = try segmenter.tokens(of: title)
            let bytes = Array(title.utf8)
            lists.addTitle(tokens.map { MatchingKey.fold(String(decoding: bytes[$0.utf8Range], as: UTF8.self)) })
        }
        lists.firstNames = keySet(try resources.text("Gazetteers/first-names.txt"))
        if resources.exists("Gazetteers/first-names-ambiguous.txt") {
            lists.firstNames.subtract(keySet(try resources.text("Gazetteers/first-names-ambiguous.txt")))
        }
        lists.stopwords = keySet(try resources.text("Gazetteers/capitalized-stopwords.txt"))
        if resources.exists("Gazetteers/common-words.txt") {
            lists.commonWords = keySet(try resources.text("Gazetteers/common-words.txt"))
        }
        if resources.exists("Gazetteers/non-person-heads.tsv") {
            lists.nonPersonHeads = try nonPersonHeads(&resources, "Gazetteers/non-person-heads.tsv")
        }
        if resources.exists("Gazetteers/celestial-bodies.txt") {
            lists.celestialBodies = keySet(try resources.text("Gazetteers/celestial-bodies.txt"))
        }
        if resources.exists("Gazetteers/family-name-first.txt") {
            lists.familyNameFirst = keySet(try resources.text("Gazetteers/family-name-first.txt"))
        }
        if resources.exists("Gazetteers/given-names-hungarian-gfdl.txt") {
            lists.givenNamesAfterFamilyName = keySet(try resources.text("Gazetteers/given-names-hungarian-gfdl.txt"))
        }
        (lists.organizationPrefixes, lists.organizationSuffixes) = try keywords(&resources, "Gazetteers/org-keywords.tsv")
        (lists.locationPrefixes, lists.locationSuffixes) = try keywords(&resources, "Gazetteers/location-keywords.tsv")
        return lists
    }

    /// Loads the lists from a resource folder with the segmenter the standard pipeline uses.
    public static func load(from resources: ResourceDirectory) throws(GazetteError) -> WordLists {
        var reader = ResourceReader(resources)
        let segmenter = try Segmenter.standard(&reader)
        return try load(from: &reader, segmenter: segmenter)
    }

    private static func keySet(_ text: String) -> Set<String> {
        // Sized once, for at most one word a line: growing a set of thousands of words rehashes it several times, at
        // every start. (Newlines counted in the buffer: through `String.UTF8View` it costs ten times as much.)
        var text = text
        let newlines = text.withUTF8 { bytes in bytes.count { $0 == UInt8(ascii: "\n") } }
        var keys = Set<String>(minimumCapacity: newlines + 1)
        TableFile.forEachLine(text) { keys.insert(MatchingKey.fold($0)) }
        return keys
    }

    private static func nonPersonHeads(_ resources: inout ResourceReader, _ file: String) throws(GazetteError) -> [String: EntityLabel?] {
        var heads: [String: EntityLabel?] = [:]
        for row in try TableFile.rows(try resources.text(file), file: file, required: ["word", "label"]) {
            guard let word = row["word"], !word.isEmpty, let label = row["label"], !label.isEmpty else {
                throw GazetteError(.resourceMalformed, "\(file): every row needs a word and a label ('-' for no entity)")
            }
            heads[MatchingKey.fold(String(word))] = label == "-" ? EntityLabel?.none : EntityLabel(rawValue: String(label))
        }
        return heads
    }

    private static func keywords(_ resources: inout ResourceReader, _ file: String) throws(GazetteError) -> (prefixes: Set<String>, suffixes: Set<String>) {
        var prefixes = Set<String>(), suffixes = Set<String>()
        for row in try TableFile.rows(try resources.text(file), file: file, required: ["word", "position"]) {
            guard let word = row["word"], !word.isEmpty else { continue }
            let key = MatchingKey.fold(String(word))
            switch row["position"] {
            case "prefix"?: prefixes.insert(key)
            case "suffix"?: suffixes.insert(key)
            case "both"?: prefixes.insert(key); suffixes.insert(key)
            default: throw GazetteError(.resourceMalformed, "\(file): position of '\(word)' must be prefix, suffix or both")
            }
        }
        return (prefixes, suffixes)
    }
}
