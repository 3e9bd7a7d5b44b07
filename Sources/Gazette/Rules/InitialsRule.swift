/// Initials before a capitalised surname are a person: "J. R. Smith", "A. Dale", "T. O'Gorman".
/// In title-case lines the surname must not be a stop word (ensured by `nameRun`).
public struct InitialsRule: EntityRule {
    public let name = "rule:initials"
    public init() {}

    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        for sentence in context.sentences {
            var i = sentence.lowerBound
            while i < sentence.upperBound {
                var j = i
                while j < sentence.upperBound, isInitial(j, context) { j += 1 }
                guard j > i, j < sentence.upperBound else {
                    i = max(j, i + 1)
                    continue
                }
                let surname = context.nameRun(from: j, limit: sentence.upperBound, maximum: 2)
                // "U.S. Open": an initialism that the gazetteer knows is not a person's initials.
                if surname > 0, context.earlierLabels(startingAt: i).isEmpty {
                    found.append(Candidate(tokens: i..<(j + surname), label: .person, score: 0.8, source: name, priority: RuleTagger.priority))
                    i = j + surname
                } else {
                    i = j
                }
            }
        }
        return found
    }

    /// "J." or "J.R." (a capital letter and a period, possibly repeated), as one token.
    private func isInitial(_ i: Int, _ context: RuleContext) -> Bool {
        let token = context.tokens[i]
        let length = token.end - token.start
        guard token.kind == .word, length == 2 || length == 4, token.shape == .capitalized || token.shape == .allCaps else { return false }
        let key = context.keys[i]  // periods dropped: "j", "jr"
        return length == 2 * key.utf8.count && key.utf8.allSatisfy { $0.isASCIILetter }
    }
}
