/// The features the entity sequence model sees, token by token. Training and tagging both call this, so they
/// cannot drift.
///
/// No feature names a capitalised word by itself: a capitalised token is described by its shape, suffix, word-list
/// memberships and the gazetteer and rule candidates over it, so a model trained on a licensed corpus carries no
/// names from it. Lower-case words, stop words and key words ("said", "beat", "Ministry") may appear as themselves.
///
/// Every part is hashed once per token (`Context`), and features combine hashes: no strings on the hot path.
package struct EntityFeatures: Sendable {
    package init(words: WordLists) {
        part = Parts()
        template = Templates(part: part)
    }

    /// The template and part hashes, made once per `EntityFeatures` (instance constants, not lazily initialised
    /// globals, so the inner loop reads them without `swift_once` checks).
    private let template: Templates
    private let part: Parts
    private let connectorHashes: HashIndex = {
        var index = HashIndex(capacity: EntityFeatures.connectors.count)
        for connector in EntityFeatures.connectors { index.insert(FeatureHash.of(connector), value: 0) }
        return index
    }()

    /// One candidate over a token, with the features it gives the token (made once per cover, from parts shared
    /// by many covers).
    struct Cover {
        var label: UInt64
        /// The candidate's source (the rule's name, or "gazetteer" for any list), label and position (B, I, L or
        /// U: where the token sits in the candidate).
        var candidateFeature: UInt64
        /// The label and position.
        var labelFeature: UInt64
        /// For a list's candidate: the label and the candidate's score in tenths.
        var priorFeature: UInt64
        /// For a list's candidate: the label, to combine with the next token's class in sports-like documents.
        var sportsPrefix: FeatureHash
        var isGazetteer: Bool
        /// The position as 0 (B), 1 (I), 2 (L) or 3 (U).
        var positionCode: UInt8

        /// The token ends its candidate (L or U).
        var ends: Bool { positionCode >= 2 }
        /// The token begins its candidate (B or U).
        var begins: Bool { positionCode == 0 || positionCode == 3 }
    }

    /// Per-document facts shared by all tokens.
    package struct Context {
        var sentenceOfToken: [Int32]
        var sentenceStart: [Bool]
        var titleCaseSentence: [Bool]
        var allCapsSentence: [Bool]
        /// The candidates over each token, flattened: token t's are `covers[coverStart[t] ..< coverStart[t + 1]]`.
        var covers: [Cover]
        var coverStart: [Int32]
        /// FNV hash of each token's key.
        var keyHash: [UInt64]
        /// Labels the gazetteer gave a key (by hash) elsewhere in the document, in the order first seen: the key's
        /// first is `gazetteerLabels[gazetteerLabelsOfKey[key]]`, and each entry links to the next.
        var gazetteerLabelsOfKey: HashIndex
        /// Each entry is the feature of the label (`doc-gaz` with the label).
        var gazetteerLabels: [(feature: UInt64, next: Int32)]
        /// For each sentence: the key of its first token is seen capitalised somewhere other than at the start of
        /// a sentence.
        var capitalizedElsewhere: [Bool]
        /// Many score-like numbers ("4-28", "1-0"): results, tables and fixtures, where places name teams.
        var isSportsLike: Bool
        /// Hash of each token's class (see `wordClass`), for the tokens of windows and their neighbours.
        var wordClass: [UInt64]
        /// Each token's class as a code of `Parts.fixedClasses`, or 0 when the class is a key's or number's hash.
        var classCode: [UInt8]
        /// Whether each token is a capitalised word (`Token.isCapitalizedWord`).
        var capitalized: [Bool]
        /// The document's `wordListFlags`, read once.
        var wordListFlags: [WordListFlags]
        /// Token windows worth tagging (see `windows(capitalized:coverStart:sentenceOfToken:keyHash:)`).
        var windows: [Range<Int>]
    }

    private struct Templates: Sendable {
        let bias = FeatureHash("bias").value
        let shape = FeatureHash("shape")
        let word = FeatureHash("w")
        let previous1 = FeatureHash("p1"), previous2 = FeatureHash("p2"), next1 = FeatureHash("n1"), next2 = FeatureHash("n2")
        let previousWord = FeatureHash("p1-w"), wordNext = FeatureHash("w-n1")
        let suffix3 = FeatureHash("suffix3")
        let firstName = FeatureHash("first-name").value
        let commonWord = FeatureHash("common-word")
        let stopword = FeatureHash("stopword")
        let titleWord = FeatureHash("title-word").value
        let organizationSuffix = FeatureHash("org-suffix").value
        let organizationPrefix = FeatureHash("org-prefix").value
        let locationSuffix = FeatureHash("loc-suffix").value
        let locationPrefix = FeatureHash("loc-prefix").value
        let sentenceStart = FeatureHash("sentence-start")
        let capitalizedElsewhere = FeatureHash("capitalized-elsewhere").value
        let titleCase = FeatureHash("title-case")
        let allCaps = FeatureHash("all-caps")
        let candidate = FeatureHash("cand")
        let candidateLabel = FeatureHash("cand-label")
        let gazetteerPrior = FeatureHash("gaz-prior")
        let sportsGazetteer = FeatureHash("sports-gaz")
        let candidateJoin = FeatureHash("cand-join")
        let documentGazetteer = FeatureHash("doc-gaz")
        let sports = FeatureHash("sports")

        /// Every feature that does not depend on the document, made once, in blocks: the template-only features
        /// (`bias` … `capitalizedElsewhere`); `commonWord` with (start, inside) × (candidate, bare); `shape`,
        /// `stopword`, `sentenceStart`, `titleCase` and `allCaps` with each shape code (`shapeCode * 16 +
        /// kindCode`); `word`, `previous1`, `previous2`, `next1` and `next2` with each of `Parts.fixedClasses`;
        /// `previousWord` and `wordNext` with two fixed classes. A tagger looks each one up in its model once.
        let fixed: [UInt64]
        static let shapeCodes = 6 * 16
        static let commonWordsBlock = 8
        static let shapeBlocks = commonWordsBlock + 4
        static let classBlocks = shapeBlocks + 5 * shapeCodes
        static let pairBlocks = classBlocks + 5 * Parts.classCodes
        /// `sports` with each shape code, to combine further.
        let sportsByShape: [FeatureHash]
        /// `previousWord` and `wordNext` combined with one fixed class (one block each), to combine further.
        let pairPrefixes: [FeatureHash]

        init(part: Parts) {
            var fixed = [bias, firstName, titleWord, organizationSuffix, organizationPrefix, locationSuffix, locationPrefix, capitalizedElsewhere]
            fixed += [commonWord.with(part.start).with(part.candidate).value, commonWord.with(part.start).with(part.bare).value,
                      commonWord.with(part.inside).with(part.candidate).value, commonWord.with(part.inside).with(part.bare).value]
            for template in [shape, stopword, sentenceStart, titleCase, allCaps] {
                for code in 0..<Self.shapeCodes { fixed.append(template.with(UInt64(code)).value) }
            }
            let classes = part.fixedClasses
            fixed += [word, previous1, previous2, next1, next2].flatMap { template in classes.map { template.with($0).value } }
            pairPrefixes = [previousWord, wordNext].flatMap { template in classes.map { template.with($0) } }
            fixed += pairPrefixes.flatMap { prefix in classes.map { prefix.with($0).value } }
            self.fixed = fixed
            let sports = sports
            sportsByShape = (0..<Self.shapeCodes).map { sports.with(UInt64($0)) }
        }
    }

    private struct Parts: Sendable {
        let sentenceEdge = FeatureHash.of("<s>")
        let gazetteer = FeatureHash.of("gazetteer")
        /// B, I, L, U: where a token sits in a candidate.
        let positions = (FeatureHash.of("B"), FeatureHash.of("I"), FeatureHash.of("L"), FeatureHash.of("U"))
        let scoreLike = FeatureHash.of("0-0")
        let start = FeatureHash.of("start"), inside = FeatureHash.of("inside")
        let bare = FeatureHash.of("bare"), candidate = FeatureHash.of("candidate")
        let url = FeatureHash.of("<url>"), email = FeatureHash.of("<email>"), emoji = FeatureHash.of("<emoji>")
        let capitalized = Parts.shape(.capitalized), allCaps = Parts.shape(.allCaps), lower = Parts.shape(.lower)
        let mixed = Parts.shape(.mixed), hasDigit = Parts.shape(.hasDigit), uncased = Parts.shape(.uncased)

        private static func shape(_ shape: TokenShape) -> UInt64 { FeatureHash.of("<\(shape.rawValue)>") }

        /// The classes that are neither a key's nor a number's hash, by code (code 0 stands for those, so its
        /// entry is never used).
        let fixedClasses: [UInt64] = [0, FeatureHash.of("<s>")]
            + [TokenShape.capitalized, .allCaps, .lower, .mixed, .hasDigit, .uncased].map(Parts.shape)
            + [FeatureHash.of("<url>"), FeatureHash.of("<email>"), FeatureHash.of("<emoji>")]
        static let classCodes = 11
        static let sentenceEdgeCode = 1
        static let urlCode: UInt8 = 8, emailCode: UInt8 = 9, emojiCode: UInt8 = 10

        static func classCode(_ shape: TokenShape) -> UInt8 {
            switch shape {
            case .capitalized: 2
            case .allCaps: 3
            case .lower: 4
            case .mixed: 5
            case .hasDigit: 6
            case .uncased: 7
            }
        }

        func shape(_ shape: TokenShape) -> UInt64 {
            switch shape {
            case .capitalized: capitalized
            case .allCaps: allCaps
            case .lower: lower
            case .mixed: mixed
            case .hasDigit: hasDigit
            case .uncased: uncased
            }
        }

        func position(_ code: Int) -> UInt64 {
            switch code {
            case 0: positions.0
            case 1: positions.1
            case 2: positions.2
            default: positions.3
            }
        }
        /// The labels' hashes, so that candidates of the usual labels need no hashing.
        let person = FeatureHash.of(EntityLabel.person.rawValue)
        let organization = FeatureHash.of(EntityLabel.organization.rawValue)
        let location = FeatureHash.of(EntityLabel.location.rawValue)

        func label(_ label: EntityLabel) -> UInt64 {
            if label == .person { return person }
            if label == .organization { return organization }
            if label == .location { return location }
            return FeatureHash.of(label.rawValue)
        }
    }

    package func context(for document: Document) -> Context {
        let tokens = document.tokens, flags = document.wordListFlags
        let tokenCount = tokens.count
        var sentenceOfToken = [Int32](repeating: 0, count: tokenCount)
        var sentenceStart = [Bool](repeating: false, count: tokenCount)
        var allCaps: [Bool] = []
        allCaps.reserveCapacity(document.sentences.count)
        // The first token of each sentence that has one, in order.
        var firstTokens: [Int] = []
        firstTokens.reserveCapacity(document.sentences.count)
        tokens.withUnsafeBufferPointer { tokens in
            sentenceOfToken.withUnsafeMutableBufferPointer { sentenceOfToken in
                for (index, range) in document.sentenceTokenRanges().enumerated() {
                    // Counted without branches on each token's kind and shape (they would mispredict).
                    var cased = 0, lowered = 0
                    for t in range {
                        sentenceOfToken[t] = Int32(index)
                        let isCased = tokens[t].kind == .word ? (tokens[t].shape != .uncased ? 1 : 0) : 0
                        let isLowered = tokens[t].shape != .allCaps ? (tokens[t].end - tokens[t].start != 1 ? 1 : 0) : 0
                        cased &+= isCased
                        lowered |= isCased & isLowered
                    }
                    let upper = lowered == 0
                    if let first = range.first {
                        sentenceStart[first] = true
                        firstTokens.append(first)
                    }
                    allCaps.append(cased >= 2 && upper)
                }
            }
        }
        let keyHash = document.tokenKeys.hashes
        var coverStart = [Int32](repeating: 0, count: tokenCount + 1)
        var covers: [Cover] = []
        var gazetteerLabelsOfKey = HashIndex()
        var gazetteerLabels: [(feature: UInt64, next: Int32)] = []
        document.candidates.withUnsafeBufferPointer { candidates in
            coverStart.withUnsafeMutableBufferPointer { coverStart in
                var singleTokenCandidates = 0
                for c in candidates.indices {
                    for t in candidates[c].tokens { coverStart[t + 1] += 1 }
                    if candidates[c].tokens.count == 1 { singleTokenCandidates += 1 }
                }
                for t in 0..<tokenCount { coverStart[t + 1] += coverStart[t] }
                gazetteerLabelsOfKey = HashIndex(capacity: singleTokenCandidates)
                var filled = [Int32](coverStart[0..<tokenCount])
                let t = template
                covers = [Cover](repeating: Cover(label: 0, candidateFeature: 0, labelFeature: 0, priorFeature: 0, sportsPrefix: t.sportsGazetteer,
                                                  isGazetteer: false, positionCode: 0),
                                 count: Int(coverStart[tokenCount]))
                // Candidates of one list or rule tend to come together: the features' parts for the last source and
                // label are kept.
                var lastSource = "", (source, isGazetteer) = Self.sourceHash(lastSource, gazetteer: part.gazetteer)
                var lastLabel = EntityLabel(rawValue: ""), label = part.label(lastLabel)
                var labelPrefix = t.candidateLabel.with(label), priorPrefix = t.gazetteerPrior.with(label)
                var sportsPrefix = t.sportsGazetteer.with(label), documentFeature = t.documentGazetteer.with(label).value
                var candidatePrefix = t.candidate.with(source).with(label)
                covers.withUnsafeMutableBufferPointer { covers in
                    for c in candidates.indices {
                        let range = candidates[c].tokens
                        var changed = false
                        if !Self.sameBytes(candidates[c].label.rawValue, lastLabel.rawValue) {
                            lastLabel = candidates[c].label
                            label = part.label(lastLabel)
                            labelPrefix = t.candidateLabel.with(label)
                            priorPrefix = t.gazetteerPrior.with(label)
                            sportsPrefix = t.sportsGazetteer.with(label)
                            documentFeature = t.documentGazetteer.with(label).value
                            changed = true
                        }
                        if !Self.sameBytes(candidates[c].source, lastSource) {
                            lastSource = candidates[c].source
                            (source, isGazetteer) = Self.sourceHash(lastSource, gazetteer: part.gazetteer)
                            changed = true
                        }
                        if changed { candidatePrefix = t.candidate.with(source).with(label) }
                        let prior = isGazetteer ? priorPrefix.with(Int((candidates[c].score * 10).rounded())).value : 0
                        for token in range {
                            let position = range.count == 1 ? 3 : token == range.lowerBound ? 0 : token == range.upperBound - 1 ? 2 : 1
                            let positionHash = part.position(position)
                            covers[Int(filled[token])] = Cover(label: label, candidateFeature: candidatePrefix.with(positionHash).value,
                                                               labelFeature: labelPrefix.with(positionHash).value, priorFeature: prior,
                                                               sportsPrefix: sportsPrefix, isGazetteer: isGazetteer, positionCode: UInt8(position))
                            filled[token] += 1
                        }
                        if isGazetteer, range.count == 1 {
                            let key = keyHash[range.lowerBound]
                            let entry = Int32(gazetteerLabels.count)
                            if var index = gazetteerLabelsOfKey.insert(key, value: entry) {
                                // The key has labels already: append this one unless it is among them.
                                while gazetteerLabels[Int(index)].feature != documentFeature, gazetteerLabels[Int(index)].next >= 0 {
                                    index = gazetteerLabels[Int(index)].next
                                }
                                if gazetteerLabels[Int(index)].feature == documentFeature { continue }
                                gazetteerLabels[Int(index)].next = entry
                            }
                            gazetteerLabels.append((documentFeature, -1))
                        }
                    }
                }
            }
        }
        // The keys of sentences' first tokens (few): each capitalised word inside a sentence is looked up there,
        // instead of collecting every such word's key.
        let sentenceCount = allCaps.count
        var firstKeys = HashIndex(capacity: 4 * sentenceCount)  // sparse: most probes find an empty slot
        var firstKeyOfSentence = [Int32](repeating: -1, count: sentenceCount)
        for t in firstTokens {
            let key = keyHash[t]
            let index = firstKeys.insert(key, value: Int32(firstKeys.count)) ?? Int32(firstKeys.count - 1)
            firstKeyOfSentence[Int(sentenceOfToken[t])] = index
        }
        var keySeenElsewhere = [Bool](repeating: false, count: firstKeys.count)
        var scoreLike = 0
        var wordClass = [UInt64](repeating: 0, count: tokenCount)
        // Whether each token is a capitalised word (`Token.isCapitalizedWord`).
        var capitalized = [Bool](repeating: false, count: tokenCount)
        var text = document.text
        text.withUTF8 { bytes in
            tokens.withUnsafeBufferPointer { tokens in
                keyHash.withUnsafeBufferPointer { keyHash in
                    sentenceStart.withUnsafeBufferPointer { sentenceStart in
                        wordClass.withUnsafeMutableBufferPointer { wordClass in
                            capitalized.withUnsafeMutableBufferPointer { capitalized in
                                // Only capitalised words and numbers matter below: they are picked out first, without
                                // branches (a branch on each token's kind and shape would mispredict).
                                let picked = UnsafeMutablePointer<Int32>.allocate(capacity: tokenCount)
                                defer { picked.deallocate() }
                                var pickedCount = 0
                                for t in 0..<tokenCount {
                                    picked[pickedCount] = Int32(truncatingIfNeeded: t)
                                    // `Token.isCapitalizedWord`, in arithmetic (`&&` and `||` would branch).
                                    let kind = tokens[t].kind, shape = tokens[t].shape
                                    let upperShape = (shape == .capitalized ? 1 : 0) | (shape == .allCaps ? 1 : 0) | (shape == .mixed ? 1 : 0)
                                    let isCapitalized = (kind == .word ? 1 : 0) & upperShape
                                    capitalized[t] = isCapitalized != 0
                                    pickedCount &+= isCapitalized | (kind == .number ? 1 : 0)
                                }
                                for t in UnsafeBufferPointer(start: picked, count: pickedCount).lazy.map(Int.init) {
                                    let token = tokens[t]
                                    if token.kind == .number {
                                        wordClass[t] = numberClass(UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]))
                                        if wordClass[t] == part.scoreLike { scoreLike += 1 }
                                    } else if !sentenceStart[t], let first = firstKeys.value(for: keyHash[t]) {
                                        keySeenElsewhere[Int(first)] = true
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var context = Context(sentenceOfToken: sentenceOfToken, sentenceStart: sentenceStart, titleCaseSentence: document.titleCaseSentences,
                              allCapsSentence: allCaps, covers: covers, coverStart: coverStart, keyHash: keyHash,
                              gazetteerLabelsOfKey: gazetteerLabelsOfKey, gazetteerLabels: gazetteerLabels,
                              capitalizedElsewhere: firstKeyOfSentence.map { $0 >= 0 && keySeenElsewhere[Int($0)] },
                              isSportsLike: scoreLike >= 3, wordClass: [], classCode: [], capitalized: capitalized, wordListFlags: flags, windows: [])
        context.windows = windows(capitalized: capitalized, coverStart: context.coverStart, sentenceOfToken: context.sentenceOfToken, keyHash: keyHash)
        // Word classes are read only by the features of window tokens, about themselves and up to two neighbours
        // on each side: the other tokens' classes are never made (numbers' are, above, for `isSportsLike`).
        var classCode = [UInt8](repeating: 0, count: tokenCount)
        tokens.withUnsafeBufferPointer { tokens in
            flags.withUnsafeBufferPointer { flags in
                keyHash.withUnsafeBufferPointer { keyHash in
                    wordClass.withUnsafeMutableBufferPointer { wordClass in
                        classCode.withUnsafeMutableBufferPointer { classCode in
                            var done = 0
                            for window in context.windows {
                                for t in max(done, window.lowerBound - 2)..<min(tokenCount, window.upperBound + 2) where tokens[t].kind != .number {
                                    (wordClass[t], classCode[t]) = self.wordClass(tokens[t], keyHash: keyHash[t], flags: flags[t])
                                }
                                done = min(tokenCount, window.upperBound + 2)
                            }
                        }
                    }
                }
            }
        }
        context.wordClass = wordClass
        context.classCode = classCode
        return context
    }

    /// Whether two strings have the same UTF-8 bytes (`==` compares canonical equivalence, which is not enough
    /// here); the same string object is recognised without reading it.
    @inline(__always)
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        if unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self) { return true }
        return a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    /// The hash of a candidate's source as a feature part ("gazetteer" for every list), and whether it is a list.
    private static func sourceHash(_ source: String, gazetteer: UInt64) -> (UInt64, Bool) {
        var source = source
        return source.withUTF8 { bytes in
            let prefix: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0x67, 0x61, 0x7A, 0x65, 0x74, 0x74, 0x65, 0x65, 0x72, 0x3A)  // "gazetteer:"
            let isList = bytes.count >= 10 && bytes[0] == prefix.0 && bytes[1] == prefix.1 && bytes[2] == prefix.2
                && bytes[3] == prefix.3 && bytes[4] == prefix.4 && bytes[5] == prefix.5 && bytes[6] == prefix.6
                && bytes[7] == prefix.7 && bytes[8] == prefix.8 && bytes[9] == prefix.9
            if isList {
                // A non-ASCII byte after the colon might join it into one Character, which `hasPrefix` would
                // not match: let `hasPrefix` decide then.
                if bytes.count == 10 || bytes[10] < 0x80 { return (gazetteer, true) }
                if String(decoding: bytes, as: UTF8.self).hasPrefix("gazetteer:") { return (gazetteer, true) }
            }
            var hash = FeatureHash.offsetBasis
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= FeatureHash.prime
            }
            return (hash, false)
        }
    }

    /// A token other than a number as context: lower-case words, punctuation and listed words as themselves;
    /// other capitalised words only as their shape (numbers: `numberClass`). With the class's code (see
    /// `Context.classCode`).
    private func wordClass(_ token: Token, keyHash: UInt64, flags: WordListFlags) -> (UInt64, UInt8) {
        switch token.kind {
        case .number:
            preconditionFailure("numbers are classed by numberClass")
        case .punctuation, .symbol:
            return (keyHash, 0)
        case .url: return (part.url, Parts.urlCode)
        case .email: return (part.email, Parts.emailCode)
        case .emoji: return (part.emoji, Parts.emojiCode)
        case .word, .other:
            if token.shape == .lower || !flags.isDisjoint(with: .listedWords) { return (keyHash, 0) }
            return (part.shape(token.shape), Parts.classCode(token.shape))
        }
    }

    /// A number as context: its digit pattern ("0-0", "0.0"), the hash of its bytes with each run of digits
    /// replaced by one "0".
    private func numberClass(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FeatureHash.offsetBasis
        var last: UInt8?
        for byte in bytes {
            let mapped: UInt8 = byte >= 48 && byte <= 57 ? UInt8(ascii: "0") : byte
            if mapped == UInt8(ascii: "0"), last == UInt8(ascii: "0") { continue }
            hash ^= UInt64(mapped)
            hash &*= FeatureHash.prime
            last = mapped
        }
        return hash
    }

    @inline(__always)
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

    @inline(__always)
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
    package func features(at i: Int, in document: Document, context c: Context, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        addFeatures(at: i, in: document, context: c, to: &out)
    }

    /// Every feature that does not depend on the document (see `EntityFeatureSink.add(_:fixed:)`).
    var fixedFeatures: [UInt64] { template.fixed }

    /// The hashed features of token `i`, handed to `sink` one by one in a fixed order.
    @inline(__always)
    func addFeatures<Sink: EntityFeatureSink>(at i: Int, in document: Document, context c: Context, to out: inout Sink) {
        let t = template, part = part
        let tokens = document.tokens
        let token = tokens[i]
        let sentence = c.sentenceOfToken[i]
        // A class is its hash and its code; features of fixed classes are looked up, not hashed.
        @inline(__always) func neighbour(_ j: Int) -> (UInt64, Int) {
            j >= 0 && j < tokens.count && c.sentenceOfToken[j] == sentence
                ? (c.wordClass[j], Int(c.classCode[j])) : (part.sentenceEdge, Parts.sentenceEdgeCode)
        }
        @inline(__always) func fixed(_ index: Int) { out.add(t.fixed[index], fixed: index) }
        @inline(__always) func single(_ template: FeatureHash, block: Int, _ wordClass: (UInt64, Int)) {
            if wordClass.1 != 0 { return fixed(Templates.classBlocks + block * Parts.classCodes + wordClass.1) }
            out.add(template.with(wordClass.0).value)
        }
        @inline(__always) func pair(_ template: FeatureHash, block: Int, _ a: (UInt64, Int), _ b: (UInt64, Int)) {
            if a.1 == 0 { return out.add(template.with(a.0).with(b.0).value) }
            if b.1 != 0 { return fixed(Templates.pairBlocks + (block * Parts.classCodes + a.1) * Parts.classCodes + b.1) }
            out.add(t.pairPrefixes[block * Parts.classCodes + a.1].with(b.0).value)
        }
        let shape = Self.shapeCode(token.shape) * 16 + Self.kindCode(token.kind)
        @inline(__always) func byShape(_ block: Int) { fixed(Templates.shapeBlocks + block * Templates.shapeCodes + shape) }
        let here = (c.wordClass[i], Int(c.classCode[i])), before = neighbour(i - 1), after = neighbour(i + 1)

        fixed(0)  // bias
        byShape(0)
        single(t.word, block: 0, here)
        single(t.previous1, block: 1, before)
        single(t.previous2, block: 2, neighbour(i - 2))
        single(t.next1, block: 3, after)
        single(t.next2, block: 4, neighbour(i + 2))
        pair(t.previousWord, block: 0, before, here)
        pair(t.wordNext, block: 1, here, after)
        let isCapitalized = c.capitalized[i]
        if isCapitalized {
            let key = document.tokenKeys.keys[i].utf8
            if key.count >= 4 {
                // The hash of the key's last three bytes.
                let suffix = key.withContiguousStorageIfAvailable { bytes in
                    let n = bytes.count
                    return ((((FeatureHash.offsetBasis ^ UInt64(bytes[n - 3])) &* FeatureHash.prime) ^ UInt64(bytes[n - 2])) &* FeatureHash.prime
                            ^ UInt64(bytes[n - 1])) &* FeatureHash.prime
                } ?? FeatureHash.of(key.suffix(3))
                out.add(t.suffix3.with(suffix).value)
            }
        }
        let flags = c.wordListFlags[i]
        let start = c.sentenceStart[i]
        let covered = c.coverStart[i] != c.coverStart[i + 1]
        if flags.contains(.firstName) { fixed(1) }
        if isCapitalized, flags.contains(.commonWord) { fixed(Templates.commonWordsBlock + (start ? 0 : 2) + (covered ? 0 : 1)) }
        if flags.contains(.stopword) { byShape(1) }
        if flags.contains(.titleWord) { fixed(2) }
        if flags.contains(.organizationSuffix) { fixed(3) }
        if flags.contains(.organizationPrefix) { fixed(4) }
        if flags.contains(.locationSuffix) { fixed(5) }
        if flags.contains(.locationPrefix) { fixed(6) }
        if start {
            byShape(2)
            if c.capitalizedElsewhere[Int(sentence)] { fixed(7) }
        }
        if c.titleCaseSentence[Int(sentence)] { byShape(3) }
        if c.allCapsSentence[Int(sentence)] { byShape(4) }
        if covered {
            c.covers.withUnsafeBufferPointer { covers in
                let here = Int(c.coverStart[i])..<Int(c.coverStart[i + 1])
                for index in here {
                    let cover = covers[index]
                    out.add(cover.candidateFeature)
                    out.add(cover.labelFeature)
                    if cover.isGazetteer {
                        out.add(cover.priorFeature)
                        if c.isSportsLike { out.add(cover.sportsPrefix.with(after.0).value) }
                    }
                }
                // Where one candidate ends and another begins ("… Asian Lite News Britain faces …"): usually two names.
                if i > 0, c.sentenceOfToken[i - 1] == sentence {
                    for previous in Int(c.coverStart[i - 1])..<here.lowerBound where covers[previous].ends {
                        for index in here where covers[index].begins {
                            out.add(t.candidateJoin.with(covers[previous].label).with(covers[index].label).value)
                        }
                    }
                }
            }
        } else if let first = c.gazetteerLabelsOfKey.value(for: c.keyHash[i]) {
            var index = Int(first)
            while index >= 0 {
                out.add(c.gazetteerLabels[index].feature)
                index = Int(c.gazetteerLabels[index].next)
            }
        }
        if c.isSportsLike { out.add(t.sportsByShape[shape].with(after.0).value) }
    }

    /// The document's token windows worth tagging (made with its context).
    package func windows(in document: Document, context c: Context) -> [Range<Int>] { c.windows }

    /// Token windows worth tagging: runs of capitalised words, uncased words and candidate tokens, joined across
    /// single connectors ("Bank of England", "Procter & Gamble"). Every other token is outside any entity.
    private func windows(capitalized: [Bool], coverStart: [Int32], sentenceOfToken: [Int32], keyHash: [UInt64]) -> [Range<Int>] {
        let count = capitalized.count
        var windows: [Range<Int>] = []
        capitalized.withUnsafeBufferPointer { capitalized in
            coverStart.withUnsafeBufferPointer { coverStart in
                sentenceOfToken.withUnsafeBufferPointer { sentenceOfToken in
                    @inline(__always) func eligible(_ t: Int) -> Bool {
                        coverStart[t] != coverStart[t + 1] || capitalized[t]
                    }
                    var t = 0
                    while t < count {
                        guard eligible(t) else { t += 1; continue }
                        let start = t
                        let sentence = sentenceOfToken[start]
                        var end = t + 1
                        while end < count, sentenceOfToken[end] == sentence {
                            if eligible(end) { end += 1; continue }
                            if end + 1 < count, sentenceOfToken[end + 1] == sentence, eligible(end + 1),
                               connectorHashes.contains(keyHash[end]) {
                                end += 2
                                continue
                            }
                            break
                        }
                        windows.append(start..<end)
                        t = end
                    }
                }
            }
        }
        return windows
    }

    static let connectors: Set<String> = ["of", "and", "&", "-", "'s", "de", "del", "der", "van", "von", "da", "di", "du", "la", "le", "el", "al", "for", "the", "on", "y", "/"]
}

/// Receives a token's features in order (an array for training, the model's weight sums for tagging).
protocol EntityFeatureSink {
    mutating func add(_ feature: UInt64)
    /// A feature that does not depend on the document: `EntityFeatures.fixedFeatures[index]`.
    mutating func add(_ feature: UInt64, fixed index: Int)
}

extension Array: EntityFeatureSink where Element == UInt64 {
    @inline(__always)
    mutating func add(_ feature: UInt64) { append(feature) }

    @inline(__always)
    mutating func add(_ feature: UInt64, fixed index: Int) { append(feature) }
}
