/// An open-addressing map from 64-bit hashes (FNV hashes of keys) to small integers, for the per-document tables
/// of the entity features and the name linker: no `Hasher` rounds and no boxed values on the hot path, and one
/// allocation per table.
struct HashIndex: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        /// -1 marks an empty slot, so that every key (0 included) can be stored.
        var value: Int32

        static let empty = Slot(key: 0, value: -1)
    }

    private var table: OpenAddressingTable<Slot>
    /// 64 - log2(capacity): the home slot is the top bits of a Fibonacci product.
    private var shift: UInt64
    /// The number of keys stored.
    private(set) var count = 0

    /// An index sized for `capacity` keys (it grows if more come).
    init(capacity: Int = 0) {
        let slots = LinearProbing.capacity(for: capacity, slotsPerKey: (2, 1), minimum: 8)
        table = OpenAddressingTable(capacity: slots, empty: .empty)
        shift = 64 - UInt64(slots.trailingZeroBitCount)
    }

    /// The slot holding `key`, or the free slot where it would go.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        table.slot(from: HashMixing.fibonacciSlot(key, shift: shift)) { $0.value < 0 || $0.key == key }
    }

    /// The value stored for `key`, if any.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        let value = table[slot(of: key)].value
        return value < 0 ? nil : value
    }

    /// Whether `key` is stored.
    @inline(__always)
    func contains(_ key: UInt64) -> Bool { value(for: key) != nil }

    /// Stores `value` (≥ 0) for `key` unless the key is there already; returns the value stored before, if any.
    @discardableResult
    mutating func insert(_ key: UInt64, value: Int32) -> Int32? {
        precondition(value >= 0)
        if (count + 1) * 2 > table.capacity { grow() }
        let index = slot(of: key)
        if table[index].value >= 0 { return table[index].value }
        table[index] = Slot(key: key, value: value)
        count += 1
        return nil
    }

    private mutating func grow() {
        let old = table.allSlots
        shift -= 1
        table = OpenAddressingTable(capacity: old.count * 2, empty: .empty)
        count = 0
        for slot in old where slot.value >= 0 { insert(slot.key, value: slot.value) }
    }
}
