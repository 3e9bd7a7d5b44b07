/// Finalisers that spread a hash's bits before it is cut down to a table slot or a bucket. FNV-1a mixes its low bits
/// poorly, so every table and bucket index derived from one goes through one of these. Fixed: compiled gazetteers
/// and model files depend on them.
package enum HashMixing {
    /// SplitMix64's finaliser: every input bit affects every output bit.
    @inline(__always)
    package static func splitMix64(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    /// Fibonacci hashing: the top bits of `value` times 2^64/φ, a slot in a table of 2^(64 - `shift`) slots.
    @inline(__always)
    static func fibonacciSlot(_ value: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// MurmurHash3's 64-bit finaliser without its last multiply-xor round (the gazetteer's edge hash).
    @inline(__always)
    static func murmurShort(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        return x
    }
}
