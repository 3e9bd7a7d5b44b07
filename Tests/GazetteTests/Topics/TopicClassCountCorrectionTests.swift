import Foundation
import Testing
@testable import Gazette
@testable import GazetteTraining

/// The class-count correction of a model with finer classes: each class's share is divided by (its topic's class
/// count)^α before normalising, so that a topic with many classes does not win on their sum alone.
@Suite("Topic class-count correction")
struct TopicClassCountCorrectionTests {
    static let topics = ["lifestyle", "sport"]
    /// Three classes under lifestyle, one under sport.
    static let classes: [(name: String, topic: Int)] = [("FOOD", 0), ("HOME", 0), ("TRAVEL", 0), ("sport", 1)]

    /// A model whose weights are all 0, so that every class has the same logit (its bias) for any text.
    static func flatModel(biases: [Float] = [0, 0, 0, 0], correction: Double) -> LinearTopicModel {
        var settings = TopicFeatureSettings()
        settings.bucketBits = 8
        return LinearTopicModel(identifier: "flat/1", labels: topics, classes: classes, settings: settings,
                                weights: [Int8](repeating: 0, count: settings.bucketCount * classes.count),
                                idf: [Float](repeating: 0, count: settings.bucketCount), scales: [1, 1, 1, 1], biases: biases,
                                temperature: 1, threshold: 0.5, recipe: [], classCountCorrection: correction)
    }

    @Test func theCorrectionDividesEachClassByItsTopicsClassCount() {
        let logits = [0.0, 0.0, 0.0, 0.0]
        // Plain sum: three equal classes out of four.
        let plain = Self.flatModel(correction: 0).probabilities(fromLogits: logits, words: 0)
        #expect(abs(plain[0] - 0.75) < 1e-12 && abs(plain[1] - 0.25) < 1e-12)
        // α = 1: each topic scores the mean of its classes' shares, so equal classes give equal topics.
        let mean = Self.flatModel(correction: 1).probabilities(fromLogits: logits, words: 0)
        #expect(abs(mean[0] - 0.5) < 1e-12 && abs(mean[1] - 0.5) < 1e-12)
        // α = 0.5: 3 / √3 against 1.
        let half = Self.flatModel(correction: 0.5).probabilities(fromLogits: logits, words: 0)
        #expect(abs(half[0] - 3.0.squareRoot() / (3.0.squareRoot() + 1)) < 1e-12)
        #expect(abs(half[0] + half[1] - 1) < 1e-12)
        // The temperature still divides the logits: one strong sport logit wins at any α, less so when hotter.
        let strong = [0.0, 0.0, 0.0, 2.0]
        let cool = Self.flatModel(correction: 0.5).probabilities(fromLogits: strong, temperature: 0.5, words: 0)
        let hot = Self.flatModel(correction: 0.5).probabilities(fromLogits: strong, temperature: 4, words: 0)
        #expect(cool[1] > hot[1] && cool[1] > 0.9)
        #expect(abs(cool[1] - exp(4) / (exp(4) + 3 / 3.0.squareRoot())) < 1e-12)
    }

    @Test func documentsAreScoredWithTheCorrection() {
        // Biases favour no class; with α = 1 a text none of them knows splits evenly between the topics.
        let document = TopicFixture.document("Nothing here is known to the model")
        let plain = Self.flatModel(correction: 0).topics(for: document)
        let corrected = Self.flatModel(correction: 1).topics(for: document)
        #expect(plain.first?.label == "lifestyle" && abs((plain.first?.score ?? 0) - 0.75) < 1e-9)
        #expect(corrected.map(\.label) == ["lifestyle", "sport"] && corrected.allSatisfy { abs($0.score - 0.5) < 1e-9 })
        // With a biased sport class the plain sum still goes to lifestyle's three classes; the corrected score does not.
        let biased = [Float](arrayLiteral: 0, 0, 0, 0.8)
        #expect(Self.flatModel(biases: biased, correction: 0).topics(for: document).first?.label == "lifestyle")
        #expect(Self.flatModel(biases: biased, correction: 1).topics(for: document).first?.label == "sport")
    }

