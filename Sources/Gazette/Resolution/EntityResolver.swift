/// Turns overlapping candidates into one set of entities, marks their spans as an editor would (see
/// `EntitySpanEditor`), then links name variants to full names (see `NameVariantLinker`).
///
/// A user's entries come first: candidates of a user's lists (`GazetteerTagger.userPriority`) are taken before
/// anything else, whatever their label (PRODUCT, EVENT, LAW, …), longest first, and every span of the model or
/// the rules that overlaps one is dropped, as spaCy's EntityRuler overwrites the entities it matches.
///
/// With an `EntitySequenceModel`, the model weighs every candidate with its context and decodes one labelling;
/// an entity keeps the source (and link) of the list or rule that proposed the same span and label, or has source
/// `model`. Without one (and, with one, in title-case lines), candidates are taken greedily: longest span first, then priority (gazetteer over rule),
/// then score, and agreeing candidates for the same span and label raise its score.
public struct EntityResolver: Stage {
    /// The stage's name in explanations and errors.
    public let name = "resolver"
    /// Sentences, tokens and their keys and word lists, and the candidates of lists and rules.
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys, .wordListFlags, .candidates]
    /// The document's entities.
    public let provides: Set<Layer> = [.entities]

    /// Links short mentions of people to their full names.
    public let linker: NameVariantLinker
    /// Marks the chosen spans as an editor would: titles outside names, names headed by things not people.
    public let editor: EntitySpanEditor
    let tagger: EntitySequenceTagger?

    /// A resolver that edits spans with `editor`, links name variants with `linker` and weighs candidates with
    /// `model` (greedy choice without one).
    public init(linker: NameVariantLinker = NameVariantLinker(), editor: EntitySpanEditor = EntitySpanEditor(), model: EntitySequenceModel? = nil) {
        self.linker = linker
        self.editor = editor
        self.tagger = model.map { EntitySequenceTagger(model: $0, features: EntityFeatures()) }
    }

    /// Chooses the document's entities from its candidates (and the model's spans) and links name variants.
    public func process(_ document: inout Document) throws {
        let candidates = document.candidates
        let proposals = tagger?.proposals(for: document)
            ?? candidates.indices.map { EntitySequenceTagger.Proposal(candidates[$0], index: $0) }
        // Longest span first, then priority, then score, then position; equal ones keep their order (as a stable
        // sort would). Small keys are sorted, so no proposal is moved or copied.
        struct Rank {
            var length: Int
            var priority: Int
            var score: Double
            var start: Int
            var index: Int
        }
        var ranks = proposals.indices.map { index in
            Rank(length: proposals[index].tokens.count, priority: proposals[index].priority, score: proposals[index].score,
                 start: proposals[index].tokens.lowerBound, index: index)
        }
        ranks.sort { a, b in
            if a.length != b.length { return a.length > b.length }
            if a.priority != b.priority { return a.priority > b.priority }
            if a.score != b.score { return a.score > b.score }
            if a.start != b.start { return a.start < b.start }
            return a.index < b.index
        }
        let tokenCount = document.tokens.count
        var taken = [Bool](repeating: false, count: tokenCount)
        var chosen: [Candidate] = []
        chosen.reserveCapacity(proposals.count)
        // The chosen candidates starting at each token, as linked lists of indices into `chosen`.
        var chosenAt = [Int32](repeating: -1, count: tokenCount + 1)
        var nextChosen: [Int32] = []
        nextChosen.reserveCapacity(proposals.count)
        func choose(_ candidate: Candidate) {
            for t in candidate.tokens { taken[t] = true }
            nextChosen.append(chosenAt[candidate.tokens.lowerBound])
            chosenAt[candidate.tokens.lowerBound] = Int32(chosen.count)
            chosen.append(candidate)
        }
        var hasUserEntries = false
        for index in candidates.indices where candidates[index].priority >= GazetteerTagger.userPriority {
            hasUserEntries = true
            break
        }
        if hasUserEntries {
            for index in Self.userEntries(in: candidates) where !candidates[index].tokens.contains(where: { taken[$0] }) {
                choose(candidates[index])
            }
        }
        for rank in ranks {
            let index = rank.index
            // A user's entries were taken above; taken again here, one would agree with itself.
            if hasUserEntries, proposals[index].origin >= 0, candidates[proposals[index].origin].priority >= GazetteerTagger.userPriority {
                continue
            }
            // Fields are read in place: a document candidate's strings are copied only when it is chosen or agrees.
            let span = proposals[Int(index)].tokens
            var same = chosenAt[span.lowerBound]
            while same >= 0, chosen[Int(same)].tokens != span { same = nextChosen[Int(same)] }
            if same >= 0 {
                // Another source agrees on the same span: combine the evidence (noisy-or), keep the winner's link.
                let index = Int(index), winner = Int(same)
                if chosen[winner].label == proposals[index].label {
                    chosen[winner].score = 1 - (1 - chosen[winner].score) * (1 - proposals[index].score * 0.5)
                    let origin = proposals[index].origin
                    if chosen[winner].id == nil, origin >= 0, candidates[origin].id != nil {
                        chosen[winner].id = candidates[origin].id
                        chosen[winner].name = candidates[origin].name
                    }
                }
                continue
            }
            var free = true
            for t in span where taken[t] { free = false; break }
            guard free else { continue }
            for t in span { taken[t] = true }
            nextChosen.append(chosenAt[span.lowerBound])
            chosenAt[span.lowerBound] = Int32(chosen.count)
            // Appended as made (a conditional expression would make, copy and destroy a temporary).
            let origin = proposals[index].origin
            if origin >= 0 {
                chosen.append(Candidate(tokens: span, label: proposals[index].label, id: candidates[origin].id, name: candidates[origin].name,
                                        score: proposals[index].score, source: candidates[origin].source, priority: proposals[index].priority))
            } else {
                chosen.append(Candidate(tokens: span, label: proposals[index].label, score: proposals[index].score,
                                        source: EntitySequenceTagger.source, priority: proposals[index].priority))
            }
        }
        editor.edit(&chosen, in: document, taken: &taken)
        linker.link(&chosen, in: document, taken: &taken)
        // In text order (chosen spans never overlap, so their starts differ). Each start, with its candidate's index
        // in the low bits, is sorted as one integer, not candidates (four strings each); fields are read in place:
        // no candidate is moved or copied whole (and a loop, unlike a closure, does not copy the document).
        var order = chosen.indices.map { chosen[$0].tokens.lowerBound << 32 | $0 }
        order.sort()
        var entities: [Entity] = []
        entities.reserveCapacity(chosen.count)
        for index in order.lazy.map({ $0 & 0xFFFF_FFFF }) {
            let bytes = document.utf8Range(ofTokens: chosen[index].tokens)
            let range = document.range(ofUTF8: bytes)
            entities.append(Entity(utf8Range: bytes, range: range, text: document.substring(utf8: bytes),
                                   label: chosen[index].label, id: chosen[index].id, name: chosen[index].name,
                                   score: (chosen[index].score * 1000).rounded() / 1000, source: chosen[index].source,
                                   sentence: document.sentenceIndex(containing: bytes.lowerBound), title: chosen[index].title))
        }
        document.entities = entities
    }

    /// The indices of the candidates of a user's lists, in the order they are taken: longest first, then the
    /// higher score, then the earlier start, then list order.
    static func userEntries(in candidates: [Candidate]) -> [Int] {
        candidates.indices.filter { candidates[$0].priority >= GazetteerTagger.userPriority }.sorted { a, b in
            let x = candidates[a], y = candidates[b]
            if x.tokens.count != y.tokens.count { return x.tokens.count > y.tokens.count }
            if x.score != y.score { return x.score > y.score }
            if x.tokens.lowerBound != y.tokens.lowerBound { return x.tokens.lowerBound < y.tokens.lowerBound }
            return a < b
        }
    }
}

