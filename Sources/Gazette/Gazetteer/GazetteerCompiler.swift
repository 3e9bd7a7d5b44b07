/// Compiles entity lists into the binary form that `GazetteerImage` reads: rows are merged into entries (rows that
/// share an id are one entry, so an extension file such as `places-sa.tsv` can add aliases to `places.tsv`),
/// every surface form is tokenised with the document segmenter and folded to matching keys, its case policy is
/// decided, and the forms go into a token trie.
struct GazetteerCompiler {
    /// Matching keys of common English words: a one-word name in this set needs exact case and context, a longer
    /// name made only of such words needs capitals ("White House").
    var commonWords: Set<String> = []
    /// Matching keys of ordinary English words (a larger list): a name in lower case text matches only if it is
    /// none of them, and a name made only of them (or of common words) needs its capitals.
    var englishWords: Set<String> = []
    var segmenter: Segmenter

    /// An entry being assembled from its rows.
    private struct EntryDraft {
        var name: String
        var label: String
        var id: String?
        var prior: Double
        var flags: EntryFlags
        var kind: String?
        var country: String?
        var description: String?
        var xrefs: [String]
        var aliases: [String]
        var source: String
        var forms: [SurfaceFormDraft]
    }

    /// A tokenised surface form.
    private struct Form {
        var entry: Int
        var keys: [String]
        var cases: [TokenCase]
        var policy: SurfacePolicy
        var surface: String
        var isUser: Bool
    }

    static let defaultPrior = 0.8

    /// The compiled bytes of `lists`.
    func compile(_ lists: [GazetteerList], contentHash: UInt64, compiledHash: UInt64? = nil,
                 manifest: [(path: String, status: GazetteerFiles.Status)]) throws(GazetteError) -> [UInt8] {
        let entries = try mergedEntries(lists)
        let forms = try tokenizedForms(entries)
        return serialize(entries: entries, forms: forms, contentHash: contentHash, compiledHash: compiledHash ?? contentHash, manifest: manifest)
    }

    // MARK: Rows to entries

    private func mergedEntries(_ lists: [GazetteerList]) throws(GazetteError) -> [EntryDraft] {
        var drafts: [EntryDraft] = []
        var indexOfID: [String: Int] = [:]
        for list in lists {
            let rows = try list.format == .tsv ? list.tsvRows() : list.jsonlRows()
            for row in rows {
                if let id = row.id, let index = indexOfID[id] {
                    guard drafts[index].label == row.label else {
                        throw GazetteError(.resourceMalformed, "\(row.file) line \(row.line): id '\(id)' has label \(row.label) here but \(drafts[index].label) in \(drafts[index].source)")
                    }
                    var draft = drafts[index]
                    for form in row.forms where !draft.forms.contains(form) { draft.forms.append(form) }
                    for form in row.forms.dropFirst() where !draft.aliases.contains(form.text) && form.text != draft.name { draft.aliases.append(form.text) }
                    if row.name != draft.name, !draft.aliases.contains(row.name) { draft.aliases.append(row.name) }
                    for xref in row.xrefs where !draft.xrefs.contains(xref) { draft.xrefs.append(xref) }
                    draft.flags.formUnion(row.flags.subtracting(.user))
                    draft.kind = draft.kind ?? row.kind
                    draft.country = draft.country ?? row.country
                    draft.description = draft.description ?? row.description
                    drafts[index] = draft
                    continue
                }
                if let id = row.id { indexOfID[id] = drafts.count }
                var aliases: [String] = []
                for form in row.forms.dropFirst() where !aliases.contains(form.text) { aliases.append(form.text) }
                drafts.append(EntryDraft(name: row.name, label: row.label, id: row.id, prior: row.prior ?? (list.isUser ? 0.9 : Self.defaultPrior),
                                         flags: row.flags, kind: row.kind, country: row.country, description: row.description,
                                         xrefs: row.xrefs, aliases: aliases, source: list.source, forms: row.forms))
            }
        }
        return drafts
    }

