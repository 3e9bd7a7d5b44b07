/// One unit of input for the filter, before annotation.
public enum InputRecord: Sendable {
    /// A whole plain-text document, as bytes (decoded, and repaired if needed, by the annotator).
    case text(id: String?, bytes: [UInt8])
    /// One line of JSON Lines input; `line` is its 1-based line number and `source` the file it came from (nil for
    /// standard input), both used in messages.
    case jsonLine(line: Int, bytes: [UInt8], source: String? = nil)
    /// An input that could not even be read (an unreadable file): it becomes an error record in its place.
    case unreadable(id: String?, error: GazetteError)
    /// A document already decoded, with its metadata and warnings (a web page reduced to its article by
    /// GazetteWeb's `WebDocumentBuilder`, say).
    case document(Document)
}

/// The result of annotating one input record: its output line and whether the record failed.
public struct OutputRecord: Sendable {
    /// The output line, newline-terminated: a `gazette.doc/1` record, or an error record in its place.
    public var bytes: [UInt8]
    /// Whether the line is an error record.
    public var failed: Bool
    /// The error of an error record (what its `error` object says).
    public var error: GazetteError? = nil
    /// Fields of a JSON Lines input record that Gazette's own fields of the same name replaced
    /// (`JSONLWriter.ownedFields`: `entities`, `topics`, `schema`, …), in input order: the caller may warn about them.
    public var replacedFields: [String] = []

    /// An error record.
    static func failure(_ bytes: [UInt8], _ error: GazetteError, replacedFields: [String] = []) -> OutputRecord {
        OutputRecord(bytes: bytes, failed: true, error: error, replacedFields: replacedFields)
    }
}

/// Turns input records into output records with a pipeline and a writer. Pure: no I/O, safe to call from many
/// threads at once. Nothing a record contains can stop the stream: every failure becomes an error record.
public struct RecordAnnotator: Sendable {
    /// The pipeline that annotates each document.
    public let pipeline: Pipeline
    /// The writer that formats each output line.
    public let writer: JSONLWriter
    /// Name of the JSON field holding the text (`--text-field`): a key, or a path of keys through nested objects
    /// separated by dots (`article.body`); a backslash makes the next character part of the key (`meta\\.text` is
    /// the key `meta.text`).
    public let textField: String
    /// `textField` split into its keys.
    private let textPath: [String]

    /// Which documents are annotated, by language; nil (the default): all, and no `language` in the records.
    public var languagePolicy: LanguagePolicy?
    /// Which records carry the text the offsets index, as `text`.
    public var textEmission: TextEmission = .never

    /// Which records carry their text.
    public enum TextEmission: Sendable {
        /// None (the default).
        case never
        /// Every record (the filter's `--emit-text`); for JSON Lines input it replaces an input field named `text`.
        case always
        /// Records of documents that were not JSON (whose text is not in the record already): `gazette batch`.
        case unlessJSON
    }

    /// An annotator that runs `pipeline` and writes with `writer`; JSON Lines input has its text in `textField`.
    public init(pipeline: Pipeline, writer: JSONLWriter, textField: String = "text") {
        self.pipeline = pipeline
        self.writer = writer
        self.textField = textField
        self.textPath = Self.keyPath(textField)
    }

