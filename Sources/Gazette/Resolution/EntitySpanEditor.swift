/// Marks the chosen entities' spans as a news editor would, after the model (or the greedy choice) has decided:
///
/// - a person's title or honorific stays outside the name and is kept as the entity's `title` ("Chair Jerome
///   Powell" → "Jerome Powell", title "Chair"; "Mr. Abbas" → "Abbas", title "Mr.");
/// - a name headed by a thing is not a person ("… Space Telescope", "Europa Clipper", "… Airport", "… Foundation",
///   `WordLists.nonPersonHeads`): it takes its head's label, over the head, or is no entity at all;
/// - a planet or moon alone is not a person ("Jupiter", `WordLists.celestialBodies`);
/// - a word written like a product ("iPhone": a lower-case letter, then a capital) is not a person or organisation
///   unless a list says so;
/// - a person's name does not end at a hyphen ("Moon Jae-" + "in");
/// - the model's one-word person quoted as a source or reporting, with nothing to say it is a person, is no entity
///   ("according to Pollstar", "Pollstar reported");
/// - two people with only name particles between them are one ("Erik" "ten" "Hag" → "Erik ten Hag");
/// - a name the words after it call a company is an organisation ("Amazon and Apple shares"), and a one-word
///   organisation a list linked is that organisation wherever else the word stands alone ("Apple").
///
/// The editor runs on few entities (the chosen ones) and reads the word lists' flags the tokens already carry.
public struct EntitySpanEditor: Sendable {
    /// The word lists: titles, non-person heads (by `WordListFlags`), celestial bodies.
    public let words: WordLists

    /// An editor with `words`; with empty lists it changes nothing.
    public init(words: WordLists = WordLists()) {
        self.words = words
    }

