/// A small fixed set of matching keys, tested by the keys' 64-bit FNV-1a hashes (`Document.tokenKeys.hashes`), so
/// that a token's key is not hashed again; a matching hash is confirmed by comparing the keys.
struct HashedKeySet: Sendable {
    private let hashes: [UInt64]
    private let keys: [String]
    private let mask: Int

    init(_ words: [String]) {
        var capacity = 8
        while capacity < words.count * 4 { capacity <<= 1 }
        var hashes = [UInt64](repeating: 0, count: capacity)
        var keys = [String](repeating: "", count: capacity)
        for word in Set(words) where !word.isEmpty {
            let hash = FeatureHash.of(word)
            var slot = Self.slot(hash, capacity - 1)
            while !keys[slot].isEmpty { slot = (slot + 1) & (capacity - 1) }
            hashes[slot] = hash
            keys[slot] = word
        }
        self.hashes = hashes
        self.keys = keys
        mask = capacity - 1
    }

    /// Whether `key`, whose FNV-1a hash is `hash`, is in the set.
    @inline(__always) func contains(_ key: String, hash: UInt64) -> Bool {
        var slot = Self.slot(hash, mask)
        while !keys[slot].isEmpty {
            if hashes[slot] == hash, keys[slot] == key { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    @inline(__always) private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }
}
