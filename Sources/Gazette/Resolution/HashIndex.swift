/// An open-addressing map from 64-bit hashes (FNV hashes of keys) to small integers, for the per-document tables
/// of the entity features and the name linker: no `Hasher` rounds and no boxed values on the hot path, and one
/// allocation per table.
struct HashIndex: Sendable {
    private struct Slot {
        var key: UInt64
        /// -1 marks an empty slot, so that every key (0 included) can be stored.
        var value: Int32
    }

    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    /// An index sized for `capacity` keys (it grows if more come).
    init(capacity: Int = 0) {
        var bits: UInt64 = 3
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: 1 << Int(bits))
        shift = 64 - bits
    }

    /// Home slot: the top bits after a multiplicative mix.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = slot(of: key)
            while true {
                let value = slots[index].value
                if value < 0 { return nil }
                if slots[index].key == key { return value }
                index = (index + 1) & mask
            }
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { value(for: key) != nil }

    /// Stores `value` (≥ 0) for `key` unless the key is there already; returns the value stored before, if any.
    @discardableResult
    mutating func insert(_ key: UInt64, value: Int32) -> Int32? {
        precondition(value >= 0)
        if (count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var index = slot(of: key)
        while slots[index].value >= 0 {
            if slots[index].key == key { return slots[index].value }
            index = (index + 1) & mask
        }
        slots[index] = Slot(key: key, value: value)
        count += 1
        return nil
    }

    private mutating func grow() {
        let old = slots
        shift -= 1
        slots = [Slot](repeating: Slot(key: 0, value: -1), count: old.count * 2)
        count = 0
        for slot in old where slot.value >= 0 { insert(slot.key, value: slot.value) }
    }
}
