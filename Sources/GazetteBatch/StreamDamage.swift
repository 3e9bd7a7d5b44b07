import GazetteRuntime

/// A decompressed stream that WARC and ARC files are read from (`GunzipReader`, or libarchive's `ArchiveHandle`),
/// which also says what damage it skipped, so that the readers can report it where it happened.
protocol DamageReportingSource: ByteSource, AnyObject where Failure == ArchiveHandle.ReadError {
    /// Damage skipped so far at or before `offset` of the decompressed stream, oldest first; each is returned once.
    func takeDamage(upTo offset: Int) -> [StreamDamage]
}

/// A stretch of a compressed file that could not be decompressed and was skipped (see `GunzipReader`).
struct StreamDamage: Equatable {
    enum Kind: Equatable {
        /// Bytes that are not gzip data, between members or after the last one.
        case garbage
        /// A member with invalid compressed data.
        case corrupt
        /// The last member ends early (what it held was kept).
        case truncated
    }

    var kind: Kind
    /// Where the skipped bytes begin in the file, and how many were skipped.
    var fileOffset: Int
    var skippedBytes: Int
    /// Where the damage sits in the decompressed stream.
    var streamOffset: Int

    /// For messages: "34 bytes that are not gzip data at byte 1219 of the file".
    var description: String {
        switch kind {
        case .garbage: "\(skippedBytes) bytes that are not gzip data skipped at byte \(fileOffset) of the file"
        case .corrupt: "corrupt gzip member at byte \(fileOffset) of the file (\(skippedBytes) bytes skipped)"
        case .truncated: "gzip data truncated at byte \(fileOffset + skippedBytes) of the file"
        }
    }
}

/// libarchive skips nothing: it stops at the first damage, which the read reports as an error.
extension ArchiveHandle: DamageReportingSource {
    func takeDamage(upTo offset: Int) -> [StreamDamage] { [] }
}
