/// Proposes a candidate for every longest-leftmost gazetteer match inside a sentence.
///
/// Each token's matching key is looked up once in the compiled vocabulary; from each position the trie is walked as
/// far as the keys go, and the longest name whose case policy (`SurfacePolicy`) the text satisfies wins; scanning
/// resumes after it. Names that are common words ("Nice", "Reading", "Apple") match only in their listed case and
/// with supporting context: not next to other capitalised words (part of a longer name: "Paris Hilton"), and not
/// where capitals say nothing (start of a sentence, title-case or all-capitals headline) unless the entry's prior
/// is high; an organisation's name at a sentence start also where the sentence speaks of it as a company ("Apple
/// reported record revenue", `CompanyContextRule.speaksOfCompany`).
///
/// A surface form shared by several entries of one label is linked only when one entry's prior leads the others
/// by `dominanceMargin` ("Paris" → Paris, France); otherwise the candidate carries no id and no name: an ambiguous
/// alias gives a candidate set, never a guessed id (`Gazetteer.lookup` lists the set).
public struct GazetteerTagger: Stage {
    /// The stage's name, `gazetteer`.
    public let name = "gazetteer"
    /// Sentences, tokens and the tokens' matching keys.
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys]
    /// Candidates: one per label for each name matched, added to those already there.
    public let provides: Set<Layer> = [.candidates]

    /// Candidates from gazetteers win ties against rules of the same length.
    public static let priority = 2
    /// Candidates from a user's lists (`--gazetteer FILE`): the resolver takes them first, whatever their label,
    /// and drops every span of the model or the rules that overlaps them (as spaCy's EntityRuler overwrites).
    public static let userPriority = 3
    /// Names that need context must have at least this prior to be tagged where capitals say nothing (an
    /// organisation at a sentence start also where the sentence speaks of it as a company).
    public static let sentenceStartPrior = 0.8
    /// How far the best entry's prior must lead the next one for a shared name to be linked to it.
    public static let dominanceMargin = 0.15
    /// Score of an unlinked candidate for a name that several entries share, relative to the best prior.
    public static let ambiguityDiscount = 0.9

    /// Sentence-initial words after which a capitalised word is still "mid-sentence" for context checks.
    static let leadingFunctionWords = HashedKeySet([
        "a", "an", "the", "in", "at", "on", "to", "from", "for", "of", "by", "with", "near", "and", "but", "as",
        "after", "before", "since", "while", "when", "if", "like", "unlike", "outside", "inside", "into", "across",
    ])

    /// Lower-case words that title-case headlines keep in lower case.
    static let headlineLowerWords = HashedKeySet([
        "a", "an", "the", "and", "or", "nor", "but", "as", "at", "by", "for", "from", "in", "into", "of", "off", "on",
        "onto", "out", "over", "per", "to", "up", "via", "vs", "with", "'s",
    ])

    /// The compiled entity lists whose names are matched.
    public let gazetteer: Gazetteer

    /// A tagger that matches the names of `gazetteer`.
    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
    }

    /// Adds a candidate for each longest-leftmost match in each sentence of `document` (never throws).
    public func process(_ document: inout Document) throws {
        let layers = gazetteer.layers
        let tokens = document.tokens, keys = document.tokenKeys.keys
        let n = tokens.count
        guard n > 0, keys.count == n, layers.contains(where: { $0.nodeCount > 1 }) else { return }
        // Every key's hash comes from the normaliser (64-bit FNV-1a); the vocabulary's key hash is derived from it.
        let keyHashes = document.tokenKeys.hashes
        var text = document.text
        var found: [Candidate] = []
        // News has about one name in thirty tokens: room for twice that spares most growing.
        found.reserveCapacity(n / 16)
        let sentences = document.sentences
        text.withUTF8 { bytes in
            keyHashes.withUnsafeBufferPointer { hashBuffer in
                GazetteerScanTables.withTables(tokenCount: n, layerCount: layers.count) { tables in
                    var scan = Scan(tokens: tokens, keys: keys, hashes: hashBuffer, bytes: bytes)
                    var t = 0
                    for range in sentences {
                        while t < n, tokens[t].start < range.lowerBound { t += 1 }
                        let first = t
                        while t < n, tokens[t].start < range.upperBound { t += 1 }
                        guard first < t else { continue }
                        scan.sentence = first..<t
                        scan.sentenceCase = nil
                        Self.scanSentence(layers: layers, tables: &tables, scan: &scan, into: &found)
                    }
                }
            }
        }
        // Usually the first candidates of the document: hand the array over rather than copy it.
        if document.candidates.isEmpty { document.candidates = found } else { document.candidates.append(contentsOf: found) }
    }

    /// Looks the sentence's tokens up in each layer, then walks the tries from every token where a name may start
    /// and emits the longest name the text satisfies.
    ///
    /// Names rarely start at a lower-case word or a punctuation mark: those tokens are checked against the small
    /// set of names listed that way ("mainland China") and otherwise looked up only if a name reaches them, as
    /// words that occur that way inside names ("of", "-"). In a sentence written all in lower case, distinctive
    /// names may start anywhere ("xinjiang").
    @inline(__always)
    private static func scanSentence(layers: [GazetteerImage], tables: inout GazetteerScanTables, scan: inout Scan,
                                     into found: inout [Candidate]) {
        let sentence = scan.sentence, tokens = scan.tokens, keys = scan.keys, hashes = scan.hashes
        var lowerCaseSentence = true
        for t in sentence where isCasedWord(tokens[t]) {
            lowerCaseSentence = false
            break
        }
        // Tokens where a name may start, in order (any layer).
        tables.clearStarts()
        for (layer, image) in layers.enumerated() {
            for i in sentence {
                let quiet = isQuiet(tokens[i])
                let hash = KeyHash.hash(fnv: hashes[i])
                var symbol = notLookedUp, start = UInt32.max
                if quiet && !lowerCaseSentence {
                    if image.mayStartLowerCase(hash: hash) {
                        if let info = image.info(of: keys[i], hash: hash) {
                            if info.startsLowerCase {
                                symbol = info.continues ? info.symbol : .max
                                start = encodedStart(info)
                                tables.setSignature(info.startSignature, layer, i)
                            } else {
                                symbol = info.continuesLowerCase ? info.symbol : .max
                            }
                        } else {
                            symbol = .max
                        }
                    }  // else looked up later if a name reaches it
                } else if let info = image.info(of: keys[i], hash: hash) {
                    symbol = info.continues ? info.symbol : .max
                    if !quiet || info.startsLowerCase || (lowerCaseSentence && info.startsLowerCaseWord) {
                        start = encodedStart(info)
                        tables.setSignature(info.startSignature, layer, i)
                    }
                } else {
                    symbol = .max
                }
                tables.setSymbol(symbol, layer, i)
                tables.setStart(start, layer, i)
                if start != .max { tables.listStart(i) }
            }
        }
        let startCount = tables.startCount
        guard startCount > 0 else { return }
        if layers.count > 1 { tables.sortStarts() }  // each layer's starts were listed in order; merge them
        // Only tokens where a name starts can begin a match: the scan jumps from one to the next, past each match.
        var cursor = 0
        var i = sentence.lowerBound
        while cursor < startCount {
            // A start behind `i` is inside the last match (or listed twice, by two layers).
            guard tables.listedStart(cursor) >= i else {
                cursor += 1
                continue
            }
            i = tables.listedStart(cursor)
            cursor += 1
            // Every node along each layer's walk that ends a name.
            tables.clearEnds()
            for layer in 0..<layers.count where tables.start(layer, i) != .max {
                let image = layers[layer]
                let startNode = GazetteerLayout.NodeReference(rawValue: tables.start(layer, i))
                var node = startNode.node
                var more = startNode.hasChildren
                var signature = tables.signature(layer, i)
                var j = i + 1
                if startNode.endsName { tables.addEnd(length: j - i, layer: layer, node: node) }
                while more, j < sentence.upperBound {
                    let hash = KeyHash.hash(fnv: hashes[j])
                    guard signature & GazetteerLayout.signatureBit(hash) != 0 else { break }  // certainly no child
                    if tables.symbol(layer, j) == notLookedUp {
                        // Only a lower-case word (or punctuation) that occurs that way inside some name.
                        if image.mayContinueLowerCase(hash: hash), let info = image.info(of: keys[j], hash: hash), info.continuesLowerCase {
                            tables.setSymbol(info.symbol, layer, j)
                        } else {
                            tables.setSymbol(.max, layer, j)
                        }
                    }
                    let symbol = tables.symbol(layer, j)
                    guard symbol != .max, image.mayHaveChild(node, symbol),
                          let (next, nextSignature) = image.childEdge(of: node, symbol) else { break }
                    let child = GazetteerLayout.NodeReference(rawValue: next)
                    node = child.node
                    more = child.hasChildren
                    signature = nextSignature
                    j += 1
                    if child.endsName { tables.addEnd(length: j - i, layer: layer, node: node) }
                }
            }
            if tables.endCount == 0 {
                i += 1
                continue
            }
            tables.orderEnds()
            var advance = 1
            for rank in 0..<tables.endCount {
                let (length, layer, node) = tables.end(rank: rank)
                if scan.emit(layers[layer], i..<(i + length), node: node, into: &found) {
                    advance = length
                    break
                }
            }
            i += advance
        }
    }

    /// A lower-case word or a token that is no word (punctuation, a number): names rarely start there.
    @inline(__always) private static func isQuiet(_ token: Token) -> Bool {
        if case .lower = token.shape { return true }
        if case .word = token.kind { return false }
        return true
    }

    /// A word with an upper-case letter: a sentence without one is written all in lower case.
    @inline(__always) private static func isCasedWord(_ token: Token) -> Bool {
        guard case .word = token.kind else { return false }
        switch token.shape {
        case .lower, .uncased, .hasDigit: return false
        case .capitalized, .allCaps, .mixed: return true
        }
    }

    /// A start as stored per token (`GazetteerLayout.NodeReference`), or .max for none.
    @inline(__always) private static func encodedStart(_ info: GazetteerImage.KeyInfo) -> UInt32 {
        guard info.start != GazetteerLayout.none else { return .max }
        return GazetteerLayout.NodeReference(node: info.start, endsName: info.startEndsName, hasChildren: info.startHasChildren).rawValue
    }
}

