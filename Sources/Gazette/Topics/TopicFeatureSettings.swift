/// How a topic model turns a document into features. The settings are stored in the model file, and training and
/// scoring both go through `TopicFeatureExtractor` with them, so the two cannot drift apart.
public struct TopicFeatureSettings: Sendable, Hashable {
    /// The feature space has `1 << bucketBits` hash buckets.
    public var bucketBits: Int = 18
    /// Pairs of adjacent words ("prime minister") as well as single words.
    public var wordBigrams: Bool = true
    /// Character n-grams of each word, with `<` and `>` marking its ends ("<vot", "vote>"); nil for none.
    /// They help short texts (headlines) with unseen inflections, at a cost in speed on long ones.
    public var characterNGrams: ClosedRange<Int>? = nil
    /// Character n-grams are made for the first this many words only (0: all). A headline and a lede carry the
    /// words a short text needs them for, and the cap keeps a long article's cost that of its first lines.
    public var characterNGramWords: Int = 0
    /// What the entities found by earlier stages contribute: nothing, their labels (`PERSON`, `ORG`, `LOC`), or
    /// their labels and, for linked entities, their ids.
    public var entities: EntityFeatures = .none
    /// Digits are read as `0`, so that "2019" and "2021" are one feature.
    public var foldDigits: Bool = true
    /// Weights features by inverse document frequency (learned in training, stored in the model).
    public var inverseDocumentFrequency: Bool = true
    /// Only the first this many words of a document count (0: all). News puts what a story is about first, and
    /// a cap keeps scoring a long article as cheap as a short one.
    public var maxWords: Int = 0
    /// Adds one feature for the document's length class (a headline, a paragraph, an article), so that one
    /// model can learn how the topics of headlines and of whole articles differ.
    public var lengthClass: Bool = false
    /// The clusters of the word vectors (`TopicWordClusters`) of the first this many words are features (0: none).
    public var wordClusterWords: Int = 0
    /// Word clusters are features only of texts of at most this many words (0: of every text). A text just longer
    /// than that reads word weights trained beside clusters without them, which cost news paragraphs of 21–40
    /// words much accuracy in one measured model (Models/README.md, "Word clusters"): keep 0 unless such texts
    /// are measured.
    public var wordClusterTextWords: Int = 0

    /// Whether entities are features, and how: by label or by linked identifier.
    public enum EntityFeatures: String, Sendable, Hashable, CaseIterable {
        case none
        case labels
        case ids
    }

    /// The default settings, those of the shipped model.
    public init() {}

    /// The number of hash buckets (2 to the `bucketBits`).
    public var bucketCount: Int { 1 << bucketBits }

    /// The settings as `key=value` pairs, in a fixed order (written into model files and recipes).
    public var pairs: [(String, String)] {
        var pairs: [(String, String)] = [
            ("buckets", String(bucketBits)),
            ("bigrams", wordBigrams ? "1" : "0"),
            ("chargrams", characterNGrams.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "none"),
            ("entities", entities.rawValue),
            ("fold-digits", foldDigits ? "1" : "0"),
            ("idf", inverseDocumentFrequency ? "1" : "0"),
            ("max-words", String(maxWords)),
        ]
        // Written only when set, so that models without them read as before.
        if lengthClass { pairs.append(("length", "1")) }
        if characterNGramWords > 0 { pairs.append(("chargram-words", String(characterNGramWords))) }
        if wordClusterWords > 0 { pairs += [("cluster-words", String(wordClusterWords)), ("cluster-text-words", String(wordClusterTextWords))] }
        return pairs
    }

    /// Reads settings written by `pairs`; every key must be present and valid.
    public init(pairs: [String: String]) throws(GazetteError) {
        func value(_ key: String) throws(GazetteError) -> String {
            guard let value = pairs[key] else { throw GazetteError(.resourceMalformed, "feature setting '\(key)' missing") }
            return value
        }
        func flag(_ key: String) throws(GazetteError) -> Bool {
            switch try value(key) {
            case "1": return true
            case "0": return false
            case let other: throw GazetteError(.resourceMalformed, "feature setting '\(key)' is '\(other)', expected 0 or 1")
            }
        }
        guard let bits = Int(try value("buckets")), (8...24).contains(bits) else {
            throw GazetteError(.resourceMalformed, "feature setting 'buckets' must be 8...24")
        }
        bucketBits = bits
        wordBigrams = try flag("bigrams")
        let grams = try value("chargrams")
        if grams == "none" {
            characterNGrams = nil
        } else {
            let parts = grams.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1], parts[1] <= 8 else {
                throw GazetteError(.resourceMalformed, "feature setting 'chargrams' is '\(grams)', expected none or MIN-MAX")
            }
            characterNGrams = parts[0]...parts[1]
        }
        guard let entities = EntityFeatures(rawValue: try value("entities")) else {
            throw GazetteError(.resourceMalformed, "feature setting 'entities' must be one of none, labels, ids")
        }
        self.entities = entities
        foldDigits = try flag("fold-digits")
        inverseDocumentFrequency = try flag("idf")
        guard let maxWords = Int(try value("max-words")), maxWords >= 0 else {
            throw GazetteError(.resourceMalformed, "feature setting 'max-words' must be a whole number ≥ 0")
        }
        self.maxWords = maxWords
        // Written only when set: models from before the setting existed lack it.
        guard let gramWords = Int(pairs["chargram-words"] ?? "0"), gramWords >= 0 else {
            throw GazetteError(.resourceMalformed, "feature setting 'chargram-words' must be a whole number ≥ 0")
        }
        characterNGramWords = gramWords
        // Written only when set: models from before the settings existed lack them.
        guard let clusterWords = Int(pairs["cluster-words"] ?? "0"), clusterWords >= 0,
              let clusterTextWords = Int(pairs["cluster-text-words"] ?? "0"), clusterTextWords >= 0 else {
            throw GazetteError(.resourceMalformed, "feature settings 'cluster-words' and 'cluster-text-words' must be whole numbers ≥ 0")
        }
        wordClusterWords = clusterWords
        wordClusterTextWords = clusterTextWords
        // Written only when on: models from before the setting existed lack it.
        switch pairs["length"] ?? "0" {
        case "1": lengthClass = true
        case "0": lengthClass = false
        case let other: throw GazetteError(.resourceMalformed, "feature setting 'length' is '\(other)', expected 0 or 1")
        }
    }
}
