import Testing
@testable import Gazette
@testable import GazetteTraining

@Suite("Topic trainer: supervised idf")
struct TopicTrainerSupervisedIDFTests {
    /// Examples over buckets 0...3 of three classes, ten documents each: bucket 0 in every document, bucket 1 only in
    /// class 0, bucket 2 in classes 0 and 1, bucket 3 once, in class 2.
    private let examples: [TopicTrainer.Example] = (0..<30).map { index in
        let label = index / 10
        var buckets: [UInt32] = [0]
        if label == 0 { buckets.append(1) }
        if label < 2 { buckets.append(2) }
        if index == 29 { buckets.append(3) }
        return TopicTrainer.Example(counts: TopicFeatureCounts(buckets: buckets, counts: buckets.map { _ in 1 }), label: label)
    }

    private func idf(strength: Float, smoothing: Float = 1) -> [Float] {
        var idf: [Float] = [1, 2, 1.5, 4]
        TopicTrainer.applySupervisedIDF(to: &idf, bucketOfRow: [0, 1, 2, 3], rowOfBucket: [0, 1, 2, 3], examples: examples,
                                        labelCount: 3, strength: strength, smoothing: smoothing)
        return idf
    }

    @Test func featuresThatPointToFewerClassesGainMore() {
        let plain: [Float] = [1, 2, 1.5, 4]
        let raised = idf(strength: 2)
        let gain = zip(raised, plain).map { $0 / $1 }
        // Everywhere alike: no gain; one class: the most; two classes: between.
        #expect(gain[0] == 1)
        #expect(gain[1] > gain[2] && gain[2] > 1)
        // Class 0 only, with ten documents: most of the full 1 + strength.
        #expect(gain[1] >= 2.4 && gain[1] <= 3)
        // Seen once: smoothing keeps it from counting as certain.
        #expect(gain[3] < gain[1])
        #expect(idf(strength: 2, smoothing: 20)[3] < raised[3])
    }

    @Test func noStrengthLeavesIDFAsItIs() {
        #expect(idf(strength: 0) == [1, 2, 1.5, 4])
    }

    @Test func raisedIDFIsQuantisedAsTheModelFileStoresIt() {
        for value in idf(strength: 1.3) {
            let steps = value * TopicWeightTable.idfSteps
            #expect(steps == steps.rounded() && steps >= 16 && steps <= 255)
        }
    }

    @Test func aTrainedModelKeepsTheRaisedIDF() throws {
        var settings = TopicFixture.settings
        settings.supervisedIDF = 2
        let model = TopicFixture.model(settings)
        let plain = TopicFixture.shared
        func idf(_ model: LinearTopicModel) -> [Int: Float] {
            Dictionary(uniqueKeysWithValues: model.table.rows().map { ($0.bucket, model.table.idf(atRow: $0.row)) })
        }
        let raised = idf(model), before = idf(plain)
        // The same features, with more idf where a word tells the classes apart, never less.
        #expect(raised.keys.sorted() == before.keys.sorted())
        #expect(raised.allSatisfy { $0.value >= before[$0.key]! })
        #expect(raised.contains { $0.value > before[$0.key]! })
        // The recipe (which `gazette train topics` writes from the settings) names it only when it is used.
        #expect(settings.pairs.contains { $0.0 == "supervised-idf" && $0.1 == "2.0" })
        #expect(!TopicFixture.settings.pairs.contains { $0.0.hasPrefix("supervised-idf") })
        let loaded = try LinearTopicModel(bytes: model.serialized(), file: "/models/raised.topicmodel")
        #expect(idf(loaded) == raised)
        for (text, label) in TopicFixture.examples {
            let probabilities = model.probabilities(for: TopicFixture.document(text))
            #expect(probabilities.indices.max { probabilities[$0] < probabilities[$1] } == label, "\(text)")
        }
    }
}
