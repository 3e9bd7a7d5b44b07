extension GazetteerImage {
    /// Checks every record that is later read in place: each reference (string, symbol, node, payload, entry,
    /// label, source) inside its section, each prior a finite number in [0, 1], and a free slot in each hash table
    /// (else a probe for a missing key never ends). The checksum already catches damage; this catches a file that
    /// is sealed but wrong (written by another tool, or by a bug), which would otherwise read out of bounds.
    /// One sequential pass over the records (about a millisecond for the shipped lists): a string reference is
    /// checked to have its length field inside the strings, and `stringBytes` cuts a length that runs past them,
    /// so that no string is read here.
    func checkRecords() throws(Problem) {
        typealias L = GazetteerLayout
        func string(_ reference: UInt32, optional: Bool = true) -> Bool {
            reference == L.none ? optional : Int(reference) + 2 <= stringsLength
        }
        // A node's payloads end where the next node's begin: a node needs the record after it.
        func node(_ node: UInt32) -> Bool { Int(node) < nodeCount }
        func prior(_ bits: UInt32) -> Bool {
            let value = Float(bitPattern: bits)
            return value.isFinite && value >= 0 && value <= 1
        }

        var freeSlots = 0
        for slot in 0..<slotProbing.capacity {
            let record = slots + slot * L.slotRecord
            let symbolPlusOne = u32(record, L.SlotField.symbolPlusOne)
            if symbolPlusOne == 0 { freeSlots += 1; continue }
            let root = u32(record, L.SlotField.root)
            guard Int(symbolPlusOne) <= vocabCount, root == L.none || node(root) else { throw .malformed("vocabulary slot \(slot)") }
        }
        guard freeSlots > 0 else { throw .malformed("vocabulary table has no free slot") }
        for symbol in 0..<vocabCount {
            let record = vocab + symbol * L.vocabRecord
            let root = u32(record, L.VocabField.root)
            guard string(u32(record, L.VocabField.key), optional: false), root == L.none || node(root) else {
                throw .malformed("vocabulary record \(symbol)")
            }
        }
        for index in 0...nodeCount where Int(u32(nodes + index * L.nodeRecord, 0)) > payloadCount {
            throw .malformed("trie node \(index) points past the payloads")
        }
        var freeEdges = 0
        for slot in 0..<childCount {
            let record = children + slot * L.childRecord
            let parent = u32(record, L.EdgeField.parent)
            if parent == L.none { freeEdges += 1; continue }
            let child = L.NodeReference(rawValue: u32(record, L.EdgeField.child)).node
            guard node(parent), node(child), Int(u32(record, L.EdgeField.symbol)) < vocabCount else { throw .malformed("trie edge \(slot)") }
        }
        guard childCount == 0 || freeEdges > 0 else { throw .malformed("edge table has no free slot") }
        for index in 0..<payloadCount {
            let record = payloads + index * L.payloadRecord
            let payload = GazetteerPayload(record: record)
            guard Int(payload.entry) < entryCount, payload.labelIndex < labels.count, payload.sourceIndex < sources.count,
                  prior(u32(record, 20)), string(payload.surface), string(payload.id), string(payload.name) else {
                throw .malformed("payload \(index)")
            }
        }
        let fields: [L.EntryField] = [.name, .id, .aliases, .kind, .country, .description, .xrefs]
        for entry in 0..<entryCount {
            guard fields.allSatisfy({ string(entryField(entry, $0)) }), entryLabelIndex(entry) < labels.count,
                  entrySourceIndex(entry) < sources.count, prior(entryField(entry, .prior)) else {
                throw .malformed("entry \(entry)")
            }
        }
    }
}