extension GazetteerTagger {
    /// A token whose symbol has not been looked up (yet).
    static let notLookedUp = UInt32.max - 1
}

/// The state of one document's scan.
private struct Scan {
    let tokens: [Token]
    let keys: [String]
    let hashes: UnsafeBufferPointer<UInt64>
    let bytes: UnsafeBufferPointer<UInt8>
    var sentence: Range<Int> = 0..<0
    /// (all capitals, title case) of the current sentence, computed when first needed.
    var sentenceCase: (allCaps: Bool, titleCase: Bool)?
    private var accepted: [GazetteerPayload] = []
    private var labelsDone: [Int] = []

    init(tokens: [Token], keys: [String], hashes: UnsafeBufferPointer<UInt64>, bytes: UnsafeBufferPointer<UInt8>) {
        self.tokens = tokens
        self.keys = keys
        self.hashes = hashes
        self.bytes = bytes
    }

    /// Adds the candidates for the names ending at `node` that the text at `span` satisfies; false if none does.
    mutating func emit(_ image: GazetteerImage, _ span: Range<Int>, node: UInt32, into found: inout [Candidate]) -> Bool {
        let payloads = image.payloadRange(of: node)
        // Most names belong to one entry: its candidate is linked if the text satisfies the form.
        if payloads.count == 1 {
            let payload = image.payload(payloads.lowerBound)
            guard accepts(payload, span, image) else { return false }
            found.append(Self.candidate(image, span, best: payload, runnerUpPrior: -1))
            return true
        }
        // One payload per entry whose form the text satisfies (payloads carry what a candidate needs of the entry).
        accepted.removeAll(keepingCapacity: true)
        for index in payloads {
            let payload = image.payload(index)
            if accepts(payload, span, image), !accepted.contains(where: { $0.entry == payload.entry }) { accepted.append(payload) }
        }
        guard !accepted.isEmpty else { return false }
        // One candidate per label; linked only when one entry clearly leads.
        labelsDone.removeAll(keepingCapacity: true)
        for payload in accepted {
            let label = payload.labelIndex
            guard !labelsDone.contains(label) else { continue }
            labelsDone.append(label)
            var best = payload, runnerUp = -1.0
            for other in accepted where other.entry != payload.entry && other.labelIndex == label {
                if other.prior > best.prior { runnerUp = best.prior; best = other } else { runnerUp = max(runnerUp, other.prior) }
            }
            found.append(Self.candidate(image, span, best: best, runnerUpPrior: runnerUp))
        }
        return true
    }

