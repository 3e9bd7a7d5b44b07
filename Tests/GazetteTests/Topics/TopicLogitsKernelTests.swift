import Testing
@testable import Gazette
@testable import GazetteTraining

/// The scoring kernel against its plain reference, bit for bit, on many random tables and documents.
@Suite("Topic logits kernel")
struct TopicLogitsKernelTests {
    /// A table of `labelCount` labels over 256 buckets, about a third of them never seen (idf 0).
    private func randomKernel(_ random: inout SeededGenerator, labelCount: Int) -> TopicLogitsKernel {
        let bucketCount = 256
        let weights = (0..<(bucketCount * labelCount)).map { _ in Int8(truncatingIfNeeded: random.next()) }
        let idf = (0..<bucketCount).map { _ in random.next() % 3 == 0 ? 0 : Float(random.next() % 200) / 16 }
        let scales = (0..<labelCount).map { _ in Float(random.next() % 1_000 + 1) / 20_000 }
        let biases = (0..<labelCount).map { _ in Float(Int(random.next() % 2_001) - 1_000) / 500 }
        return TopicLogitsKernel(table: TopicWeightTable(weights: weights, idf: idf, labelCount: labelCount), scales: scales, biases: biases)
    }

    /// Distinct buckets with whole counts, some beyond the small-count table (64).
    private func randomCounts(_ random: inout SeededGenerator) -> TopicFeatureCounts {
        var buckets: [UInt32] = []
        for _ in 0..<Int(random.next() % 120) {
            let bucket = UInt32(random.next() % 256)
            if !buckets.contains(bucket) { buckets.append(bucket) }
        }
        let counts = buckets.map { _ in Float(random.next() % 8 == 0 ? 1 + random.next() % 100 : 1 + random.next() % 4) }
        return TopicFeatureCounts(buckets: buckets, counts: counts)
    }

    private func bits(_ logits: [Double]) -> [UInt64] { logits.map(\.bitPattern) }

    @Test func logitsFromCountsEqualTheReference() {
        var random = SeededGenerator(seed: 404)
        for round in 0..<600 {
            // 1–15 labels fit one vector (the usual case); more take several (33–47: three, kept in registers).
            let labelCount = 1 + Int(random.next() % (round % 2 == 0 ? 15 : 48))
            let kernel = randomKernel(&random, labelCount: labelCount)
            for _ in 0..<5 {
                let counts = randomCounts(&random)
                #expect(bits(kernel.logits(for: counts)) == bits(kernel.referenceLogits(for: counts)), "\(labelCount) labels")
            }
        }
    }

    /// Every class count up to three vectors, so that each path (one vector, three, any other number) and each
    /// boundary between them is checked.
    @Test func everyClassCountEqualsTheReference() {
        var random = SeededGenerator(seed: 606)
        for labelCount in 1...48 {
            let kernel = randomKernel(&random, labelCount: labelCount)
            for _ in 0..<8 {
                let counts = randomCounts(&random)
                #expect(bits(kernel.logits(for: counts)) == bits(kernel.referenceLogits(for: counts)), "\(labelCount) labels")
            }
        }
    }

    @Test func logitsFromVectorsEqualTheReference() {
        var random = SeededGenerator(seed: 505)
        for _ in 0..<600 {
            let labelCount = 1 + Int(random.next() % 40)
            let kernel = randomKernel(&random, labelCount: labelCount)
            let table = kernel.table
            let vector = TopicFeatureVector(randomCounts(&random)) { bucket in table.row(Int(bucket)).map { table.idf(atRow: $0) } ?? 0 }
            #expect(bits(kernel.logits(for: vector)) == bits(kernel.referenceLogits(for: vector)), "\(labelCount) labels")
        }
    }

    /// A trained model scores a document the same through the document path, the counts path and the reference.
    @Test func aTrainedModelScoresDocumentsAsTheReference() {
        let model = TopicFixture.shared
        let kernel = TopicLogitsKernel(table: model.table, scales: model.scales, biases: model.biases)
        for text in TopicFixture.politics + TopicFixture.sport + ["", "an unknown word"] {
            let document = TopicFixture.document(text)
            let counts = model.extractor.counts(of: document, known: model.table.bitmap)
            let reference = LinearTopicModel.softmax(kernel.referenceLogits(for: counts), temperature: model.temperature)
            #expect(model.probabilities(for: document).map(\.bitPattern) == reference.map(\.bitPattern), "\(text)")
        }
    }
}
