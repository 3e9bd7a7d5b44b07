/// The `tokenKeys` layer: each token's matching key and the key's 64-bit FNV-1a hash, at the token's index.
///
/// The normaliser (`TokenNormalizer`) writes it once; later stages look keys up by their hash instead of hashing
/// the same bytes again.
public struct TokenKeys: Sendable, Hashable {
    /// One matching key per token (see `MatchingKey`).
    public private(set) var keys: [String]
    /// For each key, its 64-bit FNV-1a hash (`FeatureHash.of`).
    public private(set) var hashes: [UInt64]

    /// No keys: the layer before the normaliser has run.
    public init() {
        keys = []
        hashes = []
    }

    /// Keys with their hashes, as many of one as of the other.
    public init(keys: [String], hashes: [UInt64]) {
        precondition(keys.count == hashes.count, "one hash per key")
        self.keys = keys
        self.hashes = hashes
    }

    /// The number of keys (the number of tokens once the layer is filled).
    public var count: Int { keys.count }
}
