import Testing
@testable import Gazette
@testable import GazetteTraining

/// The feature counter kernel against its plain dictionary reference, on many random feature sequences.
@Suite("Topic feature counter")
struct TopicFeatureCounterTests {
    private func randomFeatures(_ random: inout SeededGenerator, bucketCount: Int) -> [(bucket: UInt32, pair: Bool)] {
        // Mostly short documents, some longer than the counter's first buffer (1,024 features).
        let length = random.next() % 8 == 0 ? Int(random.next() % 5_000) : Int(random.next() % 300)
        // Few distinct buckets in some rounds (many repeats), many in others.
        let spread = UInt64(random.next() % 2 == 0 ? min(bucketCount, 40) : bucketCount)
        return (0..<length).map { _ in (UInt32(random.next() % spread), random.next() % 3 == 0) }
    }

    private func randomKnown(_ random: inout SeededGenerator, bucketCount: Int) -> [UInt64] {
        (0..<(bucketCount / 64)).map { _ in
            switch random.next() % 3 {
            case 0: UInt64.max
            case 1: 0
            default: random.next() & random.next()
            }
        }
    }

    private func kernelCounts(_ features: [(bucket: UInt32, pair: Bool)], markingPairs: Bool, known: [UInt64]?) -> TopicFeatureCounts {
        TopicFeatureCounter.counts(markingPairs: markingPairs, known: known) { counter in
            for feature in features { counter.add(feature.bucket, pair: feature.pair) { "" } }
        }
    }

    @Test func countsEqualTheReference() {
        var random = SeededGenerator(seed: 2024)
        for round in 0..<1_000 {
            let bucketCount = 64 << Int(random.next() % 12)
            let features = randomFeatures(&random, bucketCount: bucketCount)
            let known = round % 3 == 0 ? nil : randomKnown(&random, bucketCount: bucketCount)
            let markingPairs = known == nil && round % 2 == 0
            let expected = TopicFeatureCounter.referenceCounts(of: features, markingPairs: markingPairs, known: known)
            #expect(kernelCounts(features, markingPairs: markingPairs, known: known) == expected,
                    "round \(round): \(features.count) features, \(bucketCount) buckets")
        }
    }

    @Test func lentCountsEqualTheReference() {
        var random = SeededGenerator(seed: 77)
        for _ in 0..<500 {
            let bucketCount = 64 << Int(random.next() % 10)
            let features = randomFeatures(&random, bucketCount: bucketCount)
            let known = randomKnown(&random, bucketCount: bucketCount)
            let lent = TopicFeatureCounter.withCounts(known: known, { counter in
                for feature in features { counter.add(feature.bucket, pair: feature.pair) { "" } }
            }) { buckets, counts in TopicFeatureCounts(buckets: Array(buckets), counts: Array(counts)) }
            #expect(lent == TopicFeatureCounter.referenceCounts(of: features, markingPairs: false, known: known))
        }
    }

    @Test func writtenCases() {
        let features: [(bucket: UInt32, pair: Bool)] = [(5, true), (3, false), (5, false), (7, true), (7, true), (3, false)]
        var expected = TopicFeatureCounts(buckets: [5, 3, 7], counts: [2, 2, 2])
        expected.pairOnly = [false, false, true]
        #expect(kernelCounts(features, markingPairs: true, known: nil) == expected)
        // Only buckets 3 and 7 known.
        #expect(kernelCounts(features, markingPairs: false, known: [1 << 3 | 1 << 7]) == TopicFeatureCounts(buckets: [3, 7], counts: [2, 2]))
        #expect(kernelCounts([], markingPairs: true, known: nil) == TopicFeatureCounts())
    }
}
