/// News datelines: a line that starts with a place in capitals, then a date, an agency in brackets or a dash
/// ("AL-AIN , United Arab Emirates 1996-12-06", "MOSCOW 1996-08-30", "WASHINGTON (Reuters) -"). The capitals
/// before the first comma, bracket, dash or number are the place.
public struct DatelineRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:dateline"
    /// The rule.
    public init() {}

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        let tokens = context.tokens, keys = context.keys
        for sentence in context.sentences {
            let start = sentence.lowerBound
            // A dateline starts with a word in capitals: most sentences end here.
            guard start < sentence.upperBound, tokens[start].kind == .word, tokens[start].shape == .allCaps else { continue }
            var end = start
            // A place in capitals, possibly hyphenated or several words: "AL-AIN", "NEW YORK", "ST. LOUIS".
            while end < sentence.upperBound, end - start < 6,
                  (tokens[end].kind == .word && tokens[end].shape == .allCaps) || (end > start && context.singleByte(end) == UInt8(ascii: "-") && end + 1 < sentence.upperBound && tokens[end + 1].shape == .allCaps) {
                end += 1
            }
            guard end > start, end < sentence.upperBound, tokens[end - 1].kind == .word else { continue }
            let next = keys[end]
            let marksDateline = next == "," || next == "(" || next == "-" || (tokens[end].kind == .number && tokens[end].shape == .hasDigit && next.contains("-"))
            guard marksDateline, context.earlierLabels(startingAt: start).isDisjoint(with: [.person, .organization]) else { continue }
            // "WASHINGTON (Reuters)" yes; a whole ALL-CAPS headline line before a comma is not a dateline.
            if next == "," || next == "-", !(end + 1 < sentence.upperBound && (tokens[end + 1].isCapitalizedWord || tokens[end + 1].kind == .number)) { continue }
            found.append(Candidate(tokens: start..<end, label: .location, score: 0.7, source: name, priority: RuleTagger.priority))
        }
        return found
    }
}
