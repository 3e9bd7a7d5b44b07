/// A small fixed set of matching keys, tested by the keys' 64-bit FNV-1a hashes (`Document.tokenKeys.hashes`), so
/// that a token's key is not hashed again; a matching hash is confirmed by comparing the keys.
struct HashedKeySet: Sendable {
    private struct Slot: Sendable {
        var hash: UInt64 = 0
        var key = ""
        /// False for a free slot: a flag, tested faster than whether `key` is empty, on every probe.
        var isOccupied = false
    }

    private let table: OpenAddressingTable<Slot>

    /// The set of `words` (keys; empty strings are left out).
    init(_ words: [String]) {
        var table = OpenAddressingTable(capacity: LinearProbing.capacity(for: words.count, slotsPerKey: (4, 1), minimum: 8), empty: Slot())
        for word in Set(words) where !word.isEmpty {
            let hash = FNV1a.hash(word)
            table[table.slot(from: Self.home(hash)) { !$0.isOccupied }] = Slot(hash: hash, key: word, isOccupied: true)
        }
        self.table = table
    }

    /// Whether `key`, whose FNV-1a hash is `hash`, is in the set.
    @inline(__always) func contains(_ key: String, hash: UInt64) -> Bool {
        let slot = table.slot(from: Self.home(hash)) { !$0.isOccupied || ($0.hash == hash && $0.key == key) }
        return table[slot].isOccupied
    }

    /// The top bits of a Fibonacci product (`probing` masks them to the table).
    @inline(__always) private static func home(_ hash: UInt64) -> Int {
        HashMixing.fibonacciSlot(hash, shift: 40)
    }
}

/// One matching key with its 64-bit FNV-1a hash: a token's key is compared with it by hash first
/// (`Document.tokenKeys.hashes`), and only on equal hashes by its bytes.
struct HashedKey: Sendable {
    /// The key.
    let key: String
    /// `FNV1a.hash(key)`.
    let hash: UInt64

    /// The key `key` and its hash.
    init(_ key: String) {
        self.key = key
        hash = FNV1a.hash(key)
    }

    /// Whether `key`, whose FNV-1a hash is `hash`, is this key.
    @inline(__always) func matches(_ key: String, hash: UInt64) -> Bool {
        self.hash == hash && self.key == key
    }
}