    /// Edits `entities` in place; `taken` marks the tokens entities cover, kept up to date.
    func edit(_ entities: inout [Candidate], in document: Document, taken: inout [Bool]) {
        let tokens = document.tokens, keys = document.tokenKeys.keys, hashes = document.tokenKeys.hashes
        let flags = document.wordListFlags
        guard flags.count == tokens.count else { return }
        var dropped = false
        // The key-word rule's and the lists' organisations (indices in `document.candidates`), gathered when a
        // model's organisation first needs them.
        var keywordNames: [Int]?
        for index in entities.indices {
            let span = entities[index].tokens
            let fromModel = Self.isSource(entities[index].source, EntitySequenceTagger.source)
            switch entities[index].label {
            case .person:
                var trimmed = trimTitle(span, keys: keys, hashes: hashes, flags: flags, tokens: tokens)
                // A name never ends at a hyphen: the word glued after it belongs to it ("Moon Jae-in").
                let end = trimmed.upperBound
                if end < tokens.count, end >= 2, keys[end - 1] == "-", !taken[end], tokens[end].kind == .word,
                   tokens[end - 2].end == tokens[end - 1].start, tokens[end - 1].end == tokens[end].start {
                    taken[end] = true
                    trimmed = trimmed.lowerBound..<(end + 1)
                    entities[index].tokens = trimmed
                }
                if trimmed != span {
                    for t in span.lowerBound..<trimmed.lowerBound { taken[t] = false }
                    entities[index].tokens = trimmed
                }
                if let head = nonPersonHead(after: trimmed, keys: keys, flags: flags, tokens: tokens, taken: taken) {
                    for t in trimmed.upperBound..<head.end { taken[t] = true }
                    entities[index].tokens = trimmed.lowerBound..<head.end
                    if let label = head.label {
                        // The list's or rule's name of that label, when it ends there too and starts before
                        // ("W.M." + "Keck Observatory").
                        let span = trimmed.lowerBound..<head.end
                        entities[index].label = label
                        entities[index].id = nil
                        entities[index].name = nil
                        entities[index].source = EntitySequenceTagger.source
                        if let wider = widerCandidate(of: span, label: label, in: document, taken: taken) {
                            for t in wider.tokens.lowerBound..<span.lowerBound { taken[t] = true }
                            entities[index].tokens = wider.tokens
                            (entities[index].id, entities[index].name, entities[index].source) = (wider.id, wider.name, wider.source)
                        }
                    } else {
                        entities[index].label = Self.droppedLabel
                        dropped = true
                    }
                    continue
                }
                if trimmed.count == 1, entities[index].id == nil, flags[trimmed.lowerBound].contains(.celestialBody) {
                    entities[index].label = Self.droppedLabel
                    dropped = true
                    continue
                }
                entities[index].title = title(before: trimmed.lowerBound, in: document, keys: keys, hashes: hashes, flags: flags)
                if entities[index].title == nil, isUnsupportedPerson(entities[index], among: entities, in: document, keys: keys, flags: flags) {
                    entities[index].label = Self.droppedLabel
                    dropped = true
                }
            case _ where fromModel && isHonorific(title(before: span.lowerBound, in: document, keys: keys, hashes: hashes, flags: flags)):
                // An abbreviated title right before the name ("Mr.", "Dr.", "Gen.") makes it a person's.
                entities[index].label = .person
                entities[index].title = title(before: span.lowerBound, in: document, keys: keys, hashes: hashes, flags: flags)
            case .organization where fromModel || Self.isSource(entities[index].source, OrganizationKeywordRule.source):
                // The model's organisation cut short of the key-word rule's name: "Max Planck Institute" + "for
                // Astronomy"; or of a listed or key-word name over a campus that the model took apart:
                // "University of California" + ", Santa Cruz".
                if keywordNames == nil {
                    let candidates = document.candidates
                    keywordNames = candidates.indices.filter {
                        candidates[$0].label == .organization
                            && (Self.isSource(candidates[$0].source, OrganizationKeywordRule.source) || Self.isListSource(candidates[$0].source))
                    }
                }
                if let (longer, inside) = longerName(from: index, among: keywordNames ?? [], of: document.candidates, entities: entities,
                                                     keys: keys, taken: taken) {
                    for other in inside {
                        entities[other].label = Self.droppedLabel
                        dropped = true
                    }
                    for t in span.upperBound..<longer.tokens.upperBound { taken[t] = true }
                    entities[index] = longer
                }
                fallthrough
            default:
                // Lists name things as they are; the model and rules guess from capitals, and a guess headed by a
                // thing ("… Space Telescope"), a planet, or a word shaped like a product ("iPhone") is no entity.
                // The words first: they rule out most entities without reading the source.
                let last = span.upperBound - 1
                let headedByThing = flags[last].contains(.nonPersonHead) && tokens[last].isCapitalizedWord
                    && words.nonPersonHeads[keys[last]] == .some(nil)
                guard headedByThing || span.count == 1 && (flags[last].contains(.celestialBody) || Self.isProductShaped(document, tokens[last])),
                      Self.isGuessSource(entities[index].source) else { break }
                entities[index].label = Self.droppedLabel
                dropped = true
            }
        }
        if joinParticles(&entities, tokens: tokens, flags: flags, taken: &taken) { dropped = true }
        if nameCompanies(&entities, in: document, taken: &taken) { dropped = true }
        if dropped {
            for entity in entities where entity.label == Self.droppedLabel {
                for t in entity.tokens { taken[t] = false }
            }
            entities.removeAll { $0.label == Self.droppedLabel }
        }
        repeatLinkedOrganizations(&entities, in: document, taken: &taken)
    }

    /// The model's one-word person where a source is quoted or reports ("according to Pollstar", "Pollstar
    /// reported"), as organisations are, with nothing to say it is a person: no given name or title, no list or
    /// rule naming a person there, no longer name of a person in the document with the word in it.
    private func isUnsupportedPerson(_ person: Candidate, among entities: [Candidate], in document: Document, keys: [String],
                                     flags: [WordListFlags]) -> Bool {
        let span = person.tokens
        guard span.count == 1, person.id == nil, Self.isSource(person.source, EntitySequenceTagger.source) else { return false }
        let t = span.lowerBound
        let quoted = t >= 2 && keys[t - 1] == "to" && keys[t - 2] == "according"
        let reports = t + 1 < keys.count && (keys[t + 1] == "reported" || keys[t + 1] == "reports")
        guard quoted || reports, flags[t].isDisjoint(with: [.firstName, .familyNameFirst, .titleWord]) else { return false }
        if document.candidates.contains(where: { $0.tokens.contains(t) && $0.label == .person && !Self.isSource($0.source, EntitySequenceTagger.source) }) {
            return false
        }
        return !entities.contains { $0.label == .person && $0.tokens.count > 1 && $0.tokens.contains { keys[$0] == keys[t] } }
    }

