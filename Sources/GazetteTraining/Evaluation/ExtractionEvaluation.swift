/// Scores main-content extraction against labelled pages, as Benchmarks/extraction/README.md defines it (the Python
/// benchmark's `pages.py` computes the same):
///
/// - **Bag of words**: the words of a text are the runs of word characters (Unicode letters, digits and numbers, and
///   "_": Python's `\w+`) of the lower-cased text, as a multiset. `overlap` is the size of the multiset intersection
///   of the extracted and the expected words; `P = overlap / |extracted|`, `R = overlap / |expected|`,
///   `F1 = 2PR / (P + R)`; a page with no overlap scores 0. Averaged over pages (macro average).
/// - **Snippets**: both sides white-space normalised (runs of white space to one space, trimmed); a snippet is
///   present when it is a case-sensitive substring. `must` is the fraction of `must_contain` snippets present,
///   `mustNot` the fraction of `must_not_contain` snippets absent, `pagesOK` the fraction of pages with snippets
///   that satisfy all of them.
public struct ExtractionEvaluation: Sendable {
    /// The bag-of-words scores of one page.
    public struct WordScores: Sendable, Equatable {
        /// The share of the extracted words that are expected.
        public var precision: Double
        /// The share of the expected words that were extracted.
        public var recall: Double
        /// The harmonic mean of precision and recall.
        public var f1: Double
    }

    /// Pages scored by bag of words.
    public private(set) var wordPages = 0
    private var precisionSum = 0.0, recallSum = 0.0, f1Sum = 0.0
    /// Pages scored by snippets.
    public private(set) var snippetPages = 0
    private var mustFound = 0, mustTotal = 0, mustNotAbsent = 0, mustNotTotal = 0, pagesSatisfied = 0

    /// An empty evaluation.
    public init() {}

    /// Adds one page: `extracted` against `expected` (bag of words, when given) and the snippets (when any).
    public mutating func add(extracted: String, expected: String?, mustContain: [String] = [], mustNotContain: [String] = []) {
        if let expected {
            let scores = Self.bagOfWords(extracted: extracted, expected: expected)
            wordPages += 1
            precisionSum += scores.precision
            recallSum += scores.recall
            f1Sum += scores.f1
        }
        if !mustContain.isEmpty || !mustNotContain.isEmpty {
            let text = Self.normalised(extracted)
            let found = mustContain.filter { text.contains(Self.normalised($0)) }.count
            let absent = mustNotContain.filter { !text.contains(Self.normalised($0)) }.count
            snippetPages += 1
            mustFound += found
            mustTotal += mustContain.count
            mustNotAbsent += absent
            mustNotTotal += mustNotContain.count
            if found == mustContain.count && absent == mustNotContain.count { pagesSatisfied += 1 }
        }
    }

    /// Mean precision, recall and F1 over the pages with an expected text (zeros when there are none).
    public var averageWordScores: WordScores {
        guard wordPages > 0 else { return WordScores(precision: 0, recall: 0, f1: 0) }
        let pages = Double(wordPages)
        return WordScores(precision: precisionSum / pages, recall: recallSum / pages, f1: f1Sum / pages)
    }

    /// The fraction of `must_contain` snippets present (nil when there were none).
    public var must: Double? { mustTotal > 0 ? Double(mustFound) / Double(mustTotal) : nil }
    /// The fraction of `must_not_contain` snippets absent (nil when there were none).
    public var mustNot: Double? { mustNotTotal > 0 ? Double(mustNotAbsent) / Double(mustNotTotal) : nil }
    /// The fraction of pages with snippets that satisfy all of them (nil when no page had snippets).
    public var pagesOK: Double? { snippetPages > 0 ? Double(pagesSatisfied) / Double(snippetPages) : nil }

    /// The bag-of-words precision, recall and F1 of one page.
    public static func bagOfWords(extracted: String, expected: String) -> WordScores {
        let got = words(extracted), want = words(expected)
        var overlap = 0
        for (word, count) in got { overlap += min(count, want[word] ?? 0) }
        guard overlap > 0 else { return WordScores(precision: 0, recall: 0, f1: 0) }
        let precision = Double(overlap) / Double(got.values.reduce(0, +))
        let recall = Double(overlap) / Double(want.values.reduce(0, +))
        return WordScores(precision: precision, recall: recall, f1: 2 * precision * recall / (precision + recall))
    }

    /// The words of `text` with their counts: runs of word characters of the lower-cased text.
    public static func words(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var word = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if isWordCharacter(scalar) {
                word.append(scalar)
            } else if !word.isEmpty {
                counts[String(word), default: 0] += 1
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { counts[String(word), default: 0] += 1 }
        return counts
    }

    /// Python's `\w` for a `str` pattern: letters (L*), numbers (Nd, Nl, No) and "_"; combining marks are not.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return scalar == "_"
        }
    }

    /// Runs of white space as one space, trimmed.
    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
