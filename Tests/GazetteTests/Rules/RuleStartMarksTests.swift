import Testing
@testable import Gazette
import GazetteTraining

/// The branch-free start marking against the plain one.
@Suite("Rule start marks")
struct RuleStartMarksTests {
    @Test func markingAgreesWithThePlainMarkingOnRandomTokens() {
        var random = SeededGenerator(seed: 7)
        let kinds: [TokenKind] = [.word, .number, .punctuation, .symbol, .emoji, .url, .email, .other]
        let shapes: [TokenShape] = [.capitalized, .allCaps, .lower, .mixed, .hasDigit, .uncased]
        // Keys of one ASCII byte, initials' keys and others, with and without matching lengths.
        let keyChoices = ["(", "-", ",", "j", "jr", "ab", "a1", "ned", "the", "é", "--", ""]
        for _ in 0..<300 {
            let count = Int(random.next() % 40)
            var tokens: [Token] = [], flags: [WordListFlags] = [], keys: [String] = []
            var offset = 0
            for _ in 0..<count {
                let length = 1 + Int(random.next() % 5)
                tokens.append(Token(start: offset, end: offset + length, kind: kinds[Int(random.next() % UInt64(kinds.count))],
                                    shape: shapes[Int(random.next() % UInt64(shapes.count))]))
                offset += length + 1
                flags.append(WordListFlags(rawValue: UInt16(truncatingIfNeeded: random.next())))
                keys.append(keyChoices[Int(random.next() % UInt64(keyChoices.count))])
            }
            let hashes = keys.map(FeatureHash.of)
            #expect(RuleStartMarks.starts(tokens: tokens, flags: flags, keys: keys, hashes: hashes)
                    == RuleStartMarks.startsPlain(tokens: tokens, flags: flags, keys: keys, hashes: hashes))
        }
    }

    @Test func markingAgreesWithThePlainMarkingOnADocument() throws {
        let pipeline = try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(4)))
        let document = try pipeline.annotate("J.R. Smith (JRS) of the Ministry of Health met Ned in Kabul-based talks; Arsenal beat Chelsea 2-1.")
        let tokens = document.tokens, keys = document.tokenKeys.keys
        let marked = RuleStartMarks.starts(tokens: tokens, flags: document.wordListFlags, keys: keys, hashes: document.tokenKeys.hashes)
        #expect(marked == RuleStartMarks.startsPlain(tokens: tokens, flags: document.wordListFlags, keys: keys, hashes: document.tokenKeys.hashes))
        #expect(marked.contains { $0.contains(.initial) } && marked.contains { $0.contains(.openParenthesis) })
    }
}
