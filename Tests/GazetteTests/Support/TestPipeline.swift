@testable import Gazette

/// A pipeline over small inline lists written for the tests, independent of the shipped Gazetteers/.
enum TestPipeline {
    static let places = """
    name\tlabel\tid\taliases\tprior\tflags
    United States\tLOC\tgz:loc/united-states\tUS|U.S.|USA\t0.9\t
    China\tLOC\tgz:loc/china\tPeople's Republic of China|PRC\t0.95\t
    Zürich\tLOC\tgz:loc/zurich\t\t0.95\t
    İstanbul\tLOC\tgz:loc/istanbul\tIstanbul\t0.95\t
    北京\tLOC\tgz:loc/beijing\tBeijing\t0.95\t
    Jordan\tLOC\tgz:loc/jordan\t\t0.6\tambiguous
    """

    static let organizations = """
    name\tlabel\tid\taliases\tprior\tflags
    United States Department of State\tORG\tgz:org/united-states-department-of-state\tState Department\t0.95\t
    """

    static let people = """
    name\tlabel\tid\taliases\tprior\tflags
    Mahmoud Abbas\tPERSON\tgz:person/mahmoud-abbas\t\t0.95\t
    """

    static let segmenter = Segmenter(
        abbreviations: AbbreviationList(["u.s.": .initialism, "dr.": .title, "mr.": .title]),
        sentenceStarters: ["the", "he", "she", "it", "then"]
    )

    static func words() -> WordLists {
        var words = WordLists()
        for title in ["Secretary of State", "spokesperson", "President", "Mr.", "Army Chief"] {
            let tokens = try! segmenter.tokens(of: title)
            var text = title
            let keys = text.withUTF8 { bytes in tokens.map { MatchingKey.fold(UnsafeBufferPointer(rebasing: bytes[$0.utf8Range])) } }
            words.addTitle(keys)
        }
        words.firstNames = ["ned", "kaja", "antony"]
        words.stopwords = ["the", "he", "she", "it", "then", "in", "a", "to", "with", "later"]
        words.commonWords = ["calls", "partner", "reliable", "record", "seeks", "talks", "fire", "under", "network", "price", "mark"]
        words.organizationSuffixes = ["department", "news", "inc"]
        words.organizationPrefixes = ["ministry", "university"]
        words.locationSuffixes = ["province", "river"]
        words.locationPrefixes = ["mount"]
        return words
    }

    static func make() throws -> Pipeline {
        var gazetteer = Gazetteer()
        try gazetteer.addList(places, source: "gazetteer:places", file: "places", segmenter: segmenter)
        try gazetteer.addList(organizations, source: "gazetteer:organizations", file: "organizations", segmenter: segmenter)
        try gazetteer.addList(people, source: "gazetteer:people", file: "people", segmenter: segmenter)
        return try Pipeline(stages: [
            segmenter,
            TokenNormalizer(),
            WordListTagger(words: words()),
            GazetteerTagger(gazetteer: gazetteer),
            RuleTagger(words: words()),
            EntityResolver(linker: NameVariantLinker(stopwords: words().stopwords)),
            TopicClassifier(model: TopicFixture.shared),
        ], resourceHash: "test")
    }

    static let shared = try! make()
}

/// Slices `text` by offsets counted in `unit`.
func slice(_ text: String, _ start: Int, _ end: Int, unit: OffsetUnit) -> String {
    switch unit {
    case .codepoint:
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[start..<end])
        return String(result)
    case .utf16:
        return String(decoding: Array(text.utf16)[start..<end], as: UTF16.self)
    case .utf8:
        return String(decoding: Array(text.utf8)[start..<end], as: UTF8.self)
    }
}
