#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension GazetteerList {
    /// The rows of a spaCy EntityRuler pattern file: one JSON object per line with `label`, `pattern` and optional
    /// `id`. A pattern is a phrase (`"Acme Corp"`, matched in exactly that case, as spaCy does) or a list of token
    /// objects with one of `ORTH`, `TEXT` (that case) or `LOWER` (any case): `[{"LOWER": "acme"}, {"ORTH": "Corp"}]`.
    /// Patterns that share an id are one entity; its name is the first pattern's text.
    func jsonlRows() throws(GazetteError) -> [GazetteerRow] {
        var rows: [GazetteerRow] = []
        var rowOfID: [String: Int] = [:]
        var lineNumber = 0
        let decoder = JSONDecoder()
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let pattern: SpacyPattern
            do {
                pattern = try decoder.decode(SpacyPattern.self, from: Data(line))
            } catch let error as SpacyPattern.Problem {
                throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): \(error.message)")
            } catch let DecodingError.keyNotFound(key, _) {
                throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): missing \"\(key.stringValue)\" (expected {\"label\": ..., \"pattern\": ..., \"id\": ...})")
            } catch let DecodingError.typeMismatch(_, context) {
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): \(path.isEmpty ? "the line" : "\"\(path)\"") has the wrong type (expected {\"label\": string, \"pattern\": string or list of token objects, \"id\": string})")
            } catch {
                throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): not a JSON object")
            }
            guard !pattern.label.isEmpty else { throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): the label is empty") }
            let form: SurfaceFormDraft
            switch pattern.pattern {
            case let .phrase(text):
                let text = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
                guard !text.allSatisfy({ $0 == " " }) else { throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): the pattern is empty") }
                form = SurfaceFormDraft(text: text, marker: .phrase, patternTokens: nil, isUser: isUser)
            case let .tokens(tokens):
                guard !tokens.isEmpty else { throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): the pattern is an empty list") }
                form = SurfaceFormDraft(text: tokens.map(\.text).joined(separator: " "), marker: .phrase, patternTokens: tokens, isUser: isUser)
            }
            let label = pattern.label.normalizedEntityLabel
            if let id = pattern.id, let existing = rowOfID[id] {
                guard rows[existing].label == label else {
                    throw GazetteError(.resourceMalformed, "\(file) line \(lineNumber): id '\(id)' has label \(label) here but \(rows[existing].label) on line \(rows[existing].line)")
                }
                rows[existing].forms.append(form)
                continue
            }
            if let id = pattern.id { rowOfID[id] = rows.count }
            rows.append(GazetteerRow(name: form.text, label: label, id: pattern.id, forms: [form], prior: nil,
                                     flags: isUser ? .user : [], kind: nil, country: nil, description: nil, xrefs: [],
                                     file: file, line: lineNumber))
        }
        return rows
    }
}

/// One line of a spaCy EntityRuler pattern file.
private struct SpacyPattern: Decodable {
    struct Problem: Error { var message: String }

    enum Pattern {
        case phrase(String)
        case tokens([SurfaceFormDraft.PatternToken])
    }

    var label: String
    var pattern: Pattern
    var id: String?

    private enum Keys: String, CodingKey { case label, pattern, id }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        label = try container.decode(String.self, forKey: .label)
        if let text = try? container.decode(String.self, forKey: .pattern) {
            pattern = .phrase(text)
        } else if let list = try? container.decode([[String: TokenValue]].self, forKey: .pattern) {
            var tokens: [SurfaceFormDraft.PatternToken] = []
            for (index, object) in list.enumerated() {
                let attributes = object.keys.map { $0.uppercased() }.sorted()
                guard object.count == 1, let attribute = attributes.first, ["ORTH", "TEXT", "LOWER"].contains(attribute) else {
                    throw Problem(message: "token \(index + 1) of the pattern has attributes \(attributes.joined(separator: ", ")); each token must have exactly one of ORTH, TEXT or LOWER")
                }
                guard case let .text(value)? = object.first?.value, !value.isEmpty else {
                    throw Problem(message: "token \(index + 1) of the pattern: \(attribute) must be a non-empty string")
                }
                tokens.append(SurfaceFormDraft.PatternToken(text: value, caseSensitive: attribute != "LOWER"))
            }
            pattern = .tokens(tokens)
        } else if container.contains(.pattern) {
            throw Problem(message: "\"pattern\" must be a string or a list of token objects such as [{\"LOWER\": \"new\"}, {\"LOWER\": \"york\"}]")
        } else {
            throw Problem(message: "missing \"pattern\"")
        }
        if let text = try? container.decodeIfPresent(String.self, forKey: .id) {
            id = text.isEmpty ? nil : text
        } else if let number = try? container.decodeIfPresent(Int.self, forKey: .id) {
            id = String(number)
        } else {
            id = nil
        }
    }

    /// A token attribute's value: only strings are supported.
    enum TokenValue: Decodable {
        case text(String)
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .text(text) } else { self = .other }
        }
    }
}