    // MARK: Tokenising and policies

    private func tokenizedForms(_ entries: [EntryDraft]) throws(GazetteError) -> [Form] {
        // Everything written as text is tokenised in large batches, one form per line, exactly as documents are.
        var texts: [String] = []
        var owners: [(entry: Int, form: Int)] = []
        for (e, entry) in entries.enumerated() {
            for (f, form) in entry.forms.enumerated() {
                if let tokens = form.patternTokens {
                    for token in tokens { texts.append(token.text); owners.append((e, f)) }
                } else {
                    texts.append(form.text)
                    owners.append((e, f))
                }
            }
        }
        let tokenized = try tokenize(texts)

        var forms: [Form] = []
        forms.reserveCapacity(texts.count)
        var t = 0
        while t < texts.count {
            let (e, f) = owners[t]
            let entry = entries[e]
            let draft = entry.forms[f]
            var keys: [String] = [], cases: [TokenCase] = [], words: [(key: String, token: Token)] = []
            var hasPeriod = false
            if let patternTokens = draft.patternTokens {
                for patternToken in patternTokens {
                    for (key, token, period) in tokenized[t] {
                        keys.append(key)
                        cases.append(patternToken.caseSensitive ? TokenCase(token) : .free)
                        if token.kind == .word { words.append((key, token)) }
                        hasPeriod = hasPeriod || period
                    }
                    t += 1
                }
            } else {
                for (key, token, period) in tokenized[t] {
                    keys.append(key)
                    cases.append(TokenCase(token))
                    if token.kind == .word { words.append((key, token)) }
                    hasPeriod = hasPeriod || period
                }
                t += 1
            }
            guard !words.isEmpty, keys.count <= 255 else { continue }
            let policy = self.policy(draft, words: words, hasPeriod: hasPeriod, flags: entry.flags)
            forms.append(Form(entry: e, keys: keys, cases: cases, policy: policy, surface: draft.text, isUser: draft.isUser))
        }
        return forms
    }

    /// The case rule and context needs of one surface form.
    ///
    /// - Acronyms ("US", "NATO", "U.S."): upper case in the text; if the acronym is also a common word ("WHO",
    ///   "US"), not inside an all-capitals line, where capitals say nothing, unless the text has periods ("U.S.").
    /// - One word that is a common word ("Nice", "Reading"), or of an entry flagged `ambiguous` ("Jordan"): exact
    ///   case and supporting context. With the `distinctive` flag ("China", "Turkey") just capitals.
    /// - Several words that are all common words ("White House", "United States"): capitals where listed.
    /// - Anything else is distinctive ("Xinjiang", "Antony Blinken"): any case.
    /// - `=Name` forces exact case and context; `?Name` (or the entry flag `lookup`) is lookup only; a spaCy
    ///   phrase or token pattern keeps spaCy's meaning (exact text, or per token `ORTH`/`LOWER`), no context.
    func policy(_ form: SurfaceFormDraft, words: [(key: String, token: Token)], hasPeriod: Bool, flags: EntryFlags) -> SurfacePolicy {
        var policy = casePolicy(form, words: words, hasPeriod: hasPeriod, flags: flags)
        // Lower-case text names an entity only when the name is one distinctive word ("xinjiang").
        if words.count == 1, policy.caseRule == .any, !policy.lookupOnly, words[0].key.utf8.count >= 4,
           !commonWords.contains(words[0].key), !englishWords.contains(words[0].key),
           form.marker == .automatic || form.patternTokens != nil {
            policy.allowsLowerCase = true
        }
        if let tokens = form.patternTokens, tokens.allSatisfy({ !$0.caseSensitive }) { policy.allowsLowerCase = true }
        return policy
    }

