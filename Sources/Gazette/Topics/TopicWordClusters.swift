/// Clusters of the pretrained word vectors, at a few granularities: each vector row's cluster at each level.
///
/// A word's clusters are sparse features (`TopicFeatureExtractor`, for a text's first words): a
/// headline's rare or unseen word then shares weights with the words whose vectors lie near its own, which an
/// average of the vectors cannot give a linear model. The clusters are made offline by
/// `Scripts/build-word-clusters.py` (k-means of the vectors) and kept in a topic model's `clusters` section.
public struct TopicWordClusters: Sendable, Hashable {
    /// The number of vector rows; each has one cluster per level.
    public let rowCount: Int
    /// How many clusters each level has, coarsest first.
    public let clusterCounts: [Int]
    /// Row r's cluster at level l is `ids[l * rowCount + r]`.
    let ids: [UInt16]

    /// Clusters from each level's cluster per row (`levels[l][r]`), with `clusterCounts[l]` clusters at level l.
    public init(levels: [[UInt16]], clusterCounts: [Int]) throws(GazetteError) {
        guard !levels.isEmpty, levels.count == clusterCounts.count, levels.count <= Self.largestLevelCount else {
            throw GazetteError(.resourceMalformed, "word clusters: \(levels.count) levels for \(clusterCounts.count) cluster counts (1 to \(Self.largestLevelCount))")
        }
        let rowCount = levels[0].count
        guard levels.allSatisfy({ $0.count == rowCount }) else { throw GazetteError(.resourceMalformed, "word clusters: levels of unequal length") }
        for (level, count) in clusterCounts.enumerated() {
            guard (1...Int(UInt16.max) + 1).contains(count) else {
                throw GazetteError(.resourceMalformed, "word clusters: level \(level) has \(count) clusters (1 to 65,536)")
            }
            if let bad = levels[level].first(where: { Int($0) >= count }) {
                throw GazetteError(.resourceMalformed, "word clusters: level \(level) names cluster \(bad) of \(count)")
            }
        }
        self.rowCount = rowCount
        self.clusterCounts = clusterCounts
        ids = levels.flatMap { $0 }
    }

    /// At most this many levels.
    static let largestLevelCount = 8

    /// The number of levels.
    public var levelCount: Int { clusterCounts.count }

    /// The cluster of vector row `row` at `level`.
    public func cluster(ofRow row: Int, level: Int) -> Int {
        Int(ids[level * rowCount + row])
    }

    // MARK: File

    /// The `clusters` section (all little-endian): u32 rows, u32 levels, u32 clusters per level, u16 cluster per row
    /// and level, level by level.
    package func serialized() -> [UInt8] {
        var writer = ByteWriter()
        writer.u32(UInt32(rowCount))
        writer.u32(UInt32(levelCount))
        for count in clusterCounts { writer.u32(UInt32(count)) }
        for id in ids { writer.u16(id) }
        return writer.bytes
    }

    /// Reads a `clusters` section (`range` of `bytes`) for word vectors of `rowCount` rows; `file` names it in errors.
    package init(bytes: [UInt8], range: Range<Int>, rowCount: Int, file: String) throws(GazetteError) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): word clusters: \(why)") }
        var reader = ByteReader(bytes: bytes, position: range.lowerBound, end: range.upperBound)
        guard let rows = reader.u32().map(Int.init), let levels = reader.u32().map(Int.init) else { throw fail("truncated") }
        guard rows == rowCount else { throw fail("\(rows) rows for word vectors of \(rowCount)") }
        guard (1...Self.largestLevelCount).contains(levels) else { throw fail("\(levels) levels (1 to \(Self.largestLevelCount))") }
        var counts: [Int] = []
        for _ in 0..<levels {
            guard let count = reader.u32() else { throw fail("truncated") }
            counts.append(Int(count))
        }
        guard reader.remaining == 2 * rows * levels, let body = reader.bytes(2 * rows * levels) else {
            throw fail("size does not match its header (\(rows) rows, \(levels) levels)")
        }
        let values = stride(from: body.startIndex, to: body.endIndex, by: 2).map { UInt16(body[$0]) | UInt16(body[$0 + 1]) << 8 }
        do {
            try self.init(levels: (0..<levels).map { Array(values[($0 * rows)..<(($0 + 1) * rows)]) }, clusterCounts: counts)
        } catch {
            throw GazetteError(.resourceMalformed, "\(file): \(error.message)")
        }
    }
}
