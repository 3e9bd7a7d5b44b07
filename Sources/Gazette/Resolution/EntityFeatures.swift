/// The features the entity sequence model sees, token by token. Training and tagging both call this, so they
/// cannot drift.
///
/// No feature names a capitalised word by itself: a capitalised token is described by its shape, suffix, word-list
/// memberships and the gazetteer and rule candidates over it, so a model trained on a licensed corpus carries no
/// names from it. Lower-case words, stop words and key words ("said", "beat", "Ministry") may appear as themselves.
///
/// Every part is hashed once per token (`Context`), and features combine hashes: no strings on the hot path.
struct EntityFeatures {
    init(words: WordLists) {}

    /// One candidate over a token.
    struct Cover {
        var label: UInt64
        /// B, I, L or U: where the token sits in the candidate.
        var position: UInt64
        /// The rule's name, or "gazetteer" for any list.
        var source: UInt64
        /// The candidate's score in tenths.
        var prior: Int
        var isGazetteer: Bool
    }

    /// Per-document facts shared by all tokens.
    struct Context {
        var sentenceOfToken: [Int32]
        var sentenceStart: [Bool]
        var titleCaseSentence: [Bool]
        var allCapsSentence: [Bool]
        /// The candidates over each token, flattened: token t's are `covers[coverStart[t] ..< coverStart[t + 1]]`.
        var covers: [Cover]
        var coverStart: [Int32]

        func coverage(_ t: Int) -> ArraySlice<Cover> { covers[Int(coverStart[t])..<Int(coverStart[t + 1])] }
        func isCovered(_ t: Int) -> Bool { coverStart[t] != coverStart[t + 1] }
        /// FNV hash of each token's key.
        var keyHash: [UInt64]
        /// Labels the gazetteer gave a key (by hash) elsewhere in the document.
        var gazetteerLabelsOfKey: [UInt64: [UInt64]]
        /// Key hashes seen capitalised somewhere other than at the start of a sentence.
        var capitalizedMidSentence: Set<UInt64>
        /// Many score-like numbers ("4-28", "1-0"): results, tables and fixtures, where places name teams.
        var isSportsLike: Bool
        /// Hash of each token's class (see `wordClass`).
        var wordClass: [UInt64]
    }

    private enum Template {
        static let bias = FeatureHash("bias").value
        static let shape = FeatureHash("shape")
        static let word = FeatureHash("w")
        static let previous1 = FeatureHash("p1"), previous2 = FeatureHash("p2"), next1 = FeatureHash("n1"), next2 = FeatureHash("n2")
        static let previousWord = FeatureHash("p1-w"), wordNext = FeatureHash("w-n1")
        static let suffix3 = FeatureHash("suffix3")
        static let firstName = FeatureHash("first-name").value
        static let commonWord = FeatureHash("common-word")
        static let stopword = FeatureHash("stopword")
        static let titleWord = FeatureHash("title-word").value
        static let organizationSuffix = FeatureHash("org-suffix").value
        static let organizationPrefix = FeatureHash("org-prefix").value
        static let locationSuffix = FeatureHash("loc-suffix").value
        static let locationPrefix = FeatureHash("loc-prefix").value
        static let sentenceStart = FeatureHash("sentence-start")
        static let capitalizedElsewhere = FeatureHash("capitalized-elsewhere").value
        static let titleCase = FeatureHash("title-case")
        static let allCaps = FeatureHash("all-caps")
        static let candidate = FeatureHash("cand")
        static let candidateLabel = FeatureHash("cand-label")
        static let gazetteerPrior = FeatureHash("gaz-prior")
        static let sportsGazetteer = FeatureHash("sports-gaz")
        static let candidateJoin = FeatureHash("cand-join")
        static let documentGazetteer = FeatureHash("doc-gaz")
        static let sports = FeatureHash("sports")
    }

    private enum Part {
        static let sentenceEdge = FeatureHash.of("<s>")
        static let gazetteer = FeatureHash.of("gazetteer")
        static let positions = ["B", "I", "L", "U"].map { FeatureHash.of($0) }
        static let scoreLike = FeatureHash.of("0-0")
        static let start = FeatureHash.of("start"), inside = FeatureHash.of("inside")
        static let bare = FeatureHash.of("bare"), candidate = FeatureHash.of("candidate")
        static let url = FeatureHash.of("<url>"), email = FeatureHash.of("<email>"), emoji = FeatureHash.of("<emoji>")
        static let shapes = [TokenShape.capitalized, .allCaps, .lower, .mixed, .hasDigit, .uncased].map { FeatureHash.of("<\($0.rawValue)>") }
    }

