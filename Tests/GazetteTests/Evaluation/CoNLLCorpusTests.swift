import Testing
@testable import Gazette
@testable import GazetteTraining

@Suite("CoNLL reading")
struct CoNLLCorpusTests {
    private func chunks(_ tags: String) -> [String] {
        CoNLLCorpus.chunks(tags.split(separator: " ").map(String.init)).map { "\($0.type)\($0.tokens.lowerBound)-\($0.tokens.upperBound)" }
    }

    @Test func iob1StartsANewChunkOnlyAtBOrATypeChange() {
        #expect(chunks("I-PER I-PER B-PER O I-LOC I-ORG") == ["PER0-2", "PER2-3", "LOC4-5", "ORG5-6"])
    }

    @Test func iob2AndIOAgreeWithConlleval() {
        #expect(chunks("B-PER I-PER B-PER O B-LOC I-LOC") == ["PER0-2", "PER2-3", "LOC4-6"])
        #expect(chunks("I-PER I-PER O I-LOC I-ORG I-ORG") == ["PER0-2", "LOC3-4", "ORG4-6"])
        // conlleval: an I- after O starts a chunk; an I- of another type too.
        #expect(chunks("O I-MISC B-PER I-LOC") == ["MISC1-2", "PER2-3", "LOC3-4"])
        #expect(chunks("S-PER B-ORG E-ORG") == ["PER0-1", "ORG1-3"])
    }

    @Test func documentsRebuildTheTextByTheProtocol() throws {
        let text = """
        -DOCSTART- -X- O O

        Maria NNP B-NP I-PER
        Lopez NNP I-NP I-PER
        flew VBD B-VP O
        to TO B-PP O
        Lima NNP B-NP I-LOC
        . . O O

        Acme\tNNP\tI-NP\tI-ORG
        rose\tVBD\tI-VP\tO

        -DOCSTART- -X- O O

        Quiet JJ B-NP O
        day NN I-NP O

        """
        let corpus = try CoNLLCorpus(parsing: text)
        #expect(corpus.documents.count == 2)
        let first = corpus.documents[0]
        #expect(first.text == "Maria Lopez flew to Lima .\nAcme rose")
        let utf8 = Array(first.text.utf8)
        #expect(first.gold.map { "\($0.type):\(String(decoding: utf8[$0.start..<$0.end], as: UTF8.self))" } == ["PER:Maria Lopez", "LOC:Lima", "ORG:Acme"])
        #expect(corpus.documents[1].gold.isEmpty)
    }

    @Test func malformedLinesNameTheFileAndLine() {
        #expect(throws: GazetteError.self) { try CoNLLCorpus(parsing: "Word NNP X-PER\n", file: "bad.conll") }
        do {
            _ = try CoNLLCorpus(parsing: "ok O\nWord NNP X-PER\n", file: "bad.conll")
        } catch {
            #expect(error.code == .malformedCoNLL)
            #expect(error.message.hasPrefix("bad.conll line 2"))
        }
    }
}

@Suite("NER scoring")
struct NEREvaluationTests {
    @Test func countsExactSpanAndTypeMatchesLikeConlleval() throws {
        // Gold: PER Maria Lopez, LOC China, ORG Zürich (deliberately "wrong" for the test lists), MISC ignored.
        let text = """
        Maria B-PER
        Lopez I-PER
        met O
        in O
        China B-LOC
        and O
        Zürich B-ORG
        with O
        Germans B-MISC
        """
        let corpus = try CoNLLCorpus(parsing: text)
        var evaluation = NEREvaluation()
        for document in corpus.documents {
            let predicted = try TestPipeline.shared.annotate(document.text)
            evaluation.add(gold: document.gold, predicted: predicted, recordMistakes: true)
        }
        // The test pipeline finds LOC China and LOC Zürich; it knows no Maria.
        #expect(evaluation.counts["LOC"] == NEREvaluation.Counts(truePositives: 1, falsePositives: 1, falseNegatives: 0))
        #expect(evaluation.counts["ORG"] == NEREvaluation.Counts(truePositives: 0, falsePositives: 0, falseNegatives: 1))
        #expect(evaluation.counts["PER"] == NEREvaluation.Counts(truePositives: 0, falsePositives: 0, falseNegatives: 1))
        let overall = evaluation.overall
        #expect(overall.truePositives == 1 && overall.falsePositives == 1 && overall.falseNegatives == 2)
        #expect(abs(overall.precision - 0.5) < 1e-12 && abs(overall.recall - 1.0 / 3) < 1e-12)
        #expect(abs(overall.f1 - 0.4) < 1e-12)
        let causes = evaluation.mistakes.map { "\($0.kind.rawValue) \($0.type) \($0.text) ← \($0.cause)" }.sorted()
        #expect(causes == ["FN ORG Zürich ← LOC gazetteer:places", "FN PER Maria Lopez ← missed", "FP LOC Zürich ← gazetteer:places (gold ORG)"])
        #expect(evaluation.report().contains("overall    0.5000    0.3333    0.4000       3       2       1"))
    }
}
