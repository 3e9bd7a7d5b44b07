/// Acronyms defined in the text: "People's Republic of China (PRC)", "Asian News International (ANI)". The long
/// form's type (from the gazetteer, or an organisation key word) passes to the acronym here and everywhere later
/// in the document. A long form with no known type ("Trafficking in Persons (TIP)", a report) tags nothing.
public struct AcronymRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:acronym"
    /// The rule.
    public init() {}

    private static let connectors: Set<String> = ["of", "in", "for", "and", "the", "on", "'s", "&", "-"]

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        let tokens = context.tokens, keys = context.keys
        var definitions: [String: Candidate] = [:]
        var found: [Candidate] = []
        // An acronym is one token between "(" and ")": the rule starts at each "(" that has two tokens after it.
        let lastParenthesis = max(0, tokens.count - 2)
        var parenthesis = context.next(.openParenthesis, from: 0, before: lastParenthesis)
        while parenthesis < lastParenthesis {
            let i = parenthesis + 1
            defer { parenthesis = context.next(.openParenthesis, from: i, before: lastParenthesis) }
            guard context.singleByte(i + 1) == UInt8(ascii: ")") else { continue }
            let acronym = tokens[i]
            guard acronym.kind == .word, acronym.shape == .allCaps, definitions[keys[i]] == nil,
                  let longForm = longForm(endingBefore: i - 1, acronym: keys[i], context: context),
                  let typed = type(of: longForm, context: context) else { continue }
            var definition = typed
            definition.tokens = i..<(i + 1)
            definition.source = name
            definition.score = min(typed.score, 0.85)
            definition.priority = RuleTagger.priority
            definitions[keys[i]] = definition
            if typed.source == name { found.append(typed) }
        }
        guard !definitions.isEmpty else { return found }
        for i in tokens.indices where tokens[i].kind == .word && tokens[i].shape == .allCaps {
            if var use = definitions[keys[i]] {
                use.tokens = i..<(i + 1)
                found.append(use)
            }
        }
        return found
    }

    /// The tokens before "(" whose initials spell the acronym, counting connectors or not: the shortest such run
    /// that starts with a capitalised word, counting connectors first.
    private func longForm(endingBefore paren: Int, acronym: String, context: RuleContext) -> Range<Int>? {
        let letters = Array(acronym.unicodeScalars)
        let lowest = max(0, paren - (letters.count * 2 + 2))
        guard lowest < paren else { return nil }
        // Each token's initial counting connectors and not (nil: it adds none), read once for all runs.
        var initials: [(withConnectors: Unicode.Scalar?, withoutConnectors: Unicode.Scalar?)] = []
        initials.reserveCapacity(paren - lowest)
        for i in lowest..<paren {
            let key = context.keys[i]
            if Self.connectors.contains(key) {
                initials.append((key.first!.isLetter ? key.unicodeScalars.first : nil, nil))
            } else {
                let initial = context.tokens[i].kind == .word ? key.unicodeScalars.first : nil
                initials.append((initial, initial))
            }
        }
        func spells(from start: Int, withConnectors: Bool) -> Bool {
            var matched = 0
            for i in start..<paren {
                guard let initial = withConnectors ? initials[i - lowest].withConnectors : initials[i - lowest].withoutConnectors else { continue }
                guard matched < letters.count, letters[matched] == initial else { return false }
                matched += 1
            }
            return matched == letters.count
        }
        for start in stride(from: paren - 1, through: lowest, by: -1) where context.tokens[start].isCapitalizedWord {
            if spells(from: start, withConnectors: true) || spells(from: start, withConnectors: false) { return start..<paren }
        }
        return nil
    }

    /// A typed candidate for the long form: the gazetteer's if it names exactly that span, else an organisation if
    /// the long form ends in an organisation key word.
    private func type(of longForm: Range<Int>, context: RuleContext) -> Candidate? {
        if let known = context.earlierCandidates.first(where: { $0.tokens == longForm }) { return known }
        guard context.flags[longForm.upperBound - 1].contains(.organizationSuffix) else { return nil }
        return Candidate(tokens: longForm, label: .organization, score: 0.8, source: name, priority: RuleTagger.priority)
    }
}
