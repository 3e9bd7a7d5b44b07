/// A person's title or role followed by capitalised words is a person: "Secretary of State Antony Blinken",
/// "State Department spokesperson Ned Price", "Army Chief Asim Munir", "Mr. Abbas".
///
/// In title-case lines (headlines) the name must start with a known first name, because there every word is
/// capitalised: "Defense Secretary Reaffirms Commitment" is not a person.
public struct TitleBeforeNameRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:title-before-name"
    /// The rule.
    public init() {}

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        let flags = context.flags
        for (index, sentence) in context.sentences.enumerated() {
            var i = sentence.lowerBound
            while true {
                i = context.next(.titleStart, from: i, before: sentence.upperBound)
                guard i < sentence.upperBound else { break }
                guard flags[i].contains(.titleStart),
                      let titleLength = context.titleLength(from: i, limit: sentence.upperBound) else {
                    i += 1
                    continue
                }
                let start = i + titleLength
                let length = start < sentence.upperBound ? context.nameRun(from: start, limit: sentence.upperBound) : 0
                i = start
                guard length > 0 else { continue }
                // The name must not itself be a title ("President Vice President ...") nor a known place or organisation.
                let span = start..<(start + length)
                if context.flags[start].contains(.titleStart),
                   context.titleLength(from: start, limit: span.upperBound) != nil { continue }
                if context.isTitleCase(index), !context.flags[start].contains(.firstName) { continue }
                if length == 1, !context.earlierLabels(startingAt: start).isEmpty { continue }
                if context.hasNonPersonHead(span) { continue }
                found.append(Candidate(tokens: span, label: .person, score: length > 1 ? 0.85 : 0.75, source: name, priority: RuleTagger.priority))
                i = span.upperBound
            }
        }
        return found
    }
}
