/// The byte layout of a compiled gazetteer (`.gzc` file): a `ResourceContainer` of kind `GAZCACHE` (version
/// `formatVersion`) with these sections. Little-endian throughout.
///
/// ```
/// stamp    u32 compiler revision, u32 0, u64 content hash (`Provenance` of every input), u64 compiled-inputs hash
/// strings  u16 length + UTF-8 bytes; a string reference is the offset of its length (0xFFFFFFFF = none)
/// slots    open-addressing table over the vocabulary, 32 bytes a slot: u32 key hash (`KeyHash`), u32 symbol + 1 (0 = empty),
///          u32 root node, u8 flags (`SlotFlags`), u8 key length, u16 the root node's signature folded to 16 bits
///          (`foldedSignature`), the key's first 16 bytes (zero-padded); capacity a power of two
/// vocab    per symbol: key string, hash of the key (`KeyHash`), trie node reached from the root (0xFFFFFFFF = none),
///          u32 flags (`VocabFlags`)
/// nodes    per trie node: u32 first payload (its payloads end where the next node's begin), then one u32 more:
///          the payload count
/// children open-addressing table over the trie's inner edges, 16 bytes a slot: u32 parent (0xFFFFFFFF = empty),
///          u32 symbol, u32 child (`NodeReference`: the node and its flags), u32 the child's signature
///          (`signatureBit` of each of its children's keys, or-ed); capacity a power of two
/// payloads per surface form ending at a node, 32 bytes: u32 entry, u32 token shapes, u32 surface string, u8 policy,
///          u8 token count, then copies of the entry's fields a match needs (u16 label, u16 source, u16 0, f32 prior,
///          u32 id string, u32 name string), so that matching reads no entry record
/// entries  per entry: name, id, aliases, kind, country, description, xrefs, label, source, flags, prior
/// labels, sources  string references
/// info     counts
/// filters  two Bloom filters of u64 words over key hashes (see `GazetteerImage.bloomBits`): 2^6 words over the keys
///          some name is listed to start with in lower case or at a non-word token (slot flag 1; about 120 keys),
///          then 2^9 words over the keys that occur inside names that way (slot flag 32; about 1,000 keys); small
///          enough to stay in the first-level cache; then 2^14 words over the trie's inner edges (parent, symbol,
///          `edgeFilterBits`); built at compile time so that opening a file computes nothing
/// manifest the input files the file was compiled from: u32 count, then per file u32 path length, path, i64 size,
///          i64 modification time (seconds, nanoseconds), i64 status-change time (seconds, nanoseconds), u64 device,
///          u64 inode (`GazetteerFiles.Status`)
/// ```
enum GazetteerLayout {
    /// The container format version (`ResourceContainer` kind `GAZCACHE`); 17 moved the file into the container.
    static let formatVersion: UInt32 = 17
    /// Changes whenever the compiler's output for the same inputs changes (policies, tokenisation): caches built
    /// by another revision are rebuilt.
    static let compilerRevision: UInt32 = 1

    static let none: UInt32 = 0xFFFF_FFFF

    /// The flags of a vocabulary slot (its u8 at byte 12): what a token's look-up needs to know about the key.
    struct SlotFlags: OptionSet, Sendable {
        let rawValue: UInt8

        /// Some name is listed starting with this key in lower case or at a non-word token ("mainland China").
        static let startsLowerCase = SlotFlags(rawValue: 1)
        /// A name is this key alone (names end at the root node).
        static let startEndsName = SlotFlags(rawValue: 2)
        /// A name starting with this key may match text written all in lower case ("xinjiang").
        static let startsLowerCaseWord = SlotFlags(rawValue: 4)
        /// Longer names start with this key (the root node has children).
        static let startHasChildren = SlotFlags(rawValue: 8)
        /// The key occurs after the first token of some name.
        static let continues = SlotFlags(rawValue: 16)
        /// The key occurs inside some name in lower case or as a non-word token ("of", "-").
        static let continuesLowerCase = SlotFlags(rawValue: 32)
    }

    /// The flags of a vocabulary record (its u32 at byte 12).
    struct VocabFlags: OptionSet, Sendable {
        let rawValue: UInt32

        /// As `SlotFlags.startsLowerCase`.
        static let startsLowerCase = VocabFlags(rawValue: 1)
        /// As `SlotFlags.startsLowerCaseWord`.
        static let startsLowerCaseWord = VocabFlags(rawValue: 4)
    }

    /// A trie node with two flags in its top bits, as the children table stores a child and the tagger a start.
    struct NodeReference: Sendable, Equatable {
        /// The node and flags packed: bit 31 names end at the node, bit 30 it has children.
        let rawValue: UInt32

        private static let endsNameBit: UInt32 = 1 << 31
        private static let hasChildrenBit: UInt32 = 1 << 30

        /// A reference as stored.
        @inline(__always) init(rawValue: UInt32) { self.rawValue = rawValue }

