/// Splits a document into sentences and tokens with ICU's break iterators.
///
/// Words come from ICU's word rules, with three corrections: URLs and e-mail addresses stay whole, a possessive
/// "'s" becomes its own token ("China's" → "China", "'s"), and an initialism keeps its final period
/// ("U.S" + "." → "U.S."). Sentences come from ICU with `en@ss=standard`, then boundaries after known
/// abbreviations are removed unless the next word plainly starts a new sentence.
public struct Segmenter: Stage {
    /// The stage's name.
    public let name = "segmenter"
    /// Nothing: the segmenter reads only the text.
    public let requires: Set<Layer> = []
    /// Sentences and tokens.
    public let provides: Set<Layer> = [.sentences, .tokens]

    /// Abbreviations after which a period need not end a sentence.
    public let abbreviations: AbbreviationList
    /// Lower-cased words that start sentences ("the", "he", "but"): after "U.S." such a word means a new sentence.
    public let sentenceStarters: Set<String>
    /// The ICU locale of the sentence rules (`en@ss=standard`).
    public let sentenceLocale: String
    // The short ASCII entries of both lists, checked at nearly every sentence end without making a String.
    private let shortAbbreviations: [ShortWord: AbbreviationList.Kind]
    private let shortSentenceStarters: Set<ShortWord>
    private let longestAbbreviation: Int

    /// A segmenter with the given abbreviations, sentence starters and sentence rules.
    public init(abbreviations: AbbreviationList = AbbreviationList(), sentenceStarters: Set<String> = [], sentenceLocale: String = "en@ss=standard") {
        self.abbreviations = abbreviations
        self.sentenceStarters = sentenceStarters
        self.sentenceLocale = sentenceLocale
        shortAbbreviations = Dictionary(uniqueKeysWithValues: abbreviations.kinds.compactMap { entry in
            ShortWord(entry.key).map { ($0, entry.value) }
        })
        shortSentenceStarters = Set(sentenceStarters.compactMap(ShortWord.init))
        longestAbbreviation = abbreviations.kinds.keys.map(\.utf8.count).max() ?? 0
    }

    /// Adds the document's tokens and sentences.
    public func process(_ document: inout Document) throws {
        (document.tokens, document.sentences) = try segment(Array(document.text.utf8))
    }

    /// The tokens and sentences of UTF-8 text.
    func segment(_ text: [UInt8]) throws(GazetteError) -> ([Token], [Range<Int>]) {
        let links = LinkDetector.links(in: text)
        let (words, sentenceEnds) = try ICUBreaker.segments(of: text, sentenceLocale: sentenceLocale)
        let tokens = refine(words, links: links, text: text)
        return (tokens, sentences(ending: sentenceEnds, links: links, tokens: tokens, text: text))
    }

    /// `segment(_:)` of UTF-8 text in a buffer.
    func segment(_ text: UnsafeBufferPointer<UInt8>) throws(GazetteError) -> ([Token], [Range<Int>]) {
        try segment(Array(text))
    }

    // MARK: Tokens

    /// ICU's words with the corrections: one token per link, initialisms with their period, times, dates and scores
    /// joined, possessives split.
    private func refine(_ words: [Token], links: [LinkDetector.Link], text: [UInt8]) -> [Token] {
        var result: [Token] = []
        // Splitting a possessive is the only correction that adds a token, and few tokens are possessives.
        result.reserveCapacity(words.count + words.count / 16)
        var linkIndex = 0
        var i = 0
        while i < words.count {
            let token = words[i]
            while linkIndex < links.count, links[linkIndex].range.upperBound <= token.start { linkIndex += 1 }
            if linkIndex < links.count, links[linkIndex].range.overlaps(token.utf8Range) {
                // Replace every token touching the link with one token (extended over a straddling token). A link
                // that starts inside the token built so far joins it too ("a@b.c@d.e"): tokens never overlap.
                let link = links[linkIndex]
                var end = max(link.range.upperBound, token.end)
                linkIndex += 1
                var j = i + 1
                while true {
                    while j < words.count, words[j].start < end {
                        end = max(end, words[j].end)
                        j += 1
                    }
                    guard linkIndex < links.count, links[linkIndex].range.lowerBound < end else { break }
                    end = max(end, links[linkIndex].range.upperBound)
                    linkIndex += 1
                }
                let start = min(link.range.lowerBound, token.start)
                result.append(Token(start: start, end: end, kind: link.kind, shape: shape(start..<end, text)))
                i = j
                continue
            }
            if token.kind == .word, i + 1 < words.count, isPeriod(words[i + 1], text), words[i + 1].start == token.end, isInitialism(token, text) {
                result.append(Token(start: token.start, end: words[i + 1].end, kind: .word, shape: token.shape))
                i += 2
                continue
            }
            if token.kind == .number, i + 2 < words.count, isTimeColon(words[i + 1], after: token, before: words[i + 2], text) {
                // "10:30": ICU cuts at the colon (a MidLetter, not a MidNum, in UAX #29).
                result.append(Token(start: token.start, end: words[i + 2].end, kind: .number, shape: .hasDigit))
                i += 3
                continue
            }
            if token.kind == .number, i + 2 < words.count, isJoiningHyphen(words[i + 1], after: token, before: words[i + 2], text) {
                // "1996-08-30", "4-28", "2020-21": dates, scores and ranges are one token, as news corpora write them.
                var j = i + 2
                while j + 2 < words.count, isJoiningHyphen(words[j + 1], after: words[j], before: words[j + 2], text) { j += 2 }
                result.append(Token(start: token.start, end: words[j].end, kind: .number, shape: .hasDigit))
                i = j + 1
                continue
            }
            if token.kind == .word, text[token.end - 1] | 0x20 == UInt8(ascii: "s"), let split = possessiveSplit(token, text) {
                result.append(Token(start: token.start, end: split, kind: .word, shape: shape(token.start..<split, text)))
                result.append(Token(start: split, end: token.end, kind: .word, shape: .lower))
                i += 1
                continue
            }
            result.append(token)
            i += 1
        }
        return result
    }

