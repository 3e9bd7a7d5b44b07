import Testing
@testable import Gazette
@testable import GazetteTraining

/// Records every feature a walk adds, with its name.
struct TopicFeatureRecorder: TopicFeatureSink {
    struct Feature: Equatable, CustomStringConvertible {
        var bucket: UInt32
        var pair: Bool
        var name: String
        var description: String { "\(bucket)\(pair ? " pair" : "") \(name)" }
    }

    var features: [Feature] = []

    mutating func add(_ bucket: UInt32, pair: Bool, name: () -> String) {
        features.append(Feature(bucket: bucket, pair: pair, name: name()))
    }
}

/// The token walk kernel against its plain reference, on written sentences and many random token sequences.
@Suite("Topic feature walk")
struct TopicFeatureWalkTests {
    static let sentences = [
        "Election Day In Zürich: the vote, the vote!",
        "Trump's plan and trump 's plan; it does n't work, it doesn't.",
        "The 2019 budget won 3-1 against the 2021 one (50% of 1990s levels).",
        "rock'n'roll O'Neil's e-mail — naïve œuvre, ÉLECTION ' ' '' 's 't s t n't",
        "日本 の 選挙 🙂 #tag @user $5 ... a'b n' 'll 're 've 'd 'm",
        "",
        "'",
        "x",
    ]

    static let vocabulary = [
        "the", "The", "vote", "Trump's", "trump", "'s", "n't", "does", "'", "’", "2019", "3-1", "A1", "x", "s", "t", "'re",
        "—", "...", ",", ".", "Zürich", "naïve", "ÉLECTION", "e-mail", "don't", "50%", "$", "#tag", "@user", "œuvre", "日本",
        "🙂", "a'b", "''", "n'", "'ll", "0", "1990s", "O'Neil", "rock'n'roll", "abcdefghij", "ab12cd34ef", "1234567890123",
        "Mañana", "x9", "(", ")", "\"", "-", "12.5", "1,000", "straße", "İstanbul",
    ]

    static func settingsVariants() -> [TopicFeatureSettings] {
        var variants: [TopicFeatureSettings] = []
        var settings = TopicFeatureSettings()
        settings.bucketBits = 12
        variants.append(settings)
        settings.foldDigits = false
        variants.append(settings)
        settings = TopicFeatureSettings()
        settings.wordBigrams = false
        settings.characterNGrams = 2...4
        variants.append(settings)
        settings = TopicFeatureSettings()
        settings.maxWords = 5
        settings.characterNGrams = 3...3
        variants.append(settings)
        settings = TopicFeatureSettings()
        settings.characterNGrams = 4...5
        settings.characterNGramWords = 3
        variants.append(settings)
        variants.append(TopicFeatureSettings())
        return variants
    }

    /// With `characterNGramWords`, words past the first ones give their word and pair features but no n-grams;
    /// the setting is kept in the model file's feature settings.
    @Test func characterNGramsStopAfterTheirWords() throws {
        var settings = TopicFeatureSettings()
        settings.characterNGrams = 4...5
        settings.characterNGramWords = 2
        var capped = TopicFeatureRecorder(), uncapped = TopicFeatureRecorder()
        let document = TopicFixture.document("Goalkeeper saves penalty in extra time")
        TopicFeatureWalk.addTokenFeatures(of: document, with: TopicFeatureExtractor(settings: settings), into: &capped)
        settings.characterNGramWords = 0
        TopicFeatureWalk.addTokenFeatures(of: document, with: TopicFeatureExtractor(settings: settings), into: &uncapped)
        let grams = { (recorder: TopicFeatureRecorder) in Set(recorder.features.filter { $0.name.hasSuffix("…") }.map(\.name)) }
        #expect(grams(capped).contains("<goal…") && grams(capped).contains("save…"))
        #expect(!grams(capped).contains("pena…") && grams(uncapped).contains("pena…") && grams(uncapped).contains("time>…"))
        // Words and pairs are the same either way.
        #expect(capped.features.filter { !$0.name.hasSuffix("…") } == uncapped.features.filter { !$0.name.hasSuffix("…") })
        settings.characterNGramWords = 2
        let read = try TopicFeatureSettings(pairs: Dictionary(uniqueKeysWithValues: settings.pairs))
        #expect(read == settings)
        #expect(try TopicFeatureSettings(pairs: Dictionary(uniqueKeysWithValues: TopicFeatureSettings().pairs)).characterNGramWords == 0)
    }

