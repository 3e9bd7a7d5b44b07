import Testing
@testable import Gazette
@testable import GazetteTraining

@Suite("Topic scores, thresholds and explanations")
struct TopicScoringTests {
    @Test func theBestLabelIsAlwaysReportedAndOthersFromTheThreshold() {
        let reported = LinearTopicModel.reported([0.2, 0.5, 0.3], threshold: 0.25)
        #expect(reported.map(\.0) == [1, 2])
        #expect(LinearTopicModel.reported([0.2, 0.5, 0.3], threshold: 0.9).map(\.0) == [1])
        #expect(LinearTopicModel.reported([0.4, 0.2, 0.4], threshold: 0.3).map(\.0) == [0, 2])
    }

    @Test func scoresAreProbabilities() {
        let model = TopicFixture.shared.with(threshold: 0.01)
        let topics = model.topics(for: TopicFixture.document("The striker scored in the election"))
        #expect(topics.count == 3)
        #expect(topics.allSatisfy { (0...1).contains($0.score) })
        #expect(abs(topics.reduce(0) { $0 + $1.score } - 1) < 1e-9)
        #expect(zip(topics, topics.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func theClassifierCapsTheCountAndAsksForTheModelsLayers() throws {
        let model = TopicFixture.shared.with(threshold: 0.01)
        var document = TopicFixture.document("The striker scored in the election")
        try TopicClassifier(model: model, limit: 2).process(&document)
        #expect(document.topics.count == 2 && document.topicModel == "fixture/1")
        #expect(TopicClassifier(model: model).requires == [.tokens, .tokenKeys])
    }

    @Test func temperatureAndThresholdAreFittedOnValidation() {
        // Over-confident logits: right 60% of the time at near-certainty.
        var logits: [[Double]] = [], gold: [Int] = []
        for index in 0..<100 {
            logits.append([8, 0, 0])
            gold.append(index % 5 < 3 ? 0 : 1 + index % 2)
        }
        let result = TopicCalibration.fit(logits: logits, gold: gold)
        #expect(result.temperature > 1)
        #expect(result.logLossAfter < result.logLossBefore)
        #expect(result.calibrationErrorAfter < result.calibrationErrorBefore)
        #expect((0.05...0.95).contains(result.threshold))
        let calibrated = LinearTopicModel.softmax([8, 0, 0], temperature: result.temperature)
        #expect(abs(calibrated[0] - 0.6) < 0.02)
    }

    @Test func explanationsNameTheWordsThatDroveTheTopic() throws {
        let model = TopicFixture.shared
        let topics = model.topics(for: TopicFixture.document("The striker scored a penalty"), evidence: 3)
        let sport = try #require(topics.first)
        #expect(sport.label == "sport" && sport.evidence.count == 3)
        #expect(sport.evidence.contains { $0.feature == "striker" || $0.feature == "penalty" || $0.feature == "scored" })
        #expect(zip(sport.evidence, sport.evidence.dropFirst()).allSatisfy { $0.weight >= $1.weight })
        #expect(sport.evidence.allSatisfy { $0.weight > 0 })
        #expect(model.topics(for: TopicFixture.document("The striker scored a penalty")).first?.evidence.isEmpty == true)
    }

    @Test func explanationsShowNoCharacterNGrams() throws {
        var settings = TopicFixture.settings
        settings.features.characterNGrams = 4...5
        let model = TopicFixture.model(settings)
        let document = TopicFixture.document("The striker scored a penalty")
        // The n-grams count in the score: the model scores with them, and differs from one without.
        #expect(model.extractor.names(in: document).values.contains { $0.hasSuffix("…") })
        #expect(model.probabilities(for: document) != TopicFixture.shared.probabilities(for: document))
        let sport = try #require(model.topics(for: document, evidence: 10).first)
        #expect(sport.label == "sport" && !sport.evidence.isEmpty)
        // But an explanation lists only what stands in the text: words and word pairs, no "<stri…" fragments.
        #expect(sport.evidence.allSatisfy { !$0.feature.hasSuffix("…") && !$0.feature.hasPrefix("#") }, "\(sport.evidence)")
        #expect(sport.evidence.contains { ["striker", "scored", "penalty"].contains($0.feature) })
    }

    @Test func evaluationCountsAccuracyMacroF1AndConfusion() {
        var evaluation = TopicEvaluation(labels: ["a", "b", "c"])
        for (gold, predicted) in [(0, 0), (0, 0), (0, 1), (1, 1), (1, 0)] { evaluation.add(gold: gold, predicted: predicted) }
        #expect(evaluation.count == 5)
        #expect(abs(evaluation.accuracy - 0.6) < 1e-12)
        // a: P 2/3 R 2/3; b: P 1/2 R 1/2; c has no gold documents and does not count.
        #expect(abs(evaluation.macroF1 - (2.0 / 3 + 0.5) / 2) < 1e-12)
        #expect(evaluation.confusion == [[2, 1, 0], [1, 1, 0], [0, 0, 0]])
        let report = evaluation.report()
        #expect(report.hasPrefix("documents 5   accuracy 0.6000   macro-F1 0.5833"))
        #expect(!report.contains("\nc "))
    }
}
