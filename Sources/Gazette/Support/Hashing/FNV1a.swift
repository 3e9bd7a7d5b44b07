/// 64-bit FNV-1a: the one definition of the hash that keys, feature names, token keys and resource stamps are built
/// on. Fixed forever: model files and compiled gazetteers store values made with it. Not for security.
///
/// Use it as a running value (`combine`) or through the static helpers; hot loops that fold and hash in one pass
/// call `step` so that the chain of multiplications stays in a register.
public struct FNV1a: Sendable, Hashable {
    /// The FNV-1a 64-bit offset basis: the hash of no bytes.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of the bytes combined so far.
    public private(set) var value: UInt64

    /// A hash of no bytes yet, or one that continues from `value`.
    public init(value: UInt64 = FNV1a.offsetBasis) {
        self.value = value
    }

    /// One FNV-1a round: `hash` continued by `byte`.
    @inlinable @inline(__always)
    public static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* prime
    }

    /// The FNV-1a hash of `bytes`, continuing from `hash` (the offset basis by default).
    @inlinable @inline(__always)
    public static func hash(_ bytes: some Sequence<UInt8>, from hash: UInt64 = offsetBasis) -> UInt64 {
        var hash = hash
        for byte in bytes { hash = step(hash, byte) }
        return hash
    }

    /// The FNV-1a hash of a string's UTF-8 bytes (read in place when contiguous, as a native string's are: several
    /// times faster than walking the view).
    public static func hash(_ string: String) -> UInt64 {
        string.utf8.withContiguousStorageIfAvailable { hash($0) } ?? hash(string.utf8)
    }

    /// Continues the hash with one byte.
    @inline(__always)
    public mutating func combine(_ byte: UInt8) {
        value = Self.step(value, byte)
    }

    /// Continues the hash with `bytes`.
    public mutating func combine(_ bytes: some Sequence<UInt8>) {
        value = Self.hash(bytes, from: value)
    }

    /// Continues the hash with the eight bytes of `word`, least significant first.
    @inline(__always)
    public mutating func combine(word: UInt64) {
        var rest = word
        for _ in 0..<8 {
            combine(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }
}
