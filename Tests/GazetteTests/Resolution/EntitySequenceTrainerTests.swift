import Testing
@testable import Gazette
@testable import GazetteTraining

/// The trainer's weighted examples and the spread of its calibration documents.
@Suite("Entity sequence trainer")
struct EntitySequenceTrainerTests {
    private static let pipeline = try! Pipeline(stages: Array(TestPipeline.shared.stages.prefix(5)))

    /// `text` annotated up to candidates, with `name` gold as `label`.
    private func example(_ text: String, _ name: String, _ label: EntityLabel, weight: Double) -> EntitySequenceTrainer.Example {
        let document = try! Self.pipeline.annotate(text)
        let start = text.utf8.distance(from: text.startIndex, to: text.range(of: name)!.lowerBound)
        return EntitySequenceTrainer.Example(document: document, gold: [(start..<(start + name.utf8.count), label)], weight: weight)
    }

    private func train(_ examples: [EntitySequenceTrainer.Example], heldOut: Double = 0, pruneBelow: Float = 0.01) -> EntitySequenceModel {
        var settings = EntitySequenceTrainer.Settings()
        settings.epochs = 4
        settings.heldOut = heldOut
        settings.pruneBelow = pruneBelow
        return EntitySequenceTrainer(settings: settings).train(examples: examples, recipe: [:]).0
    }

    private func labels(_ text: String, _ model: EntitySequenceModel) throws -> [String] {
        var document = try Self.pipeline.annotate(text)
        try EntityResolver(model: model).process(&document)
        return document.entities.map { "\($0.label) \($0.text)" }
    }

    @Test func theHeavierOfTwoConflictingSourcesWins() throws {
        // The same sentence, annotated two ways by two "sources": the one with the larger weight decides.
        let text = "Officials from Quellmoor Vantris arrived ."
        let asPlace = { (weight: Double) in self.example(text, "Quellmoor Vantris", .location, weight: weight) }
        let asOrganization = { (weight: Double) in self.example(text, "Quellmoor Vantris", .organization, weight: weight) }
        let placeHeavy = train([asPlace(3), asOrganization(1), asPlace(3), asOrganization(1)])
        let organizationHeavy = train([asPlace(1), asOrganization(3), asPlace(1), asOrganization(3)])
        #expect(try labels(text, placeHeavy) == ["LOC Quellmoor Vantris"])
        #expect(try labels(text, organizationHeavy) == ["ORG Quellmoor Vantris"])
    }

    @Test func aCommonWeightScalesTheModelAndKeepsItsDecisions() throws {
        let texts = [("Talks with Orlan Vesk ended .", "Orlan Vesk", EntityLabel.person),
                     ("Fans of Brellwick United cheered .", "Brellwick United", .organization),
                     ("Rain fell on Tarnhollow .", "Tarnhollow", .location)]
        let ones = train(texts.map { example($0.0, $0.1, $0.2, weight: 1) })
        let twos = train(texts.map { example($0.0, $0.1, $0.2, weight: 2) })
        // The perceptron makes the same mistakes in the same order, with updates twice as large.
        #expect(twos.transitions == ones.transitions.map { $0 * 2 })
        #expect(ones.transitions.contains { $0 != 0 })
        for (text, _, _) in texts { #expect(try labels(text, ones) == labels(text, twos)) }
    }

    @Test func pruningLeavesOutExactlyTheFeaturesWithOnlySmallWeights() throws {
        let texts = [("Talks with Orlan Vesk ended .", "Orlan Vesk", EntityLabel.person),
                     ("Fans of Brellwick United cheered .", "Brellwick United", .organization),
                     ("Rain fell on Tarnhollow .", "Tarnhollow", .location)]
        let examples = texts.map { example($0.0, $0.1, $0.2, weight: 1) }
        let full = train(examples)
        let largest = full.features().map { $0.weights.max().magnitude > $0.weights.min().magnitude ? $0.weights.max().magnitude
                                                                                                    : $0.weights.min().magnitude }
        let threshold = largest.sorted()[largest.count / 2]
        let pruned = train(examples, pruneBelow: threshold)
        // Pruning happens after training: the kept features keep their weights, and the same transitions.
        let kept = Dictionary(uniqueKeysWithValues: full.features().enumerated().filter { largest[$0.offset] >= threshold }
                                                                             .map { ($0.element.hash, $0.element.weights) })
        #expect(kept.count < full.featureCount && !kept.isEmpty)
        #expect(pruned.featureCount == kept.count)
        #expect(pruned.features().allSatisfy { kept[$0.hash] == $0.weights })
        #expect(pruned.transitions == full.transitions)
    }

    @Test func calibrationDocumentsAreSpreadOverTheList() {
        #expect(EntitySequenceTrainer.calibrationDocuments(count: 100, share: 0.1) == Set(stride(from: 9, to: 100, by: 10)))
        #expect(EntitySequenceTrainer.calibrationDocuments(count: 25, share: 0.2) == [4, 9, 14, 19, 24])
        #expect(EntitySequenceTrainer.calibrationDocuments(count: 5, share: 0.1).isEmpty)
        let many = EntitySequenceTrainer.calibrationDocuments(count: 1_001, share: 0.1)
        #expect(many.count == 100 && many.allSatisfy { $0 < 1_001 })
    }
}
