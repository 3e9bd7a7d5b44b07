import Gazette

/// One input document on its way to a worker: where it is in the batch, where it came from, and its content
/// (still raw: decoding, HTML reduction and annotation happen on the workers).
struct BatchItem: Sendable {
    /// Position of the document in the whole batch, counting from 0 in reading order.
    var position: Int
    /// Index of the source (file) it came from, and the position of that source's first document.
    var sourceIndex: Int
    var sourceStart: Int
    /// The record's id (nil for JSON Lines, which keep their own).
    var id: String?
    /// Fields added to the output record: `source`, `member`, `line`, `url`, `date`.
    var fields: [JSONLWriter.PassthroughField]
    /// Archive and member, for messages.
    var location: String
    var content: Content

    enum Content: Sendable {
        /// Plain text, expected UTF-8 (repaired with a warning when not).
        case text([UInt8])
        /// Text in a declared charset other than UTF-8.
        case encodedText([UInt8], charset: String)
        /// HTML; `charset` when declared outside the document.
        case html([UInt8], charset: String?)
        /// One JSON object; `line` is its 1-based line number.
        case json([UInt8], line: Int)
        /// An HTTP response body as stored in a WARC record, to decode first.
        case httpBody([UInt8], HTTPBody)
        /// A document that could not be read: becomes an error record.
        case failure(GazetteError)

        /// Bytes held, for bounding what is in flight.
        var size: Int {
            switch self {
            case let .text(bytes), let .encodedText(bytes, _), let .html(bytes, _), let .json(bytes, _), let .httpBody(bytes, _): bytes.count
            case .failure: 64
            }
        }
    }

    /// How an HTTP body is encoded and what it holds (from the response's headers).
    struct HTTPBody: Sendable {
        var chunked: Bool
        var contentEncoding: String?
        var isHTML: Bool
        var charset: String?
    }
}

/// One finished document: its output line and where it stands in the batch.
public struct BatchOutput: Sendable {
    /// Position of the document in the whole batch (reading order from 0).
    public var position: Int
    /// The index of the source it came from, in reading order.
    public var sourceIndex: Int
    /// The position of that source's first document (for resuming).
    public var sourceStart: Int
    /// The JSON Lines record, newline-terminated.
    public var bytes: [UInt8]
    /// Whether the record is an error record.
    public var failed: Bool
}

extension BatchItem {
    /// Decodes, checks and annotates the document. Pure; runs on worker threads.
    func process(with annotator: RecordAnnotator, maxDocumentBytes: Int) -> BatchOutput {
        let record: InputRecord
        switch content {
        case let .json(bytes, line):
            record = .jsonLine(line: line, bytes: bytes)
        case let .failure(error):
            record = .unreadable(id: id, error: error)
        default:
            switch textBytes(maxDocumentBytes: maxDocumentBytes) {
            case let .success(bytes): record = .text(id: id, bytes: bytes)
            case let .failure(error): record = .unreadable(id: id, error: error)
            }
        }
        let output = annotator.annotate(record, adding: fields)
        return BatchOutput(position: position, sourceIndex: sourceIndex, sourceStart: sourceStart, bytes: output.bytes, failed: output.failed)
    }

    /// The document's text as UTF-8 bytes, or why there is none.
    private func textBytes(maxDocumentBytes: Int) -> Result<[UInt8], GazetteError> {
        func failure(_ message: String, _ code: GazetteError.Code = .unusableContent) -> Result<[UInt8], GazetteError> {
            .failure(GazetteError(code, "\(location): \(message)"))
        }
        var bytes: [UInt8]
        switch content {
        case let .text(raw):
            if raw.contains(0) { return failure("binary content (NUL bytes), not text") }
            bytes = raw
        case let .encodedText(raw, charset):
            guard let converted = Charset.utf8(raw, from: charset) else { return failure("unknown charset \"\(charset)\"") }
            bytes = converted
        case let .html(raw, charset):
            if raw.contains(0) && charset.map({ !$0.lowercased().hasPrefix("utf-16") }) ?? true {
                return failure("binary content (NUL bytes), not HTML")
            }
            guard let text = HTMLText.text(ofHTML: raw, charset: charset) else { return failure("HTML could not be parsed") }
            bytes = text
        case let .httpBody(raw, body):
            switch HTTPDecoding.decode(raw, body: body, limit: maxDocumentBytes) {
            case let .failure(message, code): return failure(message, code)
            case let .success(decoded):
                if body.isHTML {
                    guard let text = HTMLText.text(ofHTML: decoded, charset: body.charset) else { return failure("HTML could not be parsed") }
                    bytes = text
                } else if let charset = body.charset, !Charset.isUTF8(charset) {
                    guard let converted = Charset.utf8(decoded, from: charset) else { return failure("unknown charset \"\(charset)\"") }
                    bytes = converted
                } else {
                    if decoded.contains(0) { return failure("binary content (NUL bytes), not text") }
                    bytes = decoded
                }
            }
        case .json, .failure:
            preconditionFailure("handled by process(with:)")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0x0C }) {
            return failure("empty document (no text)", .emptyDocument)
        }
        return .success(bytes)
    }
}
