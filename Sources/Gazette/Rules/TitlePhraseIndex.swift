/// The title phrases of `WordLists.titles` as a trie whose edges are found by the keys' 64-bit FNV-1a hashes
/// (`Document.tokenKeys.hashes`), so that looking a title up hashes no strings. An edge's key is compared as well
/// when the hashes agree, so the index answers as the phrase matcher does.
struct TitlePhraseIndex: Sendable {
    /// An edge in the open-addressing table over (parent, hash): 16 bytes, so that a failed look-up (the usual
    /// case after a title's first word) reads little memory.
    private struct Edge: Sendable {
        var hash: UInt64 = 0
        /// The node the edge leaves; -1 marks a free slot.
        var parent: Int32 = -1
        var child: Int32 = 0
    }

    private var edges = OpenAddressingTable(capacity: 64, empty: Edge())
    private var edgeCount = 0
    /// Per node: the key of the edge that enters it (none for the root, node 0).
    private var keyOfNode: [String] = [""]
    /// Per node: whether a phrase ends there.
    private var isPhraseEnd: [Bool] = [false]

    /// Number of distinct phrases stored.
    private(set) var phraseCount = 0

    mutating func insert(_ keys: [String]) {
        guard !keys.isEmpty else { return }
        var node: Int32 = 0
        for key in keys {
            let hash = FeatureHash.of(key)
            if let child = child(of: node, key: key, hash: hash) {
                node = child
                continue
            }
            if (edgeCount + 1) * 2 > edges.capacity { grow() }
            let child = Int32(isPhraseEnd.count)
            isPhraseEnd.append(false)
            keyOfNode.append(key)
            place(Edge(hash: hash, parent: node, child: child))
            edgeCount += 1
            node = child
        }
        if !isPhraseEnd[Int(node)] {
            isPhraseEnd[Int(node)] = true
            phraseCount += 1
        }
    }

    /// The length in tokens of the longest phrase that starts at token `start` and ends before `limit`.
    func longestMatch(keys: [String], hashes: [UInt64], from start: Int, limit: Int) -> Int? {
        let limit = min(limit, keys.count, hashes.count)
        var node: Int32 = 0
        var best: Int?
        var i = start
        while i < limit, let child = child(of: node, key: keys[i], hash: hashes[i]) {
            node = child
            i += 1
            if isPhraseEnd[Int(node)] { best = i - start }
        }
        return best
    }

    /// The home slot of the edge (parent, hash) before masking.
    private func home(_ parent: Int32, _ hash: UInt64) -> Int {
        HashMixing.fibonacciSlot(hash ^ UInt64(UInt32(bitPattern: parent)), shift: 32)
    }

    private func child(of parent: Int32, key: String, hash: UInt64) -> Int32? {
        let index = edges.slot(from: home(parent, hash)) { edge in
            edge.parent < 0 || (edge.parent == parent && edge.hash == hash && keyOfNode[Int(edge.child)] == key)
        }
        return edges[index].parent < 0 ? nil : edges[index].child
    }

    private mutating func place(_ edge: Edge) {
        let index = edges.slot(from: home(edge.parent, edge.hash)) { $0.parent < 0 }
        edges[index] = edge
    }

    private mutating func grow() {
        let old = edges.allSlots
        edges = OpenAddressingTable(capacity: old.count * 2, empty: Edge())
        for edge in old where edge.parent >= 0 { place(edge) }
    }
}