/// Links short mentions of a person to the full name used elsewhere in the same document: "Blinken" and
/// "Secretary Blinken" → Antony Blinken. A surname that two different people in the document share is tagged
/// PERSON but linked to neither.
///
/// A surname preceded by other capitalised words ("Naina Yeltsin" after "Boris Yeltsin") is a different person of
/// the same family: the whole name is tagged PERSON, unlinked.
///
/// Chinese, Korean and Vietnamese names put the family name first: when a name starts with a family name written
/// first (`WordListFlags.familyNameFirst`), its first word links too ("Xi" → Xi Jinping, "Kim" → Kim Jong Un).
/// A Hungarian name written in Hungarian order ends with a given name (`givenNamesAfterFamilyName`): then its first
/// word is the family name ("Orbán" → Orbán Viktor).
public struct NameVariantLinker: Sendable {
    /// Source written on the entities the linker adds.
    public let source = "variant"
    /// Keys of capitalised words that never start a name ("The", "However").
    public let stopwords: Set<String>
    /// Keys of given names that follow the family name in their language's order ("viktor").
    public let givenNamesAfterFamilyName: Set<String>
    /// Lower-case words that may stand inside a name (`NameParticles.all`).
    public var particles: Set<String> { NameParticles.all }

    /// A linker that never starts a name at a word of `stopwords` (keys) and reads a name ending in one of
    /// `givenNamesAfterFamilyName` (keys) family name first.
    public init(stopwords: Set<String> = [], givenNamesAfterFamilyName: Set<String> = []) {
        self.stopwords = stopwords
        self.givenNamesAfterFamilyName = givenNamesAfterFamilyName
    }

