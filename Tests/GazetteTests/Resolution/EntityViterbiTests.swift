import Testing
@testable import Gazette
import GazetteTraining

/// The tagger's Viterbi kernel against the plain reference decoder, on many random lattices.
@Suite("Entity Viterbi")
struct EntityViterbiTests {
    /// Emissions and transitions of small whole numbers and halves (so that ties are common), some -∞-free
    /// large values, for windows of 1–14 tokens.
    private func randomWindow(_ random: inout SeededGenerator) -> (emissions: [Float], transitions: [Float], length: Int) {
        let length = 1 + Int(random.next() % 14)
        func value() -> Float {
            switch random.next() % 4 {
            case 0: Float(Int(random.next() % 7) - 3)
            case 1: Float(Int(random.next() % 9) - 4) * 0.5
            default: Float(Int(random.next() % 20_001) - 10_000) / 997
            }
        }
        let emissions = (0..<(length * EntityTag.count)).map { _ in value() }
        let transitions = (0..<((EntityTag.count + 1) * EntityTag.count)).map { _ in value() }
        return (emissions, transitions, length)
    }

    private func simd(_ emissions: [Float], length: Int) -> [SIMD8<Float>] {
        (0..<length).map { i in
            var lanes = SIMD8<Float>()
            for tag in 0..<EntityTag.count { lanes[tag] = emissions[i * EntityTag.count + tag] }
            return lanes
        }
    }

    @Test func kernelLatticesEqualTheReference() {
        var random = SeededGenerator(seed: 13)
        var compared = 0
        for _ in 0..<3_000 {
            let (emissions, transitions, length) = randomWindow(&random)
            let start = Int(random.next() % UInt64(length + 1))
            let forced = random.next() % 3 == 0 ? 0..<0 : start..<(start + Int(random.next() % UInt64(length - start + 1)))
            let reference = EntityViterbi.referenceLattice(emissions: emissions, stride: EntityTag.count, length: length,
                                                           transitions: transitions, forced: forced)
            let kernel = EntityViterbi.Kernel(longest: length, transitions: transitions)
                .lattice(emissions: simd(emissions, length: length), transitions: transitions, forced: forced)
            for i in 0..<length {
                #expect(kernel.best[i].map(\.bitPattern) == reference.best[i].map(\.bitPattern), "row \(i) of \(length), forced \(forced)")
                for tag in 0..<EntityTag.count where reference.best[i][tag].isFinite && i > 0 {
                    #expect(kernel.back[i][tag] == reference.back[i][tag])
                }
            }
            compared += 1
        }
        #expect(compared == 3_000)
    }

    @Test func kernelSpansAndMarginsEqualTheReference() {
        var random = SeededGenerator(seed: 29)
        for _ in 0..<2_000 {
            let (emissions, transitions, length) = randomWindow(&random)
            let first = Int(random.next() % 50)
            let window = first..<(first + length)
            var expected: [String] = []
            let best = EntityViterbi.decode(emissions: emissions, length: length, transitions: transitions)
            for (span, label) in EntityViterbi.spans(best.tags) {
                let without = EntityViterbi.decode(emissions: emissions, length: length, transitions: transitions, forcedOutside: span)
                let shifted = (span.lowerBound + first)..<(span.upperBound + first)
                expected.append("\(shifted) \(label) \((best.score - without.score).bitPattern)")
            }
            // The kernel reads a window's emissions from the middle of the document's.
            let padding = Int(random.next() % 3)
            let all = [SIMD8<Float>](repeating: SIMD8(repeating: 9), count: padding) + simd(emissions, length: length) + [SIMD8(repeating: -9)]
            var found: [String] = []
            EntityViterbi.Kernel(longest: length + 2, transitions: transitions).decode(window, emissions: all, from: padding) { span, label, margin in
                found.append("\(span) \(label) \(margin.bitPattern)")
            }
            #expect(found == expected)
        }
    }

    /// NORP has one tag: a run of it is one span, and a NORP tag after another label's span starts a new one.
    @Test func runsOfTheNORPTagAreOneSpan() {
        let tags: [EntityTag] = [.norp, .norp, .outside, .norp, .beginPerson, .insidePerson, .norp, .beginLocation, .norp]
        let spans = EntityViterbi.spans(tags).map { "\($0.0) \($0.1)" }
        #expect(spans == ["0..<2 NORP", "3..<4 NORP", "4..<6 PERSON", "6..<7 NORP", "7..<8 LOC", "8..<9 NORP"])
        #expect(EntityTag.allCases.allSatisfy { $0.allows(.norp) })
        #expect(EntityTag.begin(.norp) == .norp && EntityTag.norp.label == .norp)
    }

    @Test func referenceRespectsTagTransitions() {
        // Emissions favour I-PER at position 0, which may not start a span: the decoder must choose B-PER.
        var emissions = [Float](repeating: 0, count: 3 * EntityTag.count)
        emissions[EntityTag.insidePerson.rawValue] = 5
        emissions[EntityTag.beginPerson.rawValue] = 4
        emissions[EntityTag.count + EntityTag.insideLocation.rawValue] = 8
        let transitions = [Float](repeating: 0, count: (EntityTag.count + 1) * EntityTag.count)
        let best = EntityViterbi.decode(emissions: emissions, length: 3, transitions: transitions)
        #expect(best.tags.indices.dropFirst().allSatisfy { best.tags[$0 - 1].allows(best.tags[$0]) })
        // B-PER scores 4 alone, but I-LOC (8) may follow only B-LOC.
        #expect(best.tags == [.beginLocation, .insideLocation, .outside] && best.score == 8)
    }
}
