/// Proposes a candidate for every longest gazetteer match, token by token, inside sentences.
///
/// A match must start with a capitalised (or uncased-script) token; acronym aliases need upper-case text. A
/// one-word match of an ambiguous entry ("Nice", "Jordan", "Paris") is dropped when the next word is capitalised
/// too (part of a longer unknown name: "Paris Hilton"), and at the start of a sentence, where capitals say nothing,
/// unless its prior is high.
public struct GazetteerTagger: Stage {
    public let name = "gazetteer"
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys]
    public let provides: Set<Layer> = [.candidates]

    /// Candidates from gazetteers win ties against rules of the same length.
    public static let priority = 2
    /// Ambiguous one-word names need at least this prior to be tagged at the start of a sentence.
    public static let sentenceStartPrior = 0.8

    public let gazetteer: Gazetteer

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    public func process(_ document: inout Document) throws {
        let tokens = document.tokens
        let keys = document.tokenKeys
        var found: [Candidate] = []
        for sentence in document.sentenceTokenRanges() {
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                defer { i += 1 }
                let first = tokens[i]
                guard first.kind == .word || first.kind == .number, first.shape != .lower,
                      let match = gazetteer.longestMatch(keys: keys, from: i, limit: sentence.upperBound) else { continue }
                let span = i..<(i + match.length)
                let allUpper = tokens[span].allSatisfy { $0.kind != .word || $0.shape == .allCaps }
                let nextIsCapitalized = span.upperBound < sentence.upperBound && tokens[span.upperBound].isCapitalizedWord
                for alias in match.aliases {
                    let entry = gazetteer.entries[Int(alias.entry)]
                    if alias.requiresUpperCase && !allUpper { continue }
                    if entry.ambiguous, match.length == 1,
                       nextIsCapitalized || (i == sentence.lowerBound && entry.prior < Self.sentenceStartPrior) { continue }
                    found.append(Candidate(tokens: span, label: entry.label, id: entry.id, name: entry.name,
                                           score: entry.prior, source: entry.source, priority: Self.priority))
                }
            }
        }
        document.candidates.append(contentsOf: found)
    }
}
