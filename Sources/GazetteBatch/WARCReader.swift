import Gazette
import GazetteRuntime

/// Reads WARC records from a decompressed stream (libarchive's raw format gives it; libarchive's own WARC reader
/// hides the record ids and full URIs). Each `response` record holding an HTML or plain-text HTTP body is one document:
/// id = WARC-Record-ID, with `url` (WARC-Target-URI) and `date` (WARC-Date) kept. Other records are skipped.
struct WARCReader {
    var source: String
    var maxDocumentBytes: Int
    /// Room for the HTTP status line and headers above the body limit.
    static let headerAllowance = 1 << 16

    init(source: String, maxDocumentBytes: Int) {
        self.source = source
        self.maxDocumentBytes = maxDocumentBytes
    }

    private func field(_ name: String, _ value: String) -> JSONLWriter.PassthroughField {
        JSONLWriter.PassthroughField(name: name, rawValue: JSONString.quoted(value))
    }

    /// Reads every record, handing documents to `emit` until it returns false.
    mutating func read(_ buffer: LineReader<ArchiveHandle>, emit: (FoundDocument) -> Bool) {
        var recordNumber = 0
        func failure(_ message: String, id: String? = nil) -> FoundDocument {
            FoundDocument(id: id ?? "\(source)#\(recordNumber)", fields: [field("source", source)], location: "\(source) record \(recordNumber)",
                          content: .failure(GazetteError(.unreadableInput, "\(source) record \(recordNumber): \(message)")))
        }
        do {
            while true {
                guard case let .line(versionLine)? = try buffer.nextLine(limit: Self.headerAllowance) else { return }
                if versionLine.isEmpty { continue }
                recordNumber += 1
                guard versionLine.starts(with: Array("WARC/".utf8)) else {
                    _ = emit(failure("not a WARC record header; reading stops here"))
                    return
                }
                var headers: [String: String] = [:]
                while true {
                    guard case let .line(line)? = try buffer.nextLine(limit: Self.headerAllowance) else {
                        _ = emit(failure("truncated record header"))
                        return
                    }
                    if line.isEmpty { break }
                    guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
                    let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
                    headers[name] = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmed(of: " \t")
                }
                guard let length = headers["content-length"].flatMap({ Int($0) }), length >= 0 else {
                    _ = emit(failure("missing or bad Content-Length; reading stops here"))
                    return
                }
                let id = headers["warc-record-id"].map { $0.trimmed(of: "<>") }
                let isResponse = headers["warc-type"] == "response"
                    && headers["content-type"]?.lowercased().hasPrefix("application/http") == true
                let (block, truncated) = try buffer.read(count: length, limit: isResponse ? maxDocumentBytes + Self.headerAllowance : 0)
                if truncated {
                    _ = emit(failure("truncated record (\(length) bytes announced)", id: id))
                    return
                }
                guard isResponse else { continue }
                var fields = [field("source", source)]
                if let url = headers["warc-target-uri"] { fields.append(field("url", url.trimmed(of: "<>"))) }
                if let date = headers["warc-date"] { fields.append(field("date", date)) }
                var document = FoundDocument(id: id ?? "\(source)#\(recordNumber)", fields: fields,
                                             location: "\(source) record \(id ?? String(recordNumber))", content: .text([]))
                guard let block else {
                    document.content = .failure(GazetteError(.documentTooLarge, "\(document.location): \(length) bytes, more than \(maxDocumentBytes) (--max-document-bytes)"))
                    if !emit(document) { return }
                    continue
                }
                guard let response = HTTPResponse(block) else {
                    document.content = .failure(GazetteError(.unusableContent, "\(document.location): malformed HTTP response"))
                    if !emit(document) { return }
                    continue
                }
                // Redirects, errors, images, scripts and the like are not documents.
                guard (200..<300).contains(response.status), let body = response.bodyKind else { continue }
                document.content = .httpBody(Array(block[response.bodyStart...]), body)
                if !emit(document) { return }
            }
        } catch {
            _ = emit(failure("read error (truncated or corrupt): \(error.message)"))
        }
    }
}
