/// Splits a document into sentences and tokens with ICU's break iterators.
///
/// Words come from ICU's word rules, with three corrections: URLs and e-mail addresses stay whole, a possessive
/// "'s" becomes its own token ("China's" → "China", "'s"), and an initialism keeps its final period
/// ("U.S" + "." → "U.S."). Sentences come from ICU with `en@ss=standard`, then boundaries after known
/// abbreviations are removed unless the next word plainly starts a new sentence.
public struct Segmenter: Stage {
    public let name = "segmenter"
    public let requires: Set<Layer> = []
    public let provides: Set<Layer> = [.sentences, .tokens]

    public let abbreviations: AbbreviationList
    /// Lower-cased words that start sentences ("the", "he", "but"): after "U.S." such a word means a new sentence.
    public let sentenceStarters: Set<String>
    public let sentenceLocale: String

    public init(abbreviations: AbbreviationList = AbbreviationList(), sentenceStarters: Set<String> = [], sentenceLocale: String = "en@ss=standard") {
        self.abbreviations = abbreviations
        self.sentenceStarters = sentenceStarters
        self.sentenceLocale = sentenceLocale
    }

    public func process(_ document: inout Document) throws {
        var text = document.text
        let (tokens, sentences) = try text.withUTF8 { bytes in try segment(bytes) }
        document.tokens = tokens
        document.sentences = sentences
    }

    func segment(_ text: UnsafeBufferPointer<UInt8>) throws(GazetteError) -> ([Token], [Range<Int>]) {
        let links = LinkDetector.links(in: text)
        let (words, icuBoundaries) = try ICUBreaker.segment(text, sentenceLocale: sentenceLocale)
        let tokens = refine(words, links: links, text: text)
        var boundaries = icuBoundaries
        boundaries = boundaries.filter { boundary in
            !links.contains { $0.range.lowerBound < boundary && boundary < $0.range.upperBound }
        }
        boundaries = joinAfterAbbreviations(boundaries, tokens: tokens, text: text)
        return (tokens, sentenceRanges(boundaries, tokens: tokens))
    }

    // MARK: Tokens