    private func casePolicy(_ form: SurfaceFormDraft, words: [(key: String, token: Token)], hasPeriod: Bool, flags: EntryFlags) -> SurfacePolicy {
        if flags.contains(.lookupOnly) { return SurfacePolicy(caseRule: .any, lookupOnly: true) }
        switch form.marker {
        case .lookupOnly: return SurfacePolicy(caseRule: .any, lookupOnly: true)
        case .exact: return SurfacePolicy(caseRule: .exact, needsContext: true)
        case .phrase: return SurfacePolicy(caseRule: .exact)
        case .automatic: break
        }
        let isAcronym = words.allSatisfy { $0.token.shape == .allCaps || $0.token.shape == .hasDigit || $0.token.shape == .uncased }
            && words.contains { $0.token.shape == .allCaps }
        if isAcronym {
            let common = words.count == 1 && commonWords.contains(words[0].key) && !flags.contains(.distinctive)
            return SurfacePolicy(caseRule: .any, needsContext: words.count == 1 && flags.contains(.ambiguous), commonAcronym: common)
        }
        if words.count == 1 {
            let common = commonWords.contains(words[0].key)
            if flags.contains(.ambiguous) { return SurfacePolicy(caseRule: .exact, needsContext: true) }
            if common { return flags.contains(.distinctive) ? SurfacePolicy(caseRule: .cased) : SurfacePolicy(caseRule: .exact, needsContext: true) }
            return SurfacePolicy(caseRule: .any)
        }
        if !flags.contains(.distinctive), words.allSatisfy({ commonWords.contains($0.key) || englishWords.contains($0.key) }) {
            return SurfacePolicy(caseRule: .cased)
        }
        return SurfacePolicy(caseRule: .any)
    }

    /// Tokens (matching key, token, whether the token holds a period) of each text, segmented like a document.
    private func tokenize(_ texts: [String]) throws(GazetteError) -> [[(String, Token, Bool)]] {
        var results = [[(String, Token, Bool)]](repeating: [], count: texts.count)
        var start = 0
        var buffer: [UInt8] = []
        var bounds: [Range<Int>] = []
        while start < texts.count {
            buffer.removeAll(keepingCapacity: true)
            bounds.removeAll(keepingCapacity: true)
            var end = start
            while end < texts.count, buffer.count < 1 << 20 {
                let lower = buffer.count
                for byte in texts[end].utf8 { buffer.append(byte == 0x0A || byte == 0x0D || byte == 0x09 ? 0x20 : byte) }
                bounds.append(lower..<buffer.count)
                buffer.append(0x0A)
                end += 1
            }
            var straddling: [Int] = []
            try buffer.withUnsafeBufferPointer { (bytes) throws(GazetteError) in
                let (tokens, _) = try segmenter.segment(bytes)
                var b = 0
                for token in tokens {
                    while b < bounds.count, token.start >= bounds[b].upperBound { b += 1 }
                    guard b < bounds.count else { break }
                    guard token.start >= bounds[b].lowerBound, token.end <= bounds[b].upperBound else {
                        if straddling.last != b { straddling.append(b) }
                        continue
                    }
                    let slice = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
                    results[start + b].append((MatchingKey.fold(slice), shifted(token, by: -bounds[b].lowerBound), slice.contains(UInt8(ascii: "."))))
                }
            }
            for b in straddling {  // a token ran across the line break (never seen): tokenise that text alone
                var text = texts[start + b]
                let tokens = try segmenter.tokens(of: text)
                results[start + b] = text.withUTF8 { bytes in
                    tokens.map { token in
                        let slice = UnsafeBufferPointer(rebasing: bytes[token.utf8Range])
                        return (MatchingKey.fold(slice), token, slice.contains(UInt8(ascii: ".")))
                    }
                }
            }
            start = end
        }
        return results
    }

    private func shifted(_ token: Token, by delta: Int) -> Token {
        Token(start: token.start + delta, end: token.end + delta, kind: token.kind, shape: token.shape)
    }

