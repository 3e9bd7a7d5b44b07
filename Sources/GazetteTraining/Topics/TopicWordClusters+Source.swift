import Gazette

extension TopicWordClusters {
    /// The signature of the word-cluster files that `Scripts/build-word-clusters.py` writes.
    static let sourceMagic = Array("GZWCLU01".utf8)

    /// Reads a word-cluster file written by `Scripts/build-word-clusters.py`: "GZWCLU01", then the body of a topic
    /// model's `clusters` section (see `serialized()`), for word vectors of `rowCount` rows. `file` names it in errors.
    public init(sourceFile bytes: [UInt8], file: String, rowCount: Int) throws(GazetteError) {
        guard bytes.count >= 8, bytes[0..<8].elementsEqual(Self.sourceMagic) else {
            throw GazetteError(.resourceMalformed, "\(file): not a word-cluster file (no GZWCLU01 signature)")
        }
        try self.init(bytes: bytes, range: 8..<bytes.count, rowCount: rowCount, file: file)
    }
}
