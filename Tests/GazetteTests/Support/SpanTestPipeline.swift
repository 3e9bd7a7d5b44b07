@testable import Gazette

/// `TestPipeline` with the word lists of editor-style spans: titles, particles, non-person heads, celestial bodies and
/// name order, all small lists written for the tests.
enum SpanTestPipeline {
    static let places = """
    name\tlabel\tid\taliases\tprior\tflags
    Croydon\tLOC\tgz:loc/croydon\t\t0.9\t
    Austin\tLOC\tgz:loc/austin\t\t0.9\t
    Leiden\tLOC\tgz:loc/leiden\t\t0.9\t
    """

    static let organizations = """
    name\tlabel\tid\taliases\tprior\tflags
    Orchard\tORG\tgz:org/orchard\t\t0.6\tambiguous
    """

    static func words() -> WordLists {
        var words = TestPipeline.words()
        for title in ["Chair", "Coach", "Premier"] { words.addTitle([MatchingKey.fold(title)]) }
        words.firstNames.formUnion(["jerome", "grace", "alain", "pieter", "lena", "tomas"])
        words.organizationSuffixes.formUnion(["institute", "court", "observatory", "foundation", "college"])
        words.organizationPrefixes.formUnion(["institute", "college"])
        words.nonPersonHeads = ["telescope": nil, "clipper": nil, "airport": .location, "foundation": .organization,
                                "institute": .organization, "observatory": .organization, "court": .organization]
        words.celestialBodies = ["callisto"]
        words.familyNameFirst = ["wu", "park"]
        words.givenNamesAfterFamilyName = ["zoltan"]
        return words
    }

    /// The first four stages (segmenter to gazetteer), with this file's places.
    static func stages() throws -> [any Stage] {
        var gazetteer = Gazetteer()
        try gazetteer.addList(places, source: "gazetteer:places", file: "places", segmenter: TestPipeline.segmenter)
        try gazetteer.addList(organizations, source: "gazetteer:organizations", file: "organizations", segmenter: TestPipeline.segmenter)
        return [TestPipeline.segmenter, TokenNormalizer(), WordListTagger(words: words()), GazetteerTagger(gazetteer: gazetteer)]
    }

    /// The whole chain without a model (greedy choice), editing spans and linking with these lists.
    static func make() throws -> Pipeline {
        let words = words()
        return try Pipeline(stages: try stages() + [
            RuleTagger(words: words),
            EntityResolver(linker: NameVariantLinker(stopwords: words.stopwords, givenNamesAfterFamilyName: words.givenNamesAfterFamilyName),
                           editor: EntitySpanEditor(words: words)),
        ], resourceHash: "test")
    }

    static let shared = try! make()
}