    /// Links and adds variants to `entities` (appended after them).
    func link(_ entities: inout [Candidate], in document: Document, taken: inout [Bool]) {
        let tokens = document.tokens, keys = document.tokenKeys.keys
        let keyHashes = document.tokenKeys.hashes
        struct Target: Equatable { var name: String; var id: String? }
        // Surname key → the person it names (nil: ambiguous). Found by the key's hash, confirmed by the key; keys
        // whose hashes collide are chained.
        var surnames: [(key: String, target: Target?, next: Int32)] = []
        // Sparse (at most one slot in eight used), so that the scan over every token below mostly probes an empty
        // slot and its branch is predictable.
        var persons = 0
        for index in entities.indices where entities[index].label == .person { persons += 1 }
        var surnameOfHash = HashIndex(capacity: 4 * persons)
        func surname(_ t: Int) -> Int? {
            guard let first = surnameOfHash.value(for: keyHashes[t]) else { return nil }
            var index = Int(first)
            while index >= 0 {
                if surnames[index].key == keys[t] { return index }
                index = Int(surnames[index].next)
            }
            return nil
        }
        func register(_ t: Int, _ target: Target) {
            if let index = surname(t) {
                if surnames[index].target != target { surnames[index].target = nil }
                return
            }
            let entry = Int32(surnames.count)
            if var index = surnameOfHash.insert(keyHashes[t], value: entry).map(Int.init) {
                while surnames[index].next >= 0 { index = Int(surnames[index].next) }
                surnames[index].next = entry
            }
            surnames.append((keys[t], target, -1))
        }
        let flags = document.wordListFlags
        // By index: a candidate (four strings) is not copied to be looked at.
        for entity in entities.indices where entities[entity].label == .person {
            var words = 0, first = -1, last = 0
            for t in entities[entity].tokens where tokens[t].kind == .word && tokens[t].isCapitalizedWord {
                words += 1
                if first < 0 { first = t }
                last = t
            }
            guard words >= 2 else { continue }
            let target = Target(name: entities[entity].name ?? document.substring(utf8: document.utf8Range(ofTokens: entities[entity].tokens)),
                                id: entities[entity].id)
            let familyFirst = flags.count == tokens.count && flags[first].contains(.familyNameFirst)
            // The flag first: most names start with a given name, and then the set is not consulted.
            let hungarianOrder = !(flags.count == tokens.count && flags[first].contains(.firstName))
                && givenNamesAfterFamilyName.contains(keys[last])
            if !hungarianOrder { register(last, target) }
            if familyFirst || hungarianOrder { register(first, target) }
        }
        guard !surnames.isEmpty else { return }
        // Single-word persons found by other means (a title rule) gain the link.
        for index in entities.indices where entities[index].label == .person && entities[index].tokens.count == 1 && entities[index].id == nil {
            if let entry = surname(entities[index].tokens.lowerBound), let target = surnames[entry].target {
                entities[index].name = target.name
                entities[index].id = target.id
            }
        }
        // Only free capitalised words whose key's hash is a surname's need a closer look.
        var found: [Int] = []
        // The hash test first: it almost always fails.
        for (i, hash) in keyHashes.enumerated() where surnameOfHash.contains(hash) && !taken[i] && tokens[i].isCapitalizedWord { found.append(i) }
        for i in found where !taken[i] {
            guard let found = surname(i) else { continue }
            let entry = surnames[found].target
            var start = i
            let sentence = document.sentenceIndex(containing: tokens[i].start)
            while start > 0, i - start < 3, !taken[start - 1], tokens[start - 1].end < tokens[start].start,
                  tokens[start - 1].isCapitalizedWord, !stopwords.contains(keys[start - 1]),
                  document.sentenceIndex(containing: tokens[start - 1].start) == sentence {
                start -= 1
            }
            for t in start...i { taken[t] = true }
            if start < i {
                entities.append(Candidate(tokens: start..<(i + 1), label: .person, score: 0.75, source: source, priority: 0))
            } else {
                entities.append(Candidate(tokens: i..<(i + 1), label: .person, id: entry?.id, name: entry?.name,
                                          score: entry == nil ? 0.6 : 0.85, source: source, priority: 0))
            }
        }
    }
}
