/// A known given name followed by capitalised words is a person: "Ned Price", "Kaja Kallas", "Chip Roy".
/// Given names that are also common words ("Will", "May", "Bill") are not in the list the rule uses, and a name
/// headed by a thing ("James Webb Space Telescope", "Charles de Gaulle airport") is not a person.
public struct FirstNameRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:first-name"
    /// The rule.
    public init() {}

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        for sentence in context.sentences {
            // Only capitalised given names start the rule.
            var i = context.next(.firstName, from: sentence.lowerBound, before: sentence.upperBound)
            while i < sentence.upperBound {
                defer { i = context.next(.firstName, from: i + 1, before: sentence.upperBound) }
                guard i + 1 < sentence.upperBound else { continue }
                // A surname may start with particles: "Erik ten Hag", "Ludwig van Beethoven".
                var particles = 0
                while i + 1 + particles < sentence.upperBound, particles < 2, context.tokens[i + 1 + particles].shape == .lower,
                      context.flags[i + 1 + particles].contains(.nameParticle) {
                    particles += 1
                }
                let run = context.nameRun(from: i + 1 + particles, limit: sentence.upperBound, maximum: 3)
                guard run > 0 else { continue }
                let surname = particles + run
                // "Jordan Valley", "Georgia State": a place or organisation that starts right after is not a surname.
                if !context.earlierLabels(startingAt: i + 1).isDisjoint(with: [.location, .organization]), surname == 1 { continue }
                // "James Webb Space Telescope", "Europa Clipper": a name headed by a thing is not a person.
                if context.hasNonPersonHead(i..<(i + 1 + surname)) { continue }
                found.append(Candidate(tokens: i..<(i + 1 + surname), label: .person, score: 0.8, source: name, priority: RuleTagger.priority))
                i += surname
            }
        }
        return found
    }
}
