/// The scratch tables of one document's gazetteer scan: for each layer and token, the token's symbol in that
/// layer's vocabulary, the trie node a name starting at the token begins at (a `GazetteerLayout.NodeReference`,
/// .max for none) and that node's signature; the tokens where a name may start, in order; and the name ends found
/// by the walks from one start.
///
/// A kernel: the tables live in one temporary allocation, reached through raw pointers, for the span of
/// `withTables`. `GazetteerScanTables.Reference` is the same over arrays; a differential test pins one to the other.
struct GazetteerScanTables {
    private let tokenCount: Int
    private let layerCount: Int
    private let symbols: UnsafeMutablePointer<UInt32>
    private let starts: UnsafeMutablePointer<UInt32>
    private let signatures: UnsafeMutablePointer<UInt32>
    private let startList: UnsafeMutablePointer<UInt32>
    /// Per end: length << 40 | (layerCount - 1 - layer) << 32 | node, so that sorting in descending order puts the
    /// longest first and, at equal length, the higher-precedence layer (a user's list) first.
    private let ends: UnsafeMutablePointer<UInt64>
    /// The number of tokens listed where a name may start.
    private(set) var startCount = 0
    /// The number of ends listed.
    private(set) var endCount = 0

    private init(tokenCount: Int, layerCount: Int, words: UnsafeMutablePointer<UInt32>, ends: UnsafeMutablePointer<UInt64>) {
        self.tokenCount = tokenCount
        self.layerCount = layerCount
        symbols = words
        starts = words + tokenCount * layerCount
        signatures = starts + tokenCount * layerCount
        startList = signatures + tokenCount * layerCount
        self.ends = ends
    }

    /// Runs `body` with tables for `tokenCount` tokens and `layerCount` layers (their contents are undefined
    /// until set).
    static func withTables<Result>(tokenCount: Int, layerCount: Int, _ body: (inout GazetteerScanTables) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 3 * tokenCount * layerCount + tokenCount) { words in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: tokenCount * layerCount) { ends in
                var tables = GazetteerScanTables(tokenCount: tokenCount, layerCount: layerCount, words: words.baseAddress!, ends: ends.baseAddress!)
                return body(&tables)
            }
        }
    }

    // MARK: Per layer and token

    /// The symbol of `token` in `layer` (`GazetteerTagger.notLookedUp`, or .max for none).
    @inline(__always) func symbol(_ layer: Int, _ token: Int) -> UInt32 { symbols[layer * tokenCount + token] }
    /// Sets the symbol of `token` in `layer`.
    @inline(__always) func setSymbol(_ symbol: UInt32, _ layer: Int, _ token: Int) { symbols[layer * tokenCount + token] = symbol }
    /// Where a name starting at `token` begins in `layer` (.max: none).
    @inline(__always) func start(_ layer: Int, _ token: Int) -> UInt32 { starts[layer * tokenCount + token] }
    /// Sets where a name starting at `token` begins in `layer`.
    @inline(__always) func setStart(_ start: UInt32, _ layer: Int, _ token: Int) { starts[layer * tokenCount + token] = start }
    /// The signature of the start node of `token` in `layer` (set with a start).
    @inline(__always) func signature(_ layer: Int, _ token: Int) -> UInt32 { signatures[layer * tokenCount + token] }
    /// Sets the signature of the start node of `token` in `layer`.
    @inline(__always) func setSignature(_ signature: UInt32, _ layer: Int, _ token: Int) { signatures[layer * tokenCount + token] = signature }

    // MARK: Starts

    /// Forgets the listed starts (a new sentence).
    @inline(__always) mutating func clearStarts() { startCount = 0 }

    /// Lists `token` as one where a name may start.
    @inline(__always) mutating func listStart(_ token: Int) {
        startList[startCount] = UInt32(token)
        startCount += 1
    }

    /// Sorts the listed starts (each layer listed its own in order).
    func sortStarts() {
        var list = UnsafeMutableBufferPointer(start: startList, count: startCount)
        list.sort()
    }

    /// The listed start at `index` (below `startCount`).
    @inline(__always) func listedStart(_ index: Int) -> Int { Int(startList[index]) }

    // MARK: Ends

    /// Forgets the listed ends (a new start).
    @inline(__always) mutating func clearEnds() { endCount = 0 }

    /// Lists a name of `length` tokens ending at `node` of `layer`.
    @inline(__always) mutating func addEnd(length: Int, layer: Int, node: UInt32) {
        ends[endCount] = UInt64(length) << 40 | UInt64(layerCount - 1 - layer) << 32 | UInt64(node)
        endCount += 1
    }

    /// Puts the ends longest first and, at equal length, the higher-precedence layer first. One layer's walk
    /// listed its ends shortest first: reading them backwards needs no sort.
    func orderEnds() {
        guard layerCount > 1 else { return }
        var sorted = UnsafeMutableBufferPointer(start: ends, count: endCount)
        sorted.sort(by: >)
    }

    /// The end of rank `rank` (0: the longest) after `orderEnds`.
    @inline(__always) func end(rank: Int) -> (length: Int, layer: Int, node: UInt32) {
        let end = ends[layerCount > 1 ? rank : endCount - 1 - rank]
        return (Int(end >> 40), layerCount - 1 - Int((end >> 32) & 0xFF), UInt32(truncatingIfNeeded: end))
    }
}

extension GazetteerScanTables {
    /// The tables over arrays, written plainly: the reference the kernel is tested against.
    struct Reference {
        private var symbols: [[UInt32]], starts: [[UInt32]], signatures: [[UInt32]]
        private var startList: [Int] = []
        private var ends: [(length: Int, layer: Int, node: UInt32)] = []

        init(tokenCount: Int, layerCount: Int) {
            let table = [[UInt32]](repeating: [UInt32](repeating: 0, count: tokenCount), count: layerCount)
            (symbols, starts, signatures) = (table, table, table)
        }

        func symbol(_ layer: Int, _ token: Int) -> UInt32 { symbols[layer][token] }
        mutating func setSymbol(_ symbol: UInt32, _ layer: Int, _ token: Int) { symbols[layer][token] = symbol }
        func start(_ layer: Int, _ token: Int) -> UInt32 { starts[layer][token] }
        mutating func setStart(_ start: UInt32, _ layer: Int, _ token: Int) { starts[layer][token] = start }
        func signature(_ layer: Int, _ token: Int) -> UInt32 { signatures[layer][token] }
        mutating func setSignature(_ signature: UInt32, _ layer: Int, _ token: Int) { signatures[layer][token] = signature }

        var startCount: Int { startList.count }
        mutating func clearStarts() { startList.removeAll() }
        mutating func listStart(_ token: Int) { startList.append(token) }
        mutating func sortStarts() { startList.sort() }
        func listedStart(_ index: Int) -> Int { startList[index] }

        var endCount: Int { ends.count }
        mutating func clearEnds() { ends.removeAll() }
        mutating func addEnd(length: Int, layer: Int, node: UInt32) { ends.append((length, layer, node)) }
        /// Longest first; at equal length the lower layer index (higher precedence) first, then the higher node.
        mutating func orderEnds() {
            ends.sort { ($0.length, -$0.layer, $0.node) > ($1.length, -$1.layer, $1.node) }
        }
        func end(rank: Int) -> (length: Int, layer: Int, node: UInt32) { ends[rank] }
    }
}
