/// Initials before a capitalised surname are a person: "J. R. Smith", "A. Dale", "T. O'Gorman".
/// In title-case lines the surname must not be a stop word (ensured by `nameRun`).
public struct InitialsRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:initials"
    /// The rule.
    public init() {}

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        let starts = context.starts
        for sentence in context.sentences {
            var i = sentence.lowerBound
            while true {
                // Most tokens are not initials: skip them without entering the rule.
                i = context.next(.initial, from: i, before: sentence.upperBound)
                guard i < sentence.upperBound else { break }
                var j = i + 1
                while j < sentence.upperBound, starts[j].contains(.initial) { j += 1 }
                guard j < sentence.upperBound else {
                    i = j
                    continue
                }
                let surname = context.nameRun(from: j, limit: sentence.upperBound, maximum: 2)
                // "U.S. Open": an initialism that the gazetteer knows is not a person's initials.
                // "W.M. Keck Observatory": initials before a name headed by a thing are not a person's.
                if surname > 0, context.earlierLabels(startingAt: i).isEmpty, !context.hasNonPersonHead(i..<(j + surname)) {
                    found.append(Candidate(tokens: i..<(j + surname), label: .person, score: 0.8, source: name, priority: RuleTagger.priority))
                    i = j + surname
                } else {
                    i = j
                }
            }
        }
        return found
    }
}
