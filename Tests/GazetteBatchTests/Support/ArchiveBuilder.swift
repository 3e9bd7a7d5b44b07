import CArchive
import Foundation
import GazetteTestSupport

/// Builds small archives and compressed files at test time with libarchive's writer.
enum ArchiveBuilder {
    enum Format { case tar, zip, raw }
    enum Filter { case none, gzip, bzip2, xz, zstd, lz4, compress }

    /// Writes `members` (name, bytes) as an archive; `.raw` writes the one member's bytes, compressed by `filter`.
    static func write(_ path: String, format: Format, filter: Filter = .none, members: [(String, [UInt8])]) throws {
        let archive = archive_write_new()
        defer { archive_write_free(archive) }
        switch format {
        case .tar: archive_write_set_format_pax_restricted(archive)
        case .zip: archive_write_set_format_zip(archive)
        case .raw: archive_write_set_format_raw(archive)
        }
        switch filter {
        case .none: break
        case .gzip: archive_write_add_filter_gzip(archive)
        case .bzip2: archive_write_add_filter_bzip2(archive)
        case .xz: archive_write_add_filter_xz(archive)
        case .zstd: archive_write_add_filter_zstd(archive)
        case .lz4: archive_write_add_filter_lz4(archive)
        case .compress: archive_write_add_filter_compress(archive)
        }
        guard archive_write_open_filename(archive, path) == ARCHIVE_OK else {
            throw Failure(message: String(cString: archive_error_string(archive)))
        }
        for (name, bytes) in members {
            let entry = archive_entry_new()
            defer { archive_entry_free(entry) }
            archive_entry_set_pathname(entry, name)
            archive_entry_set_size(entry, la_int64_t(bytes.count))
            archive_entry_set_filetype(entry, 0o100000)
            archive_entry_set_perm(entry, 0o644)
            guard archive_write_header(archive, entry) == ARCHIVE_OK else {
                throw Failure(message: String(cString: archive_error_string(archive)))
            }
            if !bytes.isEmpty {
                _ = bytes.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
            }
        }
        guard archive_write_close(archive) == ARCHIVE_OK else {
            throw Failure(message: String(cString: archive_error_string(archive)))
        }
    }

    /// Compresses one file's bytes (`.gz`, `.bz2`, ...).
    static func compress(_ path: String, _ bytes: [UInt8], filter: Filter = .gzip) throws {
        try write(path, format: .raw, filter: filter, members: [("data", bytes)])
    }

    /// `bytes` as one gzip member (made in `folder`), its header's modification time set to `modified`: libarchive
    /// writes the clock's, and what a reader makes of a member cut short depends on the bytes that follow it, which
    /// then include the next member's header. So the bytes are the same on every run, and tests can vary them.
    static func gzipMember(_ bytes: [UInt8], in folder: TemporaryFolder, modified: UInt32 = 1_700_000_000) throws -> [UInt8] {
        try compress(folder.file("member.gz"), bytes)
        var member = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("member.gz"))))
        precondition(member.count > 10 && member[3] == 0, "a gzip header without optional fields")
        for index in 0..<4 { member[4 + index] = UInt8(truncatingIfNeeded: modified >> (8 * index)) }
        return member
    }

    static func write(_ path: String, format: Format, filter: Filter = .none, texts: [(String, String)]) throws {
        try write(path, format: format, filter: filter, members: texts.map { ($0.0, Array($0.1.utf8)) })
    }

    struct Failure: Error {
        var message: String
    }
}
