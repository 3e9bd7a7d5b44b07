extension EntitySequenceTagger {
    /// The features of many tokens, one after another, as rows of the model's weight table, and each token's
    /// summed weights (its emissions). A fixed feature's row is known when it comes; the others wait, with their
    /// places, until `emissions(in:)` looks them all up together (then the lookups do not wait on one another).
    ///
    /// Written plainly, as the definition of `FeatureRows`, the tagger's kernel; `FeatureRowsTests` pins one to the
    /// other.
    struct PlainFeatureRows: EntityFeatureSink {
        private(set) var rows: [UInt32] = []
        private var waiting: [(hash: UInt64, place: Int32)] = []
        /// Where each token's features end in `rows`.
        private(set) var ends: [Int] = []
        private let fixedRows: [UInt32]

        /// Rows for `capacity` features; `fixedRows[index]` is the row of `EntityFeatures.fixedFeatures[index]`.
        init(capacity: Int, fixedRows: [UInt32]) {
            rows.reserveCapacity(capacity)
            waiting.reserveCapacity(capacity)
            self.fixedRows = fixedRows
        }

        mutating func add(_ feature: UInt64) {
            waiting.append((feature, Int32(truncatingIfNeeded: rows.count)))
            rows.append(0)
        }

        mutating func add(_ feature: UInt64, fixed index: Int) {
            rows.append(fixedRows[index])
        }

        /// Ends the current token: the features added since the last end are its own.
        mutating func endToken() {
            ends.append(rows.count)
        }

        /// Fills in the rows of the features that waited and returns each token's weights, summed in the order
        /// its features came (so the sums round alike everywhere).
        mutating func emissions(in table: EntitySequenceModel.WeightTable) -> [SIMD8<Float>] {
            for (hash, place) in waiting { rows[Int(place)] = UInt32(truncatingIfNeeded: table.slot(of: hash)) }
            var emissions: [SIMD8<Float>] = []
            emissions.reserveCapacity(ends.count)
            var start = 0
            for end in ends {
                var sum = SIMD8<Float>()
                for row in rows[start..<end] { sum += table.weights(at: Int(row)) }
                emissions.append(sum)
                start = end
            }
            return emissions
        }
    }

    /// The tagger's feature rows: the same rows and emissions as `PlainFeatureRows`, in buffers it owns (call
    /// `deallocate()` when done). Pointer-level because every feature of every decoded token passes through `add`:
    /// as array appends, their uniqueness and capacity checks cost about as much as making the features.
    struct FeatureRows: EntityFeatureSink {
        private var rows: UnsafeMutablePointer<UInt32>
        private var waiting: UnsafeMutablePointer<(hash: UInt64, place: Int32)>
        private var ends: UnsafeMutablePointer<Int32>
        private let fixedRows: UnsafeMutablePointer<UInt32>
        private let fixedCount: Int
        /// Room in `rows` and `waiting`, and in `ends`.
        private var capacity: Int
        private var endCapacity: Int
        private var count = 0
        private var waitingCount = 0
        /// Tokens ended since the last `removeAll()`.
        private(set) var tokenCount = 0

        /// Rows for `capacity` features (more if needed); `fixedRows[index]` is the row of
        /// `EntityFeatures.fixedFeatures[index]`.
        init(capacity: Int, fixedRows: [UInt32]) {
            self.capacity = max(capacity, 64)
            endCapacity = max(capacity / 16, 16)
            rows = .allocate(capacity: self.capacity)
            waiting = .allocate(capacity: self.capacity)
            ends = .allocate(capacity: endCapacity)
            fixedCount = fixedRows.count
            self.fixedRows = .allocate(capacity: max(fixedCount, 1))
            fixedRows.withUnsafeBufferPointer { self.fixedRows.initialize(from: $0.baseAddress!, count: fixedCount) }
        }

        /// Forgets every row and token, keeping the buffers for the next batch.
        mutating func removeAll() {
            count = 0
            waitingCount = 0
            tokenCount = 0
        }

        /// Frees the buffers; the rows must not be used after.
        func deallocate() {
            rows.deallocate()
            waiting.deallocate()
            ends.deallocate()
            fixedRows.deallocate()
        }

        @inline(__always)
        mutating func add(_ feature: UInt64) {
            if _slowPath(count == capacity) { grow() }
            waiting[waitingCount] = (feature, Int32(truncatingIfNeeded: count))
            waitingCount += 1
            count += 1
        }

        @inline(__always)
        mutating func add(_ feature: UInt64, fixed index: Int) {
            assert(index >= 0 && index < fixedCount)
            if _slowPath(count == capacity) { grow() }
            rows[count] = fixedRows[index]
            count += 1
        }

        @inline(__always)
        mutating func endToken() {
            if _slowPath(tokenCount == endCapacity) { growEnds() }
            ends[tokenCount] = Int32(truncatingIfNeeded: count)
            tokenCount += 1
        }

        /// Fills in the rows of the features that waited and returns each token's weights, summed in the order
        /// its features came (as `PlainFeatureRows.emissions(in:)`).
        func emissions(in table: EntitySequenceModel.WeightTable) -> [SIMD8<Float>] {
            for k in 0..<waitingCount {
                rows[Int(waiting[k].place)] = UInt32(truncatingIfNeeded: table.slot(of: waiting[k].hash))
            }
            let rows = self.rows, ends = self.ends
            return [SIMD8<Float>](unsafeUninitializedCapacity: tokenCount) { emissions, initialized in
                var start = 0
                for k in 0..<tokenCount {
                    var sum = SIMD8<Float>()
                    let end = Int(ends[k])
                    for j in start..<end { sum += table.weights(at: Int(rows[j])) }
                    (emissions.baseAddress! + k).initialize(to: sum)
                    start = end
                }
                initialized = tokenCount
            }
        }

        /// Every row so far, in order (for comparing with `PlainFeatureRows.rows`).
        var allRows: [UInt32] { Array(UnsafeBufferPointer(start: rows, count: count)) }

        /// Where each token's features end (for comparing with `PlainFeatureRows.ends`).
        var allEnds: [Int] { UnsafeBufferPointer(start: ends, count: tokenCount).map(Int.init) }

        private mutating func grow() {
            let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: rows, count: count)
            rows.deallocate()
            rows = larger
            let largerWaiting = UnsafeMutablePointer<(hash: UInt64, place: Int32)>.allocate(capacity: capacity * 2)
            largerWaiting.moveInitialize(from: waiting, count: waitingCount)
            waiting.deallocate()
            waiting = largerWaiting
            capacity *= 2
        }

        private mutating func growEnds() {
            let larger = UnsafeMutablePointer<Int32>.allocate(capacity: endCapacity * 2)
            larger.moveInitialize(from: ends, count: tokenCount)
            ends.deallocate()
            ends = larger
            endCapacity *= 2
        }
    }
}
