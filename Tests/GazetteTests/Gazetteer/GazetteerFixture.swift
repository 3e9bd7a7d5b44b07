@testable import Gazette

/// Small gazetteers written for the tests, compiled in memory, and a way to run only the matching stages on a text.
enum GazetteerFixture {
    static let segmenter = TestPipeline.segmenter

    static let places = """
    # A comment line, then the header.
    name\tlabel\tid\taliases\tprior\tflags\tkind\tcountry
    Xinjiang\tLOC\tQ34800\tXinjiang Uyghur Autonomous Region|?Sinkiang Province\t0.95\t\tadmin1\tCN
    New York City\tLOC\tgeonames:5128581\tNew York|NYC\t0.9\t\tcity\tUS
    New York\tLOC\tgeonames:5128638\tNew York State\t0.7\t\tadmin1\tUS
    York\tLOC\tgeonames:2633352\t\t0.6\t\tcity\tGB
    Zürich\tLOC\tgeonames:2657896\t\t0.9\t\tcity\tCH
    United States\tLOC\tQ30\tUS|U.S.|USA\t0.95\t\tcountry\tUS
    Nice\tLOC\tgeonames:2990440\t\t0.6\t\tcity\tFR
    Paris\tLOC\tgeonames:2988507\t\t0.9\t\tcity\tFR
    Paris\tLOC\tgeonames:4717560\t\t0.5\t\tcity\tUS
    Victoria\tLOC\tgeonames:6174041\t\t0.6\tambiguous\tcity\tCA
    Victoria\tLOC\tgeonames:2151889\t\t0.65\tambiguous\tadmin1\tAU
    China\tLOC\tQ148\tPRC|mainland China\t0.95\tdistinctive\tcountry\tCN
    Turkey\tLOC\tQ43\t\t0.9\t\tcountry\tTR
    Washington\tLOC\tgeonames:4140963\t\t0.7\t\tcity\tUS
    Korea, Republic of\tLOC\tQ884\tSouth Korea|=Korea\t0.95\t\tcountry\tKR
    """

    static let organizations = """
    name\tlabel\tid\taliases\tprior\tflags
    World Health Organization\tORG\tQ7817\tWHO\t0.95\t
    White House\tORG\tQ35525\t\t0.9\t
    Washington\tORG\tgz:org/washington-team\t\t0.7\t
    Democratic Party\tORG\tQ29552\t\t0.7\t
    Democratic Party\tORG\tQ1163064\t\t0.7\t
    """

    static let people = """
    name\tlabel\tid\taliases\tprior\tflags
    Antony Blinken\tPERSON\tQ7364\tTony Blinken\t0.95\t
    """

    static let demonyms = """
    name\tlabel\tid\taliases\tprior\tflags\tkind\tcountry
    Chinese\tNORP\tgz:norp/chinese\t\t0.9\t\tdemonym\tCN
    Uyghur\tNORP\tgz:norp/uyghur\tUyghurs|Uighur\t0.9\t\tethnic group\tCN
    """

    /// Adds a QID cross-reference and an alias to an entry of `places`, as a share-alike extension file would.
    static let placesExtension = """
    name\tlabel\tid\taliases\txrefs
    New York City\tLOC\tgeonames:5128581\tBig Apple\tQ60
    """

    static let commonWords: Set<String> = ["nice", "who", "us", "white", "house", "new", "york", "states", "united", "democratic", "party", "turkey", "china", "korea"]

    static func list(_ text: String, _ stem: String) -> GazetteerList {
        GazetteerList(source: "gazetteer:" + stem, file: stem + ".tsv", bytes: Array(text.utf8), format: .tsv, isUser: false)
    }

    static func gazetteer(_ lists: [GazetteerList]? = nil, commonWords: Set<String> = commonWords) throws -> Gazetteer {
        let lists = lists ?? [list(places, "places"), list(placesExtension, "places-sa"), list(organizations, "organizations"),
                              list(people, "people"), list(demonyms, "demonyms")]
        let bytes = try GazetteerCompiler(commonWords: commonWords, segmenter: segmenter).compile(lists, contentHash: 42, manifest: [])
        return Gazetteer(image: try GazetteerImage(bytes: bytes))
    }

    static let shared = try! gazetteer()

    /// The gazetteer's candidates for `text`: (text, label, id).
    static func candidates(_ text: String, _ gazetteer: Gazetteer = shared) throws -> [(text: String, label: String, id: String?)] {
        var document = Document(text: text)
        for stage: any Stage in [segmenter, TokenNormalizer(), GazetteerTagger(gazetteer: gazetteer)] {
            try stage.process(&document)
            document.layers.formUnion(stage.provides)
        }
        return document.candidates.map { (document.substring(utf8: document.utf8Range(ofTokens: $0.tokens)), $0.label.rawValue, $0.id) }
    }

    /// The texts of the candidates.
    static func texts(_ text: String, _ gazetteer: Gazetteer = shared) throws -> [String] {
        try candidates(text, gazetteer).map(\.text)
    }
}