    /// The candidate of the best entry of a label at `span`: linked to it unless another entry of the label, with
    /// `runnerUpPrior` (-1: none), comes within `dominanceMargin` of its prior.
    @inline(__always)
    private static func candidate(_ image: GazetteerImage, _ span: Range<Int>, best: GazetteerPayload, runnerUpPrior: Double) -> Candidate {
        let source = image.sources[best.sourceIndex]
        let label = EntityLabel(rawValue: image.labels[best.labelIndex])
        let priority = best.policy.isUser ? GazetteerTagger.userPriority : GazetteerTagger.priority
        if runnerUpPrior < 0 || best.prior - runnerUpPrior >= GazetteerTagger.dominanceMargin {
            return Candidate(tokens: span, label: label, id: image.string(best.id), name: image.string(best.name),
                             score: best.prior, source: source, priority: priority)
        }
        return Candidate(tokens: span, label: label, id: nil, name: nil, score: best.prior * GazetteerTagger.ambiguityDiscount,
                         source: source, priority: priority)
    }

    /// Whether the text at `span` satisfies a surface form's case policy and context needs.
    private mutating func accepts(_ payload: GazetteerPayload, _ span: Range<Int>, _ image: GazetteerImage) -> Bool {
        let policy = payload.policy
        if policy.lookupOnly { return false }
        let rule = policy.caseRule
        var allLower = true
        for (offset, t) in span.enumerated() {
            let token = tokens[t]
            guard TokenCase.unpack(payload.shapes, offset).admits(token, rule: rule) else { return false }
            if token.kind == .word, token.shape != .lower { allLower = false }
        }
        // Text all in lower case names an entity only for distinctive one-word names ("xinjiang").
        if allLower, !policy.allowsLowerCase { return false }
        if policy.commonAcronym, caseOfSentence().allCaps, !span.contains(where: { bytes[tokens[$0].utf8Range].contains(UInt8(ascii: ".")) }) {
            return false
        }
        if policy.needsContext, !hasContext(span, payload, image) { return false }
        return true
    }

