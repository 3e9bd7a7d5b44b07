#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Gazette

/// Reads `gazette.doc/1` records (one JSON object per line) for the exporters. The text is the record's
/// `textField` (`text`: what `--emit-text` writes, or a JSON Lines input's own field); its offsets are read in the
/// unit the record's `offsets` names and checked against the text: every entity's `text` must be exactly what its
/// offsets cover.
public struct ExportRecordReader: Sendable {
    /// The field that holds the text.
    public var textField: String

    /// A reader taking the text from `textField`.
    public init(textField: String = "text") {
        self.textField = textField
    }

    /// The record on one line (1-based `line`), or why it cannot be exported: an error record, malformed JSON, no
    /// text, offsets that do not fit the text.
    public func read(_ bytes: [UInt8], line: Int) -> Result<ExportRecord, ExportFailure> {
        let members: [JSONMember]
        do {
            members = try JSONObjectScanner.members(of: bytes)
        } catch {
            return .failure(ExportFailure(line: line, id: nil, error: GazetteError(.malformedJSON, "\(error)")))
        }
        func member(_ name: String) -> JSONMember? { members.last { $0.key == name } }
        func raw(_ member: JSONMember) -> ArraySlice<UInt8> { bytes[member.valueRange] }
        let id = member("id").map { idMember -> String in
            idMember.kind == .string ? ((try? JSONString.decode(raw(idMember)).value) ?? "") : String(decoding: raw(idMember), as: UTF8.self)
        }
        func failure(_ code: GazetteError.Code, _ message: String) -> Result<ExportRecord, ExportFailure> {
            .failure(ExportFailure(line: line, id: id, error: GazetteError(code, message)))
        }

        if let errorMember = member("error"), errorMember.kind == .object {
            let recorded = try? JSONDecoder().decode(RecordedError.self, from: Data(raw(errorMember)))
            let code = recorded.flatMap { GazetteError.Code(rawValue: $0.code) } ?? .stageFailure
            return failure(code, "an error record: \(recorded?.message ?? "no message")")
        }
        guard let textMember = member(textField) else {
            return failure(.missingText, "no \"\(textField)\" field (annotate with --emit-text, or keep the input's text field)")
        }
        guard textMember.kind == .string, let text = try? JSONString.decode(raw(textMember)).value else {
            return failure(.textNotString, "\"\(textField)\" is not a string")
        }
        var unit = OffsetUnit.codepoint
        if let offsetsMember = member("offsets") {
            guard offsetsMember.kind == .string, let name = try? JSONString.decode(raw(offsetsMember)).value,
                  let declared = OffsetUnit(rawValue: name) else {
                return failure(.malformedJSON, "\"offsets\" is not one of codepoint, utf16, utf8")
            }
            unit = declared
        }
        let index = TextOffsetIndex(text)

        var sentences: [Range<Int>] = []
        if let sentencesMember = member("sentences") {
            guard let pairs = try? JSONDecoder().decode([[Int]].self, from: Data(raw(sentencesMember))) else {
                return failure(.malformedJSON, "\"sentences\" is not a list of [start, end] pairs")
            }
            for pair in pairs {
                guard pair.count == 2, let start = index.utf8Offset(of: pair[0], in: unit),
                      let end = index.utf8Offset(of: pair[1], in: unit), start <= end else {
                    return failure(.malformedJSON, "sentence \(pair) does not fit the text (\(index.length(in: unit)) \(unit.rawValue) units)")
                }
                sentences.append(start..<end)
            }
        }

        var entities: [ExportEntity] = []
        if let entitiesMember = member("entities") {
            let decoded: [RecordedEntity]
            do {
                decoded = try JSONDecoder().decode([RecordedEntity].self, from: Data(raw(entitiesMember)))
            } catch {
                return failure(.malformedJSON, "\"entities\" cannot be read: \(error)")
            }
            for entity in decoded {
                guard let start = index.utf8Offset(of: entity.start, in: unit),
                      let end = index.utf8Offset(of: entity.end, in: unit), start < end else {
                    return failure(.malformedJSON, "entity [\(entity.start), \(entity.end)) does not fit the text (\(index.length(in: unit)) \(unit.rawValue) units)")
                }
                let covered = index.text(start..<end)
                if let written = entity.text, written != covered {
                    return failure(.malformedJSON, "entity [\(entity.start), \(entity.end)) says \"\(written)\" but the text there is \"\(covered)\" (offsets in \(unit.rawValue)?)")
                }
                entities.append(ExportEntity(utf8Range: start..<end, text: covered, label: entity.label, linkID: entity.id,
                                             name: entity.name, score: entity.score, source: entity.source))
            }
        }
        var record = ExportRecord(id: id, line: line, offsets: index, text: text, sentences: sentences, entities: entities)
        if let stampMember = member("gazette"), stampMember.kind == .string {
            record.stamp = try? JSONString.decode(raw(stampMember)).value
        }
        if let topicsMember = member("topics") {
            guard let topics = try? JSONDecoder().decode([RecordedTopic].self, from: Data(raw(topicsMember))) else {
                return failure(.malformedJSON, "\"topics\" is not a list of {label, score} objects")
            }
            record.topics = topics.map { topic in
                ExportTopic(label: topic.label, score: topic.score, evidence: (topic.evidence ?? []).map { ($0.feature, $0.weight) })
            }
        }
        return .success(record)
    }
}

/// An entity as a record writes it.
private struct RecordedEntity: Decodable {
    var start: Int
    var end: Int
    var text: String?
    var label: String
    var id: String?
    var name: String?
    var score: Double?
    var source: String?
}

/// A topic as a record writes it.
private struct RecordedTopic: Decodable {
    struct Evidence: Decodable {
        var feature: String
        var weight: Double
    }
    var label: String
    var score: Double
    var evidence: [Evidence]?
}

/// An error object as a record writes it.
private struct RecordedError: Decodable {
    var code: String
    var message: String?
}
