import Testing
@testable import Gazette

@Suite("Gazetteer scan tables")
struct GazetteerScanTablesTests {
    /// Random scans (symbols, starts and signatures set per layer and token, starts listed per layer in order,
    /// ends listed per walk shortest first) give the same answers from the kernel and from the reference.
    @Test func kernelMatchesReference() {
        var generator = SystemRandomNumberGenerator()
        for layerCount in 1...3 {
            for _ in 0..<30 {
                let tokenCount = Int.random(in: 1...40, using: &generator)
                var reference = GazetteerScanTables.Reference(tokenCount: tokenCount, layerCount: layerCount)
                GazetteerScanTables.withTables(tokenCount: tokenCount, layerCount: layerCount) { tables in
                    tables.clearStarts()
                    reference.clearStarts()
                    for layer in 0..<layerCount {
                        for token in 0..<tokenCount {
                            let symbol = UInt32.random(in: 0...9, using: &generator), start = UInt32.random(in: 0...5, using: &generator)
                            let signature = UInt32.random(in: 0...UInt32.max, using: &generator)
                            tables.setSymbol(symbol, layer, token); reference.setSymbol(symbol, layer, token)
                            tables.setStart(start, layer, token); reference.setStart(start, layer, token)
                            tables.setSignature(signature, layer, token); reference.setSignature(signature, layer, token)
                            if start == 0 { tables.listStart(token); reference.listStart(token) }
                        }
                    }
                    if layerCount > 1 { tables.sortStarts(); reference.sortStarts() }
                    #expect(tables.startCount == reference.startCount)
                    for index in 0..<tables.startCount { #expect(tables.listedStart(index) == reference.listedStart(index)) }
                    for layer in 0..<layerCount {
                        for token in 0..<tokenCount {
                            #expect(tables.symbol(layer, token) == reference.symbol(layer, token))
                            #expect(tables.start(layer, token) == reference.start(layer, token))
                            #expect(tables.signature(layer, token) == reference.signature(layer, token))
                        }
                    }
                    tables.clearEnds()
                    reference.clearEnds()
                    for layer in 0..<layerCount {
                        var length = 0
                        for _ in 0..<Int.random(in: 0...4, using: &generator) {
                            length += Int.random(in: 1...2, using: &generator)
                            let node = UInt32.random(in: 0..<(1 << 30), using: &generator)
                            tables.addEnd(length: length, layer: layer, node: node)
                            reference.addEnd(length: length, layer: layer, node: node)
                        }
                    }
                    tables.orderEnds()
                    reference.orderEnds()
                    #expect(tables.endCount == reference.endCount)
                    for rank in 0..<tables.endCount { #expect(tables.end(rank: rank) == reference.end(rank: rank)) }
                }
            }
        }
    }
}
