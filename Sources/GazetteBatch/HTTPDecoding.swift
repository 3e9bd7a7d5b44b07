import CGazetteBatch
import Gazette

/// Undoes the transfer and content encodings of an HTTP response body.
enum HTTPDecoding {
    enum Result {
        case success([UInt8])
        /// Why the body cannot be decoded, and the code of the error record it becomes.
        case failure(String, GazetteError.Code)
    }

    static func decode(_ raw: [UInt8], body: BatchItem.HTTPBody, limit: Int) -> Result {
        var bytes = raw
        if body.chunked {
            guard let joined = dechunk(raw) else { return .failure("malformed chunked transfer encoding", .unusableContent) }
            bytes = joined
        }
        switch body.contentEncoding?.lowercased() {
        case nil, "", "identity":
            return .success(bytes)
        case "gzip", "x-gzip", "deflate":
            var output: UnsafeMutablePointer<UInt8>?
            var length = 0
            let status = bytes.withUnsafeBufferPointer { gazette_inflate($0.baseAddress, $0.count, limit, &output, &length) }
            defer { gazette_free(output) }
            switch status {
            case Int32(GZB_OK):
                guard let output else { return .success([]) }
                return .success(Array(UnsafeBufferPointer(start: output, count: length)))
            case Int32(GZB_TOO_LARGE): return .failure("body decompresses to more than \(limit) bytes (--max-document-bytes)", .documentTooLarge)
            default: return .failure("corrupt \(body.contentEncoding ?? "") content encoding", .unusableContent)
            }
        case let other?:
            return .failure("unsupported content encoding \"\(other)\"", .unusableContent)
        }
    }

    /// Joins the chunks of a chunked body: hex size line, data, CRLF, ..., a zero-size chunk.
    static func dechunk(_ raw: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            guard let lineEnd = raw[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var sizeText = String(decoding: raw[index..<lineEnd], as: UTF8.self)
            if let extensionStart = sizeText.firstIndex(of: ";") { sizeText = String(sizeText[..<extensionStart]) }
            guard let size = Int(sizeText.trimmed(of: " \t\r"), radix: 16), size >= 0 else { return nil }
            index = lineEnd + 1
            if size == 0 { return output }
            guard size <= raw.count - index else { return nil }
            output.append(contentsOf: raw[index..<(index + size)])
            index += size
            if index < raw.count, raw[index] == UInt8(ascii: "\r") { index += 1 }
            if index < raw.count, raw[index] == UInt8(ascii: "\n") { index += 1 }
        }
        // No terminating zero-size chunk: a truncated record; keep what arrived.
        return output
    }
}

extension String {
    /// The string without leading and trailing characters from `characters`.
    func trimmed(of characters: String) -> String {
        let set = Set(characters.unicodeScalars)
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !set.contains($0) })!
        return String(scalars[first...last])
    }
}