    /// Where the words after a name say it is a company ("Amazon and Apple shares", `CompanyContextRule`), the
    /// name is an organisation: a guess of another label over exactly its tokens is relabelled, and free tokens
    /// are named. Whether any entity was dropped.
    private func nameCompanies(_ entities: inout [Candidate], in document: Document, taken: inout [Bool]) -> Bool {
        var dropped = false
        let candidates = document.candidates
        // By index: the other candidates are not copied to be looked at.
        for position in candidates.indices where Self.isSource(candidates[position].source, CompanyContextRule.source) {
            let candidate = candidates[position]
            let span = candidate.tokens
            // A list's organisation of the same name, when there is one, with its link ("Amazon" the company, not
            // the rainforest).
            let listed = candidates.first { $0.tokens == span && $0.label == .organization && Self.isListSource($0.source) }
            let company = listed ?? candidate
            if let index = entities.firstIndex(where: { $0.tokens.overlaps(span) && $0.label != Self.droppedLabel }) {
                guard entities[index].label != .organization,
                      listed != nil || entities[index].id == nil && Self.isGuessSource(entities[index].source),
                      entities[index].tokens.lowerBound >= span.lowerBound, entities[index].tokens.upperBound <= span.upperBound,
                      span.allSatisfy({ !taken[$0] || entities[index].tokens.contains($0) }) else { continue }
                entities[index].label = Self.droppedLabel
                entities[index].tokens = span.lowerBound..<span.lowerBound
                dropped = true
            } else if span.contains(where: { taken[$0] }) {
                continue
            }
            for t in span { taken[t] = true }
            entities.append(company)
        }
        return dropped
    }

    /// A one-word organisation that a list linked (or that the company context named) is the same organisation wherever else the word stands alone,
    /// capitalised, in the document, at the start of a sentence too ("Apple shares rose. … Apple unveiled …"),
    /// where a list alone would not name a company called by an ordinary word.
    private func repeatLinkedOrganizations(_ entities: inout [Candidate], in document: Document, taken: inout [Bool]) {
        let tokens = document.tokens, keys = document.tokenKeys.keys, hashes = document.tokenKeys.hashes
        // Made only for a document that has such an organisation.
        var linkedIndex: HashIndex?
        for index in entities.indices where entities[index].tokens.count == 1 && entities[index].label == .organization
            && (entities[index].id != nil || Self.isSource(entities[index].source, CompanyContextRule.source))
            && tokens[entities[index].tokens.lowerBound].isCapitalizedWord {
            if linkedIndex == nil { linkedIndex = HashIndex(capacity: 8) }
            _ = linkedIndex?.insert(hashes[entities[index].tokens.lowerBound], value: Int32(index))
        }
        guard let linked = linkedIndex else { return }
        var found: [Int] = []
        for (i, hash) in hashes.enumerated() where tokens[i].isCapitalizedWord && !taken[i] && linked.contains(hash) { found.append(i) }
        for i in found {
            guard let index = linked.value(for: hashes[i]).map(Int.init), keys[i] == keys[entities[index].tokens.lowerBound] else { continue }
            // Alone: not part of a longer capitalised name ("Apple Valley").
            if i + 1 < tokens.count, tokens[i + 1].isCapitalizedWord, tokens[i + 1].start == tokens[i].end + 1 { continue }
            if i > 0, tokens[i - 1].isCapitalizedWord, tokens[i].start == tokens[i - 1].end + 1,
               document.sentenceIndex(containing: tokens[i - 1].start) == document.sentenceIndex(containing: tokens[i].start) { continue }
            taken[i] = true
            entities.append(Candidate(tokens: i..<(i + 1), label: .organization, id: entities[index].id, name: entities[index].name,
                                      score: 0.75, source: "variant", priority: 0))
        }
    }

    /// The longest list or rule candidate labelled `label` that ends where `span` ends and covers it, over free
    /// tokens; nil when there is none.
    private func widerCandidate(of span: Range<Int>, label: EntityLabel, in document: Document, taken: [Bool]) -> Candidate? {
        var wider: Candidate?
        for candidate in document.candidates where candidate.tokens.upperBound == span.upperBound && candidate.label == label
            && candidate.tokens.lowerBound <= (wider?.tokens.lowerBound ?? span.lowerBound) {
            if (candidate.tokens.lowerBound..<span.lowerBound).allSatisfy({ !taken[$0] }) { wider = candidate }
        }
        return wider
    }

