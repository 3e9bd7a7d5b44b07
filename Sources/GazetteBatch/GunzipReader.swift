import CGazetteBatch
import GazetteRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Reads a gzip file of many members (`.warc.gz`, `.arc.gz`) as one decompressed stream, leniently: a corrupt
/// member, or bytes between members that are not gzip data, are skipped up to the next gzip header and reported as
/// `StreamDamage`, instead of ending the stream there (libarchive and `zcat` stop at the first damage); a member cut
/// short ends where the next member starts, instead of swallowing it (see the C file for how that is told). A small
/// wrapper over `gazette_gunzip_*` in CGazetteBatch/gunzip_members.c.
final class GunzipReader: DamageReportingSource {
    private let reader: OpaquePointer
    private var damage: [StreamDamage] = []

    /// Opens `path`.
    init(path: String) throws(ArchiveHandle.ReadError) {
        var error: Int32 = 0
        guard let reader = gazette_gunzip_open(path, &error) else {
            throw ArchiveHandle.ReadError(message: String(cString: strerror(error)))
        }
        self.reader = reader
    }

    deinit { gazette_gunzip_close(reader) }

    /// Whether the file starts with a gzip header (two magic bytes).
    static func isGzip(path: String) -> Bool {
        guard let file = fopen(path, "rb") else { return false }
        defer { fclose(file) }
        var magic: [UInt8] = [0, 0]
        return fread(&magic, 1, 2, file) == 2 && magic == [0x1f, 0x8b]
    }

    /// Bytes of the file read so far.
    var compressedBytesRead: Int { Int(gazette_gunzip_compressed_offset(reader)) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveHandle.ReadError) -> Int {
        let count = gazette_gunzip_read(reader, buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count)
        guard count >= 0 else { throw ArchiveHandle.ReadError(message: String(cString: strerror(errno))) }
        var report = gazette_gunzip_damage()
        while gazette_gunzip_next_damage(reader, &report) != 0 {
            let kind: StreamDamage.Kind = switch Int(report.kind) {
            case Int(GZB_DAMAGE_CORRUPT): .corrupt
            case Int(GZB_DAMAGE_TRUNCATED): .truncated
            case Int(GZB_DAMAGE_CUT): .cut
            default: .garbage
            }
            damage.append(StreamDamage(kind: kind, fileOffset: Int(report.compressed_offset), skippedBytes: Int(report.skipped_bytes),
                                       streamOffset: Int(report.output_offset)))
        }
        return count
    }

    var nextDamageOffset: Int? { damage.first?.streamOffset }

    func takeDamage(upTo offset: Int) -> [StreamDamage] {
        let count = damage.prefix { $0.streamOffset <= offset }.count
        defer { damage.removeFirst(count) }
        return Array(damage.prefix(count))
    }
}
