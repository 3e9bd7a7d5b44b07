/// Turns a document into hashed topic features: words, word pairs, optionally character n-grams, word clusters and
/// entities.
///
/// Features come from the document's matching keys (`tokenKeys`: case-folded, diacritics folded), so "Election",
/// "ELECTION" and "election" are one feature and lower-cased headlines and cased articles share a vocabulary.
/// The trainer and the model both call this type, so training and scoring cannot drift apart.
public struct TopicFeatureExtractor: Sendable {
    /// Which features are made and how they are hashed.
    public let settings: TopicFeatureSettings
    /// The word vectors whose clusters (`TopicWordVectors.clusters`) are features when `settings` asks for them.
    public let wordVectors: TopicWordVectors?
    private let mask: UInt64

    /// An extractor with `settings`; word clusters are read from `wordVectors` (when the settings ask for them).
    public init(settings: TopicFeatureSettings, wordVectors: TopicWordVectors? = nil) {
        self.settings = settings
        self.wordVectors = wordVectors
        mask = UInt64(settings.bucketCount - 1)
    }

    /// The layers a document needs before its features can be read.
    public var requiredLayers: Set<Layer> {
        settings.entities == .none ? [.tokens, .tokenKeys] : [.tokens, .tokenKeys, .entities]
    }

    /// Each distinct feature bucket of `document` with the number of times it occurred, in first-seen order.
    /// With `markingPairs`, also which buckets only word pairs reached (the trainer prunes those separately).
    public func counts(of document: Document, markingPairs: Bool = false) -> TopicFeatureCounts {
        TopicFeatureCounter.counts(markingPairs: markingPairs, known: nil) { walk(document, into: &$0) }
    }

    /// Like `counts(of:)`, but only for buckets whose bit is set in `known` (64 buckets a word): a model passes
    /// the buckets it has weights for, so that unknown words and pairs (most pairs in a long article) cost no
    /// counting.
    func counts(of document: Document, known: [UInt64]) -> TopicFeatureCounts {
        TopicFeatureCounter.counts(markingPairs: false, known: known) { walk(document, into: &$0) }
    }

    /// A readable name for each bucket that `document` touches (the first feature seen in it), for explanations.
    public func names(in document: Document) -> [UInt32: String] {
        var sink = NamingSink()
        walk(document, into: &sink)
        return sink.names
    }

    /// The names of the features an explanation shows: words, word pairs, entities and the length class as they
    /// stand in the text. Character n-grams and word clusters are left out: a fragment such as "<elec…" is a part
    /// of a word and a cluster a number, not something a reader finds in the text (their weight stays in the score,
    /// as the word vectors' does).
    public func evidenceNames(in document: Document) -> [UInt32: String] {
        guard settings.characterNGrams != nil || settings.wordClusterWords > 0 else { return names(in: document) }
        var wordsOnly = settings
        wordsOnly.characterNGrams = nil
        wordsOnly.wordClusterWords = 0
        return TopicFeatureExtractor(settings: wordsOnly).names(in: document)
    }

    // MARK: The walk shared by counting and naming

    /// The features of `document` in order: its tokens' (see `TopicFeatureWalk`), its word clusters', then its
    /// entities'.
    func walk<Sink: TopicFeatureSink>(_ document: Document, into sink: inout Sink) {
        TopicFeatureWalk.addTokenFeatures(of: document, with: self, into: &sink)
        if settings.wordClusterWords > 0, let wordVectors, let clusters = wordVectors.clusters {
            addClusterFeatures(of: document, vectors: wordVectors, clusters: clusters, into: &sink)
        }
        addEntityFeatures(of: document, into: &sink)
        if settings.lengthClass { addLengthFeature(of: document, into: &sink) }
    }

    /// The upper bounds, in words, of the length classes below the last (headline, paragraph, longer).
    static let lengthClassBounds = [20, 80]

    /// How many of the document's tokens are words or numbers, counting no further than `limit`.
    public static func wordCount(of document: Document, upTo limit: Int = .max) -> Int {
        var words = 0
        for token in document.tokens where token.kind == .word || token.kind == .number {
            words += 1
            if words >= limit { break }
        }
        return words
    }

    /// The feature of the document's length class: how many of its tokens are words or numbers.
    func addLengthFeature<Sink: TopicFeatureSink>(of document: Document, into sink: inout Sink) {
        let words = Self.wordCount(of: document)
        let lengthClass = Self.lengthClassBounds.firstIndex { words <= $0 } ?? Self.lengthClassBounds.count
        let names = ["length: headline", "length: paragraph", "length: article"]
        sink.add(bucket(Family.length.seed ^ UInt64(lengthClass)), pair: false) { names[lengthClass] }
    }

    /// The word-cluster features of `document`: for each of its first `settings.wordClusterWords` words that has a
    /// vector, the vector's cluster at every level. None when `settings.wordClusterTextWords` is set and the text
    /// has more words than that (words and numbers, as the length class counts them).
    func addClusterFeatures<Sink: TopicFeatureSink>(of document: Document, vectors: TopicWordVectors, clusters: TopicWordClusters,
                                                    into sink: inout Sink) {
        let textLimit = settings.wordClusterTextWords
        if textLimit > 0, Self.wordCount(of: document, upTo: textLimit + 1) > textLimit { return }
        var words = 0
        for (token, hash) in zip(document.tokens, document.tokenKeys.hashes) where token.kind == .word {
            words += 1
            if words > settings.wordClusterWords { break }
            guard let row = vectors.row(ofWordHash: hash) else { continue }
            for level in 0..<clusters.levelCount {
                let cluster = clusters.cluster(ofRow: row, level: level)
                sink.add(bucket(Family.cluster.seed ^ (UInt64(level) << 32 | UInt64(cluster))), pair: false) {
                    "word cluster \(level + 1).\(cluster)"
                }
            }
        }
    }