    /// Joins two people separated only by name particles into one ("Erik" + "ten" + "Hag"): the second is dropped.
    /// Whether any was joined.
    private func joinParticles(_ entities: inout [Candidate], tokens: [Token], flags: [WordListFlags], taken: inout [Bool]) -> Bool {
        // Where the free lower-case particles after entity `index` end (its end when none follow).
        func particlesEnd(after index: Int) -> Int {
            var t = entities[index].tokens.upperBound
            while t < tokens.count, !taken[t], tokens[t].shape == .lower, flags[t].contains(.nameParticle) { t += 1 }
            return t
        }
        // Most documents have no particle after a person: the people are indexed by start only when one has.
        guard entities.indices.contains(where: { entities[$0].label == .person && particlesEnd(after: $0) > entities[$0].tokens.upperBound }) else {
            return false
        }
        var personAt: [Int: Int] = [:]
        for index in entities.indices where entities[index].label == .person { personAt[entities[index].tokens.lowerBound] = index }
        guard personAt.count >= 2 else { return false }
        var joined = false
        for index in entities.indices where entities[index].label == .person {
            let t = particlesEnd(after: index)
            guard t > entities[index].tokens.upperBound, let next = personAt[t], entities[next].label == .person,
                  entities[next].id == nil else { continue }
            for u in entities[index].tokens.upperBound..<t { taken[u] = true }
            entities[index].tokens = entities[index].tokens.lowerBound..<entities[next].tokens.upperBound
            entities[index].id = nil
            entities[index].name = nil
            // Dropped without freeing its tokens: the joined name covers them.
            entities[next].label = Self.droppedLabel
            entities[next].tokens = t..<t
            joined = true
        }
        return joined
    }

    /// The longest organisation name among `names` (indices in `candidates`) that starts where entity `index` starts
    /// and goes on past it: a key-word rule's name over free tokens, or (after a comma or "at", a campus) a key-word
    /// or listed name over tokens that only entities lying wholly inside it cover. Returns it with those entities;
    /// nil when there is none.
    private func longerName(from index: Int, among names: [Int], of candidates: [Candidate], entities: [Candidate], keys: [String],
                            taken: [Bool]) -> (Candidate, [Int])? {
        let span = entities[index].tokens
        var best: (Candidate, [Int])?
        for name in names where candidates[name].tokens.lowerBound == span.lowerBound
            && candidates[name].tokens.upperBound > (best?.0.tokens.upperBound ?? span.upperBound) {
            let candidate = candidates[name]
            let tail = span.upperBound..<candidate.tokens.upperBound
            if Self.isSource(candidate.source, OrganizationKeywordRule.source), tail.allSatisfy({ !taken[$0] }) {
                best = (candidate, [])
                continue
            }
            guard keys[tail.lowerBound] == "," || keys[tail.lowerBound] == "at" else { continue }
            let overlapping = entities.indices.filter {
                $0 != index && !entities[$0].tokens.isEmpty && entities[$0].tokens.overlaps(tail)
            }
            guard !overlapping.isEmpty, overlapping.allSatisfy({ tail.contains(entities[$0].tokens.lowerBound)
                && entities[$0].tokens.upperBound <= tail.upperBound && entities[$0].label != Self.droppedLabel }) else { continue }
            best = (candidate, overlapping)
        }
        return best
    }

    /// Whether a title is one abbreviated word with its period: "Mr.", "Dr.", "Gen.".
    private func isHonorific(_ title: String?) -> Bool {
        guard let title, title.utf8.count >= 3, title.utf8.last == UInt8(ascii: ".") else { return false }
        return title.utf8.dropLast().allSatisfy { $0.isASCIILetter }
    }

    /// Whether `source` is `expected`. The editor compares the sources of every entity and candidate, and most
    /// differ in length: their byte counts, which a native string holds, are compared before their bytes.
    @inline(__always)
    private static func isSource(_ source: String, _ expected: String) -> Bool {
        source.utf8.count == expected.utf8.count && source == expected
    }

