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

    /// NORP is scored like the other types; the overall and macro figures count the types the gold has; sources are
    /// charged with their predictions and the gold spans they covered wrongly.
    @Test func norpRowsMacroAndSources() throws {
        let withNORP = """
        Kurdish B-NORP
        fighters O
        left O
        China B-LOC
        for O
        Maria B-PER
        """
        let withoutNORP = """
        Kurdish O
        fighters O
        left O
        China B-LOC
        """
        let norpDocument = try TestPipeline.shared.annotate(try CoNLLCorpus(parsing: withNORP).documents[0].text)
        // The test pipeline has no NORP list: add a NORP prediction by hand, as a list would make it.
        var predicted = norpDocument
        let kurdish = predicted.text.startIndex..<predicted.text.index(predicted.text.startIndex, offsetBy: 7)
        predicted.entities.insert(Entity(utf8Range: 0..<7, range: kurdish, text: "Kurdish", label: .norp, score: 0.9,
                                         source: "gazetteer:groups", sentence: 0), at: 0)
        var first = NEREvaluation()
        first.add(gold: try CoNLLCorpus(parsing: withNORP).documents[0].gold, predicted: predicted)
        #expect(first.counts["NORP"] == NEREvaluation.Counts(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        #expect(first.goldTypes == ["PER", "LOC", "NORP"])
        // PER missed (F1 0), LOC and NORP right (F1 1): macro F1 2/3; overall 2 of 2 predicted, 2 of 3 gold.
        #expect(abs(first.macro.f1 - 2.0 / 3) < 1e-12)
        #expect(first.overall == NEREvaluation.Counts(truePositives: 2, falsePositives: 0, falseNegatives: 1))
        #expect(first.sources["gazetteer:groups"] == NEREvaluation.SourceCounts(predicted: 1, correct: 1, falseNegatives: 0))
        #expect(first.sources[NEREvaluation.missed]?.falseNegatives == 1)
        #expect(first.report().contains("NORP       1.0000    1.0000    1.0000       1       1       1"))
        #expect(first.report().contains("macro      0.6667    0.6667    0.6667  (mean over PER, LOC, NORP)"))

        // Without NORP gold, a NORP prediction shows in the NORP row but not in overall or macro.
        var second = NEREvaluation()
        let plain = try CoNLLCorpus(parsing: withoutNORP).documents[0]
        var plainPredicted = try TestPipeline.shared.annotate(plain.text)
        plainPredicted.entities.insert(Entity(utf8Range: 0..<7, range: kurdish, text: "Kurdish", label: .norp, score: 0.9,
                                              source: "gazetteer:groups", sentence: 0), at: 0)
        second.add(gold: plain.gold, predicted: plainPredicted)
        #expect(second.counts["NORP"]?.falsePositives == 1 && second.goldTypes == ["LOC"])
        #expect(second.overall == NEREvaluation.Counts(truePositives: 1, falsePositives: 0, falseNegatives: 0))
        #expect(second.sourceReport().split(separator: "\n").first { $0.hasPrefix("gazetteer:groups") }?
                .split(separator: " ").map(String.init) == ["gazetteer:groups", "1", "0", "1", "0", "0.0000"])

        let summary = NEREvaluation.summary([first, second], names: ["a.conll", "b.conll"]).split(separator: "\n").map(String.init)
        #expect(summary.count == 4)
        #expect(summary[0].hasPrefix("file") && summary[0].contains("NORP P/R/F1") && summary[0].hasSuffix("macro F1"))
        #expect(summary[1].hasPrefix("a.conll") && summary[1].contains("1.000/1.000/1.000") && summary[1].hasSuffix("0.667"))
        // b has no PER or NORP gold: "-" there; the mean row averages each type over the files that have it.
        #expect(summary[2].split(separator: " ").filter { $0 == "-" }.count == 3)
        #expect(summary[3].hasPrefix("mean") && summary[3].hasSuffix("0.833"))
    }
}
