import Foundation
import Testing
@testable import Gazette
@testable import GazetteTraining

/// Topic models whose weights are for finer classes than their topics: scoring sums the classes' probabilities per
/// topic, the file keeps the classes, and a training run trains on the classes but splits and reports by topic.
@Suite("Topic finer classes")
struct TopicFinerClassesTests {
    static let topics = ["politics", "sport"]
    static let classes: [(name: String, topic: Int)] = [("ELECTIONS", 0), ("PARLIAMENT", 0), ("football", 1), ("tennis", 1)]
    /// Texts with their class (an index into `classes`).
    static let texts: [(text: String, class: Int)] = [
        ("Voters queue at polling stations across the county", 0),
        ("The ballot count shows the mayor narrowly re-elected", 0),
        ("Turnout in the runoff vote was the lowest in decades", 0),
        ("Candidates make a last appeal to undecided voters", 0),
        ("Lawmakers debate the budget bill late into the night", 1),
        ("The upper chamber passes the pension amendment", 1),
        ("Members of parliament question the minister on housing", 1),
        ("A committee of lawmakers delays the vote on the bill", 1),
        ("The striker scores twice as the visitors win the derby", 2),
        ("A late penalty decides the cup tie at the stadium", 2),
        ("The goalkeeper keeps a clean sheet in the league match", 2),
        ("The midfielder signs a new contract with the club", 2),
        ("She wins the final set on grass after a long rally", 3),
        ("The top seed serves an ace to take the opening set", 3),
        ("A double fault costs him the match at the open", 3),
        ("The champion reaches the quarter-finals without dropping a set", 3),
    ]

    static func model() -> LinearTopicModel {
        let settings = TopicFixture.settings
        let extractor = TopicFeatureExtractor(settings: settings.features)
        let examples = texts.map { TopicTrainer.Example(counts: extractor.counts(of: TopicFixture.document($0.text)), label: $0.class) }
        return TopicTrainer(settings: settings).train(examples, labels: topics, classes: classes, identifier: "classes/1")
    }

    @Test func probabilitiesAreTheClassesSummedPerTopic() {
        let model = Self.model()
        #expect(model.labels == Self.topics && model.hasFinerClasses)
        #expect(model.classes.map(\.name) == Self.classes.map(\.name) && model.classes.map(\.topic) == [0, 0, 1, 1])
        for text in ["The keeper saves a penalty in the derby", "Polling stations open for the runoff ballot", "an unknown word"] {
            let document = TopicFixture.document(text)
            let probabilities = model.probabilities(for: document)
            let classProbabilities = LinearTopicModel.softmax(model.logits(for: model.vector(for: document)), temperature: model.temperature)
            #expect(probabilities.count == 2 && classProbabilities.count == 4)
            #expect(abs(probabilities[0] - (classProbabilities[0] + classProbabilities[1])) < 1e-6, "\(text)")
            #expect(abs(probabilities[1] - (classProbabilities[2] + classProbabilities[3])) < 1e-6, "\(text)")
        }
        #expect(model.topics(for: TopicFixture.document("The keeper saves a penalty in the derby")).first?.label == "sport")
        let politics = model.topics(for: TopicFixture.document("Polling stations open for the runoff ballot"), evidence: 3)
        #expect(politics.first?.label == "politics")
        #expect(politics.first?.evidence.isEmpty == false)
        // A model without finer classes has each label as its own class.
        #expect(!TopicFixture.shared.hasFinerClasses && TopicFixture.shared.classes.map(\.name) == TopicFixture.labels)
    }

    @Test func theFileKeepsTheClasses() throws {
        let model = Self.model()
        let bytes = model.serialized()
        let loaded = try LinearTopicModel(bytes: bytes, file: "/m.topicmodel")
        #expect(loaded.serialized() == bytes)
        #expect(loaded.classes.map(\.name) == Self.classes.map(\.name) && loaded.classes.map(\.topic) == [0, 0, 1, 1])
        let document = TopicFixture.document("The champion serves an ace")
        #expect(loaded.probabilities(for: document) == model.probabilities(for: document))
        let header = String(decoding: bytes[try #require(ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "/m").range("header"))], as: UTF8.self)
        #expect(header.contains("class\tsport\ttennis\n") && header.contains("class\tpolitics\tELECTIONS\n"))
        // A model without finer classes writes no class lines.
        let plainBytes = TopicFixture.shared.serialized()
        let plain = try #require(ResourceContainer.Reader(bytes: plainBytes, kind: .topicModel, file: "/p").range("header"))
        #expect(!String(decoding: plainBytes[plain], as: UTF8.self).contains("class\t"))

        // A class under a topic the file does not list, or a topic without a class, is refused with the file's name.
        func rewritten(_ change: (String) -> String) throws -> [UInt8] {
            let reader = try ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "/m")
            var writer = ResourceContainer.Writer(kind: .topicModel, version: LinearTopicModel.formatVersion)
            for name in ["header", "index", "rows"] {
                var section = Array(bytes[try #require(reader.range(name))])
                if name == "header" { section = Array(change(String(decoding: section, as: UTF8.self)).utf8) }
                writer.add(name, section)
            }
            return writer.bytes()
        }
        for (change, message) in [({ (h: String) in h.replacingOccurrences(of: "class\tsport\ttennis", with: "class\tsports\ttennis") }, "not a label"),
                                  ({ (h: String) in h.replacingOccurrences(of: "class\tsport\ttennis", with: "class\tpolitics\ttennis")
                                      .replacingOccurrences(of: "class\tsport\tfootball", with: "class\tpolitics\tfootball") }, "has no class")] {
            do {
                _ = try LinearTopicModel(bytes: try rewritten(change), file: "/bad.topicmodel")
                Issue.record("a bad class line was accepted")
            } catch let error as GazetteError {
                #expect(error.code == .resourceMalformed && error.message.hasPrefix("/bad.topicmodel:") && error.message.contains(message), "\(error.message)")
            }
        }
    }

    @Test func aRunTrainsTheDataLabelsAndReportsByTopic() throws {
        // The data's own labels, mapped onto the topics.
        let items = Self.texts.enumerated().map { LabelledText(text: $1.text, label: Self.classes[$1.class].name, line: $0 + 1) }
        let map = TopicLabelMap(taxonomy: Self.topics, mapping: ["ELECTIONS": "politics", "PARLIAMENT": "politics", "football": "sport", "tennis": "sport"])
        var (labels, sources) = try LabelledTopicData.sources(files: ["data/mine.jsonl"], items: [items], map: map)
        let classes = try LabelledTopicData.finerClasses(items: [items], labels: labels, sources: &sources)
        #expect(labels == Self.topics)
        #expect(classes.map(\.name) == ["ELECTIONS", "PARLIAMENT", "football", "tennis"] && classes.map(\.topic) == [0, 0, 1, 1])
        #expect(sources[0].classes == Self.texts.map(\.class))
        var trainer = TopicTrainer(settings: TopicFixture.settings)
        trainer.settings.iterations = 40
        var run = TopicTrainingRun(sources: sources, labels: labels, validationFraction: 0.25, seed: 3, trainer: trainer, identifier: "classes/1")
        run.classes = classes
        let report = try run.run(pipeline: TopicFixture.pipeline)
        #expect(report.model.labels == Self.topics && report.model.classes.count == 4)
        // The split is by topic (a quarter of each topic's eight texts) and so are the validation figures.
        #expect(report.trainingCount == 12)
        #expect(report.validation.count == 1 && report.validation[0].evaluation.count == 4)
        #expect(report.validation[0].evaluation.labels == Self.topics)
    }
}