    /// The keys of a text field path: split at dots, a backslash taking the next character as it is.
    static func keyPath(_ field: String) -> [String] {
        var keys: [String] = [], key = ""
        var escaped = false
        for character in field {
            if escaped {
                key.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "." {
                keys.append(key)
                key = ""
            } else {
                key.append(character)
            }
        }
        keys.append(key)
        return keys
    }

    /// Annotates one record. Never throws: a record that cannot be annotated becomes an error record.
    public func annotate(_ record: InputRecord) -> OutputRecord {
        annotate(record, adding: [])
    }

    /// Like `annotate(_:)`, with `fields` (raw JSON values) written after the record's id and its own fields,
    /// replacing input fields of the same name: provenance such as the archive and member a document came from.
    public func annotate(_ record: InputRecord, adding fields: [JSONLWriter.PassthroughField]) -> OutputRecord {
        switch record {
        case let .text(id, bytes):
            let bytes = DocumentContent.droppingByteOrderMark(bytes)
            // The same bad-input classes as `gazette batch`'s text files: binary (GZ107), empty (GZ109).
            if DocumentContent.looksBinary(bytes) { return failure(id: id, fields, DocumentContent.binaryError(id)) }
            let document = Document(utf8: bytes, id: id)
            if DocumentContent.isBlank(document.text) { return failure(id: id, fields, DocumentContent.emptyError(id)) }
            return annotate(document, passthrough: head(id: id, fields), line: nil, includingText: textEmission != .never)
        case let .document(document):
            if DocumentContent.isBlank(document.text) { return failure(id: document.id, fields, DocumentContent.emptyError(document.id)) }
            return annotate(document, passthrough: head(id: document.id, fields), line: nil, includingText: textEmission != .never)
        case let .jsonLine(line, bytes, source):
            return annotateJSON(line: line, source: source, bytes: bytes, adding: fields)
        case let .unreadable(id, error):
            return failure(id: id, fields, error)
        }
    }

    /// The error record of a document that is not annotated.
    private func failure(id: String?, _ fields: [JSONLWriter.PassthroughField], _ error: GazetteError) -> OutputRecord {
        .failure(writer.errorRecord(id: id, passthrough: head(id: id, fields), error: error), error)
    }

    /// The id and the added fields as passthrough fields, or nil (the writer then writes the id itself).
    private func head(id: String?, _ fields: [JSONLWriter.PassthroughField]) -> [JSONLWriter.PassthroughField]? {
        guard !fields.isEmpty else { return nil }
        var head: [JSONLWriter.PassthroughField] = []
        if let id {
            var quoted: [UInt8] = []
            JSONString.appendQuoted(id, to: &quoted)
            head.append(JSONLWriter.PassthroughField(name: "id", rawValue: quoted))
        }
        return head + fields
    }

    private func annotate(_ document: Document, passthrough: [JSONLWriter.PassthroughField]?, line: Int?,
                          includingText: Bool) -> OutputRecord {
        var document = document
        do {
            let annotated: Document
            if let languagePolicy, !languagePolicy.apply(to: &document) {
                annotated = try pipeline.annotate(document, onlyProviding: Pipeline.languageNeutralLayers)
            } else {
                annotated = try pipeline.annotate(document)
            }
            return OutputRecord(bytes: writer.record(for: annotated, passthrough: passthrough, includingText: includingText),
                                failed: false)
        } catch {
            let failure = error as? GazetteError ?? GazetteError(.stageFailure, "\(error)")
            return .failure(writer.errorRecord(id: document.id, passthrough: passthrough, error: failure, line: line,
                                               warnings: document.warnings), failure)
        }
    }

    private func annotateJSON(line: Int, source: String?, bytes: [UInt8], adding fields: [JSONLWriter.PassthroughField]) -> OutputRecord {
        let location = source.map { "\($0) line \(line)" } ?? "line \(line)"
        // Repair the whole line first, so that fields passed through unchanged are valid UTF-8 in the output too. A
        // byte-order mark (a file's, before its first record) is not part of the record.
        var bytes = DocumentContent.droppingByteOrderMark(bytes)
        var repaired = false
        if (try? UTF8Span(validating: bytes.span)) == nil {  // validates in place, unlike String(validating:)
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            repaired = true
        }
        let members: [JSONMember]
        do {
            members = try JSONObjectScanner.members(of: bytes)
        } catch {
            let failure = GazetteError(.malformedJSON, "\(location): \(error)")
            return .failure(writer.errorRecord(id: nil, passthrough: head(id: nil, fields), error: failure, line: line), failure)
        }
        var passthrough = members.map { JSONLWriter.PassthroughField(name: $0.key, rawValue: Array(bytes[$0.valueRange])) }
        if !fields.isEmpty {
            let added = Set(fields.map(\.name))
            passthrough = passthrough.filter { !added.contains($0.name) } + fields
        }
        let replaced = members.map(\.key).filter { JSONLWriter.ownedFields.contains($0) }
        var id: String?
        if let idMember = members.last(where: { $0.key == "id" }) {
            id = idMember.kind == .string
                ? (try? JSONString.decode(bytes[idMember.valueRange]))?.value
                : String(decoding: bytes[idMember.valueRange], as: UTF8.self)
        }
        func failed(_ failure: GazetteError) -> OutputRecord {
            .failure(writer.errorRecord(id: id, passthrough: passthrough, error: failure, line: line), failure, replacedFields: replaced)
        }
        let textMember: JSONMember
        switch Self.member(at: textPath, in: members, of: bytes) {
        case let .found(member): textMember = member
        case let .missing(seen, parent):
            let keys = seen.prefix(12).joined(separator: ", ") + (seen.count > 12 ? ", …" : "")
            let fieldsSeen = seen.isEmpty ? "no fields" : "fields\(parent.map { " of \"\($0)\"" } ?? ""): \(keys)"
            return failed(GazetteError(.missingText, "\(location): no \"\(textField)\" field (\(fieldsSeen))"))
        case let .notAnObject(parent):
            return failed(GazetteError(.missingText, "\(location): no \"\(textField)\" field (\"\(parent)\" is not an object)"))
        }
        guard textMember.kind == .string,
              let decoded = try? JSONString.decode(bytes[textMember.valueRange]) else {
            return failed(GazetteError(.textNotString, "\(location): \"\(textField)\" is not a string"))
        }
        guard !DocumentContent.isBlank(decoded.value) else { return failed(DocumentContent.emptyError(location)) }
        var document = Document(text: decoded.value, id: id)
        if repaired || decoded.repairedInvalidUTF8 {
            document.warnings.append(Warning(code: .invalidUTF8, message: "\(location): invalid UTF-8 replaced with U+FFFD"))
        }
        if decoded.replacedLoneSurrogate {
            document.warnings.append(Warning(code: .invalidUTF8, message: "\(location): a lone surrogate escape (\\ud800-\\udfff without its pair) in \"\(textField)\" replaced with U+FFFD"))
        }
        var output = annotate(document, passthrough: passthrough, line: line, includingText: textEmission == .always)
        output.replacedFields = replaced
        return output
    }

    /// Where a text field path leads in a record.
    private enum FieldLookup {
        case found(JSONMember)
        /// No such key: the keys of the object where it was looked for (`parent`: that object's path, nil at the top).
        case missing(seen: [String], parent: String?)
        /// A key on the way holds something other than an object.
        case notAnObject(parent: String)
    }

    /// The member at `path` (keys through nested objects) among `members` of `bytes`; the last of duplicate keys
    /// counts, as at the top level. Member ranges are rebased onto `bytes`.
    private static func member(at path: [String], in members: [JSONMember], of bytes: [UInt8]) -> FieldLookup {
        var members = members
        for (depth, key) in path.enumerated() {
            let parent = depth == 0 ? nil : path[..<depth].joined(separator: ".")
            guard let member = members.last(where: { $0.key == key }) else {
                return .missing(seen: members.map(\.key), parent: parent)
            }
            if depth == path.count - 1 { return .found(member) }
            let here = path[...depth].joined(separator: ".")
            guard member.kind == .object else { return .notAnObject(parent: here) }
            let range = member.valueRange
            guard let nested = try? bytes.withUnsafeBufferPointer({ buffer throws(JSONSyntaxError) in
                try JSONObjectScanner.members(of: UnsafeBufferPointer(rebasing: buffer[range]))
            }) else { return .notAnObject(parent: here) }
            members = nested.map { JSONMember(key: $0.key, valueRange: ($0.valueRange.lowerBound + range.lowerBound)..<($0.valueRange.upperBound + range.lowerBound), kind: $0.kind) }
        }
        return .missing(seen: members.map(\.key), parent: nil)
    }
}
