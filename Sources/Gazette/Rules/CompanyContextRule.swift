/// Companies named by ordinary words ("Amazon", "Apple") where the context says they are companies: capitalised
/// words right before a word of the stock market or of a company's accounts ("Amazon shares", "Apple's profit",
/// "Acme CEO"), and each name of a list before one ("Amazon and Apple shares", "Ford, Tesla and Rivian stock").
/// A known place is a market, not a company ("Tokyo shares"), and is left alone unless a list also knows it as an
/// organisation ("Amazon").
///
/// Organisations the words around them describe as such are found too: a name right after an organisation noun
/// ("research firm Gartner", "trade publication Pollstar"), before an appositive headed by one ("Pollstar, a trade
/// publication,"), or after "data from" and its kin ("figures from Eurostat"). A given name, a title or a known
/// place or person in the name keeps it out.
public struct CompanyContextRule: EntityRule {
    /// The source written on the rule's candidates.
    public static let source = "rule:company-context"
    /// The source written on the rule's candidates.
    public var name: String { Self.source }
    /// The rule.
    public init() {}

    // The word sets the rule looks tokens up in, built with the rule: held by the rule, they are read without the
    // one-time-initialisation check a static set costs at every use (the rule visits every name word).
    /// `contextWords`, looked up by the keys' hashes (`RuleContext.keyHashes`).
    private let contextWordSet = HashedKeySet(CompanyContextRule.contextWords)
    /// `organizationNouns` and `dataNouns`, looked up by the keys' hashes.
    private let organizationNounSet = HashedKeySet(CompanyContextRule.organizationNouns)
    private let dataNounSet = HashedKeySet(CompanyContextRule.dataNouns)
    /// Words the rule compares tokens with, by hash first (`RuleContext.key(_:is:)`).
    private let a = HashedKey("a"), an = HashedKey("an"), the = HashedKey("the"), from = HashedKey("from")
    /// "'s" and "’s": most tokens after a name are ruled out by their hash, without comparing strings (a
    /// comparison with "’s", not ASCII, is slow).
    private let possessive = HashedKey("'s"), curlyPossessive = HashedKey("\u{2019}s")

    /// Lower-case words that follow a company's name, not a person's or a place's (as matching keys).
    public static let contextWords: [String] = [
        "shares", "stock", "stocks", "shareholders", "stockholders", "earnings", "revenue", "revenues", "profit",
        "profits", "ceo", "subsidiary", "subsidiaries",
    ]
    /// Context words that a person may hold as well: not evidence after a possessive.
    private static let heldWords: Set<String> = ["shares", "stock", "stocks"]

