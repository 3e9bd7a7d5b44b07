/// Pretrained word vectors as dense topic features: a document's words are looked up by their matching key's
/// hash, their 8-bit vectors averaged, and the average (scaled to length `featureScale`) weighed by one row of
/// label weights per dimension. Words never seen in training still land near the words they mean, which is what a
/// headline of a few words needs.
///
/// The table is stored in a topic model's `vectors` section (see `serialized()`): an open-addressing table of 2^k
/// slots, each a 32-bit tag (the upper half of the key's FNV-1a hash, never 0) and a 16-bit row, probed linearly
/// from the slot the lower bits of the mixed hash give; then the 8-bit rows. The rows are used where they lie; the
/// slots' tags and rows, which the file keeps in two arrays, are packed side by side at load.
///
/// `features(of:)` is the scoring kernel (it reads the packed slots and the rows in place); `referenceFeatures(of:)` is the
/// same computation written plainly, and `TopicWordVectorsTests` pins the two together.
public struct TopicWordVectors: Sendable {
    /// Dimensions per vector.
    public let dimensions: Int
    /// The number of distinct vectors.
    public let rowCount: Int
    /// Factor from stored 8-bit components to real ones.
    let vectorScale: Float
    /// The length a document's average vector is scaled to before it is weighed.
    public let featureScale: Float
    /// Only the first this many words of a document are looked up (0: all).
    public let maxWords: Int
    /// `dimensions × labelCount` weights, dimension-major (empty before training).
    let weights: [Float]
    /// The same weights with each dimension's row padded to whole 16-lane vectors, for `addLogits`.
    private let weightLanes: [SIMD16<Float>]
    let labelCount: Int
    private let probing: LinearProbing
    /// The bytes that hold the slots and rows, and where each starts.
    private let storage: [UInt8]
    private let tagsStart: Int
    private let rowsStart: Int
    /// Each slot's tag (the low 32 bits) and row number (the 16 bits above), packed at load (see `packedSlots`).
    private let slots: [UInt64]
    /// The rows' clusters, when the model reads them as features (`TopicWordClusters`); kept in their own section.
    public let clusters: TopicWordClusters?

    // MARK: Building

    /// Vectors from word hashes (FNV-1a of the lower-case word), each word's row, and `rowCount × dimensions`
    /// 8-bit components; no label weights yet.
    package init(words: [(hash: UInt64, row: Int)], rows: [Int8], dimensions: Int, vectorScale: Float, featureScale: Float,
                 maxWords: Int) throws(GazetteError) {
        guard dimensions > 0, rows.count % dimensions == 0 else {
            throw GazetteError(.resourceMalformed, "word vectors: \(rows.count) components are not whole rows of \(dimensions)")
        }
        let rowCount = rows.count / dimensions
        guard rowCount <= Int(UInt16.max), words.allSatisfy({ $0.row >= 0 && $0.row < rowCount }) else {
            throw GazetteError(.resourceMalformed, "word vectors: a word points past the \(rowCount) rows (at most 65,535)")
        }
        let capacity = LinearProbing.capacity(for: words.count, slotsPerKey: (3, 2), minimum: 64)
        let probing = LinearProbing(capacity: capacity)
        var tags = [UInt32](repeating: 0, count: capacity)
        var slotRows = [UInt16](repeating: 0, count: capacity)
        for word in words {
            let tag = Self.tag(word.hash)
            let slot = probing.slot(from: Self.home(word.hash)) { tags[$0] == 0 || tags[$0] == tag }
            tags[slot] = tag
            slotRows[slot] = UInt16(word.row)
        }
        var writer = ByteWriter()
        for tag in tags { writer.u32(tag) }
        for row in slotRows { writer.u16(row) }
        writer.align(16)
        let rowsStart = writer.count
        writer.append(rows.map { UInt8(bitPattern: $0) })
        self.init(dimensions: dimensions, rowCount: rowCount, vectorScale: vectorScale, featureScale: featureScale, maxWords: maxWords,
                  weights: [], labelCount: 0, capacity: capacity, storage: writer.bytes, start: 0, rowsOffset: rowsStart,
                  slots: Self.packedSlots(writer.bytes, start: 0, capacity: capacity), clusters: nil)
    }

