/// The status line and headers of an HTTP response stored in a WARC record.
struct HTTPResponse {
    var status: Int
    var headers: [String: String]
    var bodyStart: Int

    /// Parses the status line and headers, leniently as warcio does: lines may end in "\r\n", "\n" or "\r\r\n", the
    /// protocol may be anything ("HTTP/1.1", "HTTPX/1.1"), the reason phrase may be missing, and a header block that
    /// runs to the end of `block` has an empty body. Nil when there is no status line with a 3-digit status.
    init?(_ block: [UInt8]) {
        var index = 0
        var lines: [String] = []
        while index < block.count {
            let newline = block[index...].firstIndex(of: UInt8(ascii: "\n")) ?? block.count
            var end = newline
            while end > index, block[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = String(decoding: block[index..<end], as: UTF8.self)
            index = min(newline + 1, block.count)
            if line.isEmpty {
                if lines.isEmpty { continue } // blank lines before the status line
                break
            }
            lines.append(line)
        }
        guard let statusLine = lines.first else { return nil }
        let parts = statusLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2, parts[0].count <= 16, parts[1].count == 3, let status = Int(parts[1]), status >= 100 else { return nil }
        self.status = status
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased().trimmed(of: " \t")
            if headers[name] == nil { headers[name] = String(line[line.index(after: colon)...]).trimmed(of: " \t") }
        }
        self.headers = headers
        bodyStart = index
    }

    /// Whether `block` starts like an HTTP response ("HTTP" after any blank lines), for telling a malformed response
    /// from a record that holds no HTTP message at all.
    static func startsLikeHTTP(_ block: [UInt8]) -> Bool {
        let start = block.drop { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }
        return start.prefix(4).map { $0 | 0x20 } == Array("http".utf8)
    }

    /// How the body is encoded and what it holds; nil when it is neither HTML nor plain text.
    var bodyKind: BatchItem.HTTPBody? {
        let contentType = headers["content-type"] ?? ""
        let parameters = contentType.split(separator: ";").map { String($0).trimmed(of: " \t") }
        let mime = parameters.first?.lowercased() ?? ""
        var charset: String?
        for parameter in parameters.dropFirst() where parameter.lowercased().hasPrefix("charset=") {
            charset = String(parameter.dropFirst("charset=".count)).trimmed(of: "\"' ")
        }
        let isHTML = mime == "text/html" || mime == "application/xhtml+xml"
        guard isHTML || mime == "text/plain" else { return nil }
        let chunked = headers["transfer-encoding"]?.lowercased().contains("chunked") == true
        return BatchItem.HTTPBody(chunked: chunked, contentEncoding: headers["content-encoding"], isHTML: isHTML, charset: charset)
    }
}
