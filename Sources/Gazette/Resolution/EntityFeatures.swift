/// The features the entity sequence model sees, token by token. Training and tagging both call this, so they
/// cannot drift.
///
/// No feature names a capitalised word by itself: a capitalised token is described by its shape, suffix, word-list
/// memberships and the gazetteer and rule candidates over it, so a model trained on a licensed corpus carries no
/// names from it. Lower-case words, stop words and key words ("said", "beat", "Ministry") may appear as themselves.
///
/// Every part is hashed once per token (`Context`), and features combine hashes: no strings on the hot path.
/// Features that do not depend on the document are `FixedFeature`s, made once.
package struct EntityFeatures: Sendable {
    /// The template and part hashes, made once per `EntityFeatures` (instance constants, not lazily initialised
    /// globals, so the inner loop reads them without `swift_once` checks).
    let templates = Templates()
    let parts = Parts()
    /// Every feature that does not depend on the document, each at its `FixedFeature.index`.
    let fixedFeatures: [UInt64]
    /// The hashes of `connectors`.
    let connectorHashes: HashIndex

    package init() {
        let templates = self.templates, parts = self.parts
        var fixed = [UInt64](repeating: 0, count: FixedFeature.count)
        for (feature, hash) in templates.fixedFeatureHashes(parts: parts) { fixed[feature.index] = hash }
        fixedFeatures = fixed
        var connectorHashes = HashIndex(capacity: Self.connectors.count)
        for connector in Self.connectors { connectorHashes.insert(FeatureHash.of(connector), value: 0) }
        self.connectorHashes = connectorHashes
    }

    /// Words that join two capitalised runs into one window: "Bank of England", "Procter & Gamble", "Ludwig van
    /// Beethoven".
    static let connectors: Set<String> = otherConnectors.union(NameParticles.joiningWindows)
    private static let otherConnectors: Set<String> = ["of", "and", "&", "-", "'s", "for", "the", "on", "/"]

    /// The hashed features of token `i`.
    package func features(at i: Int, in document: Document, context: Context, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        addFeatures(at: i, in: document, context: context, to: &out)
    }

    /// The hashed features of token `i`, handed to `sink` one by one in a fixed order (the order sums the model's
    /// weights in, so it is part of the model).
    func addFeatures<Sink: EntityFeatureSink>(at i: Int, in document: Document, context c: Context, to sink: inout Sink) {
        let token = document.tokens[i]
        let sentence = Int(c.sentenceOfToken[i])
        let form = TokenForm(token)
        // The helpers are inlined: called a dozen times per token, as calls they cost a sixth of the features' work.
        @inline(__always) func add(_ feature: FixedFeature) {
            let index = feature.index
            sink.add(fixedFeatures[index], fixed: index)
        }
        @inline(__always) func add(_ template: ClassTemplate, _ wordClass: WordClass) {
            if let fixed = wordClass.fixed { return add(.byClass(template, fixed)) }
            sink.add(templates.hash(of: template).with(wordClass.hash).value)
        }
        @inline(__always) func add(_ template: PairTemplate, _ first: WordClass, _ second: WordClass) {
            guard let a = first.fixed else { return sink.add(templates.hash(of: template).with(first.hash).with(second.hash).value) }
            if let b = second.fixed { return add(.pair(template, a, b)) }
            sink.add(templates.pairPrefix(template, a).with(second.hash).value)
        }
        let here = c.wordClass[i], before = c.neighbour(i - 1, of: i), after = c.neighbour(i + 1, of: i)

        add(.bias)
        add(.byShape(.shape, form))
        add(.word, here)
        add(.previous1, before)
        add(.previous2, c.neighbour(i - 2, of: i))
        add(.next1, after)
        add(.next2, c.neighbour(i + 2, of: i))
        add(.previousWord, before, here)
        add(.wordNext, here, after)
        let isCapitalized = c.capitalized[i]
        if isCapitalized {
            let key = document.tokenKeys.keys[i].utf8
            if key.count >= 4 { sink.add(templates.suffix3.with(KeySuffixHash.lastThreeBytes(of: key)).value) }
        }
        let flags = c.wordListFlags[i]
        let atSentenceStart = c.sentenceStart[i]
        // Indices, not a slice: a slice would retain the covers for each token.
        let covers = c.coverIndices(of: i)
        if flags.contains(.firstName) { add(.firstName) }
        if isCapitalized, flags.contains(.commonWord) { add(.commonWord(atSentenceStart: atSentenceStart, covered: !covers.isEmpty)) }
        if flags.contains(.stopword) { add(.byShape(.stopword, form)) }
        if flags.contains(.titleWord) { add(.titleWord) }
        if flags.contains(.organizationSuffix) { add(.organizationSuffix) }
        if flags.contains(.organizationPrefix) { add(.organizationPrefix) }
        if flags.contains(.locationSuffix) { add(.locationSuffix) }
        if flags.contains(.locationPrefix) { add(.locationPrefix) }
        if atSentenceStart {
            add(.byShape(.sentenceStart, form))
            if c.capitalizedElsewhere[sentence] { add(.capitalizedElsewhere) }
        }
        if c.titleCaseSentence[sentence] { add(.byShape(.titleCase, form)) }
        if c.allCapsSentence[sentence] { add(.byShape(.allCaps, form)) }
        if !covers.isEmpty {
            for index in covers {
                let cover = c.covers[index]
                sink.add(cover.candidateFeature)
                sink.add(cover.labelFeature)
                if cover.isGazetteer {
                    sink.add(cover.priorFeature)
                    if c.isSportsLike { sink.add(cover.sportsPrefix.with(after.hash).value) }
                }
            }
            // Where one candidate ends and another begins ("… Asian Lite News Britain faces …"): usually two names.
            if i > 0, Int(c.sentenceOfToken[i - 1]) == sentence {
                for previous in c.coverIndices(of: i - 1) where c.covers[previous].position.ends {
                    for index in covers where c.covers[index].position.begins {
                        sink.add(templates.candidateJoin.with(c.covers[previous].label).with(c.covers[index].label).value)
                    }
                }
            }
        } else {
            c.gazetteerLabels.forEachFeature(of: c.keyHash[i]) { sink.add($0) }
        }
        if c.isSportsLike { sink.add(templates.sports.with(UInt64(form.code)).with(after.hash).value) }
    }

    /// The document's token windows worth tagging (made with its context).
    package func windows(in document: Document, context: Context) -> [Range<Int>] { context.windows }
}