    private init(dimensions: Int, rowCount: Int, vectorScale: Float, featureScale: Float, maxWords: Int, weights: [Float], labelCount: Int,
                 capacity: Int, storage: [UInt8], start: Int, rowsOffset: Int, slots: [UInt64], clusters: TopicWordClusters?) {
        self.dimensions = dimensions
        self.rowCount = rowCount
        self.vectorScale = vectorScale
        self.featureScale = featureScale
        self.maxWords = maxWords
        self.weights = weights
        self.labelCount = labelCount
        let chunks = (labelCount + 15) / 16
        var lanes = [SIMD16<Float>](repeating: .zero, count: weights.isEmpty ? 0 : dimensions * chunks)
        for index in weights.indices {
            let dimension = index / labelCount, label = index % labelCount
            lanes[dimension * chunks + label / 16][label % 16] = weights[index]
        }
        weightLanes = lanes
        probing = LinearProbing(capacity: capacity)
        self.storage = storage
        tagsStart = start
        rowsStart = start + rowsOffset
        self.slots = slots
        self.clusters = clusters
    }

    /// The slots stored from `start` in `storage` (`capacity` tags, then as many rows), packed side by side: a
    /// word's tag and row number are then one read. The file keeps them apart, as it always has.
    private static func packedSlots(_ storage: [UInt8], start: Int, capacity: Int) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: capacity) { slots, initialized in
            storage.withUnsafeBytes { raw in
                let tags = raw.baseAddress! + start, rows = tags + 4 * capacity
                for slot in 0..<capacity {
                    let tag = UInt32(littleEndian: tags.loadUnaligned(fromByteOffset: slot &* 4, as: UInt32.self))
                    let row = UInt16(littleEndian: rows.loadUnaligned(fromByteOffset: slot &* 2, as: UInt16.self))
                    slots.initializeElement(at: slot, to: UInt64(tag) | UInt64(row) << 32)
                }
            }
            initialized = capacity
        }
    }

    /// How many of the slots stored from `start` in `storage` are free (tag 0), and how many point at row
    /// `rowCount` or past it (any row but 0 when there are no rows). Counted sixteen tags and sixteen rows at a
    /// time over the file's two arrays (`capacity`, a power of two of at least 64, is whole chunks of sixteen):
    /// the table has hundreds of thousands of slots, checked at every start, and a scalar loop over them costs
    /// several instructions a slot.
    private static func slotCounts(_ storage: [UInt8], start: Int, capacity: Int, rowCount: Int) -> (free: Int, pastRows: Int) {
        storage.withUnsafeBytes { raw in
            let tags = raw.baseAddress! + start, rows = tags + 4 * capacity
            let rowLimit = SIMD16<UInt16>(repeating: UInt16(clamping: max(rowCount, 1)))
            var free = SIMD16<UInt32>.zero, pastRows = SIMD16<UInt16>.zero
            var slot = 0
            while slot < capacity {
                // A zero tag reads as zero in either byte order; the rows are little-endian.
                let tagChunk = tags.loadUnaligned(fromByteOffset: slot &* 4, as: SIMD16<UInt32>.self)
                let storedRows = rows.loadUnaligned(fromByteOffset: slot &* 2, as: SIMD16<UInt16>.self)
                #if _endian(big)
                let rowChunk = storedRows &<< 8 | storedRows &>> 8
                #else
                let rowChunk = storedRows
                #endif
                free &+= SIMD16<UInt32>.zero.replacing(with: 1, where: tagChunk .== .zero)
                // A lane's count of rows past the end is kept as "any": it must not wrap back to 0.
                pastRows |= SIMD16<UInt16>.zero.replacing(with: 1, where: rowChunk .>= rowLimit)
                slot &+= 16
            }
            return (Int(free.wrappedSum()), Int(pastRows.wrappedSum()))
        }
    }

    /// The tag of a packed slot (0: free).
    @inline(__always)
    private static func tag(ofSlot slot: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: slot) }

    /// The row number of a packed slot.
    @inline(__always)
    private static func row(ofSlot slot: UInt64) -> Int { Int(UInt16(truncatingIfNeeded: slot >> 32)) }

    /// The same vectors with trained label weights (`dimensions × labelCount`, dimension-major).
    package func with(weights: [Float], labelCount: Int) -> TopicWordVectors {
        precondition(weights.count == dimensions * labelCount)
        return TopicWordVectors(dimensions: dimensions, rowCount: rowCount, vectorScale: vectorScale, featureScale: featureScale,
                                maxWords: maxWords, weights: weights, labelCount: labelCount, capacity: probing.capacity,
                                storage: storage, start: tagsStart, rowsOffset: rowsStart - tagsStart, slots: slots, clusters: clusters)
    }

    /// The same vectors with `clusters` of their rows (nil: none).
    package func with(clusters: TopicWordClusters?) throws(GazetteError) -> TopicWordVectors {
        if let clusters, clusters.rowCount != rowCount {
            throw GazetteError(.resourceMalformed, "word clusters: \(clusters.rowCount) rows for word vectors of \(rowCount)")
        }
        return TopicWordVectors(dimensions: dimensions, rowCount: rowCount, vectorScale: vectorScale, featureScale: featureScale,
                                maxWords: maxWords, weights: weights, labelCount: labelCount, capacity: probing.capacity,
                                storage: storage, start: tagsStart, rowsOffset: rowsStart - tagsStart, slots: slots, clusters: clusters)
    }

    // MARK: Lookup

    /// The tag stored for a word hash: its upper half, with 0 (a free slot) moved to 1.
    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt32 {
        max(1, UInt32(truncatingIfNeeded: hash >> 32))
    }

    @inline(__always)
    private static func home(_ hash: UInt64) -> Int {
        Int(truncatingIfNeeded: HashMixing.splitMix64(hash))
    }

    /// The row of the word whose key hashes to `hash`, if it has a vector.
    func row(ofWordHash hash: UInt64) -> Int? {
        let tag = Self.tag(hash)
        let slot = probing.slot(from: Self.home(hash)) { Self.tag(ofSlot: slots[$0]) == 0 || Self.tag(ofSlot: slots[$0]) == tag }
        return Self.tag(ofSlot: slots[slot]) == tag ? Self.row(ofSlot: slots[slot]) : nil
    }

    /// The real components of row `row`.
    func vector(row: Int) -> [Float] {
        (0..<dimensions).map { Float(Int8(bitPattern: storage[rowsStart + row * dimensions + $0])) * vectorScale }
    }

    /// The document's dense features: the average vector of its words that have one (word tokens only, the first
    /// `maxWords`), scaled to length `featureScale`; all zeros when none has one.
    ///
    /// Its cost is cache misses (the slots and rows are megabytes, and a word's slot and row are two reads, the
    /// second needing the first), so it goes in passes over the words, each a short loop whose reads do not wait
    /// on one another: the processor then keeps many misses in flight. The first reads every word's home slot (its
    /// tag and row number, packed), the second finishes the probes that did not end there and finds the rows'
    /// starts, the third adds up the rows (see `add(rows:at:count:to:)`). The sums are integers, so the order of
    /// the additions does not matter.
    public func features(of document: Document) -> [Float] {
        let tokens = document.tokens, hashes = document.tokenKeys.hashes
        let count = min(tokens.count, hashes.count)
        let limit = maxWords > 0 ? maxWords : Int.max
        let dimensions = dimensions, mask = probing.mask, rowsStart = rowsStart
        var sums = [Int32](repeating: 0, count: dimensions)
        sums.withUnsafeMutableBufferPointer { sums in
            storage.withUnsafeBytes { raw in
                tokens.withUnsafeBufferPointer { tokens in
                    hashes.withUnsafeBufferPointer { hashes in
                        slots.withUnsafeBufferPointer { slots in
                            typealias HomeSlot = (hash: UInt64, home: Int, slot: UInt64)
                            withUnsafeTemporaryAllocation(of: HomeSlot.self, capacity: min(count, limit)) { words in
                                // Pass 1: each word's home slot, and what it holds.
                                var wordCount = 0
                                for index in 0..<count where tokens[index].kind == .word {
                                    if wordCount == limit { break }
                                    let hash = hashes[index]
                                    let slot = Self.home(hash) & mask
                                    words.initializeElement(at: wordCount, to: (hash, slot, slots[slot]))
                                    wordCount &+= 1
                                }
                                withUnsafeTemporaryAllocation(of: Int.self, capacity: wordCount) { rowStarts in
                                    // Pass 2: the rest of each probe that did not end at the home slot, and the row's start.
                                    var found = 0
                                    for index in 0..<wordCount {
                                        let (hash, home, homeSlot) = words[index]
                                        let tag = Self.tag(hash)
                                        var slot = homeSlot
                                        if Self.tag(ofSlot: slot) != tag {
                                            var probe = home
                                            while Self.tag(ofSlot: slot) != 0 && Self.tag(ofSlot: slot) != tag {
                                                probe = (probe &+ 1) & mask
                                                slot = slots[probe]
                                            }
                                            guard Self.tag(ofSlot: slot) == tag else { continue }
                                        }
                                        let row = Self.row(ofSlot: slot)
                                        rowStarts.initializeElement(at: found, to: rowsStart + row * dimensions)
                                        found &+= 1
                                    }
                                    // Pass 3: the rows added up, a block of rows at a time.
                                    var first = 0
                                    while first < found {
                                        let end = min(found, first &+ Self.rowsPerBlock)
                                        Self.add(rows: raw.baseAddress!, at: UnsafeBufferPointer(rebasing: rowStarts[first..<end]),
                                                 count: dimensions, to: sums.baseAddress!)
                                        first = end
                                    }
                                }
                                words.baseAddress?.deinitialize(count: wordCount)
                            }
                        }
                    }
                }
            }
        }
        var squares: Float = 0
        for sum in sums { squares += Float(sum) * Float(sum) }
        guard squares > 0 else { return [Float](repeating: 0, count: dimensions) }
        let factor = featureScale / squares.squareRoot()
        return sums.map { Float($0) * factor }
    }

    /// How many rows `add(rows:at:count:to:)` takes at a time: 256 components of -128...127 add up to
    /// -32,768...32,512, inside its 16-bit sums, so no sum wraps.
    static let rowsPerBlock = 256

    /// Adds the `count` 8-bit components of the rows starting at `starts` (at most `rowsPerBlock` of them) in
    /// `base` to `sums`. Sixteen dimensions at a time over all the rows, in one vector of sixteen 16-bit sums
    /// that stays in a register (widening a byte to 16 bits takes half the instructions of widening it to 32, and
    /// the sums are loaded and stored once per block, not once per row), then the rest of the dimensions one by
    /// one. Integer sums, so the order of the additions does not matter.
    @inline(__always)
    private static func add(rows base: UnsafeRawPointer, at starts: UnsafeBufferPointer<Int>, count: Int,
                            to sums: UnsafeMutablePointer<Int32>) {
        var d = 0
        while d &+ 16 <= count {
            var block = SIMD16<Int16>.zero
            for start in starts {
                block &+= SIMD16<Int16>(truncatingIfNeeded: base.loadUnaligned(fromByteOffset: start &+ d, as: SIMD16<Int8>.self))
            }
            let sum = UnsafeMutableRawPointer(sums + d)
            sum.storeBytes(of: sum.loadUnaligned(as: SIMD16<Int32>.self) &+ SIMD16<Int32>(truncatingIfNeeded: block), as: SIMD16<Int32>.self)
            d &+= 16
        }
        while d < count {
            for start in starts { sums[d] &+= Int32(base.load(fromByteOffset: start &+ d, as: Int8.self)) }
            d &+= 1
        }
    }

    /// `features(of:)` written plainly, through `row(ofWordHash:)` and `vector(row:)`: the reference the kernel
    /// is tested against.
    func referenceFeatures(of document: Document) -> [Float] {
        var sums = [Float](repeating: 0, count: dimensions)
        var words = 0
        for (token, hash) in zip(document.tokens, document.tokenKeys.hashes) where token.kind == .word {
            words += 1
            if maxWords > 0 && words > maxWords { break }
            guard let row = row(ofWordHash: hash) else { continue }
            for (d, value) in vector(row: row).enumerated() { sums[d] += value / vectorScale }
        }
        let length = sums.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return length > 0 ? sums.map { $0 * featureScale / length } : sums
    }

    /// Adds the weighed dense features to `logits` (one per class), sixteen classes at a time. Each class's sum
    /// runs over the dimensions in order, as `referenceAddLogits` adds them one class at a time. Up to three chunks
    /// of sixteen classes (48) are summed in one pass over the dimensions, in local vectors that stay in registers
    /// (twelve of the sixteen on baseline x86-64; a fourth chunk would spill); more classes take further passes,
    /// which leaves each class's order of additions as it is.
    func addLogits(of features: [Float], to logits: inout [Double]) {
        guard labelCount == logits.count, features.count == dimensions else { return }
        typealias Lanes = SIMD16<Float>
        let chunks = (labelCount + 15) / 16, dimensions = dimensions
        var sums = [Lanes](repeating: .zero, count: chunks)
        sums.withUnsafeMutableBufferPointer { sums in
            weightLanes.withUnsafeBufferPointer { lanes in
                features.withUnsafeBufferPointer { features in
                    // One loop per width, each without a branch inside, so that its sums are kept in registers.
                    var first = 0
                    while first < chunks {
                        var sum0 = Lanes.zero, sum1 = Lanes.zero, sum2 = Lanes.zero
                        switch chunks - first {
                        case 1:
                            for d in 0..<dimensions {
                                sum0 += Lanes(repeating: features[d]) * lanes[d &* chunks &+ first]
                            }
                            sums[first] = sum0
                            first += 1
                        case 2:
                            for d in 0..<dimensions {
                                let feature = Lanes(repeating: features[d]), row = d &* chunks &+ first
                                sum0 += feature * lanes[row]
                                sum1 += feature * lanes[row &+ 1]
                            }
                            sums[first] = sum0
                            sums[first + 1] = sum1
                            first += 2
                        default:
                            for d in 0..<dimensions {
                                let feature = Lanes(repeating: features[d]), row = d &* chunks &+ first
                                sum0 += feature * lanes[row]
                                sum1 += feature * lanes[row &+ 1]
                                sum2 += feature * lanes[row &+ 2]
                            }
                            sums[first] = sum0
                            sums[first + 1] = sum1
                            sums[first + 2] = sum2
                            first += 3
                        }
                    }
                }
            }
        }
        for label in 0..<labelCount { logits[label] += Double(sums[label / 16][label % 16]) }
    }

    /// `addLogits` written plainly, one class at a time: the reference it is tested against.
    func referenceAddLogits(of features: [Float], to logits: inout [Double]) {
        guard labelCount == logits.count, features.count == dimensions else { return }
        for label in 0..<labelCount {
            var sum: Float = 0
            for d in 0..<dimensions { sum += features[d] * weights[d * labelCount + label] }
            logits[label] += Double(sum)
        }
    }

    // MARK: File

    /// The `vectors` section: u32 dimensions, rows, slots (a power of two), labels, max words; f32 vector scale,
    /// feature scale; f32 weights (dimensions × labels); zero padding to 16; u32 tag per slot; u16 row per slot;
    /// zero padding to 16; i8 rows.
    package func serialized() -> [UInt8] {
        var writer = ByteWriter()
        for value in [dimensions, rowCount, probing.capacity, labelCount, maxWords] { writer.u32(UInt32(value)) }
        writer.f32(vectorScale)
        writer.f32(featureScale)
        for weight in weights { writer.f32(weight) }
        writer.align(16)
        writer.append(Array(storage[tagsStart..<(rowsStart + rowCount * dimensions)]))
        return writer.bytes
    }

    /// Reads a `vectors` section (`range` of `bytes`) for a model of `labelCount` labels; `file` names it in errors.
    package init(bytes: [UInt8], range: Range<Int>, labelCount: Int, file: String) throws(GazetteError) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): word vectors: \(why)") }
        var reader = ByteReader(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        var fields: [Int] = []
        for _ in 0..<5 {
            guard let value = reader.u32() else { throw fail("truncated") }
            fields.append(Int(value))
        }
        let (dimensions, rowCount, capacity, storedLabels, maxWords) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        guard let vectorBits = reader.u32(), let featureBits = reader.u32() else { throw fail("truncated") }
        let vectorScale = Float(bitPattern: vectorBits), featureScale = Float(bitPattern: featureBits)
        guard dimensions > 0, dimensions <= 4096, storedLabels == labelCount, capacity >= 64, capacity & (capacity - 1) == 0,
              rowCount <= Int(UInt16.max), vectorScale.isFinite, featureScale.isFinite else {
            throw fail("bad sizes (\(dimensions) dimensions, \(rowCount) rows, \(capacity) slots, \(storedLabels) labels)")
        }
        var weights: [Float] = []
        weights.reserveCapacity(dimensions * labelCount)
        for _ in 0..<(dimensions * labelCount) {
            guard let bits = reader.u32() else { throw fail("truncated weights") }
            weights.append(Float(bitPattern: bits))
        }
        guard weights.allSatisfy(\.isFinite) else { throw fail("weights are not finite") }
        let tablesStart = reader.position + (16 - (reader.position - range.lowerBound) % 16) % 16
        let rowsOffset = (6 * capacity + 15) / 16 * 16
        guard tablesStart + rowsOffset + rowCount * dimensions == range.upperBound else { throw fail("size does not match its sizes") }
        // A free slot ends every probe, and every slot's row lies inside the rows, so lookups neither loop nor
        // read past them. (The sizes were checked above, so the checks and the packing read inside the section.)
        let (freeSlots, slotsPastRows) = Self.slotCounts(bytes, start: tablesStart, capacity: capacity, rowCount: rowCount)
        guard freeSlots > 0 else { throw fail("no free slot") }
        guard slotsPastRows == 0 else { throw fail("a slot points past the rows") }
        let slots = Self.packedSlots(bytes, start: tablesStart, capacity: capacity)
        self.init(dimensions: dimensions, rowCount: rowCount, vectorScale: vectorScale, featureScale: featureScale, maxWords: maxWords,
                  weights: weights, labelCount: labelCount, capacity: capacity, storage: bytes, start: tablesStart, rowsOffset: rowsOffset,
                  slots: slots, clusters: nil)
    }
}
