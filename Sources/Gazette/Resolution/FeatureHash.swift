/// 64-bit hashes of feature names built from parts without making strings: a template name and the matching
/// keys or labels it combines. Training and tagging build features with the same calls, so they cannot drift.
struct FeatureHash {
    private(set) var value: UInt64

    init(_ template: StaticString) {
        value = 0xcbf2_9ce4_8422_2325
        template.withUTF8Buffer { for byte in $0 { mix(byte) } }
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01b3
    }

    func with(_ part: String) -> FeatureHash {
        var copy = self
        copy.mix(0x1F)
        for byte in part.utf8 { copy.mix(byte) }
        return copy
    }

    func with(_ part: StaticString) -> FeatureHash {
        var copy = self
        copy.mix(0x1F)
        part.withUTF8Buffer { for byte in $0 { copy.mix(byte) } }
        return copy
    }

    func with(_ number: Int) -> FeatureHash {
        var copy = self
        copy.mix(0x1E)
        var n = UInt64(bitPattern: Int64(number))
        for _ in 0..<8 { copy.mix(UInt8(truncatingIfNeeded: n)); n >>= 8 }
        return copy
    }
}
