/// 64-bit FNV-1a hashes of feature names built from parts without making strings: a template name and the keys,
/// labels and numbers it combines. Training and tagging build features with the same calls, so they cannot drift.
struct FeatureHash {
    private var hash: FNV1a

    /// The hash so far.
    var value: UInt64 { hash.value }

    /// A feature named by `template`, before any part is combined.
    init(_ template: StaticString) {
        hash = FNV1a()
        template.withUTF8Buffer { hash.combine($0) }
    }

    /// The FNV-1a offset basis (`FNV1a.offsetBasis`).
    static var offsetBasis: UInt64 { FNV1a.offsetBasis }
    /// The FNV-1a prime (`FNV1a.prime`).
    static var prime: UInt64 { FNV1a.prime }

    /// Combines another part (a string's hash, a code, a number).
    @inline(__always)
    func with(_ part: UInt64) -> FeatureHash {
        var copy = self
        copy.hash.combine(word: part)
        return copy
    }

    /// Combines a signed number, as its 64-bit two's complement.
    func with(_ part: Int) -> FeatureHash { with(UInt64(bitPattern: Int64(part))) }

    /// The FNV-1a hash of a string's UTF-8 bytes, to combine with `with(_:)`.
    static func of(_ string: String) -> UInt64 {
        FNV1a.hash(string)
    }

    /// The FNV-1a hash of `bytes`.
    static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        FNV1a.hash(bytes)
    }
}
