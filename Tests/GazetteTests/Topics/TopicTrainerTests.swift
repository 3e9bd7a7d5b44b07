import Testing
@testable import Gazette
@testable import GazetteTraining

@Suite("Topic trainer")
struct TopicTrainerTests {
    @Test func trainingFitsTheFixtureAndGeneralises() {
        let model = TopicFixture.shared
        for (text, label) in TopicFixture.examples {
            let probabilities = model.probabilities(for: TopicFixture.document(text))
            #expect(probabilities.indices.max { probabilities[$0] < probabilities[$1] } == label, "\(text)")
        }
        // Texts not in the fixture, made of its words.
        #expect(model.topics(for: TopicFixture.document("The team won the cup final")).first?.label == "sport")
        #expect(model.topics(for: TopicFixture.document("Astronomers studied the distant galaxy")).first?.label == "science")
        #expect(model.topics(for: TopicFixture.document("The senate vote on the budget")).first?.label == "politics")
    }

    @Test func lossGoesDownAndStays() {
        var losses: [Double] = []
        _ = TopicTrainer(settings: TopicFixture.settings).train(TopicFixture.trainingExamples(), labels: TopicFixture.labels, identifier: "x/1") {
            losses.append($0.loss)
        }
        #expect(losses.count >= 5)
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 <= $0 + 1e-9 })
        #expect(losses.last! < 0.5 * losses.first!)
    }

    @Test func trainingIsDeterministic() {
        let first = TopicFixture.model().serialized()
        let second = TopicFixture.model().serialized()
        #expect(first == second)
        var oneSlice = TopicFixture.settings
        oneSlice.slices = 1
        // The slices fix the order of additions; results agree to rounding, not necessarily to the bit.
        let other = TopicFixture.model(oneSlice)
        let document = TopicFixture.document("The striker scored in the final")
        let a = TopicFixture.shared.probabilities(for: document), b = other.probabilities(for: document)
        #expect(zip(a, b).allSatisfy { abs($0 - $1) < 0.02 })
    }

    @Test func trainingRunSplitsPerLabelAndReportsValidation() throws {
        let texts = TopicFixture.examples.map(\.text), labels = TopicFixture.examples.map(\.label)
        var trainer = TopicTrainer(settings: TopicFixture.settings)
        trainer.settings.iterations = 40
        let run = TopicTrainingRun(sources: [.init(name: "data/fixture.jsonl", texts: texts, labels: labels)], labels: TopicFixture.labels,
                                   validationFraction: 0.25, seed: 7, trainer: trainer, identifier: "fixture/1")
        let split = run.split()
        #expect(split == run.split())
        for label in 0..<3 {
            #expect(zip(split[0], labels).filter { $0.1 == label && $0.0 }.count == 3)
        }
        let report = try run.run(pipeline: TopicFixture.pipeline)
        #expect(report.trainingCount == 27)
        #expect(report.validation.count == 1 && report.validation[0].evaluation.count == 9)
        #expect(report.validation[0].evaluation.accuracy >= 2.0 / 3)
        let calibration = try #require(report.calibration)
        #expect(report.model.temperature == calibration.temperature && report.model.threshold == calibration.threshold)
        #expect(report.model.recipe.contains { $0.key == "validation.data/fixture" })
    }
}
