#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A compiled gazetteer in memory: a memory-mapped cache file or bytes just compiled, checked once when opened
/// (magic, versions, sizes, section bounds, checksum) and read in place afterwards. Immutable, so it is shared
/// freely across threads.
final class GazetteerImage: @unchecked Sendable {
    /// Why bytes are not a usable compiled gazetteer.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable
        case notCompiledGazetteer
        case otherVersion
        case truncated
        case checksumMismatch
        case malformed(String)

        var description: String {
            switch self {
            case .unreadable: return "cannot be read"
            case .notCompiledGazetteer: return "is not a compiled gazetteer"
            case .otherVersion: return "was compiled by another version of Gazette"
            case .truncated: return "is truncated"
            case .checksumMismatch: return "is corrupt (checksum mismatch)"
            case let .malformed(what): return "is malformed (\(what))"
            }
        }
    }

    private enum Storage {
        case mapped(UnsafeMutableRawPointer, Int)
        case owned(UnsafeMutableRawPointer)
    }

    let base: UnsafeRawPointer
    let size: Int
    private let storage: Storage

    let contentHash: UInt64
    let compiledHash: UInt64
    /// (offset, length) of each section, by `GazetteerLayout.Section`.
    private let sectionRanges: [(offset: Int, length: Int)]
    let manifest: [String: GazetteerFiles.Status]

    let strings: UnsafeRawPointer
    let stringsLength: Int
    let slots: UnsafeRawPointer
    /// The probing over the vocabulary slots.
    let slotProbing: LinearProbing
    /// A Bloom filter over the few keys a name is listed to start with in lower case ("mainland China", "al-Qaeda"): the
    /// scan checks lower-case words and punctuation against it, and looks up only those that pass. 2^17 bits (16 KB),
    /// stored in the file.
    private let lowerStartFilter: UnsafeRawPointer
    /// The same over the keys that occur inside names in lower case or as punctuation ("of", "and", "-"): a
    /// lower-case word of the text continues a name only if it passes.
    private let lowerInnerFilter: UnsafeRawPointer
    /// A Bloom filter over the trie's inner edges: a walk tries the (larger) edge table only for an edge that passes.
    private let edgeFilter: UnsafeRawPointer
    let vocab: UnsafeRawPointer
    let vocabCount: Int
    let nodes: UnsafeRawPointer
    let nodeCount: Int
    let children: UnsafeRawPointer
    let childCount: Int
    /// The probing over the edge table (unused when it is empty).
    private let childProbing: LinearProbing
    let payloads: UnsafeRawPointer
    let payloadCount: Int
    let entries: UnsafeRawPointer
    let entryCount: Int
    let labels: [String]
    let sources: [String]
    let info: [GazetteerLayout.InfoField: Int]

    /// Opens a compiled gazetteer file by mapping it into memory.
    convenience init(contentsOfFile path: String) throws(Problem) {
        guard let (address, length) = GazetteerFiles.map(path) else { throw .unreadable }
        do {
            try self.init(storage: .mapped(address, length), base: UnsafeRawPointer(address), size: length)
        } catch {
            GazetteerFiles.unmap(address, length)
            throw error
        }
        // Once the image owns the mapping, a failed check unmaps it through `deinit`.
        try checkRecords()
    }

    /// Takes a copy of compiled bytes.
    convenience init(bytes: [UInt8]) throws(Problem) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 8), alignment: 16)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        do {
            try self.init(storage: .owned(memory), base: UnsafeRawPointer(memory), size: bytes.count)
        } catch {
            memory.deallocate()
            throw error
        }
        // Once the image owns the memory, a failed check frees it through `deinit`.
        try checkRecords()
    }

    private init(storage: Storage, base: UnsafeRawPointer, size: Int) throws(Problem) {
        typealias L = GazetteerLayout
        let frame: ResourceContainer.Frame
        do { frame = try ResourceContainer.frame(UnsafeRawBufferPointer(start: base, count: size), kind: .gazetteerCache) } catch {
            switch error {
            case .notContainer, .otherKind: throw .notCompiledGazetteer
            case .truncatedHeader, .sizeMismatch: throw .truncated
            case .checksumMismatch: throw .checksumMismatch
            case let .malformed(what): throw .malformed(what)
            }
        }
        guard frame.version == L.formatVersion else { throw .otherVersion }
        var sections: [(offset: Int, length: Int)] = []
        sections.reserveCapacity(L.Section.allCases.count)
        for section in L.Section.allCases {
            // Aligned: records are read with aligned loads.
            guard let range = frame.sections[section.name], range.lowerBound % 8 == 0 else { throw .malformed("\(section) section missing or misaligned") }
            sections.append((range.lowerBound, range.count))
        }
        let stamp = base + sections[L.Section.stamp.rawValue].offset
        guard sections[L.Section.stamp.rawValue].length == 24 else { throw .malformed("stamp section") }
        guard UInt32(littleEndian: stamp.loadUnaligned(as: UInt32.self)) == L.compilerRevision else { throw .otherVersion }
        func records(_ section: L.Section, _ recordSize: Int) throws(Problem) -> (UnsafeRawPointer, Int) {
            let (offset, length) = sections[section.rawValue]
            guard length % recordSize == 0 else { throw .malformed("section \(section) has a partial record") }
            return (base + offset, length / recordSize)
        }

        self.storage = storage
        self.sectionRanges = sections
        self.base = base
        self.size = size
        self.contentHash = UInt64(littleEndian: stamp.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        self.compiledHash = UInt64(littleEndian: stamp.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        let stringsBase = base + sections[L.Section.strings.rawValue].offset
        (strings, stringsLength) = (stringsBase, sections[L.Section.strings.rawValue].length)
        let (slotPointer, slotCount) = try records(.slots, L.slotRecord)
        guard slotCount > 0, slotCount & (slotCount - 1) == 0 else { throw .malformed("vocabulary table size") }
        slots = slotPointer
        slotProbing = LinearProbing(capacity: slotCount)
        let (filterPointer, filterWords) = try records(.filters, 8)
        guard filterWords == (1 << L.lowerStartFilterBits) + (1 << L.lowerInnerFilterBits) + (1 << L.edgeFilterBits) else {
            throw .malformed("filters section size")
        }
        lowerStartFilter = filterPointer
        lowerInnerFilter = filterPointer + (1 << L.lowerStartFilterBits) * 8
        edgeFilter = lowerInnerFilter + (1 << L.lowerInnerFilterBits) * 8
        (vocab, vocabCount) = try records(.vocab, L.vocabRecord)
        let nodeRecords: Int
        (nodes, nodeRecords) = try records(.nodes, L.nodeRecord)
        guard nodeRecords >= 1 else { throw .malformed("node table size") }
        nodeCount = nodeRecords - 1
        (children, childCount) = try records(.children, L.childRecord)
        guard childCount & (childCount &- 1) == 0 else { throw .malformed("edge table size") }
        childProbing = LinearProbing(capacity: max(childCount, 1))
        (payloads, payloadCount) = try records(.payloads, L.payloadRecord)
        (entries, entryCount) = try records(.entries, L.entryRecord)

        func stringList(_ section: L.Section) throws(Problem) -> [String] {
            let (pointer, count) = try records(section, 4)
            var list: [String] = []
            for i in 0..<count {
                let reference = UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                let length = sections[L.Section.strings.rawValue].length
                guard Int(reference) + 2 <= length,
                      Int(reference) + 2 + Int(UInt16(littleEndian: stringsBase.loadUnaligned(fromByteOffset: Int(reference), as: UInt16.self))) <= length else {
                    throw .malformed("string reference")
                }
                list.append(Self.string(stringsBase, reference))
            }
            return list
        }
        labels = try stringList(.labels)
        sources = try stringList(.sources)

        let (infoPointer, infoCount) = try records(.info, 8)
        guard infoCount >= L.InfoField.allCases.count else { throw .malformed("info section") }
        var info: [L.InfoField: Int] = [:]
        for field in L.InfoField.allCases {
            info[field] = Int(UInt64(littleEndian: infoPointer.loadUnaligned(fromByteOffset: field.rawValue * 8, as: UInt64.self)))
        }
        self.info = info
        guard info[.entries] == entryCount, info[.vocabulary] == vocabCount, info[.nodes] == nodeCount else {
            throw .malformed("counts disagree")
        }
        manifest = try Self.readManifest(base + sections[L.Section.manifest.rawValue].offset, sections[L.Section.manifest.rawValue].length)
    }

    deinit {
        switch storage {
        case let .mapped(address, length): GazetteerFiles.unmap(address, length)
        case let .owned(memory): memory.deallocate()
        }
    }

    private static func readManifest(_ pointer: UnsafeRawPointer, _ length: Int) throws(Problem) -> [String: GazetteerFiles.Status] {
        var offset = 0
        func take<T: FixedWidthInteger>(_ type: T.Type) throws(Problem) -> T {
            guard offset + MemoryLayout<T>.size <= length else { throw .malformed("manifest") }
            defer { offset += MemoryLayout<T>.size }
            return T(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        var manifest: [String: GazetteerFiles.Status] = [:]
        let count = try take(UInt32.self)
        for _ in 0..<count {
            let pathLength = Int(try take(UInt32.self))
            guard offset + pathLength <= length else { throw .malformed("manifest") }
            let path = String(decoding: UnsafeRawBufferPointer(start: pointer + offset, count: pathLength), as: UTF8.self)
            offset += pathLength
            let size = try take(Int64.self), seconds = try take(Int64.self), nanoseconds = try take(Int64.self)
            let changeSeconds = try take(Int64.self), changeNanoseconds = try take(Int64.self)
            let device = try take(UInt64.self), inode = try take(UInt64.self)
            manifest[path] = GazetteerFiles.Status(size: size, seconds: seconds, nanoseconds: nanoseconds, changeSeconds: changeSeconds,
                                                   changeNanoseconds: changeNanoseconds, device: device, inode: inode)
        }
        return manifest
    }

    /// These compiled sections under a new content hash and manifest: used when only inputs that are stamped but
    /// not compiled changed (a word list, a model), or files were touched without being changed.
    func restamped(contentHash: UInt64, manifest: [(path: String, status: GazetteerFiles.Status)]) -> [UInt8] {
        var sections: [GazetteerLayout.Section: [UInt8]] = [:]
        for section in GazetteerLayout.Section.allCases {
            let (offset, length) = sectionRanges[section.rawValue]
            sections[section] = Array(UnsafeRawBufferPointer(start: base + offset, count: length))
        }
        sections[.manifest] = GazetteerWriter.manifestBytes(manifest)
        sections[.stamp] = GazetteerWriter.stampBytes(contentHash: contentHash, compiledHash: compiledHash)
        return GazetteerWriter.container(sections)
    }

    // MARK: Reading records

    @inline(__always) func u32(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt32 {
        UInt32(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always) func u16(_ pointer: UnsafeRawPointer, _ offset: Int) -> UInt16 {
        UInt16(littleEndian: pointer.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    static func string(_ strings: UnsafeRawPointer, _ reference: UInt32) -> String {
        let length = Int(UInt16(littleEndian: strings.loadUnaligned(fromByteOffset: Int(reference), as: UInt16.self)))
        return String(decoding: UnsafeRawBufferPointer(start: strings + Int(reference) + 2, count: length), as: UTF8.self)
    }

    /// The string at a reference; nil for the "none" reference.
    func string(_ reference: UInt32) -> String? {
        reference == GazetteerLayout.none ? nil : String(decoding: stringBytes(reference), as: UTF8.self)
    }

    /// The bytes of the string at a reference. Opening checked that the reference's length field lies in the
    /// strings; its length is cut at their end here (never, in a file Gazette wrote), which is cheaper than reading
    /// every string's length when the file is opened.
    @inline(__always) func stringBytes(_ reference: UInt32) -> UnsafeRawBufferPointer {
        let length = min(Int(u16(strings, Int(reference))), stringsLength - Int(reference) - 2)
        return UnsafeRawBufferPointer(start: strings + Int(reference) + 2, count: length)
    }

    /// A blocked Bloom filter: one 64-bit word per key (index < 2^`wordBits`), two bits in it.
    @inline(__always) static func bloomBits(_ hash: UInt32, wordBits: Int) -> (word: Int, bits: UInt64) {
        let mixed = hash &* 0x9E37_79B1
        return (Int(mixed >> UInt32(32 - wordBits)), (1 << UInt64(hash & 63)) | (1 << UInt64((hash >> 6) & 63)))
    }

    /// What the vocabulary knows about a token's key.
    struct KeyInfo {
        var symbol: UInt32
        /// The trie node names starting with this key begin at, or `GazetteerLayout.none`.
        var start: UInt32
        /// Some name starting with this key may start at a lower-case word.
        var startsLowerCase: Bool
        /// A name is this key alone (names end at `start`).
        var startEndsName: Bool
        /// A name starting with this key may match text written all in lower case ("xinjiang").
        var startsLowerCaseWord: Bool
        /// Longer names start with this key.
        var startHasChildren: Bool
        /// The key occurs after the first token of some name (else a walk never continues through it).
        var continues: Bool
        /// The key occurs inside some name in lower case or as a non-word token ("of", "-").
        var continuesLowerCase: Bool
        /// The signature of `start` (`GazetteerLayout.signatureBit`): a key whose bit is clear is none of its children.
        var startSignature: UInt32

        @inline(__always) init(symbol: UInt32, record: UnsafeRawPointer) {
            self.symbol = symbol
            typealias Field = GazetteerLayout.SlotField
            start = UInt32(littleEndian: record.load(fromByteOffset: Field.root, as: UInt32.self))
            let flags = GazetteerLayout.SlotFlags(rawValue: record.load(fromByteOffset: Field.flags, as: UInt8.self))
            startsLowerCase = flags.contains(.startsLowerCase)
            startEndsName = flags.contains(.startEndsName)
            startsLowerCaseWord = flags.contains(.startsLowerCaseWord)
            startHasChildren = flags.contains(.startHasChildren)
            continues = flags.contains(.continues)
            continuesLowerCase = flags.contains(.continuesLowerCase)
            startSignature = GazetteerLayout.unfoldedSignature(UInt16(littleEndian: record.load(fromByteOffset: Field.signature, as: UInt16.self)))
        }
    }

    /// Whether some name is listed to start with a key of this hash in lower case or at a non-word token (false:
    /// certainly not).
    @inline(__always) func mayStartLowerCase(hash: UInt32) -> Bool {
        let (word, bits) = Self.bloomBits(hash, wordBits: GazetteerLayout.lowerStartFilterBits)
        return UInt64(littleEndian: lowerStartFilter.load(fromByteOffset: word * 8, as: UInt64.self)) & bits == bits
    }

    /// Whether a key of this hash may occur inside a name in lower case (false: certainly not).
    @inline(__always) func mayContinueLowerCase(hash: UInt32) -> Bool {
        let (word, bits) = Self.bloomBits(hash, wordBits: GazetteerLayout.lowerInnerFilterBits)
        return UInt64(littleEndian: lowerInnerFilter.load(fromByteOffset: word * 8, as: UInt64.self)) & bits == bits
    }

    /// The vocabulary entry of a matching key, or nil when no gazetteer name contains it.
    @inline(__always) func info(of key: UnsafeRawBufferPointer) -> KeyInfo? {
        info(of: key, hash: KeyHash.hash(key))
    }

    @inline(__always) func info(of key: UnsafeRawBufferPointer, hash: UInt32) -> KeyInfo? {
        probe(hash: hash, length: key.count) { record, symbol in matches(key, record, symbol: symbol) }
    }

    /// The vocabulary entry of a token's key, whose `KeyHash` is `hash`. The table is probed by hash first; the
    /// key's bytes are read only to confirm a slot with the same hash.
    @inline(__always) func info(of key: String, hash: UInt32) -> KeyInfo? {
        probe(hash: hash, length: key.utf8.count) { record, symbol in keyMatches(key, record, symbol: symbol) }
    }

    /// The slot of a key of this hash and UTF-8 length that `keyEquals` confirms, or nil at the first free slot.
    @inline(__always) private func probe(hash: UInt32, length: Int, _ keyEquals: (UnsafeRawPointer, UInt32) -> Bool) -> KeyInfo? {
        typealias Field = GazetteerLayout.SlotField
        let slot = slotProbing.slot(from: Int(hash)) { slot in
            let record = slots + slot * GazetteerLayout.slotRecord
            let value = UInt32(littleEndian: record.load(fromByteOffset: Field.symbolPlusOne, as: UInt32.self))
            return value == 0 || (UInt32(littleEndian: record.load(fromByteOffset: Field.keyHash, as: UInt32.self)) == hash
                && Int(record.load(fromByteOffset: Field.keyLength, as: UInt8.self)) == min(length, 255) && keyEquals(record, value - 1))
        }
        let record = slots + slot * GazetteerLayout.slotRecord
        let value = UInt32(littleEndian: record.load(fromByteOffset: Field.symbolPlusOne, as: UInt32.self))
        return value == 0 ? nil : KeyInfo(symbol: value - 1, record: record)
    }

    @inline(__always) private func keyMatches(_ key: String, _ record: UnsafeRawPointer, symbol: UInt32) -> Bool {
        if let result = key.utf8.withContiguousStorageIfAvailable({ matches(UnsafeRawBufferPointer($0), record, symbol: symbol) }) {
            return result
        }
        var copy = key
        return copy.withUTF8 { matches(UnsafeRawBufferPointer($0), record, symbol: symbol) }
    }

    /// Whether `key` equals the key in a slot: its first 16 bytes are in the slot, the rest in the string section.
    @inline(__always) private func matches(_ key: UnsafeRawBufferPointer, _ record: UnsafeRawPointer, symbol: UInt32) -> Bool {
        // The slot holds the first 16 bytes zero-padded (the caller checked the length): two word compares.
        guard let base = key.baseAddress else { return true }
        let count = key.count
        let low = count >= 8 ? UInt64(littleEndian: base.loadUnaligned(as: UInt64.self)) : Self.partialWord(base, count)
        let high = count >= 16 ? UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            : count > 8 ? Self.partialWord(base + 8, count - 8) : 0
        let prefix = GazetteerLayout.SlotField.keyPrefix
        guard low == UInt64(littleEndian: record.loadUnaligned(fromByteOffset: prefix, as: UInt64.self)),
              high == UInt64(littleEndian: record.loadUnaligned(fromByteOffset: prefix + 8, as: UInt64.self)) else { return false }
        guard count > 16 else { return true }
        let stored = stringBytes(u32(vocab + Int(symbol) * GazetteerLayout.vocabRecord, GazetteerLayout.VocabField.key))
        return stored.count == key.count && memcmp(stored.baseAddress!, key.baseAddress!, key.count) == 0
    }

    /// The first `count` (< 8) bytes at `pointer` as a little-endian word, zero above.
    @inline(__always) private static func partialWord(_ pointer: UnsafeRawPointer, _ count: Int) -> UInt64 {
        var word: UInt64 = 0
        for i in 0..<count { word |= UInt64(pointer.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
        return word
    }

    /// The symbol of a matching key, or nil when no gazetteer name contains it.
    @inline(__always) func symbol(of key: UnsafeRawBufferPointer) -> UInt32? {
        info(of: key)?.symbol
    }

    /// Whether a name starting with this symbol's key may start at a lower-case word of the text.
    @inline(__always) func startsLowerCase(_ symbol: UInt32) -> Bool {
        GazetteerLayout.VocabFlags(rawValue: u32(vocab + Int(symbol) * GazetteerLayout.vocabRecord, GazetteerLayout.VocabField.flags)).contains(.startsLowerCase)
    }

    /// The trie node reached from the root by a symbol.
    @inline(__always) func rootChild(_ symbol: UInt32) -> UInt32? {
        let node = u32(vocab + Int(symbol) * GazetteerLayout.vocabRecord, GazetteerLayout.VocabField.root)
        return node == GazetteerLayout.none ? nil : node
    }

    /// The child of `node` along `symbol`.
    @inline(__always) func child(of node: UInt32, _ symbol: UInt32) -> UInt32? {
        childEdge(of: node, symbol).map { GazetteerLayout.NodeReference(rawValue: $0.entry).node }
    }

    /// Whether `node` may have a child along `symbol` (false: certainly not).
    @inline(__always) func mayHaveChild(_ node: UInt32, _ symbol: UInt32) -> Bool {
        let (word, bits) = GazetteerLayout.edgeFilterBits(node, symbol)
        return UInt64(littleEndian: edgeFilter.load(fromByteOffset: word * 8, as: UInt64.self)) & bits == bits
    }

    /// The child of `node` along `symbol`, with bit 31 set when names end there and bit 30 when it has children
    /// (one probe, usually, in the edge table), and the child's signature (`GazetteerLayout.signatureBit`).
    @inline(__always) func childEdge(of node: UInt32, _ symbol: UInt32) -> (entry: UInt32, signature: UInt32)? {
        guard childCount > 0 else { return nil }
        typealias Field = GazetteerLayout.EdgeField
        let slot = childProbing.slot(from: GazetteerLayout.edgeHome(node, symbol)) { slot in
            let record = children + slot * GazetteerLayout.childRecord
            let parent = u32(record, Field.parent)
            return parent == GazetteerLayout.none || (parent == node && u32(record, Field.symbol) == symbol)
        }
        let record = children + slot * GazetteerLayout.childRecord
        return u32(record, Field.parent) == GazetteerLayout.none ? nil : (u32(record, Field.child), u32(record, Field.signature))
    }

    /// The payload index range of a node.
    @inline(__always) func payloadRange(of node: UInt32) -> Range<Int> {
        let record = nodes + Int(node) * GazetteerLayout.nodeRecord
        let first = Int(u32(record, 0))
        return first..<max(first, Int(u32(record, 4)))
    }

    @inline(__always) func payload(_ index: Int) -> GazetteerPayload {
        GazetteerPayload(record: payloads + index * GazetteerLayout.payloadRecord)
    }

    @inline(__always) func entryField(_ entry: Int, _ field: GazetteerLayout.EntryField) -> UInt32 {
        u32(entries + entry * GazetteerLayout.entryRecord, field.rawValue)
    }

    @inline(__always) func entryPrior(_ entry: Int) -> Double {
        Double(Float(bitPattern: entryField(entry, .prior)))
    }

    @inline(__always) func entryLabelIndex(_ entry: Int) -> Int {
        Int(u16(entries + entry * GazetteerLayout.entryRecord, GazetteerLayout.EntryField.label.rawValue))
    }

    @inline(__always) func entrySourceIndex(_ entry: Int) -> Int {
        Int(u16(entries + entry * GazetteerLayout.entryRecord, GazetteerLayout.EntryField.source.rawValue))
    }

    @inline(__always) func entryFlags(_ entry: Int) -> EntryFlags {
        EntryFlags(rawValue: u16(entries + entry * GazetteerLayout.entryRecord, GazetteerLayout.EntryField.flags.rawValue))
    }
}

/// One surface form that ends at a trie node: which entry it names and how it may match.
struct GazetteerPayload: Sendable, Hashable {
    var entry: UInt32
    /// Two bits per token (up to 16 tokens), see `TokenCase`.
    var shapes: UInt32
    /// String reference of the surface form as written in its list.
    var surface: UInt32
    var policy: SurfacePolicy
    var tokenCount: Int
    /// Copies of the entry's label and source indices, prior, and id and name string references.
    var labelIndex: Int
    var sourceIndex: Int
    var prior: Double
    var id: UInt32
    var name: UInt32
}

/// Per-entry flags stored in the compiled form.
struct EntryFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt16
    /// One-word names need exact case and supporting context ("Jordan", "Nice").
    static let ambiguous = EntryFlags(rawValue: 1 << 0)
    /// Names are never treated as common words, even if a word list says so ("China", "Turkey").
    static let distinctive = EntryFlags(rawValue: 1 << 1)
    /// The entry comes from a user's list (`--gazetteer FILE`).
    static let user = EntryFlags(rawValue: 1 << 2)
    /// None of the entry's names is matched in text; it is only found by lookup (a small town named like a word
    /// or a person: "Surprise", "Marion").
    static let lookupOnly = EntryFlags(rawValue: 1 << 3)
}
