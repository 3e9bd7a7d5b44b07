/// The probing every open-addressing table in Gazette shares: a table of 2^k slots, a key's home slot (from its
/// hash), then the following slots in order, wrapping at the end, until a slot that is free or holds the key.
///
/// The tables differ in what a slot holds and how a slot is read (an array of structs, or records in a mapped
/// compiled file), so the probing works on slot indices and leaves reading slots to the caller.
struct LinearProbing: Sendable, Equatable {
    /// The number of slots minus one: slot indices are taken `& mask`.
    let mask: Int

    /// Probing over `capacity` slots, a power of two.
    init(capacity: Int) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "capacity must be a power of two")
        mask = capacity - 1
    }

    /// The number of slots.
    var capacity: Int { mask + 1 }

    /// The smallest power of two, at least `minimum`, that gives every one of `count` keys at least
    /// `slotsPerKey.numerator / slotsPerKey.denominator` slots (the inverse of the highest load allowed).
    static func capacity(for count: Int, slotsPerKey: (numerator: Int, denominator: Int), minimum: Int) -> Int {
        var capacity = minimum
        while capacity * slotsPerKey.denominator < count * slotsPerKey.numerator { capacity <<= 1 }
        return capacity
    }

    /// The first slot, from `hash`'s home slot on, at which `stop` holds (a free slot, or the one holding the key).
    /// The table must have a free slot.
    @inline(__always)
    func slot(from hash: Int, until stop: (Int) -> Bool) -> Int {
        var slot = hash & mask
        while !stop(slot) { slot = (slot + 1) & mask }
        return slot
    }
}
