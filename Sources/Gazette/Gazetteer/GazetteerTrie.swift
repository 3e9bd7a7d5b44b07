/// The token trie of a gazetteer's surface forms, as the writer lays it out: a symbol per distinct matching key,
/// a node per distinct key sequence, and what the scan needs to know of each key and node before it walks.
///
/// Node 0 is the root. Its children are found through the vocabulary (`rootChild`); the other edges go into the
/// edge table (`innerEdges`).
struct GazetteerTrie {
    /// The keys, by symbol, in order of first use.
    private(set) var keys: [String] = []
    /// `KeyHash` of each key, by symbol.
    let keyHashes: [UInt32]
    /// The number of nodes, the root included.
    private(set) var nodeCount: UInt32 = 1
    /// The node each form ends at, by form.
    private(set) var formNodes: [UInt32] = []
    /// The child of the root along each symbol, or `GazetteerLayout.none`.
    let rootChild: [UInt32]
    /// The edges that leave inner nodes, (parent << 32 | symbol, child), sorted so that placing them in the edge
    /// table does not depend on dictionary order.
    let innerEdges: [(key: UInt64, child: UInt32)]
    /// Per node: names end there.
    let endsName: [Bool]
    /// Per node: longer names go on from there.
    let hasChildren: [Bool]
    /// Per node: a bit per child, chosen by the child key's hash (`GazetteerLayout.signatureBit`). A walk tries the
    /// edge table only for a next key whose bit is set: most tokens after a name's first word continue no name.
    let signatures: [UInt32]

    /// Keys some name is listed to start with in lower case or at a punctuation mark or number ("mainland China",
    /// "al-Qaeda", "7-Eleven"): elsewhere the scan skips such tokens.
    let lowerStarts: Set<String>
    /// Keys a name that may match text all in lower case ("xinjiang") starts with.
    let lowerCaseWordStarts: Set<String>
    /// Keys that occur after the first token of some name.
    let continuations: Set<String>
    /// Keys that occur inside names in lower case or as no word ("of", "-", "'s").
    let lowerContinuations: Set<String>

    /// The trie of `forms` (each a key sequence with its token cases and policy).
    init(forms: [GazetteerCompiler.Form]) {
        typealias L = GazetteerLayout
        var lowerStarts = Set<String>(), lowerCaseWordStarts = Set<String>(), continuations = Set<String>()
        var lowerContinuations = Set<String>()
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
        (self.lowerStarts, self.lowerCaseWordStarts) = (lowerStarts, lowerCaseWordStarts)
        (self.continuations, self.lowerContinuations) = (continuations, lowerContinuations)

        var symbolOfKey: [String: UInt32] = [:]
        var edges: [UInt64: UInt32] = [:]
        formNodes.reserveCapacity(forms.count)
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
            formNodes.append(node)
        }

        var rootChild = [UInt32](repeating: L.none, count: keys.count)
        var innerEdges: [(key: UInt64, child: UInt32)] = []
        innerEdges.reserveCapacity(edges.count)
        for (edge, child) in edges {
            if edge >> 32 == 0 { rootChild[Int(edge & 0xFFFF_FFFF)] = child } else { innerEdges.append((edge, child)) }
        }
        innerEdges.sort { $0.key < $1.key }
        self.rootChild = rootChild
        self.innerEdges = innerEdges

        var endsName = [Bool](repeating: false, count: Int(nodeCount))
        for node in formNodes { endsName[Int(node)] = true }
        var hasChildren = [Bool](repeating: false, count: Int(nodeCount))
        for (edge, _) in innerEdges { hasChildren[Int(edge >> 32)] = true }
        let keyHashes = keys.map(KeyHash.hash)
        var signatures = [UInt32](repeating: 0, count: Int(nodeCount))
        for (edge, _) in innerEdges { signatures[Int(edge >> 32)] |= L.signatureBit(keyHashes[Int(edge & 0xFFFF_FFFF)]) }
        self.endsName = endsName
        self.hasChildren = hasChildren
        self.keyHashes = keyHashes
        self.signatures = signatures
    }

    /// A reference to `node` with its flags, as the edge table and the tagger store it.
    func reference(_ node: UInt32) -> GazetteerLayout.NodeReference {
        GazetteerLayout.NodeReference(node: node, endsName: endsName[Int(node)], hasChildren: hasChildren[Int(node)])
    }
}