    /// The candidates the rule finds in a document.
    public func candidates(in context: RuleContext) -> [Candidate] {
        var found: [Candidate] = []
        let tokens = context.tokens, keys = context.keys
        for sentence in context.sentences {
            // Only name words start the rule; the word after the name (or after its "'s") is looked at only then.
            var i = context.next(.nameWord, from: sentence.lowerBound, before: sentence.upperBound)
            while i < sentence.upperBound {
                defer { i = context.next(.nameWord, from: i + 1, before: sentence.upperBound) }
                // A one-word company a list knows, at the start of a sentence that speaks of it as one ("Apple
                // reported record revenue"; the gazetteer names it there only then, or for a high prior), unless
                // the word is a given name too ("Dana").
                if i == sentence.lowerBound, !context.flags[i].contains(.firstName), context.earlierLabels(startingAt: i).contains(.organization),
                   context.earlierLabels(endingAt: i).contains(.organization),
                   Self.speaksOfCompany(atSentenceStart: i..<(i + 1), sentence: sentence, tokens: tokens, keys: keys, byte: { context.document.text.utf8.byte(at: $0) }) {
                    found.append(Candidate(tokens: i..<(i + 1), label: .organization, score: 0.75, source: name, priority: RuleTagger.priority))
                    continue
                }
                // An organisation the words around it describe as one starts a run of name words. Most name words
                // have no describing word before them and no appositive after them: hashes rule them out before
                // the name's run is read.
                if i == sentence.lowerBound || !context.isNameWord(i - 1) {
                    let describedBefore = isDescribedBefore(nameAt: i, in: sentence, context)
                    if describedBefore || mayHaveAppositive(afterNameAt: i, in: sentence, context),
                       let described = describedOrganization(at: i, describedBefore: describedBefore, in: sentence, context) {
                        found.append(described)
                        i = described.tokens.upperBound - 1
                        continue
                    }
                }
                var after = i + 1
                let possessive = after < sentence.upperBound && isPossessive(after, context)
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

    /// Words right after a name at a sentence start that make the name what the sentence speaks of ("Apple is",
    /// "Apple reported", "Apple's"), not a word before a noun ("Apple pie").
    static let subjectWords: Set<String> = [
        ",", "'s", "\u{2019}s", "is", "was", "will", "would", "could", "may", "might", "has", "had", "have", "plans",
        "expects", "said", "says", "reported", "reports", "announced", "announces", "unveiled", "unveils", "launched",
        "launches", "posted", "posts",
    ]
    /// Words of a company's business: its market, its accounts, its products and its chief.
    static let businessWords: Set<String> = [
        "shares", "stock", "revenue", "revenues", "profit", "profits", "earnings", "sales", "ceo", "executive",
        "investors", "shareholders", "customers", "quarterly", "unveil", "unveiled", "unveils", "announce", "announced",
        "launch", "launched", "subsidiary",
    ]

    /// Whether the sentence over `sentence` speaks of the name at its start (`name`) as a company, where its
    /// capital says nothing: the name is what the sentence speaks of (`subjectWords` follow it) and the sentence
    /// speaks of a company's business (`businessWords`, or a word shaped like a product: "iPhone"). "Apple
    /// reported record revenue", "Apple is expected to unveil a new iPhone"; not "Apple pie sales rose", not
    /// "Apple said little". `byte(at:)` reads the document's text (UTF-8, by offset).
    static func speaksOfCompany(atSentenceStart name: Range<Int>, sentence: Range<Int>, tokens: [Token], keys: [String],
                                byte: (_ at: Int) -> UInt8) -> Bool {
        guard name.upperBound < sentence.upperBound, subjectWords.contains(keys[name.upperBound]) else { return false }
        for t in name.upperBound..<sentence.upperBound where tokens[t].kind == .word {
            if tokens[t].shape == .lower, businessWords.contains(keys[t]) { return true }
            // "iPhone", "eReader": a lower-case letter, then capitals.
            if tokens[t].shape == .mixed, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte(tokens[t].start)) { return true }
        }
        return false
    }

    /// Lower-case nouns that name a kind of organisation: before a name ("research firm Gartner") or heading an
    /// appositive after it ("Pollstar, a trade publication"). Not the roles of people ("publisher", "broadcaster").
    static let organizationNouns: [String] = [
        "company", "firm", "publication", "magazine", "newspaper", "tabloid", "newsletter", "website", "network", "outlet", "tracker", "agency", "retailer", "carmaker", "automaker", "chipmaker", "drugmaker",
        "insurer", "lender", "bank", "startup", "conglomerate", "airline", "manufacturer", "supplier", "provider",
        "platform", "service", "studio", "label", "brand", "giant", "operator", "consultancy", "exchange", "fund",
        "charity", "nonprofit", "organisation", "organization", "group", "association", "union", "subsidiary", "unit",
        "division",
    ]
    /// Lower-case nouns of figures that come from an organisation: "data from", "estimates from".
    static let dataNouns: [String] = [
        "data", "figures", "numbers", "statistics", "estimates", "filings", "survey", "surveys", "analysis", "report",
        "research",
    ]
    /// Words before an organisation noun that make it a noun phrase of its own ("a company Marsh founded") or a
    /// verb ("to fund HIV research").
    private static let determiners: Set<String> = [
        "a", "an", "the", "this", "that", "these", "those", "its", "his", "her", "their", "our", "my", "your", "whose", "which",
        "to", "will", "would", "can", "could", "should", "must", "may", "might",
    ]
    /// Words that join the parts of an organisation's name.
    private static let nameJoiners: Set<String> = ["of", "for", "and", "&", "de"]
    /// Lower-case words that may follow an appositive's head ("a company based in …", "a firm that …").
    private static let appositiveContinuations: Set<String> = [
        "that", "which", "whose", "based", "owned", "run", "in", "of", "for", "with", "from", "specializing", "specialising",
    ]

    /// Whether the words right before the name starting at token `i` describe it as an organisation: an
    /// organisation noun ("research firm Gartner", not "a company Marsh founded") or "data from (the)".
    @inline(__always)
    private func isDescribedBefore(nameAt i: Int, in sentence: Range<Int>, _ context: RuleContext) -> Bool {
        var before = i - 1
        guard before >= sentence.lowerBound, context.tokens[before].shape == .lower else { return false }
        let keys = context.keys, hashes = context.keyHashes
        if organizationNounSet.contains(keys[before], hash: hashes[before]) {
            return before > sentence.lowerBound && !Self.determiners.contains(keys[before - 1])
        }
        guard hashes[before] == the.hash || hashes[before] == from.hash else { return false }
        if context.key(before, is: the), before > sentence.lowerBound { before -= 1 }
        return context.key(before, is: from) && before > sentence.lowerBound
            && dataNounSet.contains(keys[before - 1], hash: hashes[before - 1])
    }

    /// The organisation whose name starts at name word `i` (the first of its run) when the words around the name
    /// describe it as one: the words before it (`describedBefore`, see `isDescribedBefore`), or an appositive
    /// after it headed by an organisation noun. Nil otherwise (also where a name word inside is a given name or a
    /// title, or a list knows the name as a person or, not also as an organisation, a place).
    private func describedOrganization(at i: Int, describedBefore: Bool, in sentence: Range<Int>, _ context: RuleContext) -> Candidate? {
        let tokens = context.tokens, keys = context.keys
        var described = describedBefore
        // A whole name of up to four words, not a single letter ("company N / A"), not cut short of capitalised
        // words ("US firm Open Source Development Labs", "label Wind-Up Records"; not "CNBC Friday").
        let run = context.nameRun(from: i, limit: sentence.upperBound, maximum: 5)
        guard run > 0, run <= 4, run > 1 || tokens[i].end - tokens[i].start > 1 else { return nil }
        let span = i..<(i + run)
        if !described { described = hasOrganizationAppositive(after: span, in: sentence, context) }
        guard described else { return nil }
        let next = span.upperBound
        if next < sentence.upperBound, context.isNameWord(next) || tokens[next].start == tokens[next - 1].end && keys[next] == "-"
            || tokens[next].isCapitalizedWord && next + 1 < sentence.upperBound && context.isNameWord(next + 1) {
            return nil
        }
        // Nor of a name that goes on over "of", "for", "and" ("the Office for National Statistics"; not "Pirelli
        // on Friday").
        if span.upperBound + 1 < sentence.upperBound, tokens[span.upperBound + 1].isCapitalizedWord,
           Self.nameJoiners.contains(keys[span.upperBound]) { return nil }
        let flags = context.flags
        if span.contains(where: { !flags[$0].isDisjoint(with: [.firstName, .titleWord]) }) { return nil }
        let labels = context.earlierLabels(startingAt: span.lowerBound).union(context.earlierLabels(endingAt: span.upperBound - 1))
        if labels.contains(.person) || labels.contains(.location) && !labels.contains(.organization) { return nil }
        return Candidate(tokens: span, label: .organization, score: 0.75, source: name, priority: RuleTagger.priority)
    }

    /// Whether a comma and an article come where `hasOrganizationAppositive` looks for them after a name starting
    /// at token `i` (of at most four words), with room for a noun after them. The article by its hash only:
    /// `hasOrganizationAppositive` confirms it.
    @inline(__always)
    private func mayHaveAppositive(afterNameAt i: Int, in sentence: Range<Int>, _ context: RuleContext) -> Bool {
        // The comma's last place: at most four tokens after the name's first word, with two tokens after it in the
        // sentence (an article and a noun).
        let last = min(i + 4, sentence.upperBound - 3)
        guard i < last else { return false }
        let hashes = context.keyHashes
        for comma in (i + 1)...last where hashes[comma] == RuleContext.commaHash {
            guard RuleContext.isSingleByte(context.keys[comma], UInt8(ascii: ",")) else { continue }
            // The name's run holds no comma: this is the one the appositive starts with, if any.
            let article = hashes[comma + 1]
            return article == a.hash || article == an.hash || article == the.hash
        }
        return false
    }

    /// ", a trade publication," / ", an industry newsletter." / ", a music analytics company based in …": a comma,
    /// an article, up to four lower-case words whose last is an organisation noun, and then punctuation, the
    /// sentence's end or a word that goes on describing it.
    private func hasOrganizationAppositive(after span: Range<Int>, in sentence: Range<Int>, _ context: RuleContext) -> Bool {
        let tokens = context.tokens, keys = context.keys
        let comma = span.upperBound
        guard comma + 2 < sentence.upperBound, context.singleByte(comma) == UInt8(ascii: ","),
              context.key(comma + 1, is: a) || context.key(comma + 1, is: an) || context.key(comma + 1, is: the) else { return false }
        var head = -1
        var t = comma + 2
        while t < sentence.upperBound, t < comma + 6, tokens[t].kind == .word, tokens[t].shape == .lower {
            if head >= 0, Self.appositiveContinuations.contains(keys[t]) { break }
            head = t
            t += 1
        }
        guard head >= 0, organizationNounSet.contains(keys[head], hash: context.keyHashes[head]) else { return false }
        guard t < sentence.upperBound else { return true }
        if tokens[t].kind == .punctuation { return keys[t] != "-" && keys[t] != "'s" && keys[t] != "\u{2019}s" }
        return tokens[t].shape == .lower && Self.appositiveContinuations.contains(keys[t])
    }

    /// Whether token `t` is "'s" or "’s".
    private func isPossessive(_ t: Int, _ context: RuleContext) -> Bool {
        context.key(t, is: possessive) || context.key(t, is: curlyPossessive)
    }

    @inline(__always)
    private func isContextWord(_ t: Int, _ context: RuleContext) -> Bool {
        contextWordSet.contains(context.keys[t], hash: context.keyHashes[t])
    }
}

private extension String.UTF8View {
    /// The byte at UTF-8 offset `offset`.
    func byte(at offset: Int) -> UInt8 { self[index(startIndex, offsetBy: offset)] }
}
