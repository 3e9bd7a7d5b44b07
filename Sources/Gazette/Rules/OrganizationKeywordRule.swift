/// Organisation designators and key words: capitalised words ending in one ("Asian Lite News", "State Department",
/// "Acme Inc.") or one followed by "of" and capitalised words ("Ministry of External Affairs", "University of Oxford").
///
/// The run stops at the end of a known name ("US State Department" → "State Department"; "… Asian Lite News European
/// Union" → "European Union"), as news annotation does.
public struct OrganizationKeywordRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:org-keyword"
    /// The rule.
    public init() {}

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        KeywordPhrases.candidates(in: context, label: .organization, prefix: .organizationPrefix, suffix: .organizationSuffix,
                                  source: name, score: 0.75)
    }
}

/// Place key words: "Sichuan Province", "Yangtze River", "Mount Everest", "Lake of the Woods".
public struct LocationKeywordRule: EntityRule {
    /// The source written on the rule's candidates.
    public let name = "rule:loc-keyword"
    /// The rule.
    public init() {}

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        KeywordPhrases.candidates(in: context, label: .location, prefix: .locationPrefix, suffix: .locationSuffix,
                                  source: name, score: 0.7, prefixWithoutOf: true)
    }
}

/// The shared mechanism of the key-word rules.
enum KeywordPhrases {
    /// `prefixWithoutOf`: a prefix key word may also be followed directly by the name ("Mount Everest"), not only
    /// by "of" ("Ministry of Defence").
    static func candidates(in context: RuleContext, label: EntityLabel, prefix: WordListFlags, suffix: WordListFlags,
                           source: String, score: Double, prefixWithoutOf: Bool = false) -> [Candidate] {
        var found: [Candidate] = []
        let allFlags = context.flags
        // Only capitalised words that are key words start a phrase.
        let keyWords = prefix.union(suffix)
        for sentence in context.sentences {
            var k = context.next(.keyword, from: sentence.lowerBound, before: sentence.upperBound)
            while k < sentence.upperBound {
                defer { k = context.next(.keyword, from: k + 1, before: sentence.upperBound) }
                let flags = allFlags[k]
                guard !flags.isDisjoint(with: keyWords) else { continue }
                if flags.contains(suffix), let start = leftEdge(of: k, in: sentence, context: context) {
                    found.append(Candidate(tokens: start..<(k + 1 + periodAfter(k, context)), label: label, score: score, source: source, priority: RuleTagger.priority))
                }
                if flags.contains(prefix), k + 2 < sentence.upperBound, context.keys[k + 1] == "of" {
                    let run = context.nameRun(from: k + 2, limit: sentence.upperBound, maximum: 5)
                    if run > 0 {
                        found.append(Candidate(tokens: k..<(k + 2 + run), label: label, score: score, source: source, priority: RuleTagger.priority))
                    }
                } else if prefixWithoutOf, flags.contains(prefix), k + 1 < sentence.upperBound,
                          !context.flags[k + 1].contains(suffix) {
                    let run = context.nameRun(from: k + 1, limit: sentence.upperBound, maximum: 3)
                    if run > 0 {
                        found.append(Candidate(tokens: k..<(k + 1 + run), label: label, score: score, source: source, priority: RuleTagger.priority))
                    }
                }
            }
        }
        return found
    }

    /// The first token of the capitalised run that ends just before the key word at `k`; nil if there is none.
    private static func leftEdge(of k: Int, in sentence: Range<Int>, context: RuleContext) -> Int? {
        var start = k
        while start > sentence.lowerBound, context.isNameWord(start - 1), start - 1 >= sentence.lowerBound,
              context.earlierLabels(endingAt: start - 1).isEmpty, k - start < 5 {
            start -= 1
        }
        return start < k ? start : nil
    }

    /// 1 when the key word is an abbreviation whose period ICU left as its own token ("Inc" + ".").
    private static func periodAfter(_ k: Int, _ context: RuleContext) -> Int {
        let tokens = context.tokens
        guard k + 1 < tokens.count, context.singleByte(k + 1) == UInt8(ascii: "."), tokens[k + 1].start == tokens[k].end,
              context.keys[k].count <= 4, context.tokens[k].end - context.tokens[k].start <= 4 else { return 0 }
        // Only abbreviations: "Inc.", "Corp.", "Ltd.", "Co." — not a sentence-final "News."
        return ["inc", "corp", "ltd", "co", "bros", "plc"].contains(context.keys[k]) ? 1 : 0
    }
}