    /// The entity features of `document`, as `settings.entities` asks.
    func addEntityFeatures<Sink: TopicFeatureSink>(of document: Document, into sink: inout Sink) {
        switch settings.entities {
        case .none:
            break
        case .labels, .ids:
            for entity in document.entities {
                let label = entity.label.rawValue
                sink.add(bucket(Family.entityLabel.seed ^ FNV1a.hash(label.utf8)), pair: false) { "entity:" + label }
                if settings.entities == .ids, let id = entity.id {
                    sink.add(bucket(Family.entityID.seed ^ FNV1a.hash(id.utf8)), pair: false) { "entity:" + id }
                }
            }
        }
    }

    /// The character n-grams of `key` (between "<" and ">", digits folded), of the lengths in `sizes`.
    func addCharacterNGrams<Sink: TopicFeatureSink>(of key: String, sizes: ClosedRange<Int>, into sink: inout Sink) {
        // The word between its marks, digits folded, in a plain array: the shipped model makes n-grams of a text's
        // first 24 words only, and reading the bytes in place instead saved 1.3% of the instructions, too little
        // for an unsafe buffer (Models/README.md).
        var bytes: [UInt8] = [UInt8(ascii: "<")]
        bytes.reserveCapacity(key.utf8.count + 2)
        for byte in key.utf8 { bytes.append(foldedByte(byte)) }
        bytes.append(UInt8(ascii: ">"))
        let count = bytes.count
        for start in 0..<count {
            var hash = FNV1a.offsetBasis
            for length in 1...sizes.upperBound {
                let end = start + length
                guard end <= count else { break }
                hash = FNV1a.step(hash, bytes[end - 1])
                if length >= sizes.lowerBound {
                    sink.add(bucket(Family.characters.seed ^ hash), pair: false) {
                        String(decoding: bytes[start..<end], as: UTF8.self) + "…"
                    }
                }
            }
        }
    }

    // MARK: Keys

    /// `byte` with a digit folded to "0".
    static func foldedDigit(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt8(ascii: "0") : byte
    }

    private func foldedByte(_ byte: UInt8) -> UInt8 {
        settings.foldDigits ? Self.foldedDigit(byte) : byte
    }

    /// How a word or word pair is named in explanations: as it stands in the text ("2-1", "Trump's plan"), not as
    /// its folded key, with each run of white space (a pair across a line break) shown as one space.
    static func surface(_ text: String, _ range: Range<Int>) -> String {
        let utf8 = text.utf8
        guard range.lowerBound >= 0, range.upperBound <= utf8.count, !range.isEmpty else { return "" }
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound), end = utf8.index(start, offsetBy: range.count)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        var inSpace = false
        for byte in utf8[start..<end] {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace {
                if !inSpace { bytes.append(0x20) }
            } else {
                bytes.append(byte)
            }
            inSpace = isSpace
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Hashing

    /// Feature families hash into the same buckets with different seeds.
    private enum Family: UInt64 {
        case word = 0x77, bigram = 0x62, characters = 0x63, entityLabel = 0x74, entityID = 0x65, length = 0x6C, cluster = 0x6B
        var seed: UInt64 { rawValue &* 0xD6E8_FEB8_6659_FD93 }
    }

    /// The bucket of a word whose key hashes (digits folded) to `hash`.
    func wordBucket(_ hash: UInt64) -> UInt32 {
        bucket(Family.word.seed ^ hash)
    }

    /// The bucket of the word pair whose words hash to `left` and `right`, in that order.
    func pairBucket(_ left: UInt64, _ right: UInt64) -> UInt32 {
        bucket(Family.bigram.seed ^ (left &* 0x9E37_79B9_7F4A_7C15) ^ right)
    }

    /// SplitMix64's finaliser spreads FNV's weak low bits over the whole word before masking.
    private func bucket(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: HashMixing.splitMix64(hash) & mask)
    }
}

/// The features of one document: distinct buckets and how often each occurred.
public struct TopicFeatureCounts: Sendable, Hashable {
    /// The distinct buckets, in first-seen order.
    public var buckets: [UInt32]
    /// How often each bucket occurred.
    public var counts: [Float]
    /// For training only (empty otherwise): whether only word pairs reached each bucket.
    public var pairOnly: [Bool] = []
    /// The document's dense word-vector features (`TopicWordVectors`); empty when the model has none.
    public var dense: [Float] = []
    /// How many of the document's tokens are words or numbers, counted up to `LinearTopicModel.longTextWords`
    /// (0 when not counted): what a length-aware class-count correction reads.
    public var words: Int = 0

    /// Counts of given buckets.
    public init(buckets: [UInt32] = [], counts: [Float] = []) {
        self.buckets = buckets
        self.counts = counts
    }
}

/// Where `TopicFeatureExtractor`'s walk puts the features it finds: a counter, a namer, or a test's recorder.
protocol TopicFeatureSink {
    /// Takes one feature occurrence: its bucket, whether a word pair made it, and (only if wanted) a readable name.
    mutating func add(_ bucket: UInt32, pair: Bool, name: () -> String)
}

private struct NamingSink: TopicFeatureSink {
    var names: [UInt32: String] = [:]

    mutating func add(_ bucket: UInt32, pair: Bool, name: () -> String) {
        if names[bucket] == nil { names[bucket] = name() }
    }
}
