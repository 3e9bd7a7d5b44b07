import Foundation
import Testing
@testable import Gazette
@testable import GazetteTraining

/// A class-count correction that depends on the text's length: a headline's α up to 20 words, the long-text α
/// from 80 words on, a linear mix between.
@Suite("Topic class-count correction by length")
struct TopicLengthAwareCorrectionTests {
    /// Three classes under lifestyle, one under sport (as in `TopicClassCountCorrectionTests`), no correction for
    /// headlines and α = 1 for long texts.
    static func model(short: Double = 0, long: Double? = 1) -> LinearTopicModel {
        var settings = TopicFeatureSettings()
        settings.bucketBits = 8
        let classes = TopicClassCountCorrectionTests.classes
        return LinearTopicModel(identifier: "length/1", labels: TopicClassCountCorrectionTests.topics, classes: classes, settings: settings,
                                weights: [Int8](repeating: 0, count: settings.bucketCount * classes.count),
                                idf: [Float](repeating: 0, count: settings.bucketCount), scales: [1, 1, 1, 1], biases: [0, 0, 0, 0],
                                temperature: 1, threshold: 0.5, recipe: [], classCountCorrection: short, longTextClassCountCorrection: long)
    }

    /// A text of `words` words (no numbers, none known to the model), in sentences of eight.
    static func text(words: Int) -> String {
        let vocabulary = ["quiet", "lanes", "wind", "past", "old", "mills", "and", "ponds"]
        return (0..<words).map { vocabulary[$0 % vocabulary.count] + ($0 % 8 == 7 ? "." : "") }.joined(separator: " ")
    }

    @Test func alphaGoesFromTheHeadlinesToTheLongTextsOneOverTwentyToEightyWords() {
        let model = Self.model(short: 0.2, long: 1)
        #expect(model.classCountCorrection(forWords: 0) == 0.2)
        #expect(model.classCountCorrection(forWords: 20) == 0.2)
        #expect(abs(model.classCountCorrection(forWords: 50) - 0.6) < 1e-12)
        #expect(model.classCountCorrection(forWords: 80) == 1)
        #expect(model.classCountCorrection(forWords: 5_000) == 1)
        // Without a long-text α every length takes the model's one α.
        let uniform = Self.model(short: 0.35, long: nil)
        #expect([0, 50, 80, 400].allSatisfy { uniform.classCountCorrection(forWords: $0) == 0.35 })
        // A long-text α equal to the headline's is no length dependence, and is not kept as one.
        #expect(Self.model(short: 0.5, long: 0.5).longTextClassCountCorrection == nil)
    }

    @Test func probabilitiesFollowTheLengthsAlpha() {
        let model = Self.model()
        let logits = [0.0, 0.0, 0.0, 0.0]
        // Headline: the plain sum, three equal classes of four.
        #expect(abs(model.probabilities(fromLogits: logits, words: 12)[0] - 0.75) < 1e-12)
        // Long: α = 1, each topic the mean of its classes.
        #expect(abs(model.probabilities(fromLogits: logits, words: 120)[0] - 0.5) < 1e-12)
        // Halfway: α = 0.5, 3 / √3 against 1.
        let half = model.probabilities(fromLogits: logits, words: 50)
        #expect(abs(half[0] - 3.0.squareRoot() / (3.0.squareRoot() + 1)) < 1e-12)
    }

    @Test func documentsAreScoredByTheirOwnLength() throws {
        let model = Self.model()
        let headline = TopicFixture.document(Self.text(words: 6))
        let article = TopicFixture.document(Self.text(words: 120))
        #expect(TopicFeatureExtractor.wordCount(of: article) == 120)
        #expect(TopicFeatureExtractor.wordCount(of: article, upTo: 80) == 80)
        let short = model.topics(for: headline)
        let long = model.topics(for: article)
        #expect(short.first?.label == "lifestyle" && abs((short.first?.score ?? 0) - 0.75) < 1e-9)
        #expect(long.map(\.label) == ["lifestyle", "sport"] && long.allSatisfy { abs($0.score - 0.5) < 1e-9 })
        // With evidence asked for, and through the document's vector, the scores are the same.
        #expect(model.topics(for: article, evidence: 3).map(\.score) == long.map(\.score))
        #expect(model.probabilities(for: model.vector(for: article)) == model.probabilities(for: article))
        #expect(model.counts(of: article).words == 80 && model.vector(for: article).words == 80)
    }

