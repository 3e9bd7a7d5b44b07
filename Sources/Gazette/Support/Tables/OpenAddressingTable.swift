/// An open-addressing hash table of `Slot` values in one array, probed with `LinearProbing`: the storage of the
/// small per-document and per-list tables (`HashIndex`, `HashedKeySet`). What marks a slot free and what matches
/// a key is the slot type's business, given to `slot(from:until:)` as a predicate.
struct OpenAddressingTable<Slot: Sendable>: Sendable {
    private var slots: [Slot]
    /// The probing over the slots.
    let probing: LinearProbing

    /// A table of `capacity` (a power of two) copies of `empty`.
    init(capacity: Int, empty: Slot) {
        probing = LinearProbing(capacity: capacity)
        slots = [Slot](repeating: empty, count: capacity)
    }

    /// The number of slots.
    var capacity: Int { slots.count }

    /// The first slot, from `hash`'s home slot on, whose value satisfies `stop` (free, or holding the key).
    @inline(__always)
    func slot(from hash: Int, until stop: (Slot) -> Bool) -> Int {
        probing.slot(from: hash) { stop(slots[$0]) }
    }

    /// The slot at `index`.
    @inline(__always)
    subscript(index: Int) -> Slot {
        get { slots[index] }
        set { slots[index] = newValue }
    }

    /// Every slot, in table order.
    var allSlots: [Slot] { slots }
}
