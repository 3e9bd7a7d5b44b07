/// The FNV-1a hash of the last three bytes of a token's key (the entity model's `suffix3` feature).
///
/// `plainLastThreeBytes` walks the key's UTF-8 view, as the definition; `lastThreeBytes`, the kernel the features
/// call, reads the key's contiguous bytes when it has them (a native string always does): walking the view costs
/// about ten times as much. `KeySuffixHashTests` pins one to the other.
enum KeySuffixHash {
    /// The hash of the last three bytes of `key` (which has at least three).
    static func lastThreeBytes(of key: String.UTF8View) -> UInt64 {
        key.withContiguousStorageIfAvailable { bytes in
            precondition(bytes.count >= 3)
            var hash = FeatureHash.offsetBasis
            for byte in bytes[(bytes.count - 3)...] { hash = (hash ^ UInt64(byte)) &* FeatureHash.prime }
            return hash
        } ?? plainLastThreeBytes(of: key)
    }

    /// The same hash, byte by byte through the view: the reference.
    static func plainLastThreeBytes(of key: String.UTF8View) -> UInt64 {
        var hash = FeatureHash.offsetBasis
        var index = key.index(key.endIndex, offsetBy: -3)
        while index < key.endIndex {
            hash = (hash ^ UInt64(key[index])) &* FeatureHash.prime
            key.formIndex(after: &index)
        }
        return hash
    }
}
