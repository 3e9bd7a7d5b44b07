import Gazette

/// A seeded, reproducible random number generator (SplitMix64), the same on every platform: the one source of
/// randomness of both trainers (the entity model's example order, the topic model's validation split).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return HashMixing.splitMix64(state)
    }

    /// A uniform integer in 0..<bound without modulo bias worth mentioning (multiply-shift).
    public mutating func below(_ bound: Int) -> Int {
        Int((UInt128(next()) * UInt128(bound)) >> 64)
    }

    /// Fisher–Yates shuffle with this generator (the standard library's `shuffle` may change between releases).
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}