    @Test func theFileKeepsTheCorrectionAndRefusesBadOnes() throws {
        let model = Self.flatModel(correction: 0.25)
        let bytes = model.serialized()
        let loaded = try LinearTopicModel(bytes: bytes, file: "/m.topicmodel")
        #expect(loaded.classCountCorrection == 0.25 && loaded.serialized() == bytes)
        #expect(loaded.probabilities(fromLogits: [0, 0, 0, 0], words: 0) == model.probabilities(fromLogits: [0, 0, 0, 0], words: 0))
        func header(_ bytes: [UInt8]) throws -> String {
            String(decoding: bytes[try #require(ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "/m").range("header"))], as: UTF8.self)
        }
        #expect(try header(bytes).contains("class-count-correction\t0.25\n"))
        // Without a correction the header has no such line, so earlier models' files are unchanged.
        #expect(try !header(Self.flatModel(correction: 0).serialized()).contains("class-count-correction"))
        // A model without finer classes ignores it (each topic is one class).
        let plain = TopicFixture.shared.with(classCountCorrection: 1)
        let document = TopicFixture.document("The striker scores in the derby")
        #expect(plain.probabilities(for: document) == TopicFixture.shared.probabilities(for: document))

        for bad in ["-1", "nan", "9", "much"] {
            let file = try TopicFixture.file(bytes, replacingInHeader: "class-count-correction\t0.25", with: "class-count-correction\t\(bad)",
                                             version: LinearTopicModel.formatVersion)
            TopicFixture.expectRefused(file, mentioning: "class-count-correction")
        }
    }

    @Test func aClassMapLetsLabelsOfSeveralFilesShareAClass() throws {
        let first = [LabelledText(text: "A quiet inn by the lake", label: "TRAVEL", line: 1),
                     LabelledText(text: "The derby ends in a draw", label: "SPORTS", line: 2)]
        let second = [LabelledText(text: "Fans cheer the late winner", label: "sport", line: 1),
                      LabelledText(text: "A recipe for plum cake", label: "food", line: 2)]
        let map = TopicLabelMap(taxonomy: Self.topics, mapping: ["TRAVEL": "lifestyle", "SPORTS": "sport", "sport": "sport", "food": "lifestyle"])
        let prepared = try LabelledTopicData.sources(files: ["a.jsonl", "b.jsonl"], items: [first, second], map: map)
        let labels = prepared.labels
        var sources = prepared.sources
        var unshared = sources
        let own = try LabelledTopicData.finerClasses(items: [first, second], labels: labels, sources: &unshared)
        #expect(own.map(\.name) == ["TRAVEL", "food", "SPORTS", "sport"])
        let shared = try LabelledTopicData.finerClasses(items: [first, second], labels: labels, sources: &sources, classMap: ["sport": "SPORTS"])
        #expect(shared.map(\.name) == ["TRAVEL", "food", "SPORTS"] && shared.map(\.topic) == [0, 0, 1])
        #expect(sources[0].classes == [0, 2] && sources[1].classes == [2, 1])
        // A class whose labels belong to different topics is refused, naming the file and line.
        var again = try LabelledTopicData.sources(files: ["a.jsonl", "b.jsonl"], items: [first, second], map: map).1
        do {
            _ = try LabelledTopicData.finerClasses(items: [first, second], labels: labels, sources: &again, classMap: ["food": "SPORTS"])
            Issue.record("a class under two topics was accepted")
        } catch {
            #expect(error.code == .resourceMalformed && error.message.contains("b.jsonl line 2") && error.message.contains("'SPORTS'"), "\(error.message)")
        }
    }

    @Test func labelBalanceCanEvenOutLabelsInsteadOfClasses() throws {
        // Politics: four ELECTIONS texts and one PARLIAMENT text; sport: four of each class.
        let chosen = TopicFinerClassesTests.texts.enumerated().filter { $0.element.class != 1 || $0.offset == 4 }.map(\.element)
        let topicOf = TopicFinerClassesTests.classes.map(\.topic)
        var source = TopicTrainingRun.Source(name: "mine.jsonl", texts: chosen.map(\.text), labels: chosen.map { topicOf[$0.class] })
        source.classes = chosen.map(\.class)
        var trainer = TopicTrainer(settings: TopicFixture.settings)
        trainer.settings.iterations = 30
        func run(byClass: Bool) throws -> LinearTopicModel {
            var run = TopicTrainingRun(sources: [source], labels: TopicFinerClassesTests.topics, validationFraction: 0, trainer: trainer,
                                       identifier: "balance/1")
            run.classes = TopicFinerClassesTests.classes
            run.labelBalance = 1
            run.balanceByClass = byClass
            return try run.run(pipeline: TopicFixture.pipeline).model
        }
        // By label, every example of a label weighs (mean label count / its label's count): politics 6.5 / 5, sport 6.5 / 8.
        let extractor = TopicFeatureExtractor(settings: trainer.settings.features)
        let examples = try chosen.map { item in
            TopicTrainer.Example(counts: extractor.counts(of: try TopicFixture.pipeline.annotate(item.text), markingPairs: true), label: item.class,
                                 weight: topicOf[item.class] == 0 ? 6.5 / 5 : 6.5 / 8)
        }
        let expected = trainer.train(examples, labels: TopicFinerClassesTests.topics, classes: TopicFinerClassesTests.classes, identifier: "balance/1")
        let byLabel = try run(byClass: false)
        let byClass = try run(byClass: true)
        let document = TopicFixture.document("Lawmakers vote on the bill after the derby")
        #expect(byLabel.logits(for: byLabel.vector(for: document)) == expected.logits(for: expected.vector(for: document)))
        #expect(byClass.logits(for: byClass.vector(for: document)) != byLabel.logits(for: byLabel.vector(for: document)))
    }
}