    @Test func theFileKeepsTheLongTextAlphaAsTheNextFormatVersion() throws {
        let model = Self.model(short: 0.1, long: 1.5)
        let bytes = model.serialized()
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "/m")
        #expect(reader.version == LinearTopicModel.lengthAwareFormatVersion)
        let header = String(decoding: bytes[try #require(reader.range("header"))], as: UTF8.self)
        #expect(header.contains("class-count-correction\t0.1\n") && header.contains("class-count-correction-long\t1.5\n"))
        let loaded = try LinearTopicModel(bytes: bytes, file: "/m.topicmodel")
        #expect(loaded.longTextClassCountCorrection == 1.5 && loaded.classCountCorrection == 0.1 && loaded.serialized() == bytes)
        #expect(loaded.probabilities(fromLogits: [0, 1, 0, 2], words: 70) == model.probabilities(fromLogits: [0, 1, 0, 2], words: 70))
        // Without one, the file is of version 2 as before, with no such line.
        let uniform = Self.model(short: 0.1, long: nil).serialized()
        #expect(try ResourceContainer.Reader(bytes: uniform, kind: .topicModel, file: "/m").version == LinearTopicModel.formatVersion)
        #expect(!String(decoding: uniform, as: UTF8.self).contains("class-count-correction-long"))

        for bad in ["-0.5", "inf", "12", "long"] {
            let file = try TopicFixture.file(bytes, replacingInHeader: "class-count-correction-long\t1.5", with: "class-count-correction-long\t\(bad)",
                                             version: LinearTopicModel.lengthAwareFormatVersion)
            TopicFixture.expectRefused(file, mentioning: "class-count-correction-long")
        }
        // A version past the newest (the word clusters') is refused with the readable versions named.
        var future = ResourceContainer.Writer(kind: .topicModel, version: LinearTopicModel.clusterFormatVersion + 1)
        for name in ["header", "index", "rows"] { future.add(name, Array(bytes[try #require(reader.range(name))])) }
        do {
            _ = try LinearTopicModel(bytes: future.bytes(), file: "/future.topicmodel")
            Issue.record("a future format version was accepted")
        } catch {
            #expect(error.code == .resourceMalformed && error.message.contains("versions 2 to 4"), "\(error.message)")
        }
    }

    @Test func trainingCalibratesWithTheLengthAwareCorrection() throws {
        // Politics keeps its two classes; football and tennis train one sport class.
        let classes: [(name: String, topic: Int)] = [("ELECTIONS", 0), ("PARLIAMENT", 0), ("sport", 1)]
        let texts = TopicFinerClassesTests.texts.map { (text: $0.text, class: min($0.class, 2)) }
        var source = TopicTrainingRun.Source(name: "mine.jsonl", texts: texts.map(\.text), labels: texts.map { classes[$0.class].topic })
        source.classes = texts.map(\.class)
        var trainer = TopicTrainer(settings: TopicFixture.settings)
        trainer.settings.iterations = 30
        func run(long: Double?) throws -> LinearTopicModel {
            var run = TopicTrainingRun(sources: [source], labels: TopicFinerClassesTests.topics, validationFraction: 0.25, trainer: trainer,
                                       identifier: "length/1")
            run.classes = classes
            run.classCountCorrection = 0.25
            run.longTextClassCountCorrection = long
            return try run.run(pipeline: TopicFixture.pipeline).model
        }
        let aware = try run(long: 2)
        let uniform = try run(long: nil)
        #expect(aware.longTextClassCountCorrection == 2 && uniform.longTextClassCountCorrection == nil)
        #expect(aware.classCountCorrection == 0.25)
        // The texts are all headline-short, so both runs fit their temperature on the same probabilities.
        #expect(texts.allSatisfy { TopicFeatureExtractor.wordCount(of: TopicFixture.document($0.text)) <= 20 })
        #expect(aware.temperature == uniform.temperature)
        // A long text is scored with the long-text α: politics, with two classes, gets less of it.
        let long = TopicFixture.document(Self.text(words: 100))
        #expect(aware.probabilities(for: long)[0] < uniform.probabilities(for: long)[0])
        let headline = TopicFixture.document(Self.text(words: 8))
        #expect(aware.probabilities(for: headline) == uniform.probabilities(for: headline))
    }
}
