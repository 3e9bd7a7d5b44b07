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

    /// A tiny model trained with NORP examples and a small groups list: it must output NORP, the adjective alone
    /// ("Chinese officials"), keeping the list as the source.
    @Test func trainingLearnsNORP() throws {
        var gazetteer = Gazetteer()
        let segmenter = TestPipeline.segmenter
        try gazetteer.addList(TestPipeline.places, source: "gazetteer:places", file: "places", segmenter: segmenter)
        try gazetteer.addList("name\tlabel\taliases\nChinese\tNORP\t\nGerman\tNORP\tGermans\nUyghur\tNORP\tUyghurs\nKurdish\tNORP\t\n"
                              + "Iraqi\tNORP\tIraqis\nPalestinian\tNORP\tPalestinians\n",
                              source: "gazetteer:demonyms", file: "demonyms", segmenter: segmenter)
        let pipeline = try Pipeline(stages: [segmenter, TokenNormalizer(), WordListTagger(words: TestPipeline.words()),
                                             GazetteerTagger(gazetteer: gazetteer), RuleTagger(words: TestPipeline.words())])
        let sentences = [
            ("Chinese officials met Uyghur activists .", [("Chinese", EntityLabel.norp), ("Uyghur", .norp)]),
            ("Talks in China ended .", [("China", .location)]),
            ("Kurdish fighters and Iraqi troops met .", [("Kurdish", .norp), ("Iraqi", .norp)]),
            ("Ned Price met officials in China .", [("Ned Price", .person), ("China", .location)]),
            ("German police arrested Palestinians .", [("German", .norp), ("Palestinians", .norp)]),
        ]
        var examples: [(document: Document, gold: [(range: Range<Int>, label: EntityLabel)])] = []
        for _ in 0..<3 {
            for (text, entities) in sentences {
                let gold = entities.map { name, label -> (range: Range<Int>, label: EntityLabel) in
                    let start = text.utf8.distance(from: text.startIndex, to: text.range(of: name)!.lowerBound)
                    return (start..<(start + name.utf8.count), label)
                }
                examples.append((try pipeline.annotate(text), gold))
            }
        }
        var settings = EntitySequenceTrainer.Settings()
        settings.epochs = 5
        settings.heldOut = 0.2
        let model = EntitySequenceTrainer(settings: settings).train(examples, recipe: [:]).0
        var document = try pipeline.annotate("Chinese diplomats and German officials met Uyghur activists .")
        try EntityResolver(model: model).process(&document)
        #expect(document.entities.map { "\($0.label) \($0.text) \($0.source)" }
                == ["NORP Chinese gazetteer:demonyms", "NORP German gazetteer:demonyms", "NORP Uyghur gazetteer:demonyms"])
    }

    /// A file of 7 tags (trained before NORP) loads: its weights and transitions as they were, NORP's weights zero
    /// and every transition into NORP -∞, so it never predicts NORP.
    @Test func modelsTrainedBeforeNORPLoadAndNeverPredictIt() throws {
        let model = trainTiny()
        let old = EntityTag.countBeforeNORP, count = EntityTag.count
        let features = model.features()
        var shape = ByteWriter(), transitions = ByteWriter(), hashes = ByteWriter(), weights = ByteWriter()
        shape.u32(UInt32(old))
        shape.u32(UInt32(features.count))
        shape.u64(model.calibration.slope.bitPattern)
        shape.u64(model.calibration.intercept.bitPattern)
        for from in 0...old { for to in 0..<old { transitions.f32(model.transitions[from * count + to]) } }
        for feature in features {
            hashes.u64(feature.hash)
            // NORP's lane is left out, as in a file written before NORP.
            for t in 0..<old { weights.f32(feature.weights[t]) }
        }
        var container = ResourceContainer.Writer(kind: .entityModel, version: EntitySequenceModel.formatVersion)
        container.add("recipe", [])
        container.add("shape", shape.bytes)
        container.add("trans", transitions.bytes)
        container.add("hashes", hashes.bytes)
        container.add("weights", weights.bytes)
        let loaded = try EntitySequenceModel(bytes: container.bytes(), file: "old.nermodel")
        let loadedFeatures = loaded.features()
        #expect(loadedFeatures.map(\.hash) == features.map(\.hash))
        for (a, b) in zip(loadedFeatures, features) {
            #expect((0..<old).allSatisfy { a.weights[$0] == b.weights[$0] } && a.weights[EntityTag.norp.rawValue] == 0)
        }
        for from in 0...count {
            for to in 0..<count {
                let value = loaded.transitions[from * count + to]
                if to == EntityTag.norp.rawValue {
                    #expect(value == -.infinity)
                } else if from <= old {
                    #expect(value == model.transitions[from * count + to])
                }
            }
        }
        var document = try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(5))).annotate("Chinese officials met Ned Price in China .")
        try EntityResolver(model: loaded).process(&document)
        #expect(!document.entities.contains { $0.label == .norp })
        #expect(document.entities.contains { $0.label == .person && $0.text == "Ned Price" })
        // Any other tag count is refused with the file's name.
        var wrong = ByteWriter()
        wrong.u32(5)
        wrong.u32(0)
        wrong.u64(0)
        wrong.u64(0)
        var bad = ResourceContainer.Writer(kind: .entityModel, version: EntitySequenceModel.formatVersion)
        bad.add("recipe", [])
        bad.add("shape", wrong.bytes)
        bad.add("trans", [UInt8](repeating: 0, count: 6 * 5 * 4))
        bad.add("hashes", [])
        bad.add("weights", [])
        #expect(throws: GazetteError.self) { try EntitySequenceModel(bytes: bad.bytes(), file: "five.nermodel") }
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
