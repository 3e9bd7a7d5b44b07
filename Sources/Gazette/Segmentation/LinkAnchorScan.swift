/// Finds the next byte where a link may be anchored (":", "." or "@"): the kernel of `LinkDetector.links(in:)`,
/// which looks at every byte of every document.
///
/// `first` tests eight bytes at a time, as one 64-bit word; `firstPlain` is the same search written plainly, and
/// `LinkAnchorScanTests` pins the two together.
enum LinkAnchorScan {
    /// The first index from `i` on whose byte is ":", "." or "@"; `text.count` when there is none.
    static func first(in text: [UInt8], from i: Int) -> Int {
        text.withUnsafeBufferPointer { text in
            let n = text.count
            var i = max(i, 0)
            guard let base = text.baseAddress else { return n }
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let candidates = anchorByteMask(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian)
                if candidates != 0 { return i + candidates.trailingZeroBitCount / 8 }
                i += 8
            }
            while i < n, !isAnchorByte(text[i]) { i += 1 }
            return min(i, n)
        }
    }

    /// `first`, written plainly: the reference it is tested against.
    static func firstPlain(in text: [UInt8], from i: Int) -> Int {
        var i = max(i, 0)
        while i < text.count, !isAnchorByte(text[i]) { i += 1 }
        return min(i, text.count)
    }

    /// Whether `byte` is ":", "." or "@".
    static func isAnchorByte(_ byte: UInt8) -> Bool {
        // All three lie below the letters, the bytes of most text.
        byte <= UInt8(ascii: "@") && (byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "@"))
    }

    /// The high bit set in each of eight bytes (little-endian) that may be a ":", "." or "@", tested all at once.
    /// The lowest bit set is exact; bits above it may be false alarms.
    @inline(__always)
    private static func anchorByteMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
        return zeroBytes(word ^ (ones &* UInt64(UInt8(ascii: ":")))) | zeroBytes(word ^ (ones &* UInt64(UInt8(ascii: "."))))
            | zeroBytes(word ^ (ones &* UInt64(UInt8(ascii: "@"))))
    }
}
