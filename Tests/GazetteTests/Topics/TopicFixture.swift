import Foundation
import Testing
@testable import Gazette
@testable import GazetteTraining

/// A tiny labelled set written for these tests (three topics, a dozen texts each) and small models trained on it.
enum TopicFixture {
    static let labels = ["politics", "science", "sport"]

    static let politics = [
        "The senate passed the budget bill after a long vote",
        "Parliament debated the new election law on Tuesday",
        "The minister resigned after the vote of no confidence",
        "Voters head to the polls in the regional election",
        "The president signed the bill into law",
        "Opposition leaders criticised the government budget",
        "The prime minister called a snap election",
        "Lawmakers voted to delay the tax reform bill",
        "The party chose a new leader before the election",
        "Campaign spending rose ahead of the senate race",
        "The governor vetoed the spending bill",
        "Coalition talks collapsed after the election result",
    ]

    static let science = [
        "Astronomers found a planet orbiting a distant star",
        "The telescope captured images of a new galaxy",
        "Researchers sequenced the genome of an ancient plant",
        "A study of cells shows how proteins fold",
        "Physicists measured the mass of the particle",
        "The space probe sent data from the outer planet",
        "Scientists published the study in a journal",
        "The laboratory tested a new quantum sensor",
        "Researchers observed the star collapse into a black hole",
        "The experiment confirmed the theory of the particle",
        "Biologists discovered a new species of frog",
        "The rover drilled rock samples on the planet",
    ]

    static let sport = [
        "The striker scored twice as the team won the match",
        "The champions lost the final on penalties",
        "The coach praised the team after the league win",
        "The goalkeeper saved a penalty in the cup match",
        "The midfielder signed a new contract with the club",
        "The team climbed to the top of the league table",
        "The sprinter won gold in the final race",
        "The club sacked the coach after five defeats",
        "The captain lifted the cup after the match",
        "Fans celebrated as the team won the title",
        "The tennis player won the match in straight sets",
        "The striker was injured before the cup final",
    ]

    /// Texts with label indices into `labels`.
    static var examples: [(text: String, label: Int)] {
        politics.map { ($0, 0) } + science.map { ($0, 1) } + sport.map { ($0, 2) }
    }

    /// Segmentation and normalisation only: what word features need.
    static let pipeline = try! Pipeline(stages: [TestPipeline.segmenter, TokenNormalizer()])

    static func document(_ text: String) -> Document {
        try! pipeline.annotate(text)
    }

    static var settings: TopicTrainer.Settings {
        var settings = TopicTrainer.Settings()
        settings.features.bucketBits = 12
        settings.minDocumentFrequency = 1
        settings.l2 = 1e-3
        settings.iterations = 60
        return settings
    }

    static func trainingExamples(_ settings: TopicTrainer.Settings = settings) -> [TopicTrainer.Example] {
        let extractor = TopicFeatureExtractor(settings: settings.features)
        return examples.map { TopicTrainer.Example(counts: extractor.counts(of: document($0.text)), label: $0.label) }
    }

    /// A model trained on the whole fixture (temperature 1, threshold 0.5).
    static func model(_ settings: TopicTrainer.Settings = settings) -> LinearTopicModel {
        TopicTrainer(settings: settings).train(trainingExamples(settings), labels: labels, identifier: "fixture/1",
                                               recipe: [("command", "test")])
    }

    static let shared = model()

    /// A topic model file's bytes with `old` replaced by `new` in its header, sealed again as `version` (so that
    /// only the header's content is wrong): for tests of bad header values.
    static func file(_ bytes: [UInt8], replacingInHeader old: String, with new: String, version: UInt32) throws -> [UInt8] {
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "/m")
        var writer = ResourceContainer.Writer(kind: .topicModel, version: version)
        for name in ["header", "index", "rows"] {
            var section = Array(bytes[try #require(reader.range(name))])
            if name == "header" { section = Array(String(decoding: section, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8) }
            writer.add(name, section)
        }
        return writer.bytes()
    }

    /// Expects a topic model file to be refused with `GZ202`, its name and a message that mentions `subject`.
    static func expectRefused(_ bytes: [UInt8], mentioning subject: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try LinearTopicModel(bytes: bytes, file: "/bad.topicmodel")
            Issue.record("a file with a bad \(subject) was accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .resourceMalformed && error.message.hasPrefix("/bad.topicmodel:") && error.message.contains(subject),
                    "\(error.message)", sourceLocation: sourceLocation)
        }
    }
}
