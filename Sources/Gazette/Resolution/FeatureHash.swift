/// 64-bit FNV-1a hashes of feature names built from parts without making strings: a template name and the keys,
/// labels and numbers it combines. Training and tagging build features with the same calls, so they cannot drift.
struct FeatureHash {
    private(set) var value: UInt64

    init(_ template: StaticString) {
        value = Self.offset
        template.withUTF8Buffer { for byte in $0 { mix(byte) } }
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3
    private static var offset: UInt64 { offsetBasis }

    @inline(__always)
    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01b3
    }

    /// Combines another part (a string's hash, a code, a number).
    @inline(__always)
    func with(_ part: UInt64) -> FeatureHash {
        var copy = self
        var n = part
        for _ in 0..<8 {
            copy.mix(UInt8(truncatingIfNeeded: n))
            n >>= 8
        }
        return copy
    }

    func with(_ part: Int) -> FeatureHash { with(UInt64(bitPattern: Int64(part))) }

    /// The FNV-1a hash of a string's UTF-8 bytes, to combine with `with(_:)`.
    static func of(_ string: String) -> UInt64 {
        var hash = offset
        for byte in string.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash = offset
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
