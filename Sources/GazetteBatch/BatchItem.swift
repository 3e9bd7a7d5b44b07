import Gazette
import GazetteWeb

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

        /// Bytes of the document itself (none for a failure), for the rates reported.
        var documentBytes: Int {
            if case .failure = self { return 0 }
            return size
        }

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
    func process(with annotator: RecordAnnotator, builder: WebDocumentBuilder, maxDocumentBytes: Int) -> BatchOutput {
        let record: InputRecord
        switch content {
        case let .json(bytes, line):
            record = .jsonLine(line: line, bytes: bytes)
        case let .failure(error):
            record = .unreadable(id: id, error: error)
        default:
            switch document(builder: builder, maxDocumentBytes: maxDocumentBytes) {
            case let .success(document): record = .document(document)
            case let .failure(error): record = .unreadable(id: id, error: GazetteError(error.code, "\(location): \(error.message)"))
            }
        }
        let output = annotator.annotate(record, adding: fields)
        return BatchOutput(position: position, sourceIndex: sourceIndex, sourceStart: sourceStart, bytes: output.bytes, failed: output.failed)
    }

    /// The document of a text, HTML or HTTP body, through `WebDocumentBuilder`, or why there is none.
    private func document(builder: WebDocumentBuilder, maxDocumentBytes: Int) -> Result<Document, GazetteError> {
        switch content {
        case let .text(raw):
            return builder.document(text: raw, id: id)
        case let .encodedText(raw, charset):
            return builder.document(text: raw, transportCharset: charset, id: id)
        case let .html(raw, charset):
            return builder.document(html: raw, transportCharset: charset, url: url, id: id)
        case let .httpBody(raw, body):
            switch HTTPDecoding.decode(raw, body: body, limit: maxDocumentBytes) {
            case let .failure(message, code):
                return .failure(GazetteError(code, message))
            case let .success(decoded):
                return body.isHTML
                    ? builder.document(html: decoded, transportCharset: body.charset, url: url, id: id)
                    : builder.document(text: decoded, transportCharset: body.charset, id: id)
            }
        case .json, .failure:
            preconditionFailure("handled by process(with:builder:maxDocumentBytes:)")
        }
    }

    /// The `url` field (WARC and ARC records), which resolves a page's relative links.
    private var url: String? {
        guard let field = fields.last(where: { $0.name == "url" }) else { return nil }
        return field.rawValue.withUnsafeBufferPointer { try? JSONString.decode($0) }?.value
    }
}
