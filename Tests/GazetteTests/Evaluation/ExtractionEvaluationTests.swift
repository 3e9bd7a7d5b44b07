import Testing
@testable import GazetteTraining

/// The extraction scores of Benchmarks/extraction/README.md, on texts written here.
@Suite("Extraction evaluation")
struct ExtractionEvaluationTests {
    @Test func wordsAreLowerCasedRunsOfWordCharacters() {
        #expect(ExtractionEvaluation.words("Zürich's café, ZÜRICH 2024_x — 東京!") ==
                ["zürich": 2, "s": 1, "café": 1, "2024_x": 1, "東京": 1])
    }

    @Test func bagOfWordsCountsTheMultisetIntersection() {
        // extracted: a a b c (4 words), expected: a b b d e (5 words); overlap a + b = 2.
        let scores = ExtractionEvaluation.bagOfWords(extracted: "A a b. C", expected: "a b b d e")
        #expect(scores.precision == 0.5 && scores.recall == 0.4)
        #expect(abs(scores.f1 - 2 * 0.5 * 0.4 / 0.9) < 1e-12)
        #expect(ExtractionEvaluation.bagOfWords(extracted: "x", expected: "y") == .init(precision: 0, recall: 0, f1: 0))
    }

    @Test func pagesAreAveragedAndSnippetsNormalised() {
        var evaluation = ExtractionEvaluation()
        evaluation.add(extracted: "Talks in China", expected: "Talks in China")
        evaluation.add(extracted: "Menu\nTalks  in\tChina", expected: "Talks in China",
                       mustContain: ["Talks in China", "missing"], mustNotContain: ["Menu", "Footer"])
        evaluation.add(extracted: "Talks in China", expected: nil, mustContain: ["in  China"])
        #expect(evaluation.wordPages == 2 && evaluation.snippetPages == 2)
        #expect(evaluation.averageWordScores.recall == 1)
        #expect(evaluation.averageWordScores.precision == (1 + 0.75) / 2)
        #expect(evaluation.must == 2.0 / 3 && evaluation.mustNot == 0.5 && evaluation.pagesOK == 0.5)
    }
}