    private func shape(_ range: Range<Int>, _ text: [UInt8]) -> TokenShape {
        ICUBreaker.shape(of: text[range])
    }

    private func isPeriod(_ token: Token, _ text: [UInt8]) -> Bool {
        token.end - token.start == 1 && text[token.start] == UInt8(ascii: ".")
    }

    private func isTimeColon(_ colon: Token, after hours: Token, before minutes: Token, _ text: [UInt8]) -> Bool {
        colon.start == hours.end && colon.end - colon.start == 1 && text[colon.start] == UInt8(ascii: ":")
            && minutes.kind == .number && minutes.start == colon.end && minutes.end - minutes.start == 2
            && hours.end - hours.start <= 2
    }

    private func isJoiningHyphen(_ hyphen: Token, after left: Token, before right: Token, _ text: [UInt8]) -> Bool {
        hyphen.start == left.end && hyphen.end - hyphen.start == 1 && text[hyphen.start] == UInt8(ascii: "-")
            && right.kind == .number && right.start == hyphen.end
    }

    /// "U.S", "a.m", "e.g" (letters with inner periods), or a single capital letter ("J").
    private func isInitialism(_ token: Token, _ text: [UInt8]) -> Bool {
        let bytes = text[token.utf8Range]
        if bytes.count == 1 { return bytes.first!.isASCIIUpper }
        guard bytes.contains(UInt8(ascii: ".")) else { return false }
        // Every period-separated part is one or two letters: rules out "example.com" and "3.5".
        var partLength = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                if partLength == 0 || partLength > 2 { return false }
                partLength = 0
            } else if byte.isASCIILetter {
                partLength += 1
            } else {
                return false
            }
        }
        return partLength >= 1 && partLength <= 2
    }

    /// The offset where a trailing "'s" or "’s" starts, if the token ends in one after a stem.
    private func possessiveSplit(_ token: Token, _ text: [UInt8]) -> Int? {
        let end = token.end
        guard end - token.start >= 3, text[end - 1] | 0x20 == UInt8(ascii: "s") else { return nil }  // "s" or "S"
        if text[end - 2] == UInt8(ascii: "'") { return end - 2 > token.start ? end - 2 : nil }
        // U+2019 RIGHT SINGLE QUOTATION MARK is E2 80 99 in UTF-8.
        if end - token.start >= 5, text[end - 4] == 0xE2, text[end - 3] == 0x80, text[end - 2] == 0x99 {
            return end - 4 > token.start ? end - 4 : nil
        }
        return nil
    }

    // MARK: Sentences

    /// Sentence ranges from ICU's sentence ends: an end inside a link is dropped, an end after an abbreviation is
    /// dropped unless the next word plainly starts a new sentence, and each sentence runs from its first token to its
    /// last one.
    private func sentences(ending ends: [Int], links: [LinkDetector.Link], tokens: [Token], text: [UInt8]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        sentences.reserveCapacity(ends.count)
        var linkIndex = 0
        var first = 0  // the first token of the sentence being built
        var next = 0  // the first token starting at or after the end
        for (index, end) in ends.enumerated() {
            while linkIndex < links.count, links[linkIndex].range.upperBound <= end { linkIndex += 1 }
            if linkIndex < links.count, links[linkIndex].range.lowerBound < end { continue }
            while next < tokens.count, tokens[next].start < end { next += 1 }
            let isLast = index == ends.count - 1
            if !isLast, next > 0, next < tokens.count, shouldJoin(before: next - 1, after: next, tokens: tokens, text: text) {
                continue
            }
            // Token ends never decrease, so the last token's end is the sentence's.
            if next > first {
                sentences.append(tokens[first].start..<tokens[next - 1].end)
                first = next
            }
        }
        if first < tokens.count {  // ICU always ends with the text length; this only guards against surprises
            sentences.append(tokens[first].start..<tokens[tokens.count - 1].end)
        }
        return sentences
    }

    private func shouldJoin(before: Int, after: Int, tokens: [Token], text: [UInt8]) -> Bool {
        let last = tokens[before], following = tokens[after]
        // A line break always ends a sentence (headlines, datelines, list items).
        if text[last.end..<following.start].contains(where: { $0 == 0x0A || $0 == 0x0D }) { return false }
        // ICU ends a sentence after "!" or "?" even when a lower-case word follows: “"Go!" she said.”
        if following.kind == .word && following.shape == .lower { return true }
        guard let abbreviation = abbreviationEnding(at: before, tokens: tokens, text: text) else { return false }
        let kind = kindOfAbbreviation(text[abbreviation])
        switch kind {
        case .title?:
            return true
        case .initialism?, .final?:
            guard following.kind == .word || following.kind == .number else { return false }
            if following.shape == .lower { return true }
            return !isSentenceStarter(text[following.utf8Range])
        case nil:
            return false
        }
    }

    /// Where the abbreviation, period included, lies that ends at token `index`, if that token is a period or a word
    /// ending in one.
    private func abbreviationEnding(at index: Int, tokens: [Token], text: [UInt8]) -> Range<Int>? {
        let token = tokens[index]
        if token.kind == .word, text[token.end - 1] == UInt8(ascii: ".") {
            return token.utf8Range
        }
        if isPeriod(token, text), index > 0, tokens[index - 1].end == token.start, tokens[index - 1].kind == .word {
            return tokens[index - 1].start..<token.end
        }
        return nil
    }

    private func kindOfAbbreviation(_ bytes: ArraySlice<UInt8>) -> AbbreviationList.Kind? {
        let listed: AbbreviationList.Kind? =
            if bytes.count > longestAbbreviation { nil }
            else if let word = ShortWord(lowercasing: bytes) { shortAbbreviations[word] }
            else { abbreviations.kind(of: lowercasedASCII(bytes)) }
        return listed ?? (Self.isInitials(bytes) ? .initialism : nil)
    }

    /// Letters each followed by a period, as initials are written: "J.", "W.M.", "J.R.R.".
    static func isInitials(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2, bytes.count % 2 == 0, bytes.count <= 8 else { return false }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes[index].isASCIILetter, bytes[index + 1] == UInt8(ascii: ".") else { return false }
            index += 2
        }
        return true
    }

    private func isSentenceStarter(_ bytes: ArraySlice<UInt8>) -> Bool {
        if let word = ShortWord(lowercasing: bytes) { return shortSentenceStarters.contains(word) }
        return sentenceStarters.contains(String(decoding: bytes, as: UTF8.self).lowercased())
    }

    private func lowercasedASCII(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.lazy.map { $0.isASCIIUpper ? $0 + 32 : $0 }, as: UTF8.self)
    }
}

/// A word of at most eight ASCII bytes (none of them NUL) packed into an integer: two such words are equal exactly
/// when their integers are.
private struct ShortWord: Hashable {
    let packed: UInt64

    init?(_ string: String) {
        var packed: UInt64 = 0
        for (index, byte) in string.utf8.enumerated() {
            guard index < 8, byte != 0, byte < 0x80 else { return nil }
            packed |= UInt64(byte) << (8 * index)
        }
        self.packed = packed
    }

    /// The word with its ASCII letters lower-cased, as `String.lowercased()` would make them.
    init?(lowercasing bytes: ArraySlice<UInt8>) {
        guard bytes.count <= 8 else { return nil }
        var packed: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            guard byte != 0, byte < 0x80 else { return nil }
            packed |= UInt64(byte.isASCIIUpper ? byte + 32 : byte) << (8 * index)
        }
        self.packed = packed
    }
}

extension UInt8 {
    var isASCIIUpper: Bool { self >= 65 && self <= 90 }
    var isASCIILower: Bool { self >= 97 && self <= 122 }
    var isASCIILetter: Bool { isASCIIUpper || isASCIILower }
    var isASCIIDigit: Bool { self >= 48 && self <= 57 }
}
