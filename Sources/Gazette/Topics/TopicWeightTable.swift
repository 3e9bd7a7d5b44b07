/// The weights of a `LinearTopicModel`: one row per hash bucket seen in training, found through a bitmap.
///
/// A row is `rowBytes` bytes: one `Int8` weight per label (to be multiplied by the label's scale), the bucket's
/// inverse document frequency × 16 as a `UInt8`, then zero padding to whole 16-byte vectors. Weights and idf
/// share a row so that scoring a feature touches one cache line, and the rows of buckets never seen in training
/// are not stored at all: a bitmap (with a running count per 64 buckets) says whether and where a bucket's row is.
/// The rows are kept exactly as they lie in the model file, so loading copies no weights.
package struct TopicWeightTable: Sendable {
    let labelCount: Int
    let rowBytes: Int
    let bucketCount: Int
    /// The bytes that hold the rows, from `rowsStart` on (a whole model file, or just the rows).
    let storage: [UInt8]
    let rowsStart: Int
    let rowCount: Int
    /// Bit b set: bucket b has a row.
    let bitmap: [UInt64]
    /// Rows before each 64-bucket word of the bitmap.
    private let ranks: [UInt32]

    /// Inverse document frequencies are stored in steps of 1/16.
    package static let idfSteps: Float = 16

    /// `value` as a stored idf reads back: whole steps, at least 1 (a stored row's idf is never 0), at most 255 steps.
    /// Training uses it so that it sees the idf that scoring will.
    package static func storedIDF(_ value: Float) -> Float {
        min(255, max(16, (value * idfSteps).rounded())) / idfSteps
    }

    /// Bytes per row: the labels plus the idf byte, rounded up to whole 16-byte vectors.
    static func rowBytes(labelCount: Int) -> Int {
        (labelCount + 1 + 15) / 16 * 16
    }

    /// Builds a table from dense weights (`weights[bucket * labelCount + label]`) and idf per bucket; buckets
    /// whose idf is 0 are left out.
    init(weights: [Int8], idf: [Float], labelCount: Int) {
        let bucketCount = idf.count
        let rowBytes = Self.rowBytes(labelCount: labelCount)
        var bitmapBytes = [UInt8](repeating: 0, count: bucketCount / 8)
        var rows: [UInt8] = []
        for bucket in 0..<bucketCount {
            let stored = UInt8(min(255, max(0, (idf[bucket] * Self.idfSteps).rounded())))
            guard stored > 0 else { continue }
            bitmapBytes[bucket >> 3] |= 1 << UInt8(bucket & 7)
            for label in 0..<labelCount { rows.append(UInt8(bitPattern: weights[bucket * labelCount + label])) }
            rows.append(stored)
            rows += repeatElement(0, count: rowBytes - labelCount - 1)
        }
        self.init(labelCount: labelCount, bucketCount: bucketCount, bitmap: bitmapBytes[...], storage: rows, rowsStart: 0)!
    }

    /// A table over rows stored in `storage` from `rowsStart`, with the little-endian bucket bitmap `bitmap`.
    /// Nil when the storage does not hold exactly one row per set bit.
    init?(labelCount: Int, bucketCount: Int, bitmap bitmapBytes: ArraySlice<UInt8>, storage: [UInt8], rowsStart: Int) {
        guard bucketCount % 64 == 0, bitmapBytes.count == bucketCount / 8 else { return nil }
        var bitmap = [UInt64](repeating: 0, count: bucketCount / 64)
        var ranks = [UInt32](repeating: 0, count: bucketCount / 64)
        var count = 0
        for word in 0..<bitmap.count {
            // Little-endian: byte i of the word holds buckets 8i to 8i + 7.
            let first = bitmapBytes.startIndex + word * 8
            var bits: UInt64 = 0
            for byte in 0..<8 { bits |= UInt64(bitmapBytes[first + byte]) << UInt64(8 * byte) }
            bitmap[word] = bits
            ranks[word] = UInt32(count)
            count += bits.nonzeroBitCount
        }
        let rowBytes = Self.rowBytes(labelCount: labelCount)
        guard rowsStart >= 0, storage.count - rowsStart >= count * rowBytes else { return nil }
        self.labelCount = labelCount
        self.rowBytes = rowBytes
        self.bucketCount = bucketCount
        self.storage = storage
        self.rowsStart = rowsStart
        self.rowCount = count
        self.bitmap = bitmap
        self.ranks = ranks
    }

    /// The byte offset in `storage` of a bucket's row, or nil for a bucket not seen in training.
    func row(_ bucket: Int) -> Int? {
        let word = bucket >> 6
        let bits = bitmap[word]
        let bit = UInt64(1) << UInt64(bucket & 63)
        guard bits & bit != 0 else { return nil }
        // Wrapping arithmetic: a row offset is below the storage's size, so it cannot overflow.
        return rowsStart &+ (Int(ranks[word]) &+ (bits & (bit &- 1)).nonzeroBitCount) &* rowBytes
    }

    /// The inverse document frequency stored at a row.
    func idf(atRow row: Int) -> Float {
        Float(storage[row + labelCount]) / Self.idfSteps
    }

    /// The byte offsets of all rows, in bucket order, with their buckets.
    func rows() -> [(bucket: Int, row: Int)] {
        var result: [(bucket: Int, row: Int)] = []
        result.reserveCapacity(rowCount)
        for bucket in 0..<bucketCount {
            if let row = row(bucket) { result.append((bucket, row)) }
        }
        return result
    }

    /// The bitmap as little-endian bytes, as written in model files.
    func bitmapBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(bitmap.count * 8)
        for word in bitmap {
            for shift in Swift.stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return bytes
    }
}
