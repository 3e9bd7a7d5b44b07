/// Companies named by ordinary words ("Amazon", "Apple") where the context says they are companies: capitalised
/// words right before a word of the stock market or of a company's accounts ("Amazon shares", "Apple's profit",
/// "Acme CEO"), and each name of a list before one ("Amazon and Apple shares", "Ford, Tesla and Rivian stock").
/// A known place is a market, not a company ("Tokyo shares"), and is left alone unless a list also knows it as an
/// organisation ("Amazon").
public struct CompanyContextRule: EntityRule {
    /// The source written on the rule's candidates.
    public static let source = "rule:company-context"
    /// The source written on the rule's candidates.
    public var name: String { Self.source }
    /// The rule.
    public init() {}

    /// Lower-case words that follow a company's name, not a person's or a place's (as matching keys).
    public static let contextWords: [String] = [
        "shares", "stock", "stocks", "shareholders", "stockholders", "earnings", "revenue", "revenues", "profit",
        "profits", "ceo", "subsidiary", "subsidiaries",
    ]
    /// Context words that a person may hold as well: not evidence after a possessive.
    private static let heldWords: Set<String> = ["shares", "stock", "stocks"]
    /// The FNV-1a hashes of `contextWords`: a token is compared by hash first (a short loop), its key only then.
    private static let contextHashes: [UInt64] = contextWords.map { FeatureHash.of($0) }

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        let tokens = context.tokens, keys = context.keys
        for sentence in context.sentences {
            // Only name words start the rule; the word after the name (or after its "'s") is looked at only then.
            var i = context.next(.nameWord, from: sentence.lowerBound, before: sentence.upperBound)
            while i < sentence.upperBound {
                defer { i = context.next(.nameWord, from: i + 1, before: sentence.upperBound) }
                var after = i + 1
                let possessive = after < sentence.upperBound && (keys[after] == "'s" || keys[after] == "\u{2019}s")
                if possessive { after += 1 }
                guard after < sentence.upperBound, tokens[after].shape == .lower || tokens[after].shape == .allCaps,
                      isContextWord(after, context) else { continue }
                // A person holds shares too ("Musk's shares"): after a possessive only the company's own words count.
                if possessive, Self.heldWords.contains(keys[after]) { continue }
                // The name: the run of name words ending at i, then the names listed before it.
                var end = i + 1
                while true {
                    var start = end - 1
                    while start > sentence.lowerBound, end - start < 3, context.isNameWord(start - 1) { start -= 1 }
                    // A place that no list knows as a company is a market ("Tokyo shares"); "Amazon" is both.
                    let labels = context.earlierLabels(startingAt: start).union(context.earlierLabels(endingAt: end - 1))
                    if labels.contains(.location), !labels.contains(.organization) { break }
                    found.append(Candidate(tokens: start..<end, label: .organization, score: 0.75, source: name, priority: RuleTagger.priority))
                    // "Amazon and Apple shares", "Ford, Tesla and Rivian stock".
                    let joiner = start - 1
                    guard joiner > sentence.lowerBound, keys[joiner] == "and" || context.singleByte(joiner) == UInt8(ascii: ","),
                          context.isNameWord(joiner - 1) else { break }
                    end = joiner
                }
            }
        }
        return found
    }

    private func isContextWord(_ t: Int, _ context: RuleContext) -> Bool {
        let hash = context.keyHashes[t]
        for (index, contextHash) in Self.contextHashes.enumerated() where contextHash == hash {
            return context.keys[t] == Self.contextWords[index]
        }
        return false
    }
}
