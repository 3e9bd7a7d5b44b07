import GazetteRuntime

/// A decompressed stream that WARC and ARC files are read from (`GunzipReader`, or libarchive's `ArchiveHandle`),
/// which also says what damage it skipped, so that the readers can report it where it happened.
protocol DamageReportingSource: ByteSource, AnyObject where Failure == ArchiveHandle.ReadError {
    /// Damage skipped so far at or before `offset` of the decompressed stream, oldest first; each is returned once.
    func takeDamage(upTo offset: Int) -> [StreamDamage]
    /// Where in the decompressed stream the oldest damage not yet taken sits, if any was found so far.
    var nextDamageOffset: Int? { get }
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
        /// A member cut short, followed by the next member (what it held was kept; `fileOffset` is where it was cut).
        case cut
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
        case .cut: "gzip member cut short at byte \(fileOffset) of the file, where the next member starts"
        }
    }
}

/// libarchive skips nothing: it stops at the first damage, which the read reports as an error.
extension ArchiveHandle: DamageReportingSource {
    func takeDamage(upTo offset: Int) -> [StreamDamage] { [] }
    var nextDamageOffset: Int? { nil }
}

extension LineReader {
    /// Puts back what follows stream offset `damageOffset` in the line just read (`raw`, which began at `lineStart`),
    /// with the line's ending: bytes after damaged gzip data came from the next sound member, and are read again.
    func unreadLine(_ raw: [UInt8], startingAt lineStart: Int, after damageOffset: Int) {
        let lineEnd = offset - lineStart - raw.count
        let from = min(max(damageOffset - lineStart, 0), raw.count)
        unread((Array(raw[from...]) + (lineEnd >= 2 ? [0x0D, 0x0A] : lineEnd == 1 ? [0x0A] : []))[...])
    }
}
