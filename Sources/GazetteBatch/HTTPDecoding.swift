import CGazetteBatch
import Gazette

/// Undoes the transfer and content encodings of an HTTP response body.
enum HTTPDecoding {
    enum Result {
        case success([UInt8])
        /// Why the body cannot be decoded, and the code of the error record it becomes.
        case failure(String, GazetteError.Code)
    }

    /// Undoes the transfer encoding, then the content encodings (last applied first: "gzip, br" is un-brotlied, then
    /// gunzipped). A body under a chunked header that is not chunked (crawlers that stored it de-chunked) is taken as
    /// it is, as warcio does. Content encodings: gzip, x-gzip, deflate (zlib); br (libbrotli); zstd (libzstd).
    static func decode(_ raw: [UInt8], body: BatchItem.HTTPBody, limit: Int) -> Result {
        var bytes = raw
        if body.chunked, let joined = dechunk(raw) { bytes = joined }
        let encodings = (body.contentEncoding ?? "").lowercased().split(separator: ",").map { String($0).trimmed(of: " \t") }
        for encoding in encodings.reversed() {
            let decoder: (UnsafePointer<UInt8>?, Int, Int, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<Int>?) -> Int32
            switch encoding {
            case "", "identity", "none": continue
            case "gzip", "x-gzip", "deflate": decoder = gazette_inflate
            case "br": decoder = gazette_unbrotli
            case "zstd": decoder = gazette_unzstd
            default: return .failure("unsupported content encoding \"\(encoding)\"", .unusableContent)
            }
            var output: UnsafeMutablePointer<UInt8>?
            var length = 0
            let status = bytes.withUnsafeBufferPointer { decoder($0.baseAddress, $0.count, limit, &output, &length) }
            defer { gazette_free(output) }
            switch status {
            case Int32(GZB_OK):
                bytes = output.map { Array(UnsafeBufferPointer(start: $0, count: length)) } ?? []
            case Int32(GZB_TOO_LARGE): return .failure("body decompresses to more than \(limit) bytes (--max-document-bytes)", .documentTooLarge)
            default: return .failure("corrupt \(encoding) content encoding", .unusableContent)
            }
        }
        return .success(bytes)
    }

    /// Joins the chunks of a chunked body: hex size line, data, CRLF, ..., a zero-size chunk. Nil when `raw` does not
    /// start with a chunk size line (a body stored de-chunked under a chunked header).
    static func dechunk(_ raw: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            // A bad size line after good chunks: the rest is taken as it is (warcio does the same).
            guard let lineEnd = raw[index...].firstIndex(of: UInt8(ascii: "\n")) else { return index == 0 ? nil : output + raw[index...] }
            var sizeText = String(decoding: raw[index..<lineEnd], as: UTF8.self)
            if let extensionStart = sizeText.firstIndex(of: ";") { sizeText = String(sizeText[..<extensionStart]) }
            guard let size = Int(sizeText.trimmed(of: " \t\r"), radix: 16), size >= 0 else { return index == 0 ? nil : output + raw[index...] }
            index = lineEnd + 1
            if size == 0 { return output }
            // A last chunk cut short (a truncated record): keep what arrived.
            guard size <= raw.count - index else { return output + raw[index...] }
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
