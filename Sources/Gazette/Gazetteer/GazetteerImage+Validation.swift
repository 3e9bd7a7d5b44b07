extension GazetteerImage {
    /// Checks every record that is later read in place: each reference (string, symbol, node, payload, entry,
    /// label, source) inside its section, each prior a finite number in [0, 1], and a free slot in each hash table
    /// (else a probe for a missing key never ends). The checksum already catches damage; this catches a file that
    /// is sealed but wrong (written by another tool, or by a bug), which would otherwise read out of bounds.
    /// One sequential pass over the records (about a millisecond for the shipped lists; the payloads and entries
    /// by their quick checks below): a string reference is checked to have its length field inside the strings,
    /// and `stringBytes` cuts a length that runs past them, so that no string is read here.
    func checkRecords() throws(Problem) {
        typealias L = GazetteerLayout
        func string(_ reference: UInt32, _ optional: Bool) -> Bool {
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
            guard string(u32(record, L.VocabField.key), false), root == L.none || node(root) else {
                throw .malformed("vocabulary record \(symbol)")
            }
        }
        // The largest first payload, in a loop with no branch per node (the compiler vectorises it); the nodes are
        // gone through one by one only to name one that points past the payloads.
        var largestFirstPayload: UInt32 = 0
        for index in 0..<(nodeCount + 1) { largestFirstPayload = max(largestFirstPayload, u32(nodes + index &* L.nodeRecord, 0)) }
        if Int(largestFirstPayload) > payloadCount {
            for index in 0...nodeCount where Int(u32(nodes + index * L.nodeRecord, 0)) > payloadCount {
                throw .malformed("trie node \(index) points past the payloads")
            }
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
        if !payloadsPassQuickCheck() {
            try checkPayloads(prior: prior, string: string)
        }
        if !entriesPassQuickCheck() {
            try checkEntries(prior: prior, string: string)
        }
    }

    /// Names the first malformed payload. Runs only when the quick check found a value out of range (and may then
    /// find none: the quick check also refuses a prior of -0.0).
    private func checkPayloads(prior: (UInt32) -> Bool, string: (UInt32, Bool) -> Bool) throws(Problem) {
        typealias L = GazetteerLayout
        for index in 0..<payloadCount {
            let record = payloads + index * L.payloadRecord
            let payload = GazetteerPayload(record: record)
            guard Int(payload.entry) < entryCount, payload.labelIndex < labels.count, payload.sourceIndex < sources.count,
                  prior(u32(record, 20)), string(payload.surface, true), string(payload.id, true), string(payload.name, true) else {
                throw .malformed("payload \(index)")
            }
        }
    }

    /// Names the first malformed entry. Runs only when the quick check found a value out of range (and may then
    /// find none: the quick check also refuses a prior of -0.0).
    private func checkEntries(prior: (UInt32) -> Bool, string: (UInt32, Bool) -> Bool) throws(Problem) {
        let fields: [GazetteerLayout.EntryField] = [.name, .id, .aliases, .kind, .country, .description, .xrefs]
        for entry in 0..<entryCount {
            guard fields.allSatisfy({ string(entryField(entry, $0), true) }), entryLabelIndex(entry) < labels.count,
                  entrySourceIndex(entry) < sources.count, prior(entryField(entry, .prior)) else {
                throw .malformed("entry \(entry)")
            }
        }
    }

    // MARK: Quick checks

    // The payloads and entries are most of the records. Their checks run first as one pass that only takes the
    // largest value of each field, with no branch per record, and compares the maxima once; only when a maximum
    // is out of range does the record-by-record check above run, to name the record. The quick checks may refuse
    // what the full check allows (a prior of -0.0), never the reverse: what is accepted is decided by the full check.

    /// The largest string reference plus one (`none`, all ones, wraps to 0) that the strings hold: a reference
    /// whose two-byte length field lies inside them, or `none`.
    private var largestStringReferencePlusOne: UInt32 {
        UInt32(clamping: max(stringsLength - 1, 0))
    }

    /// A prior's bits as an unsigned number are at most those of 1.0 exactly when it is a finite number in [0, 1]
    /// other than -0.0.
    private static let largestPriorBits = (1 as Float).bitPattern

    /// Whether every payload's entry, label, source, prior and strings are in range (see "Quick checks").
    private func payloadsPassQuickCheck() -> Bool {
        var entry: UInt32 = 0, label: UInt16 = 0, source: UInt16 = 0, prior: UInt32 = 0, string: UInt32 = 0
        for index in 0..<payloadCount {
            let record = payloads + index &* GazetteerLayout.payloadRecord
            entry = max(entry, u32(record, 0))
            label = max(label, u16(record, 14))
            source = max(source, u16(record, 16))
            prior = max(prior, u32(record, 20))
            string = max(string, max(u32(record, 8) &+ 1, max(u32(record, 24) &+ 1, u32(record, 28) &+ 1)))
        }
        return payloadCount == 0 || (Int(entry) < entryCount && Int(label) < labels.count && Int(source) < sources.count
            && prior <= Self.largestPriorBits && string <= largestStringReferencePlusOne)
    }

    /// Whether every entry's strings, label, source and prior are in range (see "Quick checks").
    private func entriesPassQuickCheck() -> Bool {
        #if _endian(little)
        typealias Field = GazetteerLayout.EntryField
        var label: UInt16 = 0, source: UInt16 = 0, prior: UInt32 = 0
        var strings = SIMD8<UInt32>.zero
        for entry in 0..<entryCount {
            let record = entries + entry &* GazetteerLayout.entryRecord
            label = max(label, u16(record, Field.label.rawValue))
            source = max(source, u16(record, Field.source.rawValue))
            prior = max(prior, u32(record, Field.prior.rawValue))
            // The seven string fields, `name` to `xrefs`, lie side by side at the record's start: one load of eight
            // lanes (the eighth, the label and source, is left out below).
            strings = pointwiseMax(strings, record.loadUnaligned(as: SIMD8<UInt32>.self) &+ 1)
        }
        strings[7] = 0
        return entryCount == 0 || (Int(label) < labels.count && Int(source) < sources.count
            && prior <= Self.largestPriorBits && strings.max() <= largestStringReferencePlusOne)
        #else
        return false  // the lanes would hold byte-swapped fields: the full check decides
        #endif
    }
}
