/// Lays a compiled gazetteer out in the `.gzc` format (`GazetteerLayout`): entries, the token trie
/// (`GazetteerTrie`) with its payloads, the vocabulary and edge tables, Bloom filters, counts and the manifest,
/// then the header and section table.
///
/// Strings are pooled in the order the sections are written (entries first, so that each entry's name and id
/// are neighbours in the string section: one cache miss when a match makes a candidate).
struct GazetteerWriter {
    private typealias L = GazetteerLayout

    private var pool = StringPool()
    private var sections: [L.Section: [UInt8]] = [:]
    private var labels: [String] = [], sources: [String] = []
    /// What a payload repeats of its entry, by entry, so that a match reads no entry record.
    private var entryCopies: [L.EntryRecord] = []
    private var counts: [L.InfoField: Int] = [:]
    private var startFilters: [UInt64] = [], edgeFilter: [UInt64] = []

    /// The file of `entries` and `forms`, stamped with `contentHash` and `compiledHash`, listing `manifest`.
    static func bytes(entries: [GazetteerCompiler.EntryDraft], forms: [GazetteerCompiler.Form], contentHash: UInt64, compiledHash: UInt64,
                      manifest: [(path: String, status: GazetteerFiles.Status)]) -> [UInt8] {
        var writer = GazetteerWriter()
        writer.writeEntries(entries)
        let trie = GazetteerTrie(forms: forms)
        writer.writePayloads(trie, forms: forms)
        writer.writeEdges(trie)
        writer.writeVocabulary(trie)
        writer.writeLists()
        writer.counts[.entries] = entries.count
        writer.counts[.vocabulary] = trie.keys.count
        writer.counts[.nodes] = Int(trie.nodeCount)
        writer.writeInfo()
        writer.sections[.filters] = (writer.startFilters + writer.edgeFilter).flatMap(Self.littleEndianBytes)
        writer.sections[.manifest] = manifestBytes(manifest)
        writer.sections[.strings] = writer.pool.writer.bytes
        return writer.assemble(contentHash: contentHash, compiledHash: compiledHash)
    }