/// Receives a token's features in order (an array for training, the model's weight rows for tagging).
protocol EntityFeatureSink {
    /// A feature that depends on the document.
    mutating func add(_ feature: UInt64)
    /// A feature that does not depend on the document: `EntityFeatures.fixedFeatures[index]`.
    mutating func add(_ feature: UInt64, fixed index: Int)
}

extension Array: EntityFeatureSink where Element == UInt64 {
    mutating func add(_ feature: UInt64) { append(feature) }

    mutating func add(_ feature: UInt64, fixed index: Int) { append(feature) }
}

// MARK: - Features by name

/// A feature that does not depend on the document, as its place in `EntityFeatures.fixedFeatures` (which holds its
/// hash there), so that a tagger looks each one up in its model once, not once per token. A place, not an enum of
/// cases: every token adds a dozen of these, and the place is then plain arithmetic the compiler folds.
struct FixedFeature: Equatable {
    /// The feature's place in `EntityFeatures.fixedFeatures`.
    let index: Int

    /// Every token has it.
    static var bias: FixedFeature { FixedFeature(index: 0) }
    /// The token's key is a given name (`WordListFlags.firstName`).
    static var firstName: FixedFeature { FixedFeature(index: 1) }
    /// The token's key is a title by itself ("president").
    static var titleWord: FixedFeature { FixedFeature(index: 2) }
    /// The token's key ends organisation names ("Department").
    static var organizationSuffix: FixedFeature { FixedFeature(index: 3) }
    /// The token's key starts organisation names ("Ministry").
    static var organizationPrefix: FixedFeature { FixedFeature(index: 4) }
    /// The token's key ends place names ("River").
    static var locationSuffix: FixedFeature { FixedFeature(index: 5) }
    /// The token's key starts place names ("Mount").
    static var locationPrefix: FixedFeature { FixedFeature(index: 6) }
    /// A sentence's first token whose key is seen capitalised elsewhere in the document, not at a sentence start.
    static var capitalizedElsewhere: FixedFeature { FixedFeature(index: 7) }

