/// Places by their context: "X-based", a compass direction before a name ("northern Tigray"), and a name after
/// "in", "near", "from" or "outside" in running text ("clashes near Kherson"). The evidence is weak, so its
/// candidates score low: on their own they only win where nothing else claims the words, and the entity model weighs
/// them with everything else.
public struct LocativeContextRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:locative"
    /// The rule.
    public init() {}

    static let prepositions: Set<String> = ["in", "near", "from", "outside", "across", "throughout", "via"]
    static let directions: Set<String> = [
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest",
        "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern", "central",
    ]

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        let keys = context.keys, tokens = context.tokens, allFlags = context.flags
        let cues: WordListFlags = [.locativePreposition, .compassDirection]
        for (index, sentence) in context.sentences.enumerated() where !context.isTitleCase(index) {
            var i = context.next(.locative, from: sentence.lowerBound, before: sentence.upperBound)
            while i < sentence.upperBound {
                defer { i = context.next(.locative, from: i + 1, before: sentence.upperBound) }
                // "Kabul-based": a name joined by a hyphen to "based".
                if i + 2 < sentence.upperBound, context.singleByte(i + 1) == UInt8(ascii: "-"), keys[i + 2] == "based",
                   tokens[i].end == tokens[i + 1].start, context.isNameWord(i), context.earlierLabels(startingAt: i).isEmpty {
                    found.append(Candidate(tokens: i..<(i + 1), label: .location, score: 0.6, source: name, priority: RuleTagger.priority))
                    continue
                }
                let flags = allFlags[i]
                guard !flags.isDisjoint(with: cues), tokens[i].shape == .lower,
                      i + 1 < sentence.upperBound, context.earlierLabels(startingAt: i + 1).isEmpty else { continue }
                // Inside a capitalised name ("Trafficking in Persons", "Bank in Liechtenstein AG") it is not a cue.
                if i > sentence.lowerBound + 1, tokens[i - 1].isCapitalizedWord { continue }
                let run = context.nameRun(from: i + 1, limit: sentence.upperBound, maximum: 3)
                guard run > 0 else { continue }
                let span = (i + 1)..<(i + 1 + run)
                // Names that rules know as people or organisations are not places.
                if !context.flags[span.lowerBound].isDisjoint(with: [.firstName, .titleWord])
                    || context.flags[span.upperBound - 1].contains(.organizationSuffix) { continue }
                let score = flags.contains(.compassDirection) ? 0.6 : 0.45
                found.append(Candidate(tokens: span, label: .location, score: score, source: name, priority: RuleTagger.priority))
            }
        }
        return found
    }
}