    /// The manifest section: the input files and their status (`GazetteerFiles.Status`).
    static func manifestBytes(_ manifest: [(path: String, status: GazetteerFiles.Status)]) -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(UInt32(manifest.count))
        for item in manifest {
            let path = Array(item.path.utf8)
            writer.u32(UInt32(path.count))
            writer.append(path)
            writer.i64(item.status.size)
            writer.i64(item.status.seconds)
            writer.i64(item.status.nanoseconds)
            writer.i64(item.status.changeSeconds)
            writer.i64(item.status.changeNanoseconds)
            writer.u64(item.status.device)
            writer.u64(item.status.inode)
        }
        return writer.bytes
    }

    // MARK: Sections

    private mutating func writeEntries(_ entries: [GazetteerCompiler.EntryDraft]) {
        var labelIndex: [String: UInt16] = [:], sourceIndex: [String: UInt16] = [:]
        var writer = ByteWriter()
        entryCopies.reserveCapacity(entries.count)
        for entry in entries {
            let name = pool.reference(entry.name), id = pool.reference(entry.id)
            let aliases = entry.aliases.isEmpty ? L.none : pool.reference(entry.aliases.joined(separator: "|"))
            let kind = pool.reference(entry.kind), country = pool.reference(entry.country), description = pool.reference(entry.description)
            let xrefs = entry.xrefs.isEmpty ? L.none : pool.reference(entry.xrefs.joined(separator: "|"))
            if labelIndex[entry.label] == nil { labelIndex[entry.label] = UInt16(labels.count); labels.append(entry.label) }
            if sourceIndex[entry.source] == nil { sourceIndex[entry.source] = UInt16(sources.count); sources.append(entry.source) }
            let record = L.EntryRecord(name: name, id: id, aliases: aliases, kind: kind, country: country, description: description, xrefs: xrefs,
                                       label: labelIndex[entry.label]!, source: sourceIndex[entry.source]!, flags: entry.flags, prior: Float(entry.prior))
            record.append(to: &writer)
            entryCopies.append(record)
        }
        sections[.entries] = writer.bytes
    }

    /// The payloads of each node, then the node records (where each node's payloads begin). A user's forms come
    /// first and alone (they shadow shipped ones), then the forms in list order, each (entry, shapes, policy) once.
    private mutating func writePayloads(_ trie: GazetteerTrie, forms: [GazetteerCompiler.Form]) {
        let nodeCount = Int(trie.nodeCount)
        var formsOfNode = [Int](repeating: 0, count: nodeCount + 1)
        for node in trie.formNodes { formsOfNode[Int(node) + 1] += 1 }
        for i in 1..<formsOfNode.count { formsOfNode[i] += formsOfNode[i - 1] }
        var ordered = [Int](repeating: 0, count: forms.count)
        var place = formsOfNode
        for (index, node) in trie.formNodes.enumerated() {
            ordered[place[Int(node)]] = index
            place[Int(node)] += 1
        }
        var payloadWriter = ByteWriter(), nodeWriter = ByteWriter()
        var payloadCount: UInt32 = 0
        var surfaceForms = 0, lookupOnly = 0
        for node in 0..<nodeCount {
            var group = Array(ordered[formsOfNode[node]..<formsOfNode[node + 1]])
            if group.contains(where: { forms[$0].isUser && !forms[$0].policy.lookupOnly }) {
                group = group.filter { forms[$0].isUser }
            }
            var seen = Set<[UInt32]>()
            nodeWriter.u32(payloadCount)
            for index in group {
                let form = forms[index]
                let shapes = TokenCase.pack(form.cases)
                guard seen.insert([UInt32(form.entry), shapes, UInt32(form.policy.rawValue)]).inserted else { continue }
                let entry = entryCopies[form.entry]
                GazetteerPayload(entry: UInt32(form.entry), shapes: shapes, surface: pool.reference(form.surface), policy: form.policy,
                                 tokenCount: form.keys.count, labelIndex: Int(entry.label), sourceIndex: Int(entry.source),
                                 prior: Double(entry.prior), id: entry.id, name: entry.name).append(to: &payloadWriter)
                payloadCount += 1
                if form.policy.lookupOnly { lookupOnly += 1 } else { surfaceForms += 1 }
            }
        }
        nodeWriter.u32(payloadCount)  // where the last node's payloads end
        sections[.payloads] = payloadWriter.bytes
        sections[.nodes] = nodeWriter.bytes
        counts[.surfaceForms] = surfaceForms
        counts[.lookupOnlyForms] = lookupOnly
    }

    /// The edge table over (parent, symbol), up to 80 % full: four records share a cache line, so the few extra
    /// probes cost less than a table twice the size that the cache holds less of. And its Bloom filter.
    private mutating func writeEdges(_ trie: GazetteerTrie) {
        let probing = LinearProbing(capacity: LinearProbing.capacity(for: trie.innerEdges.count, slotsPerKey: (5, 4), minimum: 16))
        var table = [L.EdgeRecord](repeating: .free, count: probing.capacity)
        var filter = [UInt64](repeating: 0, count: 1 << L.edgeFilterBits)
        for (edge, child) in trie.innerEdges {
            let parent = UInt32(edge >> 32), symbol = UInt32(edge & 0xFFFF_FFFF)
            let slot = probing.slot(from: L.edgeHome(parent, symbol)) { table[$0].parent == L.none }
            table[slot] = L.EdgeRecord(parent: parent, symbol: symbol, child: trie.reference(child), signature: trie.signatures[Int(child)])
            let (word, bits) = L.edgeFilterBits(parent, symbol)
            filter[word] |= bits
        }
        var writer = ByteWriter()
        for record in table { record.append(to: &writer) }
        sections[.children] = writer.bytes
        edgeFilter = filter
    }

    /// The vocabulary records and their hash table, and Bloom filters over the keys that may start a name at a
    /// lower-case word or a punctuation mark and over those that occur that way inside names: the scan tests
    /// those tokens against them before any look-up.
    private mutating func writeVocabulary(_ trie: GazetteerTrie) {
        let probing = LinearProbing(capacity: LinearProbing.capacity(for: trie.keys.count, slotsPerKey: (8, 5), minimum: 16))
        var slots = [L.SlotRecord?](repeating: nil, count: probing.capacity)
        var lowerStartFilter = [UInt64](repeating: 0, count: 1 << L.lowerStartFilterBits)
        var lowerInnerFilter = [UInt64](repeating: 0, count: 1 << L.lowerInnerFilterBits)
        var vocabWriter = ByteWriter()
        for (symbol, key) in trie.keys.enumerated() {
            let hash = trie.keyHashes[symbol], root = trie.rootChild[symbol]
            let startsLower = trie.lowerStarts.contains(key), startsLowerWord = trie.lowerCaseWordStarts.contains(key)
            if startsLower {
                let (word, bits) = GazetteerImage.bloomBits(hash, wordBits: L.lowerStartFilterBits)
                lowerStartFilter[word] |= bits
            }
            if trie.lowerContinuations.contains(key) {
                let (word, bits) = GazetteerImage.bloomBits(hash, wordBits: L.lowerInnerFilterBits)
                lowerInnerFilter[word] |= bits
            }
            var vocabFlags: L.VocabFlags = []
            if startsLower { vocabFlags.insert(.startsLowerCase) }
            if startsLowerWord { vocabFlags.insert(.startsLowerCaseWord) }
            L.VocabRecord(key: pool.reference(key), keyHash: hash, root: root, flags: vocabFlags).append(to: &vocabWriter)

            var flags: L.SlotFlags = []
            if startsLower { flags.insert(.startsLowerCase) }
            if root != L.none && trie.endsName[Int(root)] { flags.insert(.startEndsName) }
            if startsLowerWord { flags.insert(.startsLowerCaseWord) }
            if root != L.none && trie.hasChildren[Int(root)] { flags.insert(.startHasChildren) }
            if trie.continuations.contains(key) { flags.insert(.continues) }
            if trie.lowerContinuations.contains(key) { flags.insert(.continuesLowerCase) }
            let slot = probing.slot(from: Int(hash)) { slots[$0] == nil }
            slots[slot] = L.SlotRecord(keyHash: hash, symbol: UInt32(symbol), root: root, flags: flags, keyLength: UInt8(min(key.utf8.count, 255)),
                                       foldedSignature: root == L.none ? 0 : L.foldedSignature(trie.signatures[Int(root)]),
                                       keyPrefix: Array(key.utf8.prefix(16))[...])
        }
        var slotWriter = ByteWriter()
        for slot in slots {
            if let slot { slot.append(to: &slotWriter) } else { slotWriter.append([UInt8](repeating: 0, count: L.slotRecord)) }
        }
        sections[.vocab] = vocabWriter.bytes
        sections[.slots] = slotWriter.bytes
        startFilters = lowerStartFilter + lowerInnerFilter
    }

    private mutating func writeLists() {
        var labelWriter = ByteWriter(), sourceWriter = ByteWriter()
        for label in labels { labelWriter.u32(pool.reference(label)) }
        for source in sources { sourceWriter.u32(pool.reference(source)) }
        sections[.labels] = labelWriter.bytes
        sections[.sources] = sourceWriter.bytes
    }

    private mutating func writeInfo() {
        var writer = ByteWriter()
        for field in L.InfoField.allCases { writer.u64(UInt64(counts[field] ?? 0)) }
        sections[.info] = writer.bytes
    }

    /// The container of the sections, in `Section` order.
    private func assemble(contentHash: UInt64, compiledHash: UInt64) -> [UInt8] {
        var sections = sections
        sections[.stamp] = Self.stampBytes(contentHash: contentHash, compiledHash: compiledHash)
        return Self.container(sections)
    }

    /// The stamp section: the compiler revision and the two hashes.
    static func stampBytes(contentHash: UInt64, compiledHash: UInt64) -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(L.compilerRevision)
        writer.u32(0)
        writer.u64(contentHash)
        writer.u64(compiledHash)
        return writer.bytes
    }

    /// A compiled gazetteer file of `sections`.
    static func container(_ sections: [GazetteerLayout.Section: [UInt8]]) -> [UInt8] {
        var container = ResourceContainer.Writer(kind: .gazetteerCache, version: L.formatVersion)
        for section in L.Section.allCases { container.add(section.name, sections[section] ?? []) }
        return container.bytes()
    }

    private static func littleEndianBytes(_ word: UInt64) -> [UInt8] {
        withUnsafeBytes(of: word.littleEndian) { Array($0) }
    }
}