    /// A capitalised common word, at a sentence start or not, with a candidate over it or bare.
    static func commonWord(atSentenceStart: Bool, covered: Bool) -> FixedFeature {
        FixedFeature(index: commonWordBlock + (atSentenceStart ? 0 : 2) + (covered ? 0 : 1))
    }

    /// A template with the token's shape and kind.
    static func byShape(_ template: ShapeTemplate, _ form: TokenForm) -> FixedFeature {
        FixedFeature(index: shapeBlock + template.rawValue * TokenForm.codeCount + form.code)
    }

    /// A template with the class of the token or a neighbour, where that class is a fixed one.
    static func byClass(_ template: ClassTemplate, _ wordClass: FixedWordClass) -> FixedFeature {
        FixedFeature(index: classBlock + template.rawValue * FixedWordClass.codeCount + Int(wordClass.rawValue))
    }

    /// A template with two neighbouring classes, both fixed.
    static func pair(_ template: PairTemplate, _ first: FixedWordClass, _ second: FixedWordClass) -> FixedFeature {
        FixedFeature(index: pairBlock + (template.rawValue * FixedWordClass.codeCount + Int(first.rawValue)) * FixedWordClass.codeCount
            + Int(second.rawValue))
    }

    private static var commonWordBlock: Int { 8 }
    private static var shapeBlock: Int { commonWordBlock + 4 }
    private static var classBlock: Int { shapeBlock + 5 * TokenForm.codeCount }  // 5 shape templates
    private static var pairBlock: Int { classBlock + 5 * FixedWordClass.codeCount }  // 5 class templates
    /// The number of places in `EntityFeatures.fixedFeatures` (some, of impossible combinations, are unused).
    static var count: Int { pairBlock + 2 * FixedWordClass.codeCount * FixedWordClass.codeCount }  // 2 pair templates

    /// Every fixed feature that can occur.
    static var all: [FixedFeature] {
        EntityFeatures.Templates().fixedFeatureHashes(parts: EntityFeatures.Parts()).map(\.feature)
    }
}

/// The templates combined with a token's shape and kind (`TokenForm`).
enum ShapeTemplate: Int, CaseIterable {
    /// Every token.
    case shape
    /// A stop word.
    case stopword
    /// The first token of a sentence.
    case sentenceStart
    /// Any token of a title-case sentence.
    case titleCase
    /// Any token of a sentence in capitals.
    case allCaps
}

/// The templates combined with one token's class: the token's own, or a neighbour's.
enum ClassTemplate: Int, CaseIterable {
    case word, previous1, previous2, next1, next2
}

/// The templates combined with two neighbouring tokens' classes.
enum PairTemplate: Int, CaseIterable {
    /// The previous token's class and the token's.
    case previousWord
    /// The token's class and the next token's.
    case wordNext
}

/// A token's shape and kind together: what the shape features combine with their template.
struct TokenForm: Equatable {
    let shape: TokenShape
    let kind: TokenKind

    init(_ token: Token) {
        self.init(shape: token.shape, kind: token.kind)
    }

    init(shape: TokenShape, kind: TokenKind) {
        self.shape = shape
        self.kind = kind
        code = Self.code(of: shape) * 16 + Self.code(of: kind)
    }

    /// Every shape with every kind.
    static var all: [TokenForm] {
        let shapes: [TokenShape] = [.capitalized, .allCaps, .lower, .mixed, .hasDigit, .uncased]
        let kinds: [TokenKind] = [.word, .number, .punctuation, .symbol, .emoji, .url, .email, .other]
        return shapes.flatMap { shape in kinds.map { TokenForm(shape: shape, kind: $0) } }
    }

    /// Codes run below this (16 kinds' room per shape).
    static var codeCount: Int { 6 * 16 }

    /// The form as the number its features are hashed with: shape × 16 + kind (made once: a token's features read
    /// it several times).
    let code: Int

    private static func code(of shape: TokenShape) -> Int {
        switch shape {
        case .capitalized: 0
        case .allCaps: 1
        case .lower: 2
        case .mixed: 3
        case .hasDigit: 4
        case .uncased: 5
        }
    }

