/// Bounds-checked little-endian reads over a binary file's bytes (model files), up to `end` (a section's end, or
/// the file's). Every read returns nil past the end.
struct ByteReader {
    let bytes: [UInt8]
    var position: Int
    /// Where reading stops.
    let end: Int
    /// The last value `u32()` read, for error messages ("format version 7").
    private(set) var lastU32: UInt32?

    init(bytes: [UInt8], position: Int, end: Int? = nil) {
        self.bytes = bytes
        self.position = position
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var remaining: Int { end - position }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(bytes[position + i]) << UInt32(8 * i) }
        position += 4
        lastU32 = value
        return value
    }

    mutating func u64() -> UInt64? {
        guard remaining >= 8 else { return nil }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[position + i]) << UInt64(8 * i) }
        position += 8
        return value
    }

    mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, remaining >= count else { return nil }
        defer { position += count }
        return bytes[position..<(position + count)]
    }
}