    /// Whether `source` is a list's ("gazetteer:places").
    private static func isListSource(_ source: String) -> Bool {
        startsWith(source, "gazetteer:")
    }

    /// Whether `source` is the model's or a rule's ("rule:…"): a guess from capitals, not a list's name.
    private static func isGuessSource(_ source: String) -> Bool {
        isSource(source, EntitySequenceTagger.source) || startsWith(source, "rule:")
    }

    /// Whether `source` starts with the bytes of `prefix`, compared in place (a native string's bytes are
    /// contiguous): several times faster than `hasPrefix`, which compares characters.
    private static func startsWith(_ source: String, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { prefixBytes in
            source.utf8.withContiguousStorageIfAvailable { $0.starts(with: prefixBytes) } ?? source.utf8.starts(with: prefixBytes)
        }
    }

    /// Marks an entity to be removed (never written).
    private static let droppedLabel = EntityLabel(rawValue: "")

    /// `span` without the title phrases it starts with, if a capitalised word is left: "Chair Jerome Powell".
    private func trimTitle(_ span: Range<Int>, keys: [String], hashes: [UInt64], flags: [WordListFlags], tokens: [Token]) -> Range<Int> {
        var start = span.lowerBound
        while start < span.upperBound - 1, flags[start].contains(.titleStart),
              let length = words.titleLength(keys: keys, hashes: hashes, from: start, limit: span.upperBound - 1),
              (start + length..<span.upperBound).contains(where: { tokens[$0].isCapitalizedWord }) {
            start += length
        }
        return start..<span.upperBound
    }

    /// The title phrase that ends right before token `start` in its sentence, as written: the longest one.
    private func title(before start: Int, in document: Document, keys: [String], hashes: [UInt64], flags: [WordListFlags]) -> String? {
        guard start > 0 else { return nil }
        // Most names have no title word before them: the sentence is looked up only when one is there.
        var sentence: Int?
        for first in max(0, start - 4)..<start where flags[first].contains(.titleStart) {
            let nameSentence = sentence ?? document.sentenceIndex(containing: document.tokens[start].start)
            sentence = nameSentence
            guard document.sentenceIndex(containing: document.tokens[first].start) == nameSentence,
                  words.titleLength(keys: keys, hashes: hashes, from: first, limit: start) == start - first else { continue }
            return document.substring(utf8: document.utf8Range(ofTokens: first..<start))
        }
        return nil
    }

    /// The non-person head of the name over `span`: its last word, the word right after it (capitalised, or a
    /// lower-case place word, left outside: "Charles de Gaulle airport"), or the last of up to three free
    /// capitalised words after it ("James Webb" + "Space Telescope"). Gives the end of the name and its label
    /// (nil: no entity).
    private func nonPersonHead(after span: Range<Int>, keys: [String], flags: [WordListFlags], tokens: [Token], taken: [Bool]) -> (end: Int, label: EntityLabel?)? {
        let last = span.upperBound - 1
        if span.count > 1, flags[last].contains(.nonPersonHead), tokens[last].isCapitalizedWord, let label = words.nonPersonHeads[keys[last]] {
            return (span.upperBound, label)
        }
        var t = span.upperBound
        while t < tokens.count, t < span.upperBound + 3, !taken[t], tokens[t].kind == .word {
            if flags[t].contains(.nonPersonHead), let label = words.nonPersonHeads[keys[t]] {
                if tokens[t].isCapitalizedWord { return (t + 1, label) }
                // A lower-case place word right after the name: the name is the place's ("Charles de Gaulle airport").
                if t == span.upperBound, label == .location { return (span.upperBound, label) }
                return nil
            }
            guard tokens[t].isCapitalizedWord, !flags[t].contains(.stopword) else { return nil }
            t += 1
        }
        return nil
    }

    /// A lower-case ASCII letter followed, later in the word, by a capital: "iPhone", "eReader".
    static func isProductShaped(_ document: Document, _ token: Token) -> Bool {
        guard token.kind == .word, token.shape == .mixed else { return false }
        let bytes = document.text.utf8
        let start = bytes.index(bytes.startIndex, offsetBy: token.start)
        let end = bytes.index(bytes.startIndex, offsetBy: token.end)
        guard let first = bytes[start..<end].first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return bytes[bytes.index(after: start)..<end].contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
