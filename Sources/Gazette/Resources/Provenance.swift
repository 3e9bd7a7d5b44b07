/// The identity of the resources a pipeline was built from, stamped on every output record as
/// `"0.1.0+gaz.<digest>"`: a chain of XXH64 hashes over each input's name and bytes, in reading order.
///
/// It is the one owner of that scheme. `GazetteerStore` feeds it every gazetteer, word list and model file when it
/// reads them and keeps the result in its cache (so that a warm start reads no input), and `Pipeline.standard`
/// stamps its records with `stamp`. The value is fixed by its definition: the same inputs always give the same stamp.
public struct Provenance: Sendable, Hashable {
    /// Names the matching behaviour the stamp vouches for. It changes (to the then-current gazetteer
    /// "format.revision") when the same inputs give other results, and stays put when only a file layout changes.
    static let behaviour = "gazette-gazetteer/11.1"

    /// The hash of everything recorded so far.
    public private(set) var value: UInt64

    /// A provenance continuing from `value`: 0 for an anonymous chain (a user's lists compiled on their own).
    public init(value: UInt64 = 0) {
        self.value = value
    }

    /// The start of the resource chain stamped on output: the hash of the behaviour's name.
    public static var resources: Provenance { Provenance(value: XXH64.hash(behaviour)) }

    /// Adds one input: its name (a resource-relative path, or a list's source) and its bytes.
    public mutating func record(_ name: String, bytes: [UInt8]) {
        value = XXH64.hash(bytes, seed: XXH64.hash(name, seed: value))
    }

    /// Adds another chain (an overlay compiled from a user's lists) by its 16-digit hex value.
    public mutating func include(_ other: Provenance) {
        value = XXH64.hash(XXH64.hex(other.value), seed: value)
    }

    /// The first 12 hex digits of the value: the part of the stamp after `+gaz.`.
    public var digest: String { String(XXH64.hex(value).prefix(12)) }

    /// The version stamp written on every output record: the library version plus `digest`.
    public var stamp: String { Self.stamp(digest: digest) }

    /// The stamp for a resource digest; the bare library version without one.
    public static func stamp(digest: String?) -> String {
        digest.map { "\(GazetteLibrary.version)+gaz.\($0)" } ?? GazetteLibrary.version
    }
}
