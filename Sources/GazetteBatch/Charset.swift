import CGazetteBatch

/// Conversion of declared charsets to UTF-8 (through iconv).
enum Charset {
    static func isUTF8(_ charset: String) -> Bool {
        let name = charset.lowercased()
        return name == "utf-8" || name == "utf8" || name == "us-ascii" || name == "ascii"
    }

    /// `bytes` in `charset` as UTF-8; invalid sequences become U+FFFD. Nil for an unknown charset.
    static func utf8(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        if isUTF8(charset) { return bytes }
        var output: UnsafeMutablePointer<CChar>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { gazette_to_utf8($0.baseAddress, $0.count, charset, &output, &length) }
        }
        defer { gazette_free(output) }
        guard status == Int32(GZB_OK), let output else { return nil }
        return output.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}