        /// `node` (below 2^30) with its flags.
        @inline(__always) init(node: UInt32, endsName: Bool, hasChildren: Bool) {
            rawValue = node | (endsName ? Self.endsNameBit : 0) | (hasChildren ? Self.hasChildrenBit : 0)
        }

        /// The node.
        @inline(__always) var node: UInt32 { rawValue & ~(Self.endsNameBit | Self.hasChildrenBit) }
        /// Names end at the node.
        @inline(__always) var endsName: Bool { rawValue & Self.endsNameBit != 0 }
        /// Longer names go on from the node.
        @inline(__always) var hasChildren: Bool { rawValue & Self.hasChildrenBit != 0 }
    }

    /// The container sections, by name.
    enum Section: Int, CaseIterable {
        case strings, slots, vocab, nodes, children, payloads, entries, labels, sources, info, filters, manifest, stamp

        /// The section's name in the container.
        var name: String { "\(self)" }
    }

    /// log2 of the words (u64) in each Bloom filter of the filters section: 512 bytes and 4 KB. With two bits per
    /// key, a word that is not a key passes with a probability of about 0.5 %.
    static let lowerStartFilterBits = 6
    static let lowerInnerFilterBits = 9
    /// log2 of the words in the edge filter: 128 KB over the trie's inner edges (about 80,000), which the
    /// second-level cache holds, in front of an edge table that it does not; a missing edge passes about 2 % of the
    /// time.
    static let edgeFilterBits = 14

    /// The hash of the edge (parent, symbol).
    @inline(__always) static func edgeHash(_ parent: UInt32, _ symbol: UInt32) -> UInt64 {
        HashMixing.murmurShort(UInt64(parent) << 32 | UInt64(symbol))
    }

    /// The home slot of the edge (parent, symbol) in the children table, before `LinearProbing` masks it.
    @inline(__always) static func edgeHome(_ parent: UInt32, _ symbol: UInt32) -> Int {
        Int(truncatingIfNeeded: edgeHash(parent, symbol))
    }

    /// The word of the edge filter (2^`edgeFilterBits` u64 words) an edge sets two bits in, and those bits.
    @inline(__always) static func edgeFilterBits(_ parent: UInt32, _ symbol: UInt32) -> (word: Int, bits: UInt64) {
        let x = edgeHash(parent, symbol)
        return (Int(truncatingIfNeeded: x >> UInt64(64 - edgeFilterBits)), (1 << (x & 63)) | (1 << ((x >> 6) & 63)))
    }

    /// The bit a key sets in the signature of a node it is a child key of: one of 32, from the key hash's top bits
    /// (the table slot and the Bloom filters use the low bits).
    @inline(__always) static func signatureBit(_ keyHash: UInt32) -> UInt32 {
        1 << (keyHash >> 27)
    }

    /// A signature folded to the 16 bits a vocabulary slot has room for (bit b and b + 16 become bit b).
    static func foldedSignature(_ signature: UInt32) -> UInt16 {
        UInt16(truncatingIfNeeded: signature) | UInt16(truncatingIfNeeded: signature >> 16)
    }

    /// A folded signature widened back, so that `signatureBit` tests it as it tests a full one.
    @inline(__always) static func unfoldedSignature(_ folded: UInt16) -> UInt32 {
        UInt32(folded) | UInt32(folded) << 16
    }

    // Record sizes.
    static let slotRecord = 32
    static let vocabRecord = 16
    static let nodeRecord = 4
    static let childRecord = 16
    static let payloadRecord = 32
    static let entryRecord = 40

    // Entry record fields.
    enum EntryField: Int {
        case name = 0, id = 4, aliases = 8, kind = 12, country = 16, description = 20, xrefs = 24
        case label = 28, source = 30, flags = 32, prior = 36
    }

    // Info section: u64 counts in this order.
    enum InfoField: Int, CaseIterable {
        case entries, surfaceForms, lookupOnlyForms, vocabulary, nodes
    }
}

/// The string section being built: each distinct string is stored once.
struct StringPool {
    private(set) var writer = ByteWriter()
    private var known: [String: UInt32] = [:]

    /// The reference of `string` (stored on first use). Strings longer than 65,535 bytes are cut at a character
    /// boundary.
    mutating func reference(_ string: String) -> UInt32 {
        if let known = known[string] { return known }
        var utf8 = Array(string.utf8)
        if utf8.count > 0xFFFF {
            var cut = 0xFFFF
            while cut > 0, utf8[cut] & 0xC0 == 0x80 { cut -= 1 }
            utf8 = Array(utf8[..<cut])
        }
        let offset = UInt32(writer.count)
        writer.u16(UInt16(utf8.count))
        writer.append(utf8)
        known[string] = offset
        return offset
    }

    mutating func reference(_ string: String?) -> UInt32 {
        string.map { reference($0) } ?? GazetteerLayout.none
    }
}
