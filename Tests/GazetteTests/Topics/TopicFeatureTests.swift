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
        // Named as first seen in the text; "the" and "The" are one feature.
        #expect(names("The vote, the vote!") == ["The", "vote", "The vote"])
        let counts = features("vote vote vote")
        #expect(counts.values.sorted() == [2, 3])  // "vote" three times, "vote vote" twice
    }

    @Test func tokenisedAndRawTextAgree() {
        // Lower-cased, tokenised headlines (as in some training data) and ordinary text give the same features.
        #expect(features("Trump's plan") == features("trump 's plan"))
        #expect(names("Trump's plan") == ["Trump", "plan", "Trump's plan"])
        #expect(names("trump 's plan") == ["trump", "plan", "trump 's plan"])
        #expect(names("it does n't work") == ["it", "does", "work", "it does", "does n't work"])
    }

    @Test func digitsAreFolded() {
        #expect(features("the 2019 budget") == features("the 2021 budget"))
        // Explanations show the words as written, not their folded keys.
        #expect(names("won 3-1").contains("3-1") && names("won 3-1").contains("won 3-1"))
        #expect(!names("won 3-1").contains("0-0"))
    }

    @Test func theLengthClassIsOneFeatureWhenAskedFor() {
        var settings = TopicFeatureSettings()
        settings.lengthClass = true
        let extractor = TopicFeatureExtractor(settings: settings)
        func names(_ text: String) -> Set<String> { Set(extractor.names(in: TopicFixture.document(text)).values) }
        #expect(names("Fed holds rates").contains("length: headline"))
        #expect(names(Array(repeating: "word", count: 50).joined(separator: " ")).contains("length: paragraph"))
        #expect(names(Array(repeating: "word", count: 81).joined(separator: " ")).contains("length: article"))
        #expect(!self.names("Fed holds rates").contains("length: headline"))
        // Off by default, and then not written into the model's settings, so older models still read.
        #expect(!TopicFeatureSettings().pairs.contains { $0.0 == "length" })
        let pairs = Dictionary(uniqueKeysWithValues: settings.pairs)
        #expect((try? TopicFeatureSettings(pairs: pairs))?.lengthClass == true)
    }

    @Test func punctuationBreaksPairs() {
        #expect(!names("rain. Snow").contains("rain snow"))
        #expect(names("rain snow").contains("rain snow"))
        #expect(names("rain\n  snow").contains("rain snow"))
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
