import Testing
@testable import Gazette
import GazetteTraining

/// The tagger's feature-row kernel against its plain reference: the same rows, token ends and emissions, on random
/// feature streams and on the features of real documents.
@Suite("Entity tagger feature rows")
struct FeatureRowsTests {
    /// A model of `count` random features (a few hashed to 0, the empty mark), with small random weights.
    private func randomModel(_ random: inout SeededGenerator, known: [UInt64] = [], count: Int) -> (EntitySequenceModel, [UInt64]) {
        var weights: [UInt64: [Float]] = [:]
        for hash in known { weights[hash] = (0..<EntityTag.count).map { _ in Float(Int(random.next() % 2_001) - 1_000) / 256 } }
        while weights.count < known.count + count {
            let hash = random.next() % 50 == 0 ? 0 : random.next()
            weights[hash] = (0..<EntityTag.count).map { _ in Float(Int(random.next() % 2_001) - 1_000) / 256 }
        }
        let model = EntitySequenceModel(features: weights, transitions: [Float](repeating: 0, count: (EntityTag.count + 1) * EntityTag.count),
                                        calibration: (1, 0), recipe: [:])
        return (model, Array(weights.keys))
    }

    private func fixedRows(_ model: EntitySequenceModel, _ fixed: [UInt64]) -> [UInt32] {
        model.withWeightTable { table in fixed.map { UInt32(table.slot(of: $0)) } }
    }

    private func expectSame(_ kernel: EntitySequenceTagger.FeatureRows, _ plain: inout EntitySequenceTagger.PlainFeatureRows,
                            model: EntitySequenceModel) {
        let kernelEmissions = model.withWeightTable { kernel.emissions(in: $0) }
        let plainEmissions = model.withWeightTable { plain.emissions(in: $0) }
        #expect(kernel.allRows == plain.rows)
        #expect(kernel.allEnds == plain.ends)
        #expect(kernelEmissions.count == plainEmissions.count)
        for (a, b) in zip(kernelEmissions, plainEmissions) {
            #expect((0..<8).map { a[$0].bitPattern } == (0..<8).map { b[$0].bitPattern })
        }
    }

    @Test func randomFeatureStreamsGiveTheSameRowsAndEmissions() {
        var random = SeededGenerator(seed: 41)
        for round in 0..<200 {
            let (model, hashes) = randomModel(&random, count: 20 + Int(random.next() % 400))
            let fixed = (0..<(1 + Int(random.next() % 40))).map { _ in random.next() % 3 == 0 ? random.next() : hashes[Int(random.next() % UInt64(hashes.count))] }
            let rows = fixedRows(model, fixed)
            // Small capacities make the kernel grow its buffers.
            let capacity = round % 4 == 0 ? 0 : Int(random.next() % 300)
            var kernel = EntitySequenceTagger.FeatureRows(capacity: capacity, fixedRows: rows)
            defer { kernel.deallocate() }
            var plain = EntitySequenceTagger.PlainFeatureRows(capacity: capacity, fixedRows: rows)
            if round % 3 == 1 {
                // A batch before, forgotten: the reused buffers give what fresh ones do.
                for _ in 0..<(1 + Int(random.next() % 200)) {
                    kernel.add(random.next())
                    kernel.add(fixed[0], fixed: 0)
                    kernel.endToken()
                }
                kernel.removeAll()
            }
            for _ in 0..<Int(random.next() % 120) {
                for _ in 0..<Int(random.next() % 40) {
                    switch random.next() % 3 {
                    case 0:
                        let index = Int(random.next() % UInt64(fixed.count))
                        kernel.add(fixed[index], fixed: index)
                        plain.add(fixed[index], fixed: index)
                    case 1:
                        let hash = hashes[Int(random.next() % UInt64(hashes.count))]
                        kernel.add(hash)
                        plain.add(hash)
                    default:
                        let hash = random.next()
                        kernel.add(hash)
                        plain.add(hash)
                    }
                }
                kernel.endToken()
                plain.endToken()
            }
            expectSame(kernel, &plain, model: model)
        }
    }

    @Test func documentsGiveTheSameRowsAndEmissions() throws {
        let features = EntityFeatures()
        let texts = [
            "Later Ned Price met officials of the Ministry of External Affairs in China. US won 4-28, 1-0 and 2-2 on 6/12.",
            "He met the Bank of England, then Ludwig van Beethoven in Zürich today.",
            "Essex 4-28 Kent. Surrey 1-0 Sussex. Derby 2-2 Leeds. Jordan beat China 3-1 in İstanbul.",
            "The United States Department of State said President Biden would visit the PRC. State Department officials agreed.",
            "KALLAS CALLS INDIA A RELIABLE PARTNER\nMount Everest and the River Thames are far from 北京 and Beijing.",
        ]
        var random = SeededGenerator(seed: 7)
        for text in texts {
            let document = try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(5))).annotate(text)
            let context = features.context(for: document)
            // The model knows about half of the document's features, so that rows are both found and missed.
            var seen: [UInt64] = []
            for window in context.windows {
                for token in window {
                    var array: [UInt64] = []
                    features.features(at: token, in: document, context: context, into: &array)
                    seen += array.filter { _ in random.next() % 2 == 0 }
                }
            }
            let (model, _) = randomModel(&random, known: Array(Set(seen)), count: 50)
            let rows = fixedRows(model, features.fixedFeatures)
            var kernel = EntitySequenceTagger.FeatureRows(capacity: 8, fixedRows: rows)
            defer { kernel.deallocate() }
            var plain = EntitySequenceTagger.PlainFeatureRows(capacity: 8, fixedRows: rows)
            for window in context.windows {
                for token in window {
                    features.addFeatures(at: token, in: document, context: context, to: &kernel)
                    kernel.endToken()
                    features.addFeatures(at: token, in: document, context: context, to: &plain)
                    plain.endToken()
                }
            }
            #expect(!plain.ends.isEmpty)
            expectSame(kernel, &plain, model: model)
        }
    }
}
