import Testing
@testable import Gazette
@testable import GazetteTraining

/// Word vectors as dense topic features: lookup, document averages, training with them, and the file section.
@Suite("Topic word vectors")
struct TopicWordVectorsTests {
    /// Three directions: sport words along the first dimension, politics words along the second, science words
    /// along the third; a fourth row no fixture word uses.
    static let rows: [Int8] = [
        100, 0, 0, 0,
        0, 100, 0, 0,
        0, 0, 100, 0,
        50, 50, 50, 50,
    ]
    static let words: [(String, Int)] = [
        ("striker", 0), ("goal", 0), ("match", 0), ("penalty", 0), ("midfielder", 0), ("goalkeeper", 0),
        ("election", 1), ("minister", 1), ("parliament", 1), ("vote", 1), ("ballot", 1), ("senator", 1),
        ("telescope", 2), ("physicist", 2), ("molecule", 2), ("laboratory", 2), ("astronomers", 2), ("quantum", 2),
    ]

    static func vectors(featureScale: Float = 1, maxWords: Int = 0) throws -> TopicWordVectors {
        try TopicWordVectors(words: words.map { (FNV1a.hash(Array($0.0.utf8)), $0.1) }, rows: rows, dimensions: 4,
                             vectorScale: 0.01, featureScale: featureScale, maxWords: maxWords)
    }

    @Test func wordsAreFoundByTheirKeysHash() throws {
        let vectors = try Self.vectors()
        #expect(vectors.row(ofWordHash: FNV1a.hash(Array("ballot".utf8))) == 1)
        #expect(vectors.row(ofWordHash: FNV1a.hash(Array("banana".utf8))) == nil)
        #expect(vectors.vector(row: 2) == [0, 0, 1, 0])
    }

    @Test func aDocumentIsTheScaledAverageOfItsKnownWords() throws {
        let vectors = try Self.vectors(featureScale: 2)
        // Casing does not matter (keys are folded); unknown words do not count.
        let features = vectors.features(of: TopicFixture.document("The STRIKER and the Minister, bananas"))
        let half = 2 / Float(2).squareRoot()
        #expect(features.count == 4)
        #expect(abs(features[0] - half) < 1e-5 && abs(features[1] - half) < 1e-5 && features[2] == 0 && features[3] == 0)
        #expect(vectors.features(of: TopicFixture.document("bananas and apples")) == [0, 0, 0, 0])
        // Only the first words are read when asked.
        let capped = try Self.vectors(maxWords: 2).features(of: TopicFixture.document("the striker and the minister"))
        #expect(capped[0] > 0 && capped[1] == 0)
    }

    @Test func theKernelMatchesTheReference() throws {
        for maxWords in [0, 3] {
            let vectors = try Self.vectors(featureScale: 0.7, maxWords: maxWords)
            for text in ["The striker and the Minister", "goal goal vote, telescope! quantum-physicist", "nothing known here", "",
                         "Ballot: senator, election; match penalty goalkeeper laboratory"] {
                let document = TopicFixture.document(text)
                let kernel = vectors.features(of: document), reference = vectors.referenceFeatures(of: document)
                #expect(kernel.count == reference.count)
                #expect(zip(kernel, reference).allSatisfy { abs($0 - $1) < 1e-5 }, "\(text): \(kernel) against \(reference)")
            }
        }
    }

