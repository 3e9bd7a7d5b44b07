/// An open-addressing table from key (by its FNV-1a hash, `FeatureHash.of`) to flags: usually one probe per token
/// that reads one 24-byte slot, instead of a `Dictionary<String, …>` look-up with its per-call hasher. A slot holds
/// the key itself (a short key lies inside the string value, so comparing it reads no other memory), the upper
/// half of the hash (the lower bits chose the slot), so that the key is compared only when the hash matches, and
/// the flags.
///
/// A kernel: the batched look-up `flags(of:hashes:)`, which runs for every token, reads through buffer pointers.
struct KeyFlagTable: Sendable {
    private struct Slot: Sendable {
        var key = ""
        var check: UInt32 = 0
        /// Empty for a free slot (every stored key is in at least one list).
        var flags: WordListFlags = []
    }

    private let slots: [Slot]
    private let mask: Int

    init(_ table: [String: WordListFlags]) {
        self.init(lists: table.map { (keys: [$0.key], flag: $0.value) })
    }

    /// The table of every key in `lists`, each with the flags of all the lists it is in. Built straight from the
    /// lists, at every start: no dictionary, no sort. The slot layout follows the lists' iteration order, which
    /// varies from run to run; the flags found for a key do not.
    init(lists: [(keys: some Collection<String>, flag: WordListFlags)]) {
        var capacity = 16
        let total = lists.reduce(0) { $0 + $1.keys.count }
        // At most two thirds full (counting a key once per list it is in): probes stay short.
        while capacity * 2 < total * 3 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Slot](repeating: Slot(), count: capacity)
        for (keys, flag) in lists where !flag.isEmpty {
            for key in keys {
                let hash = FeatureHash.of(key)
                let check = UInt32(truncatingIfNeeded: hash >> 32)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while !slots[slot].flags.isEmpty, !(slots[slot].check == check && slots[slot].key == key) {
                    slot = (slot + 1) & mask
                }
                if slots[slot].flags.isEmpty {
                    slots[slot] = Slot(key: key, check: check, flags: flag)
                } else {
                    slots[slot].flags.insert(flag)
                }
            }
        }
        self.slots = slots
        self.mask = mask
    }

    /// The flags of a key whose FNV-1a hash is `hash`.
    func flags(of key: String, hash: UInt64) -> WordListFlags {
        slots.withUnsafeBufferPointer { probe($0, key, hash) }
    }

    /// The flags of many keys, given with their hashes. In blocks of keys, the first slot of each is read in a loop
    /// of its own, with no branch on what it holds, so that the processor has the cache misses of the whole block
    /// in flight at once; the probes then find their slots in the cache, and a key whose first slot is free (not
    /// listed) needs no probe at all. Through buffer pointers (no bounds checks or array copies in the loops);
    /// `flagsPlain` is the same look-up written plainly, and `KeyFlagTableTests` pins the two together.
    func flags(of keys: [String], hashes: [UInt64]) -> [WordListFlags] {
        let count = min(keys.count, hashes.count)
        return [WordListFlags](unsafeUninitializedCapacity: count) { flags, initialized in
            keys.withUnsafeBufferPointer { keys in
                hashes.withUnsafeBufferPointer { hashes in
                    slots.withUnsafeBufferPointer { slots in
                        var blockStart = 0
                        while blockStart < count {
                            let blockEnd = min(blockStart + 256, count)
                            for index in blockStart..<blockEnd {
                                flags.initializeElement(at: index, to: slots[Int(truncatingIfNeeded: hashes[index]) & mask].flags)
                            }
                            for index in blockStart..<blockEnd where !flags[index].isEmpty {
                                flags[index] = probe(slots, keys[index], hashes[index])
                            }
                            blockStart = blockEnd
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// `flags(of:hashes:)`, written plainly: the reference it is tested against.
    func flagsPlain(of keys: [String], hashes: [UInt64]) -> [WordListFlags] {
        zip(keys, hashes).map { flags(of: $0, hash: $1) }
    }

    @inline(__always)
    private func probe(_ slots: UnsafeBufferPointer<Slot>, _ key: String, _ hash: UInt64) -> WordListFlags {
        let check = UInt32(truncatingIfNeeded: hash >> 32)
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let flags = slots[index].flags
            if flags.isEmpty { return [] }
            if slots[index].check == check && slots[index].key == key { return flags }
            index = (index + 1) & mask
        }
    }
}