    // MARK: Serialising

    private func serialize(entries: [EntryDraft], forms: [Form], contentHash: UInt64, compiledHash: UInt64, manifest: [(path: String, status: GazetteerFiles.Status)]) -> [UInt8] {
        typealias L = GazetteerLayout
        var pool = StringPool()

        // Entries first, so that each entry's name and id are neighbours in the string section (one cache miss
        // when a match makes a candidate).
        var labels: [String] = [], sources: [String] = []
        var labelIndex: [String: UInt16] = [:], sourceIndex: [String: UInt16] = [:]
        var entryWriter = ByteWriter()
        // What a payload repeats of its entry (label, source, prior, id, name), so that a match reads no entry record.
        var entryCopies: [(label: UInt16, source: UInt16, prior: Float, id: UInt32, name: UInt32)] = []
        entryCopies.reserveCapacity(entries.count)
        for entry in entries {
            let nameReference = pool.reference(entry.name), idReference = pool.reference(entry.id)
            entryWriter.u32(nameReference)
            entryWriter.u32(idReference)
            entryWriter.u32(entry.aliases.isEmpty ? L.none : pool.reference(entry.aliases.joined(separator: "|")))
            entryWriter.u32(pool.reference(entry.kind))
            entryWriter.u32(pool.reference(entry.country))
            entryWriter.u32(pool.reference(entry.description))
            entryWriter.u32(entry.xrefs.isEmpty ? L.none : pool.reference(entry.xrefs.joined(separator: "|")))
            if labelIndex[entry.label] == nil { labelIndex[entry.label] = UInt16(labels.count); labels.append(entry.label) }
            if sourceIndex[entry.source] == nil { sourceIndex[entry.source] = UInt16(sources.count); sources.append(entry.source) }
            entryWriter.u16(labelIndex[entry.label]!)
            entryWriter.u16(sourceIndex[entry.source]!)
            entryWriter.u16(entry.flags.rawValue)
            entryWriter.u16(0)
            entryWriter.f32(Float(entry.prior))
            entryCopies.append((labelIndex[entry.label]!, sourceIndex[entry.source]!, Float(entry.prior), idReference, nameReference))
        }
        // Vocabulary and trie. Node 0 is the root; its children are kept in the vocabulary records.
        var symbolOfKey: [String: UInt32] = [:]
        var keys: [String] = []
        var edges: [UInt64: UInt32] = [:]
        var nodeCount: UInt32 = 1
        var payloadNodes: [UInt32] = []
        payloadNodes.reserveCapacity(forms.count)
        // A name may start at a lower-case word (or a punctuation mark, a number) of the text only if it is listed
        // that way ("mainland China", "al-Qaeda", "7-Eleven"): elsewhere the scan skips such tokens. Names that
        // match text all in lower case ("xinjiang") start there only in sentences written all in lower case.
        var lowerStarts = Set<String>(), lowerCaseWordStarts = Set<String>(), continuations = Set<String>()
        var lowerContinuations = Set<String>()  // inner tokens listed in lower case or not words ("of", "-", "'s")
        for form in forms {
            for (key, tokenCase) in zip(form.keys, form.cases).dropFirst() {
                continuations.insert(key)
                if tokenCase == .lower || tokenCase == .free { lowerContinuations.insert(key) }
            }
        }
        for form in forms where !form.policy.lookupOnly {
            guard let first = form.cases.first else { continue }
            if first == .free || first == .lower { lowerStarts.insert(form.keys[0]) }
            if form.policy.allowsLowerCase { lowerCaseWordStarts.insert(form.keys[0]) }
        }
        for form in forms {
            var node: UInt32 = 0
            for key in form.keys {
                let symbol: UInt32
                if let known = symbolOfKey[key] {
                    symbol = known
                } else {
                    symbol = UInt32(keys.count)
                    symbolOfKey[key] = symbol
                    keys.append(key)
                }
                let edge = UInt64(node) << 32 | UInt64(symbol)
                if let child = edges[edge] {
                    node = child
                } else {
                    edges[edge] = nodeCount
                    node = nodeCount
                    nodeCount += 1
                }
            }
            payloadNodes.append(node)
        }

        // Root edges go into the vocabulary; the others into a hash table over (parent, symbol).
        var rootChild = [UInt32](repeating: L.none, count: keys.count)
        var innerEdges: [(key: UInt64, child: UInt32)] = []
        innerEdges.reserveCapacity(edges.count)
        for (edge, child) in edges {
            if edge >> 32 == 0 { rootChild[Int(edge & 0xFFFF_FFFF)] = child } else { innerEdges.append((edge, child)) }
        }
        innerEdges.sort { $0.key < $1.key }  // placement in the table must not depend on dictionary order

        // Payloads of each node: a user's forms first and alone (they shadow shipped ones), then in list order.
        var formsOfNode = [Int](repeating: 0, count: Int(nodeCount) + 1)
        for node in payloadNodes { formsOfNode[Int(node) + 1] += 1 }
        for i in 1..<formsOfNode.count { formsOfNode[i] += formsOfNode[i - 1] }
        var ordered = [Int](repeating: 0, count: forms.count)
        var place = formsOfNode
        for (index, node) in payloadNodes.enumerated() {
            ordered[place[Int(node)]] = index
            place[Int(node)] += 1
        }
        var payloadWriter = ByteWriter()
        var nodeWriter = ByteWriter()
        var payloadCount: UInt32 = 0
        var surfaceForms = 0, lookupOnly = 0
        for node in 0..<Int(nodeCount) {
            var group = Array(ordered[formsOfNode[node]..<formsOfNode[node + 1]])
            if group.contains(where: { forms[$0].isUser && !forms[$0].policy.lookupOnly }) {
                group = group.filter { forms[$0].isUser }
            }
            var seen = Set<[UInt32]>()
            let firstPayload = payloadCount
            for index in group {
                let form = forms[index]
                let shapes = TokenCase.pack(form.cases)
                guard seen.insert([UInt32(form.entry), shapes, UInt32(form.policy.rawValue)]).inserted else { continue }
                let copy = entryCopies[form.entry]
                payloadWriter.u32(UInt32(form.entry))
                payloadWriter.u32(shapes)
                payloadWriter.u32(pool.reference(form.surface))
                payloadWriter.u8(form.policy.rawValue)
                payloadWriter.u8(UInt8(min(form.keys.count, 255)))
                payloadWriter.u16(copy.label)
                payloadWriter.u16(copy.source)
                payloadWriter.u16(0)
                payloadWriter.f32(copy.prior)
                payloadWriter.u32(copy.id)
                payloadWriter.u32(copy.name)
                payloadCount += 1
                if form.policy.lookupOnly { lookupOnly += 1 } else { surfaceForms += 1 }
            }
            nodeWriter.u32(firstPayload)
        }
        nodeWriter.u32(payloadCount)  // where the last node's payloads end
        // A child's node id carries, in its top bit, whether names end there: the scan then need not read the
        // node's record to know.
        var endsName = [Bool](repeating: false, count: Int(nodeCount))
        for node in payloadNodes { endsName[Int(node)] = true }
        var hasChildren = [Bool](repeating: false, count: Int(nodeCount))
        for (edge, _) in innerEdges { hasChildren[Int(edge >> 32)] = true }
        // Each node's signature: a bit per child, chosen by the child key's hash. A walk reads it with the edge
        // that reached the node (or from the vocabulary slot, for the first key) and tries the edge table only
        // for a next key whose bit is set: most tokens after a name's first word continue no name.
        let keyHashes = keys.map(KeyHash.hash)
        var signatures = [UInt32](repeating: 0, count: Int(nodeCount))
        for (edge, _) in innerEdges { signatures[Int(edge >> 32)] |= L.signatureBit(keyHashes[Int(edge & 0xFFFF_FFFF)]) }
        // Up to 80 % full: four records share a cache line, so the few extra probes cost less than a table twice
        // the size that the cache holds less of.
        let edgeProbing = LinearProbing(capacity: LinearProbing.capacity(for: innerEdges.count, slotsPerKey: (5, 4), minimum: 16))
        var edgeTable = [(parent: UInt32, symbol: UInt32, child: UInt32)](repeating: (L.none, 0, 0), count: edgeProbing.capacity)
        for (edge, child) in innerEdges {
            let parent = UInt32(edge >> 32), symbol = UInt32(edge & 0xFFFF_FFFF)
            let slot = edgeProbing.slot(from: L.edgeHome(parent, symbol)) { edgeTable[$0].parent == L.none }
            edgeTable[slot] = (parent, symbol, L.NodeReference(node: child, endsName: endsName[Int(child)], hasChildren: hasChildren[Int(child)]).rawValue)
        }
        var edgeBloom = [UInt64](repeating: 0, count: 1 << L.edgeFilterBits)
        for (edge, _) in innerEdges {
            let (word, bits) = L.edgeFilterBits(UInt32(edge >> 32), UInt32(edge & 0xFFFF_FFFF))
            edgeBloom[word] |= bits
        }
        var childWriter = ByteWriter()
        for record in edgeTable {
            childWriter.u32(record.parent)
            childWriter.u32(record.symbol)
            childWriter.u32(record.child)
            childWriter.u32(record.parent == L.none ? 0 : signatures[Int(L.NodeReference(rawValue: record.child).node)])
        }

        // Vocabulary records and their hash table. A slot holds everything a token's look-up needs in one cache
        // line: the key's hash, symbol, length, first 16 bytes, and where names starting with it begin.
        var vocabWriter = ByteWriter()
        let slotProbing = LinearProbing(capacity: LinearProbing.capacity(for: keys.count, slotsPerKey: (8, 5), minimum: 16))
        var slotOfSymbol = [Int](repeating: -1, count: keys.count)
        var occupied = [Bool](repeating: false, count: slotProbing.capacity)
        var hashes = [UInt32](repeating: 0, count: keys.count)
        // Bloom filters over the keys that may start a name at a lower-case word or a punctuation mark, and over
        // those that occur that way inside names: the scan tests those tokens against them before any look-up.
        var lowerStartBloom = [UInt64](repeating: 0, count: 1 << L.lowerStartFilterBits)
        var lowerInnerBloom = [UInt64](repeating: 0, count: 1 << L.lowerInnerFilterBits)
        for (symbol, key) in keys.enumerated() {
            let hash = keyHashes[symbol]
            hashes[symbol] = hash
            if lowerStarts.contains(key) {
                let (word, bits) = GazetteerImage.bloomBits(hash, wordBits: L.lowerStartFilterBits)
                lowerStartBloom[word] |= bits
            }
            if lowerContinuations.contains(key) {
                let (word, bits) = GazetteerImage.bloomBits(hash, wordBits: L.lowerInnerFilterBits)
                lowerInnerBloom[word] |= bits
            }
            vocabWriter.u32(pool.reference(key))
            vocabWriter.u32(hash)
            vocabWriter.u32(rootChild[symbol])
            var vocabFlags: L.VocabFlags = []
            if lowerStarts.contains(key) { vocabFlags.insert(.startsLowerCase) }
            if lowerCaseWordStarts.contains(key) { vocabFlags.insert(.startsLowerCaseWord) }
            vocabWriter.u32(vocabFlags.rawValue)
            let slot = slotProbing.slot(from: Int(hash)) { !occupied[$0] }
            occupied[slot] = true
            slotOfSymbol[symbol] = slot
        }
        var slotBytes = [UInt8](repeating: 0, count: slotProbing.capacity * L.slotRecord)
        for (symbol, key) in keys.enumerated() {
            let base = slotOfSymbol[symbol] * L.slotRecord
            var writer = ByteWriter()
            writer.u32(hashes[symbol])
            writer.u32(UInt32(symbol) + 1)
            writer.u32(rootChild[symbol])
            let root = rootChild[symbol]
            var flags: L.SlotFlags = []
            if lowerStarts.contains(key) { flags.insert(.startsLowerCase) }
            if root != L.none && endsName[Int(root)] { flags.insert(.startEndsName) }
            if lowerCaseWordStarts.contains(key) { flags.insert(.startsLowerCaseWord) }
            if root != L.none && hasChildren[Int(root)] { flags.insert(.startHasChildren) }
            if continuations.contains(key) { flags.insert(.continues) }
            if lowerContinuations.contains(key) { flags.insert(.continuesLowerCase) }
            writer.u8(flags.rawValue)
            writer.u8(UInt8(min(key.utf8.count, 255)))
            writer.u16(root == L.none ? 0 : L.foldedSignature(signatures[Int(root)]))
            writer.append(Array(key.utf8.prefix(16)))
            for (i, byte) in writer.bytes.enumerated() { slotBytes[base + i] = byte }
        }
        var slotWriter = ByteWriter()
        slotWriter.append(slotBytes)

        var labelWriter = ByteWriter(), sourceWriter = ByteWriter()
        for label in labels { labelWriter.u32(pool.reference(label)) }
        for source in sources { sourceWriter.u32(pool.reference(source)) }

        var infoWriter = ByteWriter()
        for field in L.InfoField.allCases {
            switch field {
            case .entries: infoWriter.u64(UInt64(entries.count))
            case .surfaceForms: infoWriter.u64(UInt64(surfaceForms))
            case .lookupOnlyForms: infoWriter.u64(UInt64(lookupOnly))
            case .vocabulary: infoWriter.u64(UInt64(keys.count))
            case .nodes: infoWriter.u64(UInt64(nodeCount))
            }
        }
        var filterWriter = ByteWriter()
        for word in lowerStartBloom + lowerInnerBloom + edgeBloom { filterWriter.u64(word) }
        let manifestBytes = Self.manifestBytes(manifest)

        // Header, section table, sections.
        var sections: [L.Section: [UInt8]] = [
            .strings: pool.writer.bytes, .slots: slotWriter.bytes, .vocab: vocabWriter.bytes, .nodes: nodeWriter.bytes,
            .children: childWriter.bytes, .payloads: payloadWriter.bytes, .entries: entryWriter.bytes,
            .labels: labelWriter.bytes, .sources: sourceWriter.bytes, .info: infoWriter.bytes, .filters: filterWriter.bytes,
            .manifest: manifestBytes,
        ]
        var file = ByteWriter()
        file.append(L.magic)
        file.u32(L.formatVersion)
        file.u32(L.compilerRevision)
        file.u64(0)  // file size
        file.u64(0)  // checksum
        file.u64(contentHash)
        file.u64(compiledHash)
        let table = file.count
        for _ in L.Section.allCases { file.u64(0); file.u64(0) }
        for section in L.Section.allCases {
            file.align(8)
            let bytes = sections.removeValue(forKey: section)!
            file.set64(UInt64(file.count), at: table + section.rawValue * 16)
            file.set64(UInt64(bytes.count), at: table + section.rawValue * 16 + 8)
            file.append(bytes)
        }
        file.align(8)
        file.set64(UInt64(file.count), at: L.fileSizeOffset)
        var bytes = file.bytes
        let checksum = bytes.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[L.checksummedFrom...])) }
        withUnsafeBytes(of: checksum.littleEndian) { for (i, byte) in $0.enumerated() { bytes[L.checksumOffset + i] = byte } }
        return bytes
    }

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
}