    private static func code(of kind: TokenKind) -> Int {
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
}

/// A token as the features of itself and its neighbours see it: lower-case words, punctuation and listed words
/// as their key's hash, numbers as their digit pattern ("0-0"), and other tokens as one of a few fixed classes
/// (a capitalised word only as its shape).
struct WordClass: Equatable {
    /// The hash the class's features combine.
    var hash: UInt64
    /// The fixed class, whose features are made once; nil for a key's or number's hash.
    var fixed: FixedWordClass?
}

/// The classes that are neither a key's nor a number's hash. Raw values are the codes of `FixedFeature.index`
/// (0 stands for the other classes).
enum FixedWordClass: UInt8, CaseIterable {
    /// Beyond the sentence's edge.
    case sentenceEdge = 1
    case capitalized, allCaps, lower, mixed, hasDigit, uncased
    case url, email, emoji

    /// Codes run below this.
    static var codeCount: Int { 11 }

    /// The class of a word of this shape.
    init(_ shape: TokenShape) {
        switch shape {
        case .capitalized: self = .capitalized
        case .allCaps: self = .allCaps
        case .lower: self = .lower
        case .mixed: self = .mixed
        case .hasDigit: self = .hasDigit
        case .uncased: self = .uncased
        }
    }

    /// The name the class is hashed as ("<s>", "<capitalized>", "<url>").
    var name: String {
        switch self {
        case .sentenceEdge: "<s>"
        case .capitalized: "<\(TokenShape.capitalized.rawValue)>"
        case .allCaps: "<\(TokenShape.allCaps.rawValue)>"
        case .lower: "<\(TokenShape.lower.rawValue)>"
        case .mixed: "<\(TokenShape.mixed.rawValue)>"
        case .hasDigit: "<\(TokenShape.hasDigit.rawValue)>"
        case .uncased: "<\(TokenShape.uncased.rawValue)>"
        case .url: "<url>"
        case .email: "<email>"
        case .emoji: "<emoji>"
        }
    }
}

extension EntityFeatures {
    /// The templates' hashes: each feature is its template's hash combined with its parts.
    struct Templates: Sendable {
        let bias = FeatureHash("bias")
        let shape = FeatureHash("shape")
        let word = FeatureHash("w")
        let previous1 = FeatureHash("p1"), previous2 = FeatureHash("p2"), next1 = FeatureHash("n1"), next2 = FeatureHash("n2")
        let previousWord = FeatureHash("p1-w"), wordNext = FeatureHash("w-n1")
        let suffix3 = FeatureHash("suffix3")
        let firstName = FeatureHash("first-name")
        let commonWord = FeatureHash("common-word")
        let stopword = FeatureHash("stopword")
        let titleWord = FeatureHash("title-word")
        let organizationSuffix = FeatureHash("org-suffix")
        let organizationPrefix = FeatureHash("org-prefix")
        let locationSuffix = FeatureHash("loc-suffix")
        let locationPrefix = FeatureHash("loc-prefix")
        let sentenceStart = FeatureHash("sentence-start")
        let capitalizedElsewhere = FeatureHash("capitalized-elsewhere")
        let titleCase = FeatureHash("title-case")
        let allCaps = FeatureHash("all-caps")
        let candidate = FeatureHash("cand")
        let candidateLabel = FeatureHash("cand-label")
        let gazetteerPrior = FeatureHash("gaz-prior")
        let sportsGazetteer = FeatureHash("sports-gaz")
        let candidateJoin = FeatureHash("cand-join")
        let documentGazetteer = FeatureHash("doc-gaz")
        let sports = FeatureHash("sports")
        /// Each pair template combined with each fixed class as the first (by template, then class code), made once:
        /// half the hashing of a pair feature whose first class is fixed.
        private let pairPrefixes: [FeatureHash]

        init() {
            let parts = Parts()
            let templates = [previousWord, wordNext]
            pairPrefixes = templates.flatMap { template in
                (0..<FixedWordClass.codeCount).map { code in
                    template.with(FixedWordClass(rawValue: UInt8(code)).map(parts.hash(of:)) ?? 0)
                }
            }
        }

