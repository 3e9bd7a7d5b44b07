import CGazetteBatch

/// gzip, zlib and raw deflate data in memory (zlib, as for HTTP content encodings).
public enum Gzip {
    /// `bytes` decompressed, or nil when they are corrupt or would be larger than `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int = 1 << 30) -> [UInt8]? {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = bytes.withUnsafeBufferPointer { gazette_inflate($0.baseAddress, $0.count, limit, &output, &length) }
        defer { gazette_free(output) }
        guard status == Int32(GZB_OK) else { return nil }
        guard let output else { return [] }
        return Array(UnsafeBufferPointer(start: output, count: length))
    }
}
