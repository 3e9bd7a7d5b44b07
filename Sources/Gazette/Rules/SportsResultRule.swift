/// Sports results, where teams are organisations even when they are named after places: "Leicestershire 22
/// Somerset 4", "Chelsea 2 Arsenal 1", "Bradford beat Wigan". Two capitalised names each followed by a score on one
/// line, or joined by a result verb, are teams.
public struct SportsResultRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:sports-result"
    /// The rule.
    public init() {}

    static let resultVerbs: Set<String> = ["beat", "beats", "defeated", "edged", "thrashed", "drew", "routed", "upset", "v", "vs"]

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        let tokens = context.tokens, keys = context.keys
        // Both patterns need a score or a result verb in the sentence.
        for sentence in context.sentences where context.next(.scoreOrResult, from: sentence.lowerBound, before: sentence.upperBound) < sentence.upperBound {
            var i = sentence.lowerBound
            while true {
                // A team's name starts with a name word: skip other tokens without entering the rule.
                i = context.next(.nameWord, from: i, before: sentence.upperBound)
                guard i < sentence.upperBound else { break }
                let run = context.nameRun(from: i, limit: sentence.upperBound, maximum: 4)
                guard run > 0, isTeamLike(i, context) else { i += 1; continue }
                let first = i..<(i + run)
                var j = first.upperBound
                // "Team 3 Team 1": a score, then the other team and its score.
                if j < sentence.upperBound, isScore(j, context) {
                    j += 1
                    if j < sentence.upperBound, keys[j] == "," { j += 1 }
                    let second = j < sentence.upperBound ? context.nameRun(from: j, limit: sentence.upperBound, maximum: 4) : 0
                    if second > 0, j + second < sentence.upperBound, isScore(j + second, context), isTeamLike(j, context) {
                        found.append(team(first))
                        found.append(team(j..<(j + second)))
                        i = j + second + 1
                        continue
                    }
                }
                // "Team beat Team".
                if j < sentence.upperBound, context.flags[j].contains(.resultVerb), tokens[j].shape == .lower, j + 1 < sentence.upperBound {
                    let second = context.nameRun(from: j + 1, limit: sentence.upperBound, maximum: 4)
                    if second > 0, isTeamLike(j + 1, context), isNearScores(first.lowerBound, context) {
                        found.append(team(first))
                        found.append(team((j + 1)..<(j + 1 + second)))
                        i = j + 1 + second
                        continue
                    }
                }
                i = first.upperBound
            }
        }
        return found
    }

    /// Not a person's name (a known person, or a given name starting it).
    private func isTeamLike(_ i: Int, _ context: RuleContext) -> Bool {
        context.earlierLabels(startingAt: i).isDisjoint(with: [.person]) && !context.flags[i].contains(.firstName)
    }

    private func team(_ tokens: Range<Int>) -> Candidate {
        Candidate(tokens: tokens, label: .organization, score: 0.6, source: name, priority: RuleTagger.priority)
    }

    /// A small whole number: a goal, run or point count (not a year or a decimal).
    private func isScore(_ i: Int, _ context: RuleContext) -> Bool {
        let token = context.tokens[i]
        return token.kind == .number && token.end - token.start <= 3 && Self.isAllNumbers(context.keys[i])
    }

    /// Whether every character of `key` is a number (`Character.isNumber`). A key all in ASCII is that when all
    /// its bytes are digits, read without making characters.
    private static func isAllNumbers(_ key: String) -> Bool {
        let utf8 = key.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
        return key.allSatisfy(\.isNumber)
    }

    /// "beat" is a result only in a text with scores in it ("4-28", "3-1") somewhere close.
    private func isNearScores(_ i: Int, _ context: RuleContext) -> Bool {
        let window = max(0, i - 200)..<min(context.tokens.count, i + 200)
        return window.contains { context.tokens[$0].kind == .number && context.keys[$0].contains("-") }
    }
}
