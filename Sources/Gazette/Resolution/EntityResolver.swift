/// Turns overlapping candidates into one set of entities, then links name variants to full names (see
/// `NameVariantLinker`).
///
/// With an `EntitySequenceModel`, the model weighs every candidate with its context and decodes one labelling;
/// an entity keeps the source (and link) of the list or rule that proposed the same span and label, or has source
/// `model`. Without one (and, with one, in title-case lines), candidates are taken greedily: longest span first, then priority (gazetteer over rule),
/// then score, and agreeing candidates for the same span and label raise its score.
public struct EntityResolver: Stage {
    public let name = "resolver"
    public let requires: Set<Layer> = [.sentences, .tokens, .tokenKeys, .wordListFlags, .candidates]
    public let provides: Set<Layer> = [.entities]

    public let linker: NameVariantLinker
    let tagger: EntitySequenceTagger?

    public init(linker: NameVariantLinker = NameVariantLinker(), model: EntitySequenceModel? = nil, words: WordLists = WordLists()) {
        self.linker = linker
        self.tagger = model.map { EntitySequenceTagger(model: $0, features: EntityFeatures(words: words)) }
    }

    public func process(_ document: inout Document) throws {
        let proposals = tagger?.candidates(for: document) ?? document.candidates
        let ordered = proposals.sorted { a, b in
            if a.tokens.count != b.tokens.count { return a.tokens.count > b.tokens.count }
            if a.priority != b.priority { return a.priority > b.priority }
            if a.score != b.score { return a.score > b.score }
            return a.tokens.lowerBound < b.tokens.lowerBound
        }
        var taken = [Bool](repeating: false, count: document.tokens.count)
        var chosen: [Candidate] = []
        var chosenBySpan: [Range<Int>: Int] = [:]
        for candidate in ordered {
            if let index = chosenBySpan[candidate.tokens] {
                // Another source agrees on the same span: combine the evidence (noisy-or), keep the winner's link.
                if chosen[index].label == candidate.label {
                    chosen[index].score = 1 - (1 - chosen[index].score) * (1 - candidate.score * 0.5)
                    if chosen[index].id == nil, candidate.id != nil {
                        chosen[index].id = candidate.id
                        chosen[index].name = candidate.name
                    }
                }
                continue
            }
            guard !taken[candidate.tokens].contains(true) else { continue }
            for i in candidate.tokens { taken[i] = true }
            chosenBySpan[candidate.tokens] = chosen.count
            chosen.append(candidate)
        }
        chosen = linker.link(chosen, in: document, taken: &taken)
        chosen.sort { $0.tokens.lowerBound < $1.tokens.lowerBound }
        document.entities = chosen.map { entity(from: $0, in: document) }
    }

    private func entity(from candidate: Candidate, in document: Document) -> Entity {
        let bytes = document.utf8Range(ofTokens: candidate.tokens)
        let range = document.range(ofUTF8: bytes)
        return Entity(utf8Range: bytes, range: range, text: String(document.text[range]), label: candidate.label,
                      id: candidate.id, name: candidate.name, score: (candidate.score * 1000).rounded() / 1000,
                      source: candidate.source, sentence: document.sentenceIndex(containing: bytes.lowerBound))
    }
}

/// Links short mentions of a person to the full name used elsewhere in the same document: "Blinken" and
/// "Secretary Blinken" → Antony Blinken. A surname that two different people in the document share is tagged
/// PERSON but linked to neither.
///
/// A surname preceded by other capitalised words ("Naina Yeltsin" after "Boris Yeltsin") is a different person of
/// the same family: the whole name is tagged PERSON, unlinked.
public struct NameVariantLinker: Sendable {
    public let source = "variant"
    /// Keys of capitalised words that never start a name ("The", "However").
    public let stopwords: Set<String>
    public let particles: Set<String> = ["de", "del", "della", "van", "von", "der", "den", "da", "di", "du", "le", "la", "al", "el", "bin", "ibn"]

    public init(stopwords: Set<String> = []) {
        self.stopwords = stopwords
    }

    func link(_ entities: [Candidate], in document: Document, taken: inout [Bool]) -> [Candidate] {
        let tokens = document.tokens, keys = document.tokenKeys
        struct Target: Equatable { var name: String; var id: String? }
        var bySurname: [String: Target?] = [:]  // nil value: ambiguous
        for entity in entities where entity.label == .person {
            let words = entity.tokens.filter { tokens[$0].kind == .word && tokens[$0].isCapitalizedWord }
            guard words.count >= 2, let last = words.last else { continue }
            let target = Target(name: entity.name ?? document.substring(utf8: document.utf8Range(ofTokens: entity.tokens)), id: entity.id)
            if let existing = bySurname[keys[last]] {
                if existing != target { bySurname[keys[last]] = .some(nil) }
            } else {
                bySurname[keys[last]] = target
            }
        }
        guard !bySurname.isEmpty else { return entities }
        var result = entities
        // Single-word persons found by other means (a title rule) gain the link.
        for index in result.indices where result[index].label == .person && result[index].tokens.count == 1 && result[index].id == nil {
            if case let target?? = bySurname[keys[result[index].tokens.lowerBound]] {
                result[index].name = target.name
                result[index].id = target.id
            }
        }
        for i in tokens.indices where !taken[i] && tokens[i].isCapitalizedWord {
            guard let entry = bySurname[keys[i]] else { continue }
            var start = i
            let sentence = document.sentenceIndex(containing: tokens[i].start)
            while start > 0, i - start < 3, !taken[start - 1], tokens[start - 1].end < tokens[start].start,
                  tokens[start - 1].isCapitalizedWord, !stopwords.contains(keys[start - 1]),
                  document.sentenceIndex(containing: tokens[start - 1].start) == sentence {
                start -= 1
            }
            for t in start...i { taken[t] = true }
            if start < i {
                result.append(Candidate(tokens: start..<(i + 1), label: .person, score: 0.75, source: source, priority: 0))
            } else {
                result.append(Candidate(tokens: i..<(i + 1), label: .person, id: entry?.id, name: entry?.name,
                                        score: entry == nil ? 0.6 : 0.85, source: source, priority: 0))
            }
        }
        return result
    }
}
