import Foundation
import Testing
@testable import Gazette
@testable import GazetteTraining

/// Clusters of the word vectors as topic features: the section, the features of short texts, and a model that
/// keeps them.
@Suite("Topic word clusters")
struct TopicWordClustersTests {
    /// The rows of `TopicWordVectorsTests.vectors()` (sport, politics, science, unused), at two levels.
    static func clusters() throws -> TopicWordClusters {
        try TopicWordClusters(levels: [[0, 1, 2, 0], [4, 3, 2, 1]], clusterCounts: [3, 5])
    }

    static func vectorsWithClusters() throws -> TopicWordVectors {
        try TopicWordVectorsTests.vectors().with(clusters: clusters())
    }

    /// Cluster features for the first two words of texts of at most five words.
    static var settings: TopicTrainer.Settings {
        var settings = TopicFixture.settings
        settings.features.wordClusterWords = 2
        settings.features.wordClusterTextWords = 5
        return settings
    }

    @Test func theSectionReadsBackAsWritten() throws {
        let clusters = try Self.clusters()
        let section = clusters.serialized()
        #expect(try TopicWordClusters(bytes: section, range: 0..<section.count, rowCount: 4, file: "/c") == clusters)
        #expect(clusters.cluster(ofRow: 1, level: 0) == 1 && clusters.cluster(ofRow: 1, level: 1) == 3)
    }

    @Test func aBadSectionFailsWithTheFilesName() throws {
        let section = try Self.clusters().serialized()
        func message(_ bytes: [UInt8], rows: Int = 4) -> String? {
            do {
                _ = try TopicWordClusters(bytes: bytes, range: 0..<bytes.count, rowCount: rows, file: "/c")
                return nil
            } catch {
                #expect(error.code == .resourceMalformed)
                return error.message
            }
        }
        #expect(message(section) == nil)
        #expect(message(section, rows: 5)?.hasPrefix("/c: word clusters: 4 rows for word vectors of 5") == true)
        #expect(message(Array(section.dropLast()))?.contains("size does not match") == true)
        #expect(message(Array(section.prefix(6)))?.contains("truncated") == true)
        // u32 rows, u32 levels, two u32 counts, then the first level's rows: row 0 names cluster 3 of 3.
        var pastTheCount = section
        pastTheCount[16] = 3
        #expect(message(pastTheCount) == "/c: word clusters: level 0 names cluster 3 of 3")
        var noLevels = section
        noLevels[4] = 0
        #expect(message(noLevels)?.contains("0 levels") == true)
        #expect(throws: GazetteError.self) { try TopicWordClusters(levels: [[0], [0, 1]], clusterCounts: [1, 2]) }
        #expect(throws: GazetteError.self) { try TopicWordVectorsTests.vectors().with(clusters: TopicWordClusters(levels: [[0]], clusterCounts: [1])) }
    }

    @Test func theFileOfTheClusteringScriptIsRead() throws {
        let body = try Self.clusters().serialized()
        let clusters = try TopicWordClusters(sourceFile: Array("GZWCLU01".utf8) + body, file: "/c.wordclusters", rowCount: 4)
        #expect(clusters == (try Self.clusters()))
        #expect(throws: GazetteError.self) { try TopicWordClusters(sourceFile: Array("GZWVEC01".utf8) + body, file: "/c.wordclusters", rowCount: 4) }
    }

    /// `Models/news-topics.wordclusters` fits the shipped model's word vectors (the shipped model reads no clusters:
    /// Models/README.md, "Word clusters").
    @Test func theClusterFileFitsTheShippedVectors() throws {
        let models = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Models")
        let model = try LinearTopicModel(contentsOf: models.appendingPathComponent("news-topics.topicmodel").path)
        let vectors = try #require(model.wordVectors)
        let path = models.appendingPathComponent("news-topics.wordclusters").path
        let file = try TopicWordClusters(sourceFile: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), file: path, rowCount: vectors.rowCount)
        #expect(file.clusterCounts == [128, 1024])
        #expect(try vectors.with(clusters: file).clusters == file)
        #expect(model.settings.wordClusterWords == 0 && vectors.clusters == nil)
    }

    @Test func onlyTheFirstWordsOfShortTextsGetClusterFeatures() throws {
        let extractor = TopicFeatureExtractor(settings: Self.settings.features, wordVectors: try Self.vectorsWithClusters())
        func clusterNames(_ text: String) -> Set<String> {
            Set(extractor.names(in: TopicFixture.document(text)).values.filter { $0.hasPrefix("word cluster") })
        }
        // "striker" (row 0) is among the first two words; "minister" (row 1) is not.
        #expect(clusterNames("The striker and the minister") == ["word cluster 1.0", "word cluster 2.4"])
        #expect(clusterNames("Minister, striker") == ["word cluster 1.1", "word cluster 2.3", "word cluster 1.0", "word cluster 2.4"])
        // Six words are more than the five a short text may have.
        #expect(clusterNames("Minister, striker and the other four").isEmpty)
        // Explanations show the words, never the clusters.
        #expect(!extractor.evidenceNames(in: TopicFixture.document("Minister, striker")).values.contains { $0.hasPrefix("word cluster") })
        // Without word vectors (or without the setting) there are none.
        let withoutVectors = TopicFeatureExtractor(settings: Self.settings.features)
        #expect(!withoutVectors.names(in: TopicFixture.document("Minister, striker")).values.contains { $0.hasPrefix("word cluster") })
        let withoutSetting = TopicFeatureExtractor(settings: TopicFixture.settings.features, wordVectors: try Self.vectorsWithClusters())
        #expect(!withoutSetting.names(in: TopicFixture.document("Minister, striker")).values.contains { $0.hasPrefix("word cluster") })
    }

    @Test func aModelTrainedOnClustersKeepsThemInItsFile() throws {
        let vectors = try Self.vectorsWithClusters()
        let settings = Self.settings
        let extractor = TopicFeatureExtractor(settings: settings.features, wordVectors: vectors)
        let examples = TopicFixture.examples.map { item -> TopicTrainer.Example in
            let document = TopicFixture.document(item.text)
            var counts = extractor.counts(of: document)
            counts.dense = vectors.features(of: document)
            return TopicTrainer.Example(counts: counts, label: item.label)
        }
        let model = TopicTrainer(settings: settings).train(examples, labels: TopicFixture.labels, identifier: "clusters/1", wordVectors: vectors)
        #expect(model.wordVectors?.clusters == (try Self.clusters()))
        let bytes = model.serialized()
        #expect(try ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "/m").version == LinearTopicModel.clusterFormatVersion)
        let loaded = try LinearTopicModel(bytes: bytes, file: "/m.topicmodel")
        #expect(loaded.serialized() == bytes)
        #expect(loaded.settings.wordClusterWords == 2 && loaded.settings.wordClusterTextWords == 5)
        let headline = TopicFixture.document("Senator wins the ballot")
        #expect(loaded.probabilities(for: headline) == model.probabilities(for: headline))
        // The clusters change the scores, so a model that names them in its features must have them.
        let counts = loaded.counts(of: headline)
        #expect(counts.buckets.count > TopicFeatureExtractor(settings: TopicFixture.settings.features).counts(of: headline).buckets.count)
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "/m")
        var withoutClusters = ResourceContainer.Writer(kind: .topicModel, version: LinearTopicModel.clusterFormatVersion)
        for name in ["header", "index", "rows", "vectors"] { withoutClusters.add(name, Array(bytes[try #require(reader.range(name))])) }
        TopicFixture.expectRefused(withoutClusters.bytes(), mentioning: "word clusters")
    }
}
