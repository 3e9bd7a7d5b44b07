/// Organisation designators and key words: capitalised words ending in one ("Asian Lite News", "State Department",
/// "Acme Inc.") or one followed by "of" and capitalised words ("Ministry of External Affairs", "University of Oxford").
/// The name goes on over "of" or "for" and capitalised words ("Max Planck Institute for Astronomy"), and a
/// university's or college's campus after "at" or a comma is part of it ("University of California, Santa Cruz").
/// Initials, particles, "&" and possessives stand inside the words before the key word ("W.M. Keck Observatory",
/// "Bill & Melinda Gates Foundation", "Westminster Magistrates' Court").
///
/// The run stops at the end of a known name ("US State Department" → "State Department"; "… Asian Lite News European
/// Union" → "European Union"), as news annotation does, unless a possessive ties the name in ("Westminster
/// Magistrates' Court").
public struct OrganizationKeywordRule: EntityRule {
    /// The source written on the rule's candidates.
    public static let source = "rule:org-keyword"
    /// The source written on the rule's candidates.
    public var name: String { Self.source }
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
                    var end = k + 1 + periodAfter(k, context)
                    if label == .organization { end = extended(end, keyword: k, in: sentence, context: context) }
                    found.append(Candidate(tokens: start..<end, label: label, score: score, source: source, priority: RuleTagger.priority))
                }
                if flags.contains(prefix), k + 2 < sentence.upperBound, context.keys[k + 1] == "of" {
                    let run = context.nameRun(from: k + 2, limit: sentence.upperBound, maximum: 5)
                    if run > 0 {
                        var end = k + 2 + run
                        if label == .organization { end = extended(end, keyword: k, in: sentence, context: context) }
                        found.append(Candidate(tokens: k..<end, label: label, score: score, source: source, priority: RuleTagger.priority))
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
    /// Initials are name words here; a particle, "&" or a possessive ("'", "'s" written onto the word before) may
    /// stand between two name words. A known name ends the run unless a possessive follows it.
    private static func leftEdge(of k: Int, in sentence: Range<Int>, context: RuleContext) -> Int? {
        var start = k
        var possessive = false
        while start > sentence.lowerBound, k - start < 6 {
            let p = start - 1
            if context.isNameWord(p) || context.starts[p].contains(.initial) {
                if !possessive, !context.earlierLabels(endingAt: p).isEmpty { break }
                start = p
            } else if p > sentence.lowerBound, context.isNameWord(p - 1), isPossessive(p, context) {
                possessive = true
                start = p
            } else if p > sentence.lowerBound, context.isNameWord(p - 1),
                      context.flags[p].contains(.nameParticle) || context.singleByte(p) == UInt8(ascii: "&") {
                start = p
            } else {
                break
            }
        }
        // The run starts at a name word, never at a particle or mark it stepped over.
        while start < k, !(context.isNameWord(start) || context.starts[start].contains(.initial)) { start += 1 }
        return start < k ? start : nil
    }

    /// "'" or "'s" written onto the word before it: "Magistrates' Court", "Women's Hospital".
    private static func isPossessive(_ p: Int, _ context: RuleContext) -> Bool {
        let key = context.keys[p]
        return (key == "'" || key == "'s" || key == "\u{2019}" || key == "\u{2019}s") && context.tokens[p - 1].end == context.tokens[p].start
    }

    /// Key words whose name may end with a campus ("University of Texas at Austin", "University of California, Santa
    /// Cruz").
    private static let campusKeywords: Set<String> = ["university", "college"]

    /// The end of an organisation name that ends at `end` (exclusive), taken on over "of" or "for" and capitalised
    /// words ("Max Planck Institute for Astronomy"), then over a campus: "at" or a comma and a known place, after a
    /// university or college.
    private static func extended(_ end: Int, keyword k: Int, in sentence: Range<Int>, context: RuleContext) -> Int {
        var end = end
        if end + 1 < sentence.upperBound, context.keys[end] == "for" || context.keys[end] == "of",
           context.tokens[end].shape == .lower {
            let run = context.nameRun(from: end + 1, limit: sentence.upperBound, maximum: 4)
            if run > 0 { end += 1 + run }
        }
        if campusKeywords.contains(context.keys[k]), end + 1 < sentence.upperBound,
           context.keys[end] == "at" || context.singleByte(end) == UInt8(ascii: ","),
           context.earlierLabels(startingAt: end + 1).contains(.location) {
            let run = context.nameRun(from: end + 1, limit: sentence.upperBound, maximum: 3)
            // The place must end the name: "University of Oxford, Britain's oldest" is not a campus.
            if run > 0, end + 1 + run == sentence.upperBound || !context.isNameWord(end + 1 + run) { end += 1 + run }
        }
        return end
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
