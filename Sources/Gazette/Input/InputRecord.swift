/// One unit of input for the filter, before annotation.
public enum InputRecord: Sendable {
    /// A whole plain-text document, as bytes (decoded, and repaired if needed, by the annotator).
    case text(id: String?, bytes: [UInt8])
    /// One line of JSON Lines input; `line` is its 1-based line number, used in error messages.
    case jsonLine(line: Int, bytes: [UInt8])
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
}

/// Turns input records into output records with a pipeline and a writer. Pure: no I/O, safe to call from many
/// threads at once. Nothing a record contains can stop the stream: every failure becomes an error record.
public struct RecordAnnotator: Sendable {
    /// The pipeline that annotates each document.
    public let pipeline: Pipeline
    /// The writer that formats each output line.
    public let writer: JSONLWriter
    /// Name of the JSON field holding the text (`--text-field`).
    public let textField: String

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
            let document = Document(utf8: bytes, id: id)
            return annotate(document, passthrough: head(id: id, fields), line: nil, includingText: textEmission != .never)
        case let .document(document):
            return annotate(document, passthrough: head(id: document.id, fields), line: nil, includingText: textEmission != .never)
        case let .jsonLine(line, bytes):
            return annotateJSON(line: line, bytes: bytes, adding: fields)
        case let .unreadable(id, error):
            return OutputRecord(bytes: writer.errorRecord(id: id, passthrough: head(id: id, fields), error: error), failed: true)
        }
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
            return OutputRecord(bytes: writer.errorRecord(id: document.id, passthrough: passthrough, error: failure, line: line,
                                                          warnings: document.warnings), failed: true)
        }
    }

    private func annotateJSON(line: Int, bytes: [UInt8], adding fields: [JSONLWriter.PassthroughField]) -> OutputRecord {
        // Repair the whole line first, so that fields passed through unchanged are valid UTF-8 in the output too.
        var bytes = bytes
        var repaired = false
        if (try? UTF8Span(validating: bytes.span)) == nil {  // validates in place, unlike String(validating:)
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
            repaired = true
        }
        let members: [JSONMember]
        do {
            members = try JSONObjectScanner.members(of: bytes)
        } catch {
            let failure = GazetteError(.malformedJSON, "line \(line): \(error)")
            return OutputRecord(bytes: writer.errorRecord(id: nil, passthrough: head(id: nil, fields), error: failure, line: line), failed: true)
        }
        var passthrough = members.map { JSONLWriter.PassthroughField(name: $0.key, rawValue: Array(bytes[$0.valueRange])) }
        if !fields.isEmpty {
            let added = Set(fields.map(\.name))
            passthrough = passthrough.filter { !added.contains($0.name) } + fields
        }
        var id: String?
        if let idMember = members.last(where: { $0.key == "id" }) {
            id = idMember.kind == .string
                ? (try? JSONString.decode(bytes[idMember.valueRange]))?.value
                : String(decoding: bytes[idMember.valueRange], as: UTF8.self)
        }
        guard let textMember = members.last(where: { $0.key == textField }) else {
            let failure = GazetteError(.missingText, "line \(line): no \"\(textField)\" field")
            return OutputRecord(bytes: writer.errorRecord(id: id, passthrough: passthrough, error: failure, line: line), failed: true)
        }
        guard textMember.kind == .string,
              let decoded = try? JSONString.decode(bytes[textMember.valueRange]) else {
            let failure = GazetteError(.textNotString, "line \(line): \"\(textField)\" is not a string")
            return OutputRecord(bytes: writer.errorRecord(id: id, passthrough: passthrough, error: failure, line: line), failed: true)
        }
        var document = Document(text: decoded.value, id: id)
        if repaired || decoded.repairedInvalidUTF8 {
            document.warnings.append(Warning(code: .invalidUTF8, message: "line \(line): invalid UTF-8 replaced with U+FFFD"))
        }
        return annotate(document, passthrough: passthrough, line: line, includingText: textEmission == .always)
    }
}
