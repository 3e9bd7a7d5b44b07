import Testing
@testable import Gazette
@testable import GazetteTraining

@Suite("Entity sequence model")
struct EntitySequenceModelTests {
    @Test func viterbiRespectsTagTransitions() {
        // Emissions favour I-PER at position 0, which may not start a span: the decoder must choose B-PER.
        var emissions = [Float](repeating: 0, count: 2 * EntityTag.count)
        emissions[EntityTag.insidePerson.rawValue] = 5
        emissions[EntityTag.beginPerson.rawValue] = 4
        emissions[EntityTag.count + EntityTag.insidePerson.rawValue] = 5
        let transitions = [Float](repeating: 0, count: (EntityTag.count + 1) * EntityTag.count)
        let best = EntityViterbi.decode(emissions: emissions, length: 2, transitions: transitions)
        #expect(best.tags == [.beginPerson, .insidePerson])
        #expect(best.score == 9)
        let forced = EntityViterbi.decode(emissions: emissions, length: 2, transitions: transitions, forcedOutside: 0..<2)
        #expect(forced.tags == [.outside, .outside] && forced.score == 0)
        #expect(EntityViterbi.spans([.beginPerson, .insidePerson, .outside, .beginLocation, .beginLocation]).map { "\($0.1)\($0.0)" }
            == ["PERSON0..<2", "LOC3..<4", "LOC4..<5"])
    }

    private func trainTiny(seed: UInt64 = 1) -> EntitySequenceModel {
        let pipeline = try! Pipeline(stages: Array(TestPipeline.shared.stages.prefix(5)))
        let sentences = [
            ("Talks in China ended .", [("China", EntityLabel.location)]),
            ("Secretary of State Antony Blinken spoke .", [("Antony Blinken", .person)]),
            ("The State Department said so .", [("State Department", .organization)]),
            ("Ned Price met officials in China .", [("Ned Price", .person), ("China", .location)]),
            ("Asian Lite News reported it .", [("Asian Lite News", .organization)]),
        ]
        var examples: [(document: Document, gold: [(range: Range<Int>, label: EntityLabel)])] = []
        for _ in 0..<3 {
            for (text, entities) in sentences {
                let document = try! pipeline.annotate(text)
                let gold = entities.map { name, label -> (range: Range<Int>, label: EntityLabel) in
                    let range = text.range(of: name)!
                    let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                    return (start..<(start + name.utf8.count), label)
                }
                examples.append((document, gold))
            }
        }
        var settings = EntitySequenceTrainer.Settings()
        settings.epochs = 5
        settings.seed = seed
        settings.heldOut = 0.2
        return EntitySequenceTrainer(settings: settings).train(examples, recipe: ["data": "tiny"]).0
    }

    @Test func trainingIsDeterministicAndLearnsTheExamples() throws {
        let a = trainTiny(), b = trainTiny()
        #expect(a.serialized() == b.serialized())
        let resolver = EntityResolver(model: a)
        var document = try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(5))).annotate("Ned Price met officials in China .")
        try resolver.process(&document)
        #expect(document.entities.map { "\($0.label) \($0.text)" } == ["PERSON Ned Price", "LOC China"])
        #expect(document.entities.allSatisfy { $0.score > 0 && $0.score <= 1 })
        #expect(document.entities.last?.source == "gazetteer:places" && document.entities.last?.id == "gz:loc/china")
        #expect(a.recipe["data"] == "tiny" && a.recipe["seed"] == "1")
    }

    @Test func modelFilesRoundTripAndCorruptionIsCaught() throws {
        let model = trainTiny()
        let bytes = model.serialized()
        let loaded = try EntitySequenceModel(bytes: bytes, file: "tiny.nermodel")
        #expect(loaded.serialized() == bytes)
        #expect(loaded.calibration.slope == model.calibration.slope)

        var corrupt = bytes
        corrupt[corrupt.count / 2] ^= 0x40
        #expect(throws: GazetteError.self) { try EntitySequenceModel(bytes: corrupt, file: "tiny.nermodel") }
        do {
            _ = try EntitySequenceModel(bytes: Array(bytes.prefix(40)), file: "cut.nermodel")
        } catch {
            #expect(error.code == .resourceMalformed && error.message.hasPrefix("cut.nermodel:"))
        }
        #expect(throws: GazetteError.self) { try EntitySequenceModel(bytes: Array("not a model".utf8), file: "x") }
        #expect(throws: GazetteError.self) { try EntitySequenceModel(bytes: [], file: "x") }
    }

    @Test func weightTableFindsEveryFeatureAndNoOther() throws {
        // 5,000 features: the table has 2,048 buckets of 7. Twelve features share bucket 0, so five of them overflow
        // it, and one has hash 0, the mark of an empty place.
        var random = SeededGenerator(seed: 7)
        var hashes: Set<UInt64> = [0]
        var crowded = 0
        while crowded < 12 {
            let hash = random.next()
            if WeightStorage.bucket(of: hash, shift: 64 - 11) == 0, hashes.insert(hash).inserted { crowded += 1 }
        }
        while hashes.count < 5_000 { hashes.insert(random.next()) }
        var features: [UInt64: [Float]] = [:]
        for (i, hash) in hashes.sorted().enumerated() {
            features[hash] = (0..<EntityTag.count).map { Float(i % 97) * 0.25 - Float($0) }
        }
        let transitions = [Float](repeating: 0, count: (EntityTag.count + 1) * EntityTag.count)
        let model = EntitySequenceModel(features: features, transitions: transitions, calibration: (1, 0), recipe: [:])
        #expect(model.featureCount == 5_000)
        var scores = [Float](repeating: 0, count: EntityTag.count)
        var wrong = 0
        for (hash, weights) in features {
            model.emission([hash], into: &scores)
            if scores != weights { wrong += 1 }
        }
        #expect(wrong == 0)
        var absent = 0
        while absent < 1_000 {
            let hash = random.next()
            guard features[hash] == nil else { continue }
            model.emission([hash], into: &scores)
            if scores != [Float](repeating: 0, count: EntityTag.count) { wrong += 1 }
            absent += 1
        }
        #expect(wrong == 0)
        // Sums run feature by feature in the given order, absent features adding nothing.
        let some = Array(features.keys.sorted().prefix(3))
        model.emission([some[0], 12_345, some[1], some[2]], into: &scores)
        let expected = (0..<EntityTag.count).map { ((0 + features[some[0]]![$0]) + features[some[1]]![$0]) + features[some[2]]![$0] }
        #expect(scores == expected)
        let bytes = model.serialized()
        #expect(try EntitySequenceModel(bytes: bytes, file: "table.nermodel").serialized() == bytes)
    }

    @Test func calibrationFitsAMonotoneCurve() {
        var samples: [(Double, Bool)] = []
        for i in 0..<200 {
            let x = i % 20
            samples.append((Double(x), x > 8 || i % 7 == 0))
        }
        let fit = EntitySequenceTrainer.fitLogistic(samples)
        #expect(fit.slope > 0)
        func p(_ x: Double) -> Double {
            let linear: Double = fit.slope * x + fit.intercept
            return 1.0 / (1.0 + _exp(-linear))
        }
        #expect(p(0) < 0.5 && p(19) > 0.9)
    }
}

private func _exp(_ x: Double) -> Double {
    var result = 1.0, term = 1.0
    for n in 1..<60 { term *= x / Double(n); result += term }
    return result
}