    func context(for document: Document) -> Context {
        let tokens = document.tokens, keys = document.tokenKeys, flags = document.wordListFlags
        var sentenceOfToken = [Int32](repeating: 0, count: tokens.count)
        var sentenceStart = [Bool](repeating: false, count: tokens.count)
        var allCaps: [Bool] = []
        for (index, range) in document.sentenceTokenRanges().enumerated() {
            var cased = 0, upper = true
            for t in range {
                sentenceOfToken[t] = Int32(index)
                if tokens[t].kind == .word && tokens[t].shape != .uncased {
                    cased += 1
                    if tokens[t].shape != .allCaps && tokens[t].end - tokens[t].start != 1 { upper = false }
                }
            }
            if let first = range.first { sentenceStart[first] = true }
            allCaps.append(cased >= 2 && upper)
        }
        let keyHash = document.tokenKeyHashes.count == keys.count ? document.tokenKeyHashes : keys.map(FeatureHash.of)
        var coverStart = [Int32](repeating: 0, count: tokens.count + 1)
        for candidate in document.candidates {
            for t in candidate.tokens { coverStart[t + 1] += 1 }
        }
        for t in 0..<tokens.count { coverStart[t + 1] += coverStart[t] }
        var filled = coverStart
        var covers = [Cover](repeating: Cover(label: 0, position: 0, source: 0, prior: 0, isGazetteer: false), count: Int(coverStart[tokens.count]))
        var gazetteerLabels: [UInt64: [UInt64]] = [:]
        for candidate in document.candidates {
            let range = candidate.tokens
            let isGazetteer = candidate.source.hasPrefix("gazetteer:")
            let source = isGazetteer ? Part.gazetteer : FeatureHash.of(candidate.source)
            let label = FeatureHash.of(candidate.label.rawValue)
            let prior = Int((candidate.score * 10).rounded())
            for t in range {
                let position = range.count == 1 ? 3 : t == range.lowerBound ? 0 : t == range.upperBound - 1 ? 2 : 1
                covers[Int(filled[t])] = Cover(label: label, position: Part.positions[position], source: source, prior: prior, isGazetteer: isGazetteer)
                filled[t] += 1
            }
            if isGazetteer, range.count == 1 {
                let key = keyHash[range.lowerBound]
                if !(gazetteerLabels[key] ?? []).contains(label) { gazetteerLabels[key, default: []].append(label) }
            }
        }
        var capitalizedMidSentence = Set<UInt64>()
        var scoreLike = 0
        var wordClass = [UInt64](repeating: 0, count: tokens.count)
        var text = document.text
        text.withUTF8 { bytes in
            for (t, token) in tokens.enumerated() {
                if token.isCapitalizedWord && !sentenceStart[t] { capitalizedMidSentence.insert(keyHash[t]) }
                wordClass[t] = Self.wordClass(token, keyHash: keyHash[t], flags: flags[t], bytes: UnsafeBufferPointer(rebasing: bytes[token.utf8Range]))
                if token.kind == .number, wordClass[t] == Part.scoreLike { scoreLike += 1 }
            }
        }
        return Context(sentenceOfToken: sentenceOfToken, sentenceStart: sentenceStart, titleCaseSentence: document.titleCaseSentences,
                       allCapsSentence: allCaps, covers: covers, coverStart: coverStart, keyHash: keyHash, gazetteerLabelsOfKey: gazetteerLabels,
                       capitalizedMidSentence: capitalizedMidSentence, isSportsLike: scoreLike >= 3, wordClass: wordClass)
    }

    /// A token as context: lower-case words, punctuation and listed words as themselves; numbers as their digit
    /// pattern ("0-0", "0.0"); other capitalised words only as their shape.
    static func wordClass(_ token: Token, keyHash: UInt64, flags: WordListFlags, bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        switch token.kind {
        case .number:
            var pattern: [UInt8] = []
            for byte in bytes {
                let mapped: UInt8 = byte.isASCIIDigit ? UInt8(ascii: "0") : byte
                if mapped == UInt8(ascii: "0"), pattern.last == UInt8(ascii: "0") { continue }
                pattern.append(mapped)
            }
            return FeatureHash.of(pattern)
        case .punctuation, .symbol:
            return keyHash
        case .url: return Part.url
        case .email: return Part.email
        case .emoji: return Part.emoji
        case .word, .other:
            if token.shape == .lower || !flags.isDisjoint(with: .listedWords) { return keyHash }
            return Part.shapes[shapeCode(token.shape)]
        }
    }

    private static func shapeCode(_ shape: TokenShape) -> Int {
        switch shape {
        case .capitalized: 0
        case .allCaps: 1
        case .lower: 2
        case .mixed: 3
        case .hasDigit: 4
        case .uncased: 5
        }
    }

