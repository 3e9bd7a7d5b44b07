/// An open-addressing map from 64-bit hashes (FNV hashes of keys) to small integers, for the per-document tables
/// of the entity features and the name linker: no `Hasher` rounds and no boxed values on the hot path.
struct HashIndex: Sendable {
    private var keys: [UInt64]
    /// -1 marks an empty slot, so that every key (0 included) can be stored.
    private var values: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    /// An index sized for `capacity` keys (it grows if more come).
    init(capacity: Int = 0) {
        var bits: UInt64 = 3
        while (1 << bits) < capacity * 2 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << Int(bits))
        values = [Int32](repeating: -1, count: 1 << Int(bits))
        shift = 64 - bits
    }

    /// Home slot: the top bits after a multiplicative mix.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        keys.withUnsafeBufferPointer { keys in
            values.withUnsafeBufferPointer { values in
                let mask = keys.count - 1
                var slot = slot(of: key)
                while true {
                    let value = values[slot]
                    if value < 0 { return nil }
                    if keys[slot] == key { return value }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { value(for: key) != nil }

    /// Stores `value` (≥ 0) for `key` unless the key is there already; returns the value stored before, if any.
    @discardableResult
    mutating func insert(_ key: UInt64, value: Int32) -> Int32? {
        precondition(value >= 0)
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = slot(of: key)
        while values[slot] >= 0 {
            if keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = value
        count += 1
        return nil
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        shift -= 1
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Int32](repeating: -1, count: oldKeys.count * 2)
        count = 0
        for slot in oldKeys.indices where oldValues[slot] >= 0 { insert(oldKeys[slot], value: oldValues[slot]) }
    }
}
