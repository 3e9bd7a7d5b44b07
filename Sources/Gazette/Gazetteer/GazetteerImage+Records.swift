/// The fixed-size records of a compiled gazetteer (`GazetteerLayout`), shared by the writer (`append(to:)`) and the
/// reader (the field offsets, and `GazetteerPayload(record:)`), so that the two sides cannot disagree on a field.
extension GazetteerLayout {
    /// Byte offsets of a vocabulary slot's fields (`slotRecord` bytes a slot).
    enum SlotField {
        static let keyHash = 0, symbolPlusOne = 4, root = 8, flags = 12, keyLength = 13, signature = 14, keyPrefix = 16
    }

    /// Byte offsets of a vocabulary record's fields (`vocabRecord` bytes a record).
    enum VocabField {
        static let key = 0, keyHash = 4, root = 8, flags = 12
    }

    /// Byte offsets of an edge-table slot's fields (`childRecord` bytes a slot).
    enum EdgeField {
        static let parent = 0, symbol = 4, child = 8, signature = 12
    }

    /// A slot of the vocabulary table: everything a token's look-up needs, in one cache line.
    struct SlotRecord {
        var keyHash: UInt32
        var symbol: UInt32
        var root: UInt32
        var flags: SlotFlags
        /// The key's UTF-8 length, 255 for longer keys.
        var keyLength: UInt8
        var foldedSignature: UInt16
        /// The key's first 16 bytes (zero-padded when written).
        var keyPrefix: ArraySlice<UInt8>

        func append(to writer: inout ByteWriter) {
            writer.u32(keyHash)
            writer.u32(symbol + 1)
            writer.u32(root)
            writer.u8(flags.rawValue)
            writer.u8(keyLength)
            writer.u16(foldedSignature)
            writer.append(Array(keyPrefix))
            for _ in keyPrefix.count..<16 { writer.u8(0) }
        }
    }

    /// A vocabulary record, by symbol.
    struct VocabRecord {
        var key: UInt32
        var keyHash: UInt32
        var root: UInt32
        var flags: VocabFlags

        func append(to writer: inout ByteWriter) {
            writer.u32(key)
            writer.u32(keyHash)
            writer.u32(root)
            writer.u32(flags.rawValue)
        }
    }

    /// A slot of the edge table over (parent, symbol).
    struct EdgeRecord {
        var parent: UInt32
        var symbol: UInt32
        var child: NodeReference
        var signature: UInt32

        /// A free slot.
        static let free = EdgeRecord(parent: GazetteerLayout.none, symbol: 0, child: NodeReference(rawValue: 0), signature: 0)

        func append(to writer: inout ByteWriter) {
            writer.u32(parent)
            writer.u32(symbol)
            writer.u32(child.rawValue)
            writer.u32(signature)
        }
    }

    /// An entry record (`EntryField` gives the reader's offsets).
    struct EntryRecord {
        var name, id, aliases, kind, country, description, xrefs: UInt32
        var label, source: UInt16
        var flags: EntryFlags
        var prior: Float

        func append(to writer: inout ByteWriter) {
            for reference in [name, id, aliases, kind, country, description, xrefs] { writer.u32(reference) }
            writer.u16(label)
            writer.u16(source)
            writer.u16(flags.rawValue)
            writer.u16(0)
            writer.f32(prior)
        }
    }
}

extension GazetteerPayload {
    /// The payload record at `record` (`GazetteerLayout.payloadRecord` bytes).
    @inline(__always) init(record: UnsafeRawPointer) {
        @inline(__always) func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: record.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        @inline(__always) func u16(_ offset: Int) -> UInt16 { UInt16(littleEndian: record.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) }
        self.init(entry: u32(0), shapes: u32(4), surface: u32(8), policy: SurfacePolicy(rawValue: record.load(fromByteOffset: 12, as: UInt8.self)),
                  tokenCount: Int(record.load(fromByteOffset: 13, as: UInt8.self)), labelIndex: Int(u16(14)), sourceIndex: Int(u16(16)),
                  prior: Double(Float(bitPattern: u32(20))), id: u32(24), name: u32(28))
    }

    /// Writes the record `init(record:)` reads (the prior as a `Float`, at most 255 tokens).
    func append(to writer: inout ByteWriter) {
        writer.u32(entry)
        writer.u32(shapes)
        writer.u32(surface)
        writer.u8(policy.rawValue)
        writer.u8(UInt8(min(tokenCount, 255)))
        writer.u16(UInt16(labelIndex))
        writer.u16(UInt16(sourceIndex))
        writer.u16(0)
        writer.f32(Float(prior))
        writer.u32(id)
        writer.u32(name)
    }
}
