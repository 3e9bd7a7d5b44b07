extension EntityFeatures {
    /// Per-document facts shared by all tokens' features, made once per document by `context(for:)`.
    package struct Context {
        /// The sentence of each token.
        var sentenceOfToken: [Int32]
        /// Whether each token is the first of its sentence.
        var sentenceStart: [Bool]
        /// Whether each sentence is in title case (`Document.titleCaseSentences`).
        var titleCaseSentence: [Bool]
        /// Whether each sentence is written in capitals (two or more cased words, none in lower case).
        var allCapsSentence: [Bool]
        /// The candidates over each token, flattened: token t's are `covers[coverStart[t] ..< coverStart[t + 1]]`.
        var covers: [Cover]
        var coverStart: [Int32]
        /// FNV hash of each token's key.
        var keyHash: [UInt64]
        /// Labels the gazetteer gave single-token keys somewhere in the document.
        var gazetteerLabels: DocumentGazetteerLabels
        /// For each sentence: the key of its first token is seen capitalised somewhere other than at the start of
        /// a sentence.
        var capitalizedElsewhere: [Bool]
        /// Many score-like numbers ("4-28", "1-0"): results, tables and fixtures, where places name teams.
        var isSportsLike: Bool
        /// Each token's class, made for the tokens of windows and their neighbours, and for numbers.
        var wordClass: [WordClass]
        /// Whether each token is a capitalised word (`Token.isCapitalizedWord`).
        var capitalized: [Bool]
        /// The document's word-list flags, read once (a read from the document's value store costs a lookup).
        var wordListFlags: [WordListFlags]
        /// Token windows worth tagging (see `EntityFeatures.windows(capitalized:coverStart:sentenceOfToken:keyHash:)`).
        var windows: [Range<Int>]

        /// The places in `covers` of the candidates over token `t`.
        func coverIndices(of t: Int) -> Range<Int> {
            Int(coverStart[t])..<Int(coverStart[t + 1])
        }

        /// The class of token `j` as a neighbour of token `i`: the sentence edge beyond `i`'s sentence.
        func neighbour(_ j: Int, of i: Int) -> WordClass {
            guard j >= 0, j < sentenceOfToken.count, sentenceOfToken[j] == sentenceOfToken[i] else { return sentenceEdge }
            return wordClass[j]
        }

        /// The class of every position beyond a sentence's edge.
        var sentenceEdge: WordClass
    }

    /// One candidate over a token, with the features it gives the token (made once per cover, from parts shared
    /// by many covers).
    struct Cover {
        /// The hash of the candidate's label.
        var label: UInt64
        /// The candidate's source (the rule's name, or "gazetteer" for any list), label and position.
        var candidateFeature: UInt64
        /// The label and position.
        var labelFeature: UInt64
        /// For a list's candidate: the label and the candidate's score in tenths.
        var priorFeature: UInt64
        /// For a list's candidate: the label, to combine with the next token's class in sports-like documents.
        var sportsPrefix: FeatureHash
        /// Whether the candidate comes from a gazetteer list.
        var isGazetteer: Bool
        /// Where the token sits in the candidate.
        var position: CoverPosition
    }

    /// Where a token sits in a candidate: B(egin), I(nside), L(ast) or U(nit, a one-token candidate).
    enum CoverPosition: UInt8, CaseIterable {
        case begin, inside, last, unit

        /// The token ends its candidate.
        var ends: Bool { self == .last || self == .unit }
        /// The token begins its candidate.
        var begins: Bool { self == .begin || self == .unit }

        /// The name the position is hashed as.
        var name: String {
            switch self {
            case .begin: "B"
            case .inside: "I"
            case .last: "L"
            case .unit: "U"
            }
        }

        /// The position of token `t` in a candidate over `tokens`.
        init(of t: Int, in tokens: Range<Int>) {
            if tokens.count == 1 { self = .unit } else if t == tokens.lowerBound { self = .begin } else if t == tokens.upperBound - 1 { self = .last } else { self = .inside }
        }
    }

    /// The labels the gazetteer gave each single-token key (by hash) in a document, in the order first seen, as
    /// `doc-gaz` features: a token that no candidate covers is described by what the lists said about its key
    /// elsewhere.
    struct DocumentGazetteerLabels {
        /// The first entry of each key.
        private var firstOfKey: HashIndex
        /// Each entry is the feature of a label, linked to the key's next entry (-1: none).
        private var entries: [(feature: UInt64, next: Int32)] = []

        init(capacity: Int) {
            firstOfKey = HashIndex(capacity: capacity)
        }

        /// Adds a label's feature to a key's, unless the key has it already.
        mutating func add(_ feature: UInt64, key: UInt64) {
            let entry = Int32(entries.count)
            if var index = firstOfKey.insert(key, value: entry).map(Int.init) {
                while entries[index].feature != feature, entries[index].next >= 0 { index = Int(entries[index].next) }
                if entries[index].feature == feature { return }
                entries[index].next = entry
            }
            entries.append((feature, -1))
        }

        /// Calls `body` with the feature of each of a key's labels, in the order added (no array is made: most
        /// keys have none).
        func forEachFeature(of key: UInt64, _ body: (UInt64) -> Void) {
            guard let first = firstOfKey.value(for: key) else { return }
            var index = Int(first)
            while index >= 0 {
                body(entries[index].feature)
                index = Int(entries[index].next)
            }
        }
    }

    /// The facts of a document that every token's features read.
    package func context(for document: Document) -> Context {
        let tokens = document.tokens, flags = document.wordListFlags
        let keyHash = document.tokenKeys.hashes
        let sentences = document.sentenceTokenRanges()
        var sentenceOfToken = [Int32](repeating: 0, count: tokens.count)
        var sentenceStart = [Bool](repeating: false, count: tokens.count)
        var allCapsSentence: [Bool] = []
        allCapsSentence.reserveCapacity(sentences.count)
        for (index, range) in sentences.enumerated() {
            for t in range { sentenceOfToken[t] = Int32(index) }
            if let first = range.first { sentenceStart[first] = true }
            allCapsSentence.append(Self.isWrittenInCapitals(tokens[range]))
        }
        // Written in place: a `map` appends one element at a time, checking the capacity each time.
        var capitalized = [Bool](repeating: false, count: tokens.count)
        for t in tokens.indices where tokens[t].isCapitalizedWord { capitalized[t] = true }
        let (covers, coverStart, gazetteerLabels) = makeCovers(of: document, keyHash: keyHash)

        // Numbers are classed for every token (the sports test counts them); other tokens only in and around windows.
        var wordClass = [WordClass](repeating: WordClass(hash: 0, fixed: nil), count: tokens.count)
        var scoreLikeNumbers = 0
        // The text's bytes in place (a native string's are contiguous), not copied into an array per document.
        var text = document.text
        text.withUTF8 { text in
            for t in tokens.indices where tokens[t].kind == .number {
                wordClass[t] = WordClass(hash: Self.numberClass(text[tokens[t].start..<tokens[t].end]), fixed: nil)
                if wordClass[t].hash == parts.scoreLike { scoreLikeNumbers += 1 }
            }
        }
        let windows = self.windows(capitalized: capitalized, coverStart: coverStart, sentenceOfToken: sentenceOfToken, keyHash: keyHash)
        // Word classes are read only by the features of window tokens, about themselves and up to two neighbours
        // on each side.
        var classed = 0
        for window in windows {
            for t in max(classed, window.lowerBound - 2)..<min(tokens.count, window.upperBound + 2) where tokens[t].kind != .number {
                wordClass[t] = self.wordClass(tokens[t], keyHash: keyHash[t], flags: flags[t])
            }
            classed = min(tokens.count, window.upperBound + 2)
        }
        return Context(sentenceOfToken: sentenceOfToken, sentenceStart: sentenceStart, titleCaseSentence: document.titleCaseSentences,
                       allCapsSentence: allCapsSentence, covers: covers, coverStart: coverStart, keyHash: keyHash,
                       gazetteerLabels: gazetteerLabels,
                       capitalizedElsewhere: Self.capitalizedElsewhere(sentences: sentences, sentenceStart: sentenceStart, capitalized: capitalized,
                                                                        keyHash: keyHash),
                       isSportsLike: scoreLikeNumbers >= 3, wordClass: wordClass, capitalized: capitalized, wordListFlags: flags, windows: windows,
                       sentenceEdge: parts.wordClass(.sentenceEdge))
    }

    /// Whether a sentence is written in capitals: two or more cased words, and none of them in lower case (a
    /// one-letter word, "A", may be either).
    private static func isWrittenInCapitals(_ tokens: ArraySlice<Token>) -> Bool {
        var casedWords = 0
        for token in tokens where token.kind == .word && token.shape != .uncased {
            if token.shape != .allCaps && token.end - token.start != 1 { return false }
            casedWords += 1
        }
        return casedWords >= 2
    }

    /// The candidates over each token (flattened, with each token's start) and the labels the gazetteer gave
    /// single-token keys.
    private func makeCovers(of document: Document, keyHash: [UInt64]) -> ([Cover], [Int32], DocumentGazetteerLabels) {
        let candidates = document.candidates
        var coverStart = [Int32](repeating: 0, count: document.tokens.count + 1)
        var singleTokenCandidates = 0
        for c in candidates.indices {
            for t in candidates[c].tokens { coverStart[t + 1] += 1 }
            if candidates[c].tokens.count == 1 { singleTokenCandidates += 1 }
        }
        for t in document.tokens.indices { coverStart[t + 1] += coverStart[t] }
        var gazetteerLabels = DocumentGazetteerLabels(capacity: singleTokenCandidates)
        var covers = [Cover](repeating: Cover(label: 0, candidateFeature: 0, labelFeature: 0, priorFeature: 0, sportsPrefix: templates.sportsGazetteer,
                                              isGazetteer: false, position: .begin),
                             count: Int(coverStart[document.tokens.count]))
        // Where each token's next cover goes (written in place, not by a `map` that appends one at a time).
        var filled = [Int](repeating: 0, count: document.tokens.count)
        for t in filled.indices { filled[t] = Int(coverStart[t]) }
        // Candidates of one list or rule tend to come together: the parts of the last source and label are kept.
        var parts = CandidateParts(source: "", label: EntityLabel(rawValue: ""), features: self)
        for c in candidates.indices {
            parts.update(source: candidates[c].source, label: candidates[c].label, features: self)
            let range = candidates[c].tokens
            let prior = parts.isGazetteer ? parts.priorPrefix.with(Int((candidates[c].score * 10).rounded())).value : 0
            for t in range {
                let position = CoverPosition(of: t, in: range)
                let positionHash = self.parts.hash(of: position)
                covers[filled[t]] = Cover(label: parts.label, candidateFeature: parts.candidatePrefix.with(positionHash).value,
                                          labelFeature: parts.labelPrefix.with(positionHash).value, priorFeature: prior,
                                          sportsPrefix: parts.sportsPrefix, isGazetteer: parts.isGazetteer, position: position)
                filled[t] += 1
            }
            if parts.isGazetteer, range.count == 1 { gazetteerLabels.add(parts.documentFeature, key: keyHash[range.lowerBound]) }
        }
        return (covers, coverStart, gazetteerLabels)
    }

    /// The hashes that a candidate's source and label give its covers.
    private struct CandidateParts {
        private var lastSource: String
        private var lastLabel: String
        /// The source's hash ("gazetteer" for any list).
        private var source: UInt64 = 0
        private(set) var isGazetteer = false
        private(set) var label: UInt64 = 0
        private(set) var labelPrefix: FeatureHash
        private(set) var priorPrefix: FeatureHash
        private(set) var sportsPrefix: FeatureHash
        private(set) var documentFeature: UInt64 = 0
        private(set) var candidatePrefix: FeatureHash

        init(source: String, label: EntityLabel, features: EntityFeatures) {
            lastSource = source
            lastLabel = label.rawValue
            let templates = features.templates
            (labelPrefix, priorPrefix, sportsPrefix, candidatePrefix) = (templates.candidateLabel, templates.gazetteerPrior, templates.sportsGazetteer,
                                                                        templates.candidate)
            setSource(source, features: features)
            setLabel(label, features: features)
            candidatePrefix = templates.candidate.with(self.source).with(self.label)
        }

        /// Makes the parts those of `source` and `label`, unless they are already.
        mutating func update(source: String, label: EntityLabel, features: EntityFeatures) {
            var changed = false
            // Usually the same string as the last (a list's or rule's own), which `==` recognises at once. `==`
            // compares canonical equivalence; equal byte counts also rule out any other spelling but a reordering of
            // combining marks, which no source or label has.
            if label.rawValue != lastLabel || label.rawValue.utf8.count != lastLabel.utf8.count {
                lastLabel = label.rawValue
                setLabel(label, features: features)
                changed = true
            }
            if source != lastSource || source.utf8.count != lastSource.utf8.count {
                lastSource = source
                setSource(source, features: features)
                changed = true
            }
            if changed { candidatePrefix = features.templates.candidate.with(self.source).with(self.label) }
        }

        private mutating func setLabel(_ label: EntityLabel, features: EntityFeatures) {
            let templates = features.templates
            self.label = features.parts.hash(of: label)
            labelPrefix = templates.candidateLabel.with(self.label)
            priorPrefix = templates.gazetteerPrior.with(self.label)
            sportsPrefix = templates.sportsGazetteer.with(self.label)
            documentFeature = templates.documentGazetteer.with(self.label).value
        }

        /// Every list's source is "gazetteer:" and the list's name; all lists share one source hash.
        private mutating func setSource(_ source: String, features: EntityFeatures) {
            isGazetteer = EntityFeatures.isListSource(source)
            self.source = isGazetteer ? features.parts.gazetteer : FeatureHash.of(source)
        }
    }

    /// Whether `source` starts with "gazetteer:", as `hasPrefix` says, but by its bytes in place: the same
    /// answer when the byte after the prefix is ASCII or there is none (no other spelling of those ASCII
    /// characters exists, and an ASCII byte starts a new character after ":"); `hasPrefix` decides the rest.
    static func isListSource(_ source: String) -> Bool {
        let prefix: StaticString = "gazetteer:"
        let answer = prefix.withUTF8Buffer { prefix in
            source.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                guard bytes.starts(with: prefix) else { return false }
                return bytes.count == prefix.count || bytes[prefix.count] < 0x80 ? true : nil
            }
        }
        return (answer ?? nil) ?? source.hasPrefix("gazetteer:")
    }

    /// For each sentence, whether the key of its first token is seen capitalised somewhere other than at the start
    /// of a sentence.
    private static func capitalizedElsewhere(sentences: [Range<Int>], sentenceStart: [Bool], capitalized: [Bool], keyHash: [UInt64]) -> [Bool] {
        // The sentences' first keys are few: each capitalised word inside a sentence is looked up among them.
        var firstKeys = HashIndex(capacity: 4 * sentences.count)  // sparse: most probes find an empty slot
        var firstKeyOfSentence = [Int32](repeating: -1, count: sentences.count)
        for (sentence, range) in sentences.enumerated() {
            guard let first = range.first else { continue }
            firstKeyOfSentence[sentence] = firstKeys.insert(keyHash[first], value: Int32(firstKeys.count)) ?? Int32(firstKeys.count - 1)
        }
        var seenElsewhere = [Bool](repeating: false, count: firstKeys.count)
        for t in capitalized.indices where capitalized[t] && !sentenceStart[t] {
            if let first = firstKeys.value(for: keyHash[t]) { seenElsewhere[Int(first)] = true }
        }
        return firstKeyOfSentence.map { $0 >= 0 && seenElsewhere[Int($0)] }
    }

    /// A token other than a number as context: lower-case words, punctuation and listed words as themselves;
    /// other capitalised words only as their shape (numbers: `numberClass`).
    private func wordClass(_ token: Token, keyHash: UInt64, flags: WordListFlags) -> WordClass {
        switch token.kind {
        case .number:
            preconditionFailure("numbers are classed by numberClass")
        case .punctuation, .symbol:
            return WordClass(hash: keyHash, fixed: nil)
        case .url: return parts.wordClass(.url)
        case .email: return parts.wordClass(.email)
        case .emoji: return parts.wordClass(.emoji)
        case .word, .other:
            if token.shape == .lower || !flags.isDisjoint(with: .listedWords) { return WordClass(hash: keyHash, fixed: nil) }
            return parts.wordClass(FixedWordClass(token.shape))
        }
    }

    /// A number as context: its digit pattern ("0-0", "0.0"), the hash of its bytes with each run of digits
    /// replaced by one "0".
    static func numberClass(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = FeatureHash.offsetBasis
        var last: UInt8?
        for byte in bytes {
            let isDigit: Bool = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            let mapped: UInt8 = isDigit ? UInt8(ascii: "0") : byte
            if mapped == UInt8(ascii: "0"), last == UInt8(ascii: "0") { continue }
            hash = (hash ^ UInt64(mapped)) &* FeatureHash.prime
            last = mapped
        }
        return hash
    }

    /// Token windows worth tagging: runs of capitalised words and candidate tokens, joined across single
    /// connectors ("Bank of England", "Procter & Gamble"). Every other token is outside any entity.
    private func windows(capitalized: [Bool], coverStart: [Int32], sentenceOfToken: [Int32], keyHash: [UInt64]) -> [Range<Int>] {
        let count = capitalized.count
        func eligible(_ t: Int) -> Bool { coverStart[t] != coverStart[t + 1] || capitalized[t] }
        func sameSentence(_ t: Int, as start: Int) -> Bool { t < count && sentenceOfToken[t] == sentenceOfToken[start] }
        var windows: [Range<Int>] = []
        // Room for a window every eighth token: most documents need no more, and then no growing.
        windows.reserveCapacity(count / 8 + 1)
        var t = 0
        while t < count {
            guard eligible(t) else { t += 1; continue }
            let start = t
            var end = t + 1
            while sameSentence(end, as: start) {
                if eligible(end) {
                    end += 1
                } else if sameSentence(end + 1, as: start), eligible(end + 1), connectorHashes.contains(keyHash[end]) {
                    end += 2
                } else {
                    break
                }
            }
            windows.append(start..<end)
            t = end
        }
        return windows
    }
}
