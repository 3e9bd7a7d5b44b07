import Testing
@testable import Gazette

@Suite("Topic features")
struct TopicFeatureTests {
    let extractor = TopicFeatureExtractor(settings: TopicFeatureSettings())

    func features(_ text: String) -> [UInt32: Float] {
        let counts = extractor.counts(of: TopicFixture.document(text))
        return Dictionary(uniqueKeysWithValues: zip(counts.buckets, counts.counts))
    }

    func names(_ text: String) -> Set<String> {
        Set(extractor.names(in: TopicFixture.document(text)).values)
    }

    @Test func casingDoesNotMatter() {
        #expect(features("Election Day In Zürich") == features("election day in zurich"))
        #expect(features("ELECTION DAY") == features("election day"))
    }

    @Test func wordsAndPairsWithCounts() {
        #expect(names("The vote, the vote!") == ["the", "vote", "the vote"])
        let counts = features("vote vote vote")
        #expect(counts.values.sorted() == [2, 3])  // "vote" three times, "vote vote" twice
    }

    @Test func tokenisedAndRawTextAgree() {
        // Lower-cased, tokenised headlines (as in some training data) and ordinary text give the same features.
        #expect(names("Trump's plan") == ["trump", "plan", "trump plan"])
        #expect(names("trump 's plan") == ["trump", "plan", "trump plan"])
        #expect(names("it does n't work") == ["it", "does", "work", "it does", "does work"])
    }

    @Test func digitsAreFolded() {
        #expect(features("the 2019 budget") == features("the 2021 budget"))
        #expect(names("won 3-1").contains("0-0"))
    }

    @Test func punctuationBreaksPairs() {
        #expect(!names("rain. Snow").contains("rain snow"))
        #expect(names("rain snow").contains("rain snow"))
    }

    @Test func entityFeaturesNeedTheEntityLayer() throws {
        var settings = TopicFeatureSettings()
        settings.entities = .ids
        let extractor = TopicFeatureExtractor(settings: settings)
        #expect(extractor.requiredLayers.contains(.entities))
        #expect(!TopicFeatureExtractor(settings: TopicFeatureSettings()).requiredLayers.contains(.entities))
        let document = try TestPipeline.shared.annotate("Mahmoud Abbas spoke in China.")
        let names = Set(extractor.names(in: document).values)
        #expect(names.isSuperset(of: ["entity:PERSON", "entity:LOC", "entity:gz:loc/china"]))
    }

    @Test func vectorsHaveUnitLengthAndDropUnknownBuckets() {
        let counts = TopicFeatureCounts(buckets: [1, 2, 3], counts: [1, 4, 1])
        let vector = TopicFeatureVector(counts) { $0 == 3 ? 0 : 2 }
        #expect(vector.buckets == [1, 2])
        #expect(abs(vector.values.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        #expect(vector.values[1] > vector.values[0])
    }
}

@Suite("Topic feature key classes")
struct TopicKeyClassTests {
    /// The per-byte definition that `byteClasses` reads eight bytes at a time.
    private func expected(_ bytes: [UInt8]) -> UInt8 {
        bytes.reduce(0) { classes, byte in
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let isLetter = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte >= 0x80
            return classes | (isLetter ? 1 : 0) | (isDigit ? 2 : 0)
        }
    }

    @Test func everyByteAtEveryPositionOfKeysUpToTwentyBytes() {
        var wrong: [String] = []
        for length in 1...20 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: length)
                    bytes[position] = UInt8(value)
                    let classes = bytes.withUnsafeBufferPointer { TopicFeatureExtractor.byteClasses($0) }
                    if classes != expected(bytes) { wrong.append("length \(length) position \(position) byte \(value)") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect([UInt8]().withUnsafeBufferPointer { TopicFeatureExtractor.byteClasses($0) } == 0)
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
            let word = key.withUnsafeBufferPointer { TopicFeatureExtractor.shortWord($0) }
            if TopicFeatureExtractor.isClitic(word, count: key.count) != isClitic(key) { wrong.append(key) }
        }
        #expect(keys.count == 1 + 7 + 49 + 343)
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
    }
}
