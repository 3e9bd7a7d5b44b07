import Gazette

extension TopicWordVectors {
    /// The signature of the word-vector files that `Scripts/build-word-vectors.py` writes.
    static let sourceMagic = Array("GZWVEC01".utf8)

    /// Reads a word-vector file written by `Scripts/build-word-vectors.py` (little-endian: "GZWVEC01", u32 words,
    /// u32 rows, u32 dimensions, f32 scale, words × (u64 FNV-1a hash, u32 row), rows × dimensions i8), for training
    /// a model whose documents' average vectors are scaled to `featureScale` and read from their first `maxWords`
    /// words (0: all). `file` names it in errors.
    public init(sourceFile bytes: [UInt8], file: String, featureScale: Float, maxWords: Int) throws(GazetteError) {
        func fail(_ why: String) -> GazetteError { GazetteError(.resourceMalformed, "\(file): \(why)") }
        guard bytes.count >= 24, bytes[0..<8].elementsEqual(Self.sourceMagic) else { throw fail("not a word-vector file (no GZWVEC01 signature)") }
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        func u64(_ at: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << UInt64(8 * $1) } }
        let words = u32(8), rows = u32(12), dimensions = u32(16)
        let scale = Float(bitPattern: UInt32(u32(20)))
        let rowsStart = 24 + 12 * words
        guard dimensions > 0, scale.isFinite, scale > 0, bytes.count == rowsStart + rows * dimensions else {
            throw fail("size does not match its header (\(words) words, \(rows) rows of \(dimensions))")
        }
        let entries = (0..<words).map { (hash: u64(24 + 12 * $0), row: u32(24 + 12 * $0 + 8)) }
        let components = bytes[rowsStart...].map { Int8(bitPattern: $0) }
        try self.init(words: entries, rows: components, dimensions: dimensions, vectorScale: scale, featureScale: featureScale, maxWords: maxWords)
    }
}
