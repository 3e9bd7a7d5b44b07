/// The features the entity sequence model sees, token by token. Training and tagging both call this, so they
/// cannot drift.
///
/// No feature names a capitalised word by itself: a capitalised token is described by its shape, suffix, word-list
/// memberships and the gazetteer and rule candidates over it, so a model trained on a licensed corpus carries no
/// names from it. Lower-case words, stop words and key words ("said", "beat", "Ministry") may appear as themselves.
struct EntityFeatures {
    let words: WordLists

    /// Per-document facts shared by all tokens.
    struct Context {
        var sentenceOfToken: [Int32]
        var sentenceStart: [Bool]
        var titleCaseSentence: [Bool]
        var allCapsSentence: [Bool]
        /// Candidates over each token: (label, position B/I/L/U, source) as hash parts.
        var coverage: [[(label: String, position: String, source: String, prior: Int)]]
        /// Labels the gazetteer gave a key elsewhere in the document.
        var gazetteerLabelsOfKey: [String: Set<String>]
        /// Keys seen capitalised somewhere other than at the start of a sentence.
        var capitalizedMidSentence: Set<String>
        /// Many score-like numbers ("4-28", "1-0"): results, tables and fixtures, where places name teams.
        var isSportsLike: Bool
        /// Token classes used for context features.
        var wordClass: [String]
    }

    func context(for document: Document) -> Context {
        let tokens = document.tokens, keys = document.tokenKeys
        var sentenceOfToken = [Int32](repeating: 0, count: tokens.count)
        var sentenceStart = [Bool](repeating: false, count: tokens.count)
        var titleCase: [Bool] = [], allCaps: [Bool] = []
        for (index, range) in document.sentenceTokenRanges().enumerated() {
            for t in range { sentenceOfToken[t] = Int32(index) }
            if let first = range.first { sentenceStart[first] = true }
            let cased = range.filter { tokens[$0].kind == .word && tokens[$0].shape != .uncased }
            allCaps.append(cased.count >= 2 && cased.allSatisfy { tokens[$0].shape == .allCaps || tokens[$0].end - tokens[$0].start == 1 })
        }
        titleCase = document.titleCaseSentences
        var coverage = [[(label: String, position: String, source: String, prior: Int)]](repeating: [], count: tokens.count)
        var gazetteerLabels: [String: Set<String>] = [:]
        for candidate in document.candidates {
            let range = candidate.tokens
            let source = candidate.source.hasPrefix("gazetteer:") ? "gazetteer" : candidate.source
            for t in range {
                let position = range.count == 1 ? "U" : t == range.lowerBound ? "B" : t == range.upperBound - 1 ? "L" : "I"
                coverage[t].append((candidate.label.rawValue, position, source, Int((candidate.score * 10).rounded())))
            }
            if source == "gazetteer", range.count == 1 { gazetteerLabels[keys[range.lowerBound], default: []].insert(candidate.label.rawValue) }
        }
        var capitalizedMidSentence = Set<String>()
        var scoreLike = 0
        var wordClass = [String](repeating: "", count: tokens.count)
        var text = document.text
        text.withUTF8 { bytes in
            for (t, token) in tokens.enumerated() {
                if token.isCapitalizedWord && !sentenceStart[t] { capitalizedMidSentence.insert(keys[t]) }
                wordClass[t] = Self.wordClass(token, key: keys[t], flags: document.wordListFlags[t], bytes: UnsafeBufferPointer(rebasing: bytes[token.utf8Range]))
                if token.kind == .number, wordClass[t] == "0-0" { scoreLike += 1 }
            }
        }
        return Context(sentenceOfToken: sentenceOfToken, sentenceStart: sentenceStart, titleCaseSentence: titleCase,
                       allCapsSentence: allCaps, coverage: coverage, gazetteerLabelsOfKey: gazetteerLabels,
                       capitalizedMidSentence: capitalizedMidSentence, isSportsLike: scoreLike >= 3, wordClass: wordClass)
    }

    /// A token as context: lower-case words, punctuation and listed words as themselves; numbers as their digit
    /// pattern ("0-0", "0.0"); other capitalised words only as their shape.
    static func wordClass(_ token: Token, key: String, flags: WordListFlags, bytes: UnsafeBufferPointer<UInt8>) -> String {
        switch token.kind {
        case .number:
            var pattern: [UInt8] = []
            for byte in bytes {
                let mapped: UInt8 = byte.isASCIIDigit ? UInt8(ascii: "0") : byte
                if mapped == UInt8(ascii: "0"), pattern.last == UInt8(ascii: "0") { continue }
                pattern.append(mapped)
            }
            return String(decoding: pattern, as: UTF8.self)
        case .punctuation, .symbol:
            return key
        case .url: return "<url>"
        case .email: return "<email>"
        case .emoji: return "<emoji>"
        case .word, .other:
            if token.shape == .lower || !flags.isDisjoint(with: .listedWords) {
                return key
            }
            return "<\(token.shape.rawValue)>"
        }
    }