    private static func kindCode(_ kind: TokenKind) -> Int {
        switch kind {
        case .word: 0
        case .number: 1
        case .punctuation: 2
        case .symbol: 3
        case .emoji: 4
        case .url: 5
        case .email: 6
        case .other: 7
        }
    }

    /// The hashed features of token `i`.
    func features(at i: Int, in document: Document, context c: Context, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let tokens = document.tokens
        let token = tokens[i]
        let sentence = c.sentenceOfToken[i]
        func neighbour(_ j: Int) -> UInt64 {
            j >= 0 && j < tokens.count && c.sentenceOfToken[j] == sentence ? c.wordClass[j] : Part.sentenceEdge
        }
        let shape = UInt64(Self.shapeCode(token.shape) * 16 + Self.kindCode(token.kind))
        let here = c.wordClass[i], before = neighbour(i - 1), after = neighbour(i + 1)

        out.append(Template.bias)
        out.append(Template.shape.with(shape).value)
        out.append(Template.word.with(here).value)
        out.append(Template.previous1.with(before).value)
        out.append(Template.previous2.with(neighbour(i - 2)).value)
        out.append(Template.next1.with(after).value)
        out.append(Template.next2.with(neighbour(i + 2)).value)
        out.append(Template.previousWord.with(before).with(here).value)
        out.append(Template.wordNext.with(here).with(after).value)
        let key = document.tokenKeys[i].utf8
        if token.isCapitalizedWord, key.count >= 4 {
            out.append(Template.suffix3.with(FeatureHash.of(key.suffix(3))).value)
        }
        let flags = document.wordListFlags[i]
        if flags.contains(.firstName) { out.append(Template.firstName) }
        if token.isCapitalizedWord, flags.contains(.commonWord) {
            out.append(Template.commonWord.with(c.sentenceStart[i] ? Part.start : Part.inside).with(c.isCovered(i) ? Part.candidate : Part.bare).value)
        }
        if flags.contains(.stopword) { out.append(Template.stopword.with(shape).value) }
        if flags.contains(.titleWord) { out.append(Template.titleWord) }
        if flags.contains(.organizationSuffix) { out.append(Template.organizationSuffix) }
        if flags.contains(.organizationPrefix) { out.append(Template.organizationPrefix) }
        if flags.contains(.locationSuffix) { out.append(Template.locationSuffix) }
        if flags.contains(.locationPrefix) { out.append(Template.locationPrefix) }
        if c.sentenceStart[i] {
            out.append(Template.sentenceStart.with(shape).value)
            if c.capitalizedMidSentence.contains(c.keyHash[i]) { out.append(Template.capitalizedElsewhere) }
        }
        if c.titleCaseSentence[Int(sentence)] { out.append(Template.titleCase.with(shape).value) }
        if c.allCapsSentence[Int(sentence)] { out.append(Template.allCaps.with(shape).value) }
        for cover in c.coverage(i) {
            out.append(Template.candidate.with(cover.source).with(cover.label).with(cover.position).value)
            out.append(Template.candidateLabel.with(cover.label).with(cover.position).value)
            if cover.isGazetteer {
                out.append(Template.gazetteerPrior.with(cover.label).with(cover.prior).value)
                if c.isSportsLike { out.append(Template.sportsGazetteer.with(cover.label).with(after).value) }
            }
        }
        // Where one candidate ends and another begins ("… Asian Lite News Britain faces …"): usually two names.
        if i > 0, c.sentenceOfToken[i - 1] == sentence {
            for previous in c.coverage(i - 1) where previous.position == Part.positions[2] || previous.position == Part.positions[3] {
                for cover in c.coverage(i) where cover.position == Part.positions[0] || cover.position == Part.positions[3] {
                    out.append(Template.candidateJoin.with(previous.label).with(cover.label).value)
                }
            }
        }
        if !c.isCovered(i), let labels = c.gazetteerLabelsOfKey[c.keyHash[i]] {
            for label in labels { out.append(Template.documentGazetteer.with(label).value) }
        }
        if c.isSportsLike { out.append(Template.sports.with(shape).with(after).value) }
    }

    /// Token windows worth tagging: runs of capitalised words, uncased words and candidate tokens, joined across
    /// single connectors ("Bank of England", "Procter & Gamble"). Every other token is outside any entity.
    func windows(in document: Document, context c: Context) -> [Range<Int>] {
        let tokens = document.tokens
        func eligible(_ t: Int) -> Bool {
            c.isCovered(t) || tokens[t].isCapitalizedWord
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
                   Self.connectorHashes.contains(c.keyHash[end]) {
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
    private static let connectorHashes = Set(connectors.map(FeatureHash.of))
}
