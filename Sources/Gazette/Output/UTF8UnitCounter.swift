/// The kernel that counts code points (or UTF-16 code units) in UTF-8 bytes, eight bytes at a time.
///
/// Writing offsets in code points or UTF-16 counts through the whole text of every document. Counted a byte at a
/// time (`reference(_:utf16:)`) that costs 6.75M more instructions on the 1 MB news sample (0.85% of a run):
/// below the 2% that usually earns packed code, but the refactor's budget has no room for it. A differential test
/// pins the two together.
enum UTF8UnitCounter {
    /// Code points (or UTF-16 code units, with `utf16`) that start in `bytes[range]`: lead bytes, counting
    /// four-byte sequences twice for UTF-16.
    static func units(in bytes: [UInt8], _ range: Range<Int>, utf16: Bool) -> Int {
        bytes.withUnsafeBufferPointer { units(in: $0, range, utf16: utf16) }
    }

    /// Whether every byte is ASCII (below 0x80), read eight bytes at a time; `isASCIIReference` is the plain
    /// definition.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return true }
            var union: UInt64 = 0
            var i = 0
            while i + 8 <= bytes.count {
                union |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                i += 8
            }
            while i < bytes.count {
                union |= UInt64(base[i])
                i += 1
            }
            return union & 0x8080_8080_8080_8080 == 0
        }
    }

    /// The plain definition of `isASCII`.
    static func isASCIIReference(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    /// The plain definition of `units(in:_:utf16:)`.
    static func reference(_ bytes: some Sequence<UInt8>, utf16: Bool) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 {  // not a continuation byte, 10xxxxxx
            count += utf16 && byte >= 0xF0 ? 2 : 1  // a four-byte lead, 11110xxx, is a surrogate pair in UTF-16
        }
        return count
    }

    /// A continuation byte is 10xxxxxx, a four-byte lead 11110xxx: both are told apart in eight bytes at once.
    private static func units(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, utf16: Bool) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let high: UInt64 = 0x8080_8080_8080_8080
        var count = 0
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let continuations = word & ~(word << 1) & high
            count += 8 - continuations.nonzeroBitCount
            if utf16 && word & high != 0 {
                count += (word & (word << 1) & (word << 2) & (word << 3) & high).nonzeroBitCount
            }
            i += 8
        }
        while i < range.upperBound {
            let byte = base[i]
            if byte & 0xC0 != 0x80 { count += (utf16 && byte >= 0xF0) ? 2 : 1 }
            i += 1
        }
        return count
    }
}
