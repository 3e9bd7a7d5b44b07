import Gazette

/// A record laid over tokens, for the formats that count in tokens (CoNLL, spaCy): Gazette's own tokens, made again
/// from the text by the library's segmenter (records do not carry them), grouped into the record's sentences, and
/// each entity as a run of whole tokens.
///
/// Gazette's entities are runs of its tokens, so normally nothing needs adjusting. A record whose entity edge falls
/// inside a token (made by another segmenter, or edited by hand) gets that token cut at the edge, and the cut is
/// reported; an entity that still does not cover whole tokens (an edge in white space) or overlaps an earlier one
/// cannot be written in these formats: it is left out of them and reported. Nothing is dropped silently.
public struct TokenizedRecord: Sendable {
    /// The record.
    public let record: ExportRecord
    /// The tokens, as UTF-8 ranges of the text, in order.
    public private(set) var tokens: [Range<Int>] = []
    /// The sentences, as ranges of `tokens` indices, in order, covering every token once.
    public private(set) var sentences: [Range<Int>] = []
    /// The entities that cover whole tokens and overlap no earlier one, with their token ranges, in text order.
    public private(set) var entities: [(entity: ExportEntity, tokens: Range<Int>)] = []
    /// What did not fit: cut tokens, entities left out.
    public private(set) var issues: [ExportIssue] = []

    /// `record` over the tokens `segmenter` makes of its text. A record without sentences gets the segmenter's.
    public init(_ record: ExportRecord, segmenter: Segmenter) throws(GazetteError) {
        self.record = record
        var document = Document(text: record.text, id: record.id)
        do {
            try segmenter.process(&document)
        } catch let error as GazetteError {
            throw error
        } catch {
            throw GazetteError(.stageFailure, "\(record.reference): segmenting failed: \(error)")
        }
        tokens = cutAtEntityEdges(document.tokens.map(\.utf8Range))
        let kept = placeEntities()
        sentences = groupSentences(record.sentences.isEmpty ? document.sentences : record.sentences, entities: kept)
    }

    /// Gazette's tokens, each cut where an entity starts or ends inside it.
    private mutating func cutAtEntityEdges(_ original: [Range<Int>]) -> [Range<Int>] {
        let edges = Set(record.entities.flatMap { [$0.utf8Range.lowerBound, $0.utf8Range.upperBound] }).sorted()
        var result: [Range<Int>] = []
        result.reserveCapacity(original.count)
        var next = 0  // the first edge not before the current token
        for token in original {
            while next < edges.count, edges[next] <= token.lowerBound { next += 1 }
            var inside: [Int] = []
            while next < edges.count, edges[next] < token.upperBound {
                inside.append(edges[next])
                next += 1
            }
            guard !inside.isEmpty else {
                result.append(token)
                continue
            }
            var start = token.lowerBound
            for edge in inside {
                result.append(start..<edge)
                start = edge
            }
            result.append(start..<token.upperBound)
            for entity in record.entities where inside.contains(entity.utf8Range.lowerBound) || inside.contains(entity.utf8Range.upperBound) {
                issues.append(ExportIssue(record: record, entity: entity,
                                          problem: .cutToken(record.offsets.text(token))))
            }
        }
        return result
    }

    /// The entities as token runs; those that cannot be one (an edge off the tokens, an overlap) are reported.
    private mutating func placeEntities() -> [Range<Int>] {
        var tokenStarting: [Int: Int] = [:], tokenEnding: [Int: Int] = [:]
        for (index, token) in tokens.enumerated() {
            tokenStarting[token.lowerBound] = index
            tokenEnding[token.upperBound] = index
        }
        let ordered = record.entities.enumerated().sorted {
            ($0.element.utf8Range.lowerBound, $0.offset) < ($1.element.utf8Range.lowerBound, $1.offset)
        }
        var lastEnd = 0
        var placed: [Range<Int>] = []
        for (_, entity) in ordered {
            guard let first = tokenStarting[entity.utf8Range.lowerBound], let last = tokenEnding[entity.utf8Range.upperBound] else {
                issues.append(ExportIssue(record: record, entity: entity, problem: .notOnTokens))
                continue
            }
            guard entity.utf8Range.lowerBound >= lastEnd else {
                issues.append(ExportIssue(record: record, entity: entity, problem: .overlaps))
                continue
            }
            lastEnd = entity.utf8Range.upperBound
            entities.append((entity, first..<last + 1))
            placed.append(first..<last + 1)
        }
        return placed
    }

    /// Token ranges of the sentences: each token goes to the sentence it starts in (a token between sentences to
    /// the one before it), and sentences an entity runs across are joined, so that every entity lies in one.
    private func groupSentences(_ sentenceRanges: [Range<Int>], entities: [Range<Int>]) -> [Range<Int>] {
        guard !tokens.isEmpty else { return [] }
        var starts: [Int] = [0]  // token index where each group starts
        var sentence = 0
        var current: Int? = nil
        for (index, token) in tokens.enumerated() {
            while sentence < sentenceRanges.count, sentenceRanges[sentence].upperBound <= token.lowerBound { sentence += 1 }
            let inside = sentence < sentenceRanges.count && sentenceRanges[sentence].lowerBound <= token.lowerBound
            guard inside else { continue }  // stays with the group before
            if let current, current != sentence, index > 0 { starts.append(index) }
            current = sentence
        }
        // An entity whose tokens start two groups apart joins them.
        var joined = Set<Int>()
        for entity in entities {
            for start in starts where start > entity.lowerBound && start < entity.upperBound { joined.insert(start) }
        }
        let kept = starts.filter { !joined.contains($0) }
        return kept.indices.map { kept[$0]..<(($0 + 1 < kept.count) ? kept[$0 + 1] : tokens.count) }
    }
}

/// Something an export could not write as the record says.
public struct ExportIssue: Sendable, Equatable, CustomStringConvertible {
    /// How the record names itself in messages (its line and id).
    public var record: String
    /// The entity concerned.
    public var entity: ExportEntity
    /// What happened to it.
    public var problem: Problem

    /// What happened to an entity.
    public enum Problem: Sendable, Equatable {
        /// An edge of the entity fell inside this token, which was cut there; the entity is kept.
        case cutToken(String)
        /// The entity does not start and end on tokens (an edge in white space): left out.
        case notOnTokens
        /// The entity overlaps an earlier one: left out.
        case overlaps
    }

    /// The entity's offsets in characters (code points).
    public var characters: Range<Int>

    /// An issue of `entity` in `record`.
    public init(record: ExportRecord, entity: ExportEntity, problem: Problem) {
        self.record = record.reference
        self.entity = entity
        self.problem = problem
        characters = record.offsets.offset(ofUTF8: entity.utf8Range.lowerBound, in: .codepoint)
            ..< record.offsets.offset(ofUTF8: entity.utf8Range.upperBound, in: .codepoint)
    }

    /// For example `line 4 (id a): entity "Blinken " PERSON [19, 27) does not start and end on tokens; left out`
    /// (offsets in characters).
    public var description: String {
        let what = "entity \"\(entity.text)\" \(entity.label) [\(characters.lowerBound), \(characters.upperBound))"
        return switch problem {
        case let .cutToken(token): "\(record): \(what) ends inside the token \"\(token)\", which was cut there"
        case .notOnTokens: "\(record): \(what) does not start and end on tokens; left out"
        case .overlaps: "\(record): \(what) overlaps an earlier entity; left out"
        }
    }
}