    private mutating func hasContext(_ span: Range<Int>, _ payload: GazetteerPayload, _ image: GazetteerImage) -> Bool {
        if span.upperBound < sentence.upperBound, tokens[span.upperBound].isCapitalizedWord { return false }
        let before = span.lowerBound - 1
        if before >= sentence.lowerBound, tokens[before].isCapitalizedWord,
           !(before == sentence.lowerBound && GazetteerTagger.leadingFunctionWords.contains(keys[before], hash: hashes[before])) {
            return false
        }
        if payload.prior < GazetteerTagger.sentenceStartPrior {
            // At a sentence start, a company named by an ordinary word ("Apple") needs the sentence to speak of it
            // as one ("Apple reported record revenue").
            if span.lowerBound == sentence.lowerBound,
               image.labels[payload.labelIndex] != EntityLabel.organization.rawValue
                || !CompanyContextRule.speaksOfCompany(atSentenceStart: span, sentence: sentence, tokens: tokens, keys: keys, byte: { bytes[$0] }) {
                return false
            }
            let sentenceCase = caseOfSentence()
            if sentenceCase.allCaps || sentenceCase.titleCase { return false }
        }
        return true
    }

    /// All capitals: no cased word of two letters or more is in lower or mixed case. Title case: at least three
    /// capitalised words and no lower-case word but short function words ("Trump to Meet Pak PM at UNGA").
    private mutating func caseOfSentence() -> (allCaps: Bool, titleCase: Bool) {
        if let known = sentenceCase { return known }
        var upper = 0, other = 0, capitalized = 0, lowerContent = 0
        for t in sentence where tokens[t].kind == .word {
            let token = tokens[t]
            switch token.shape {
            case .allCaps: upper += 1
            case .capitalized, .mixed:
                capitalized += 1
                if token.end - token.start > 1 { other += 1 }
            case .lower:
                other += 1
                if !GazetteerTagger.headlineLowerWords.contains(keys[t], hash: hashes[t]) { lowerContent += 1 }
            case .hasDigit, .uncased: break
            }
        }
        let known = (allCaps: upper > 0 && other == 0, titleCase: capitalized >= 3 && lowerContent == 0)
        sentenceCase = known
        return known
    }
}