    private func refine(_ tokens: [Token], links: [LinkDetector.Link], text: UnsafeBufferPointer<UInt8>) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var linkIndex = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            while linkIndex < links.count, links[linkIndex].range.upperBound <= token.start { linkIndex += 1 }
            if linkIndex < links.count, links[linkIndex].range.overlaps(token.utf8Range) {
                // Replace every token touching the link with one token (extended over a straddling token).
                let link = links[linkIndex]
                var end = max(link.range.upperBound, token.end)
                var j = i + 1
                while j < tokens.count, tokens[j].start < end {
                    end = max(end, tokens[j].end)
                    j += 1
                }
                let start = min(link.range.lowerBound, token.start)
                result.append(Token(start: start, end: end, kind: link.kind, shape: shape(start..<end, text)))
                linkIndex += 1
                i = j
                continue
            }
            if token.kind == .word, i + 1 < tokens.count, isPeriod(tokens[i + 1], text), tokens[i + 1].start == token.end,
               isInitialism(token, text) {
                result.append(Token(start: token.start, end: tokens[i + 1].end, kind: .word, shape: token.shape))
                i += 2
                continue
            }
            if token.kind == .number, i + 2 < tokens.count, isTimeColon(tokens[i + 1], after: token, before: tokens[i + 2], text) {
                // "10:30": ICU cuts at the colon (a MidLetter, not a MidNum, in UAX #29).
                result.append(Token(start: token.start, end: tokens[i + 2].end, kind: .number, shape: .hasDigit))
                i += 3
                continue
            }
            if token.kind == .number, i + 2 < tokens.count, isJoiningHyphen(tokens[i + 1], after: token, before: tokens[i + 2], text) {
                // "1996-08-30", "4-28", "2020-21": dates, scores and ranges are one token, as news corpora write them.
                var j = i + 2
                while j + 2 < tokens.count, isJoiningHyphen(tokens[j + 1], after: tokens[j], before: tokens[j + 2], text) { j += 2 }
                result.append(Token(start: token.start, end: tokens[j].end, kind: .number, shape: .hasDigit))
                i = j + 1
                continue
            }
            if token.kind == .word, let split = possessiveSplit(token, text) {
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

    private func shape(_ range: Range<Int>, _ text: UnsafeBufferPointer<UInt8>) -> TokenShape {
        ICUBreaker.shape(of: UnsafeBufferPointer(rebasing: text[range]))
    }

    private func isPeriod(_ token: Token, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        token.end - token.start == 1 && text[token.start] == UInt8(ascii: ".")
    }

    private func isTimeColon(_ colon: Token, after hours: Token, before minutes: Token, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        colon.start == hours.end && colon.end - colon.start == 1 && text[colon.start] == UInt8(ascii: ":")
            && minutes.kind == .number && minutes.start == colon.end && minutes.end - minutes.start == 2
            && hours.end - hours.start <= 2
    }

    private func isJoiningHyphen(_ hyphen: Token, after left: Token, before right: Token, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        hyphen.start == left.end && hyphen.end - hyphen.start == 1 && text[hyphen.start] == UInt8(ascii: "-")
            && right.kind == .number && right.start == hyphen.end
    }

    /// "U.S", "a.m", "e.g" (letters with inner periods), or a single capital letter ("J").
    private func isInitialism(_ token: Token, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
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
    private func possessiveSplit(_ token: Token, _ text: UnsafeBufferPointer<UInt8>) -> Int? {
        let end = token.end
        guard end - token.start >= 3 else { return nil }
        let last = text[end - 1]
        guard last == UInt8(ascii: "s") || last == UInt8(ascii: "S") else { return nil }
        if text[end - 2] == UInt8(ascii: "'") { return end - 2 > token.start ? end - 2 : nil }
        // U+2019 RIGHT SINGLE QUOTATION MARK is E2 80 99 in UTF-8.
        if end - token.start >= 5, text[end - 4] == 0xE2, text[end - 3] == 0x80, text[end - 2] == 0x99 {
            return end - 4 > token.start ? end - 4 : nil
        }
        return nil
    }

    // MARK: Sentences

    private func joinAfterAbbreviations(_ boundaries: [Int], tokens: [Token], text: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard boundaries.count > 1 else { return boundaries }
        var kept: [Int] = []
        var next = 0  // index of the first token starting at or after the boundary
        for (index, boundary) in boundaries.enumerated() {
            while next < tokens.count, tokens[next].start < boundary { next += 1 }
            let isLast = index == boundaries.count - 1
            if !isLast, next > 0, next < tokens.count, shouldJoin(before: next - 1, after: next, tokens: tokens, text: text) {
                continue
            }
            kept.append(boundary)
        }
        return kept
    }

    private func shouldJoin(before: Int, after: Int, tokens: [Token], text: UnsafeBufferPointer<UInt8>) -> Bool {
        let last = tokens[before], following = tokens[after]
        // A line break always ends a sentence (headlines, datelines, list items).
        if text[last.end..<following.start].contains(where: { $0 == 0x0A || $0 == 0x0D }) { return false }
        // ICU ends a sentence after "!" or "?" even when a lower-case word follows: “"Go!" she said.”
        if following.kind == .word && following.shape == .lower { return true }
        guard let abbreviation = abbreviationEnding(at: before, tokens: tokens, text: text) else { return false }
        let kind = abbreviations.kind(of: abbreviation)
            ?? (abbreviation.utf8.count == 2 && abbreviation.utf8.first!.isASCIILetter ? .initialism : nil)
        switch kind {
        case .title?:
            return true
        case .initialism?, .final?:
            guard following.kind == .word || following.kind == .number else { return false }
            if following.shape == .lower { return true }
            let word = String(decoding: text[following.utf8Range], as: UTF8.self).lowercased()
            return !sentenceStarters.contains(word)
        case nil:
            return false
        }
    }

    /// The lower-cased abbreviation, period included, that ends at token `index`, if that token is a period or a
    /// word ending in one.
    private func abbreviationEnding(at index: Int, tokens: [Token], text: UnsafeBufferPointer<UInt8>) -> String? {
        let token = tokens[index]
        if token.kind == .word, text[token.end - 1] == UInt8(ascii: ".") {
            return lowercasedASCII(text[token.utf8Range])
        }
        if isPeriod(token, text), index > 0, tokens[index - 1].end == token.start, tokens[index - 1].kind == .word {
            return lowercasedASCII(text[tokens[index - 1].start..<token.end])
        }
        return nil
    }

    private func lowercasedASCII(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: bytes.lazy.map { $0.isASCIIUpper ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Turns boundaries into sentence ranges that start at their first token and end at their last one.
    private func sentenceRanges(_ boundaries: [Int], tokens: [Token]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var t = 0
        for boundary in boundaries {
            guard t < tokens.count, tokens[t].start < boundary else { continue }
            let start = tokens[t].start
            var end = tokens[t].end
            while t < tokens.count, tokens[t].start < boundary {
                end = max(end, tokens[t].end)
                t += 1
            }
            sentences.append(start..<end)
        }
        if t < tokens.count {  // ICU always ends with the text length; this only guards against surprises
            sentences.append(tokens[t].start..<tokens[tokens.count - 1].end)
        }
        return sentences
    }
}

extension UInt8 {
    var isASCIIUpper: Bool { self >= 65 && self <= 90 }
    var isASCIILower: Bool { self >= 97 && self <= 122 }
    var isASCIILetter: Bool { isASCIIUpper || isASCIILower }
    var isASCIIDigit: Bool { self >= 48 && self <= 57 }
}