    /// The hashed features of token `i`.
    func features(at i: Int, in document: Document, context c: Context, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let tokens = document.tokens, keys = document.tokenKeys
        let token = tokens[i]
        let sentence = Int(c.sentenceOfToken[i])
        func inSentence(_ j: Int) -> Bool { j >= 0 && j < tokens.count && Int(c.sentenceOfToken[j]) == sentence }
        func neighbour(_ j: Int) -> String { inSentence(j) ? c.wordClass[j] : "<s>" }
        let shape = token.shape.rawValue + token.kind.rawValue

        out.append(FeatureHash("bias").value)
        out.append(FeatureHash("shape").with(shape).value)
        out.append(FeatureHash("w").with(c.wordClass[i]).value)
        out.append(FeatureHash("p1").with(neighbour(i - 1)).value)
        out.append(FeatureHash("p2").with(neighbour(i - 2)).value)
        out.append(FeatureHash("n1").with(neighbour(i + 1)).value)
        out.append(FeatureHash("n2").with(neighbour(i + 2)).value)
        out.append(FeatureHash("p1-w").with(neighbour(i - 1)).with(c.wordClass[i]).value)
        out.append(FeatureHash("w-n1").with(c.wordClass[i]).with(neighbour(i + 1)).value)
        let key = keys[i]
        if token.isCapitalizedWord, key.count >= 4 {
            out.append(FeatureHash("suffix3").with(String(key.suffix(3))).value)
        }
        let flags = document.wordListFlags[i]
        if flags.contains(.firstName) { out.append(FeatureHash("first-name").value) }
        if token.isCapitalizedWord, flags.contains(.commonWord) {
            out.append(FeatureHash("common-word").with(c.sentenceStart[i] ? "start" : "inside").with(c.coverage[i].isEmpty ? "bare" : "candidate").value)
        }
        if flags.contains(.stopword) { out.append(FeatureHash("stopword").with(shape).value) }
        if flags.contains(.titleWord) { out.append(FeatureHash("title-word").value) }
        if flags.contains(.organizationSuffix) { out.append(FeatureHash("org-suffix").value) }
        if flags.contains(.organizationPrefix) { out.append(FeatureHash("org-prefix").value) }
        if flags.contains(.locationSuffix) { out.append(FeatureHash("loc-suffix").value) }
        if flags.contains(.locationPrefix) { out.append(FeatureHash("loc-prefix").value) }
        if c.sentenceStart[i] {
            out.append(FeatureHash("sentence-start").with(shape).value)
            if c.capitalizedMidSentence.contains(key) { out.append(FeatureHash("capitalized-elsewhere").value) }
        }
        if c.titleCaseSentence[sentence] { out.append(FeatureHash("title-case").with(shape).value) }
        if c.allCapsSentence[sentence] { out.append(FeatureHash("all-caps").with(shape).value) }
        for cover in c.coverage[i] {
            out.append(FeatureHash("cand").with(cover.source).with(cover.label).with(cover.position).value)
            out.append(FeatureHash("cand-label").with(cover.label).with(cover.position).value)
            if cover.source == "gazetteer" {
                out.append(FeatureHash("gaz-prior").with(cover.label).with(cover.prior).value)
                if c.isSportsLike { out.append(FeatureHash("sports-gaz").with(cover.label).with(neighbour(i + 1)).value) }
            }
        }
        // Where one candidate ends and another begins ("… Asian Lite News Britain faces …"): usually two names.
        if i > 0, inSentence(i - 1) {
            for before in c.coverage[i - 1] where before.position == "L" || before.position == "U" {
                for here in c.coverage[i] where here.position == "B" || here.position == "U" {
                    out.append(FeatureHash("cand-join").with(before.label).with(here.label).value)
                }
            }
        }
        if c.coverage[i].isEmpty, let labels = c.gazetteerLabelsOfKey[key] {
            for label in labels { out.append(FeatureHash("doc-gaz").with(label).value) }
        }
        if c.isSportsLike { out.append(FeatureHash("sports").with(shape).with(neighbour(i + 1)).value) }
    }

    /// Token windows worth tagging: runs of capitalised words, uncased words and candidate tokens, joined across
    /// single connectors ("Bank of England", "Procter & Gamble"). Every other token is outside any entity.
    func windows(in document: Document, context c: Context) -> [Range<Int>] {
        let tokens = document.tokens, keys = document.tokenKeys
        func eligible(_ t: Int) -> Bool {
            !c.coverage[t].isEmpty || tokens[t].isCapitalizedWord
        }
        var windows: [Range<Int>] = []
        var t = 0
        while t < tokens.count {
            guard eligible(t) else { t += 1; continue }
            let start = t
            var end = t + 1
            while end < tokens.count, c.sentenceOfToken[end] == c.sentenceOfToken[start] {
                if eligible(end) { end += 1; continue }
                if end + 1 < tokens.count, c.sentenceOfToken[end + 1] == c.sentenceOfToken[start], eligible(end + 1),
                   Self.connectors.contains(keys[end]) {
                    end += 2
                    continue
                }
                break
            }
            windows.append(start..<end)
            t = end
        }
        return windows
    }

    static let connectors: Set<String> = ["of", "and", "&", "-", "'s", "de", "del", "der", "van", "von", "da", "di", "du", "la", "le", "el", "al", "for", "the", "on", "y", "/"]
}
