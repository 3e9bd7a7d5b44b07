/// The status line and headers of an HTTP response stored in a WARC record.
struct HTTPResponse {
    var status: Int
    var headers: [String: String]
    var bodyStart: Int

    init?(_ block: [UInt8]) {
        var index = 0
        var lines: [String] = []
        while true {
            guard let newline = block[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            var end = newline
            if end > index, block[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = String(decoding: block[index..<end], as: UTF8.self)
            index = newline + 1
            if line.isEmpty { break }
            lines.append(line)
        }
        guard let statusLine = lines.first, statusLine.hasPrefix("HTTP/") else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        self.status = status
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmed(of: " \t")
        }
        self.headers = headers
        bodyStart = index
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
