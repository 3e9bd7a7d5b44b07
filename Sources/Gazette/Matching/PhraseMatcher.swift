/// A trie over sequences of matching keys, for longest-match look-up of multi-token phrases.
///
/// Built once from (key sequence, payload) pairs; immutable afterwards, so it can be shared across threads.
public struct PhraseMatcher<Payload: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: [Int32: Int32] = [:]
        var payloads: [Payload] = []
    }

    private var vocabulary: [String: Int32] = [:]
    private var nodes: [Node] = [Node()]

    /// An empty matcher.
    public init() {}

    /// Number of distinct phrases stored.
    public private(set) var phraseCount = 0

    /// Adds a phrase; a phrase added twice keeps both payloads.
    public mutating func insert(_ keys: [String], _ payload: Payload) {
        guard !keys.isEmpty else { return }
        var node = 0
        for key in keys {
            let symbol: Int32
            if let known = vocabulary[key] {
                symbol = known
            } else {
                symbol = Int32(vocabulary.count)
                vocabulary[key] = symbol
            }
            if let child = nodes[node].children[symbol] {
                node = Int(child)
            } else {
                nodes.append(Node())
                nodes[node].children[symbol] = Int32(nodes.count - 1)
                node = nodes.count - 1
            }
        }
        if nodes[node].payloads.isEmpty { phraseCount += 1 }
        nodes[node].payloads.append(payload)
    }

    /// The longest phrase that starts at `keys[start]` and ends before `limit`: its length in keys and payloads.
    public func longestMatch(in keys: [String], from start: Int, limit: Int? = nil) -> (length: Int, payloads: [Payload])? {
        let limit = min(limit ?? keys.count, keys.count)
        var node = 0
        var best: (length: Int, payloads: [Payload])?
        var i = start
        while i < limit, let symbol = vocabulary[keys[i]], let child = nodes[node].children[symbol] {
            node = Int(child)
            i += 1
            if !nodes[node].payloads.isEmpty { best = (i - start, nodes[node].payloads) }
        }
        return best
    }

    /// Whether `keys` as a whole is a stored phrase.
    public func contains(_ keys: [String]) -> Bool {
        longestMatch(in: keys, from: 0)?.length == keys.count
    }
}
