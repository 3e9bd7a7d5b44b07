/// The hash of a matching key in the compiled gazetteer's vocabulary table, derived from the key's 64-bit FNV-1a
/// hash (`FNV1a`), which `TokenNormalizer` computes for every token while folding it: the tagger hashes
/// no key bytes. One multiply spreads the FNV bits (whose low bits mix poorly) over the 32 bits kept. Fixed:
/// compiled files depend on it.
enum KeyHash {
    /// The key hash of a key whose FNV-1a hash is `fnv`.
    @inline(__always) static func hash(fnv: UInt64) -> UInt32 {
        let mixed = (fnv ^ (fnv >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: mixed >> 32)
    }

    /// The key hash of a key's UTF-8 bytes.
    @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        hash(fnv: FNV1a.hash(bytes))
    }

    /// The key hash of a key.
    static func hash(_ key: String) -> UInt32 {
        hash(fnv: FNV1a.hash(key))
    }
}