        /// The pair template combined with its first class.
        func pairPrefix(_ template: PairTemplate, _ first: FixedWordClass) -> FeatureHash {
            pairPrefixes[template.rawValue * FixedWordClass.codeCount + Int(first.rawValue)]
        }

        func hash(of template: ShapeTemplate) -> FeatureHash {
            switch template {
            case .shape: shape
            case .stopword: stopword
            case .sentenceStart: sentenceStart
            case .titleCase: titleCase
            case .allCaps: allCaps
            }
        }

        func hash(of template: ClassTemplate) -> FeatureHash {
            switch template {
            case .word: word
            case .previous1: previous1
            case .previous2: previous2
            case .next1: next1
            case .next2: next2
            }
        }

        func hash(of template: PairTemplate) -> FeatureHash {
            switch template {
            case .previousWord: previousWord
            case .wordNext: wordNext
            }
        }

        /// Every fixed feature that can occur, with its hash.
        func fixedFeatureHashes(parts: Parts) -> [(feature: FixedFeature, hash: UInt64)] {
            var all: [(feature: FixedFeature, hash: UInt64)] = [
                (.bias, bias.value), (.firstName, firstName.value), (.titleWord, titleWord.value),
                (.organizationSuffix, organizationSuffix.value), (.organizationPrefix, organizationPrefix.value),
                (.locationSuffix, locationSuffix.value), (.locationPrefix, locationPrefix.value),
                (.capitalizedElsewhere, capitalizedElsewhere.value),
            ]
            for atSentenceStart in [true, false] {
                for covered in [true, false] {
                    all.append((.commonWord(atSentenceStart: atSentenceStart, covered: covered),
                                commonWord.with(atSentenceStart ? parts.start : parts.inside).with(covered ? parts.candidate : parts.bare).value))
                }
            }
            for template in ShapeTemplate.allCases {
                for form in TokenForm.all { all.append((.byShape(template, form), hash(of: template).with(UInt64(form.code)).value)) }
            }
            for template in ClassTemplate.allCases {
                for wordClass in FixedWordClass.allCases {
                    all.append((.byClass(template, wordClass), hash(of: template).with(parts.hash(of: wordClass)).value))
                }
            }
            for template in PairTemplate.allCases {
                for first in FixedWordClass.allCases {
                    for second in FixedWordClass.allCases {
                        all.append((.pair(template, first, second), hash(of: template).with(parts.hash(of: first)).with(parts.hash(of: second)).value))
                    }
                }
            }
            return all
        }
    }

    /// The hashes of the parts that features combine with their templates.
    struct Parts: Sendable {
        let gazetteer = FeatureHash.of("gazetteer")
        let scoreLike = FeatureHash.of("0-0")
        let start = FeatureHash.of("start"), inside = FeatureHash.of("inside")
        let bare = FeatureHash.of("bare"), candidate = FeatureHash.of("candidate")
        /// Each fixed class's hash, by code.
        private let fixedClasses: [UInt64] = [0] + FixedWordClass.allCases.map { FeatureHash.of($0.name) }
        /// B, I, L, U: where a token sits in a candidate.
        private let positions = CoverPosition.allCases.map { FeatureHash.of($0.name) }
        /// The labels' hashes, so that candidates of the usual labels need no hashing.
        private let person = FeatureHash.of(EntityLabel.person.rawValue)
        private let organization = FeatureHash.of(EntityLabel.organization.rawValue)
        private let location = FeatureHash.of(EntityLabel.location.rawValue)
        private let norp = FeatureHash.of(EntityLabel.norp.rawValue)

        func hash(of wordClass: FixedWordClass) -> UInt64 { fixedClasses[Int(wordClass.rawValue)] }

        /// The class of a fixed kind.
        func wordClass(_ fixed: FixedWordClass) -> WordClass { WordClass(hash: hash(of: fixed), fixed: fixed) }

        func hash(of position: CoverPosition) -> UInt64 { positions[Int(position.rawValue)] }

        func hash(of label: EntityLabel) -> UInt64 {
            if label == .person { return person }
            if label == .organization { return organization }
            if label == .location { return location }
            if label == .norp { return norp }
            return FeatureHash.of(label.rawValue)
        }
    }
}