    private func compare(_ text: String, _ extractor: TopicFeatureExtractor) -> Bool {
        let document = TopicFixture.document(text)
        var kernel = TopicFeatureRecorder(), reference = TopicFeatureRecorder()
        TopicFeatureWalk.addTokenFeatures(of: document, with: extractor, into: &kernel)
        TopicFeatureWalk.referenceAddTokenFeatures(of: document, with: extractor, into: &reference)
        #expect(kernel.features == reference.features, "\(text)")
        return kernel.features == reference.features
    }

    @Test func writtenSentencesGiveTheReferenceFeatures() {
        for settings in Self.settingsVariants() {
            let extractor = TopicFeatureExtractor(settings: settings)
            for sentence in Self.sentences { _ = compare(sentence, extractor) }
        }
    }

    @Test func randomTokenSequencesGiveTheReferenceFeatures() {
        var random = SeededGenerator(seed: 1313)
        let variants = Self.settingsVariants()
        var compared = 0
        for round in 0..<1_500 {
            let length = Int(random.next() % 40)
            var text = ""
            for _ in 0..<length {
                text += Self.vocabulary[Int(random.next() % UInt64(Self.vocabulary.count))]
                text += random.next() % 6 == 0 ? "" : " "
            }
            if compare(text, TopicFeatureExtractor(settings: variants[round % variants.count])) { compared += 1 }
        }
        #expect(compared == 1_500)
    }

    /// The whole extractor: its counts are the reference counts of the reference walk (and the entity features).
    @Test func extractorCountsAreTheReferenceCountsOfTheReferenceWalk() {
        let extractor = TopicFeatureExtractor(settings: TopicFeatureSettings())
        for sentence in Self.sentences {
            let document = TopicFixture.document(sentence)
            var reference = TopicFeatureRecorder()
            TopicFeatureWalk.referenceAddTokenFeatures(of: document, with: extractor, into: &reference)
            let features = reference.features.map { (bucket: $0.bucket, pair: $0.pair) }
            #expect(extractor.counts(of: document, markingPairs: true)
                    == TopicFeatureCounter.referenceCounts(of: features, markingPairs: true, known: nil))
        }
    }

    @Test func rolesOfKeys() {
        func role(_ key: String) -> TopicFeatureWalk.Role { TopicFeatureWalk.referenceTermRoleAndHash(key, foldDigits: true).0 }
        #expect(role("'s") == .transparent && role("n't") == .transparent && role("s") == .transparent)
        #expect(role("vote") == .term && role("2019") == .term && role("é") == .term)
        #expect(role("--") == .separator && role("") == .separator)
    }
}

@Suite("Topic feature key classes")
struct TopicKeyClassTests {
    @Test func everyByteAtEveryPositionOfKeysUpToTwentyBytes() {
        var wrong: [String] = []
        for length in 1...20 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: length)
                    bytes[position] = UInt8(value)
                    let classes = bytes.withUnsafeBufferPointer { TopicFeatureWalk.byteClasses($0) }
                    if classes != TopicFeatureWalk.referenceByteClasses(bytes) { wrong.append("length \(length) position \(position) byte \(value)") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect([UInt8]().withUnsafeBufferPointer { TopicFeatureWalk.byteClasses($0) } == 0)
    }

    /// Every key of up to three bytes from an alphabet of apostrophes, clitic letters, others and a zero byte:
    /// the test on its zero-padded word against the clitics spelled out.
    @Test func cliticsAreToldFromTheirShortWord() {
        let alphabet: [UInt8] = [0, UInt8(ascii: "'"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "a"), 0xE2]
        func isClitic(_ bytes: [UInt8]) -> Bool {
            switch bytes.count {
            case 1: return bytes == [UInt8(ascii: "s")] || bytes == [UInt8(ascii: "t")]
            case 2, 3: return bytes[0] == UInt8(ascii: "'") || bytes == Array("n't".utf8)
            default: return false
            }
        }
        var keys: [[UInt8]] = [[]]
        var longest: [[UInt8]] = [[]]
        for _ in 1...3 {
            longest = longest.flatMap { key in alphabet.map { key + [$0] } }
            keys += longest
        }
        var wrong: [[UInt8]] = []
        for key in keys {
            let word = key.withUnsafeBufferPointer { TopicFeatureWalk.shortWord($0) }
            if TopicFeatureWalk.isClitic(word, count: key.count) != isClitic(key) { wrong.append(key) }
        }
        #expect(keys.count == 1 + 7 + 49 + 343)
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }
}