    @Test func theKernelMatchesTheReferenceOnRowsLongerThanItsBlocks() throws {
        // 37 dimensions: the kernel adds two blocks of sixteen components, then five one by one.
        let dimensions = 37
        var random = SeededGenerator(seed: 29)
        let rows = (0..<(Self.words.count * dimensions)).map { _ in Int8.random(in: -128...127, using: &random) }
        let vectors = try TopicWordVectors(words: Self.words.enumerated().map { (FNV1a.hash(Array($0.element.0.utf8)), $0.offset) },
                                           rows: rows, dimensions: dimensions, vectorScale: 0.01, featureScale: 1.5, maxWords: 0)
        for _ in 0..<50 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                Int.random(in: 0..<4, using: &random) == 0 ? "unknown" : Self.words.randomElement(using: &random)!.0
            }.joined(separator: " ")
            Self.expectKernelMatchesReference(vectors, text, dimensions: dimensions)
        }
    }

    /// The kernel adds rows in 16-bit sums, `rowsPerBlock` at a time: around and past a block, with the extreme
    /// components, a sum that wrapped would turn the average vector round. Two words, rows (-128, 127, …) and
    /// (127, -128, …), so that the document's average leans towards the more frequent one.
    @Test func theKernelMatchesTheReferenceAcrossBlocksOfExtremeRows() throws {
        let dimensions = 18
        let rows = (0..<dimensions).map { Int8($0 % 2 == 0 ? -128 : 127) } + (0..<dimensions).map { Int8($0 % 2 == 0 ? 127 : -128) }
        let vectors = try TopicWordVectors(words: [(FNV1a.hash(Array("low".utf8)), 0), (FNV1a.hash(Array("high".utf8)), 1)],
                                           rows: rows, dimensions: dimensions, vectorScale: 0.01, featureScale: 1, maxWords: 0)
        let block = TopicWordVectors.rowsPerBlock
        for (lows, highs) in [(block, 0), (block + 1, 0), (block - 1, 1), (2 * block + 5, block / 2), (3 * block, 7)] {
            let text = (Array(repeating: "low", count: lows) + Array(repeating: "high", count: highs)).joined(separator: " ")
            Self.expectKernelMatchesReference(vectors, text, dimensions: dimensions)
            let features = vectors.features(of: TopicFixture.document(text))
            #expect(features[0] < 0 && features[1] > 0, "\(lows) and \(highs): \(features)")
        }
    }

    /// A table more than half full, so that many words (and many unknown words) probe past their home slot: the
    /// kernel reads home slots ahead of the probes, and must still find every word and no other.
    @Test func theKernelMatchesTheReferenceInACrowdedTable() throws {
        let dimensions = 20
        // Words of letters only ("zaa", "zab", …), so that each is one word token.
        func letters(_ number: Int) -> String {
            String([number / 676 % 26, number / 26 % 26, number % 26].map { Character(Unicode.Scalar(UInt8(97 + $0))) })
        }
        let names = (0..<600).map { "z" + letters($0) }
        var random = SeededGenerator(seed: 31)
        let rows = (0..<(names.count * dimensions)).map { _ in Int8.random(in: -128...127, using: &random) }
        let vectors = try TopicWordVectors(words: names.enumerated().map { (FNV1a.hash(Array($0.element.utf8)), $0.offset) },
                                           rows: rows, dimensions: dimensions, vectorScale: 0.01, featureScale: 1, maxWords: 40)
        for (row, name) in names.enumerated() { #expect(vectors.row(ofWordHash: FNV1a.hash(Array(name.utf8))) == row) }
        for _ in 0..<100 {
            let text = (0..<Int.random(in: 0...60, using: &random)).map { _ in
                Int.random(in: 0..<3, using: &random) == 0 ? "y" + letters(Int.random(in: 0..<5_000, using: &random)) : names.randomElement(using: &random)!
            }.joined(separator: " ")
            Self.expectKernelMatchesReference(vectors, text, dimensions: dimensions)
        }
    }

    /// The kernel's features of `text` equal the plain reference's (to rounding), with `dimensions` components.
    private static func expectKernelMatchesReference(_ vectors: TopicWordVectors, _ text: String, dimensions: Int) {
        let document = TopicFixture.document(text)
        let kernel = vectors.features(of: document), reference = vectors.referenceFeatures(of: document)
        #expect(kernel.count == dimensions && reference.count == dimensions)
        #expect(zip(kernel, reference).allSatisfy { abs($0 - $1) < 1e-5 }, "\(text): \(kernel) against \(reference)")
    }

    /// The label weights of the dense features, sixteen classes at a time, against one class at a time, bit for bit.
    @Test func logitsEqualTheReference() throws {
        var random = SeededGenerator(seed: 77)
        // One to three chunks of sixteen in one pass; more (4 to 7 chunks) in passes of three, then two or one.
        for labelCount in [1, 3, 14, 16, 17, 33, 46, 49, 64, 80, 97, 112] {
            let weights = (0..<(4 * labelCount)).map { _ in Float(Int(random.next() % 2_001) - 1_000) / 997 }
            let vectors = try Self.vectors().with(weights: weights, labelCount: labelCount)
            for text in ["The striker and the Minister", "telescope quantum ballot", "nothing known"] {
                let features = vectors.features(of: TopicFixture.document(text))
                let start = (0..<labelCount).map { Double($0) / 7 }
                var kernel = start, reference = start
                vectors.addLogits(of: features, to: &kernel)
                vectors.referenceAddLogits(of: features, to: &reference)
                #expect(kernel.map(\.bitPattern) == reference.map(\.bitPattern), "\(labelCount) labels, \(text)")
            }
        }
    }

    @Test func trainingUsesThemAndTheFileKeepsThem() throws {
        let vectors = try Self.vectors()
        let extractor = TopicFeatureExtractor(settings: TopicFixture.settings.features)
        let examples = TopicFixture.examples.map { item -> TopicTrainer.Example in
            let document = TopicFixture.document(item.text)
            var counts = extractor.counts(of: document)
            counts.dense = vectors.features(of: document)
            return TopicTrainer.Example(counts: counts, label: item.label)
        }
        let model = TopicTrainer(settings: TopicFixture.settings).train(examples, labels: TopicFixture.labels, identifier: "vectors/1",
                                                                        wordVectors: vectors)
        // A word no training text has, but whose vector is a politics word's, leans to politics.
        let unseen = TopicFixture.document("senator ballot")
        let probabilities = model.probabilities(for: unseen)
        #expect(probabilities[0] > probabilities[1] && probabilities[0] > probabilities[2])
        let bytes = model.serialized()
        let loaded = try LinearTopicModel(bytes: bytes, file: "/m.topicmodel")
        #expect(loaded.wordVectors?.dimensions == 4)
        #expect(loaded.serialized() == bytes)
        #expect(loaded.probabilities(for: unseen) == probabilities)
        // Scoring straight from a document and from its counts agree.
        let counts = loaded.counts(of: unseen)
        let fromCounts = LinearTopicModel.softmax(loaded.logits(for: counts), temperature: loaded.temperature)
        #expect(zip(fromCounts, probabilities).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func aBadSectionFailsWithTheFilesName() throws {
        let vectors = try Self.vectors().with(weights: [Float](repeating: 0.5, count: 12), labelCount: 3)
        let section = vectors.serialized()
        #expect(throws: Never.self) { try TopicWordVectors(bytes: section, range: 0..<section.count, labelCount: 3, file: "/v") }
        func code(_ bytes: [UInt8], labels: Int = 3) -> GazetteError.Code? {
            do {
                _ = try TopicWordVectors(bytes: bytes, range: 0..<bytes.count, labelCount: labels, file: "/v")
                return nil
            } catch {
                #expect(error.message.hasPrefix("/v: word vectors:"))
                return error.code
            }
        }
        #expect(code(Array(section.dropLast())) == .resourceMalformed)
        #expect(code(section, labels: 4) == .resourceMalformed)
        var infinite = section
        infinite[28 + 3] = 0x7F; infinite[28 + 2] = 0x80; infinite[28 + 1] = 0; infinite[28] = 0  // the first weight: +inf
        #expect(code(infinite) == .resourceMalformed)
        // 28 bytes of sizes and scales, 12 weights, padding to 80; then 64 tags and 64 rows.
        var pastTheRows = section
        pastTheRows[80 + 4 * 64] = 0xFF; pastTheRows[80 + 4 * 64 + 1] = 0xFF
        #expect(code(pastTheRows) == .resourceMalformed)
        // Every slot's row is checked, in every chunk of sixteen: the last row is fine, one past it is not.
        for slot in [0, 17, 63] {
            var lastRow = section, oneTooFar = section
            lastRow[80 + 4 * 64 + 2 * slot] = 3
            oneTooFar[80 + 4 * 64 + 2 * slot] = 4
            #expect(code(lastRow) == nil)
            #expect(code(oneTooFar) == .resourceMalformed)
        }
        var full = section
        for slot in 0..<64 where full[(80 + 4 * slot)..<(84 + 4 * slot)].allSatisfy({ $0 == 0 }) { full[80 + 4 * slot] = 1 }
        #expect(code(full) == .resourceMalformed)
    }

    @Test func theSourceFileOfTheConversionScriptIsRead() throws {
        var writer = ByteWriter()
        writer.append(Array("GZWVEC01".utf8))
        writer.u32(2); writer.u32(2); writer.u32(4); writer.f32(0.01)
        writer.u64(FNV1a.hash(Array("goal".utf8))); writer.u32(0)
        writer.u64(FNV1a.hash(Array("vote".utf8))); writer.u32(1)
        writer.append(Self.rows.prefix(8).map { UInt8(bitPattern: $0) })
        let vectors = try TopicWordVectors(sourceFile: writer.bytes, file: "/v.wordvectors", featureScale: 1, maxWords: 0)
        #expect(vectors.rowCount == 2 && vectors.row(ofWordHash: FNV1a.hash(Array("vote".utf8))) == 1)
        #expect(throws: GazetteError.self) {
            try TopicWordVectors(sourceFile: Array(writer.bytes.dropLast()), file: "/v.wordvectors", featureScale: 1, maxWords: 0)
        }
    }
}
