import CArchive
import GazetteRuntime
#if canImport(Glibc)
import Glibc
#endif

/// A libarchive reader: an archive (tar, zip, each optionally compressed) or, in `raw` mode, a single compressed
/// or plain stream (gzip, bzip2, xz, zstd, none: libarchive detects the filter from the data).
final class ArchiveHandle: ByteSource {
    enum Mode {
        /// tar or zip, each optionally compressed.
        case archive
        /// One stream, decompressed when `decompress` (gzip, bzip2, xz, zstd detected from the data), else as is.
        case raw(decompress: Bool)
    }

    /// Why reading stopped: libarchive's message.
    struct ReadError: Error {
        var message: String
    }

    private let handle: OpaquePointer
    /// Kept alive while libarchive reads from it (`openMemory`).
    private var memory: UnsafeMutableRawBufferPointer?
    /// The lenient gzip reader libarchive reads from (`open(gunzip:)`), and its buffer.
    private var feed: GunzipFeed?

    private init(mode: Mode) {
        handle = archive_read_new()
        switch mode {
        case .archive:
            archive_read_support_filter_all(handle)
            archive_read_support_format_tar(handle)
            archive_read_support_format_zip(handle)
            archive_read_support_format_empty(handle)
        case let .raw(decompress):
            // Without `decompress` no filter is enabled, so that plain text is never mistaken for, say, uuencode.
            if decompress { archive_read_support_filter_all(handle) }
            archive_read_support_format_raw(handle)
            archive_read_support_format_empty(handle)
        }
    }

    deinit {
        archive_read_free(handle)
        memory?.deallocate()
    }

    /// A `GunzipReader` as libarchive's data source: the decompressed stream, up to where the gzip data ends or is cut.
    private final class GunzipFeed {
        let source: GunzipReader
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 8)
        var failure: String?

        init(_ source: GunzipReader) { self.source = source }
        deinit { buffer.deallocate() }
    }

    /// Opens an archive (tar) held in a gzip file through `GunzipReader`, which, unlike libarchive's gzip filter, keeps
    /// what a truncated or damaged file holds up to the damage (libarchive drops the last block it was decompressing):
    /// the members before the damage are read, and `takeDamage` says where the gzip data was cut.
    static func open(gunzip source: GunzipReader) throws(ReadError) -> ArchiveHandle {
        let archive = ArchiveHandle(mode: .archive)
        let feed = GunzipFeed(source)
        archive.feed = feed
        let opened = archive_read_open(archive.handle, Unmanaged.passUnretained(feed).toOpaque(), nil, { _, client, buffer in
            let feed = Unmanaged<GunzipFeed>.fromOpaque(client!).takeUnretainedValue()
            do throws(ReadError) {
                let count = try feed.source.read(into: feed.buffer)
                buffer?.pointee = UnsafeRawPointer(feed.buffer.baseAddress)
                return count
            } catch {
                feed.failure = error.message
                return -1
            }
        }, nil)
        guard opened == ARCHIVE_OK else {
            throw ReadError(message: archive.errorMessage)
        }
        return archive
    }

    /// Opens a file.
    static func open(path: String, mode: Mode) throws(ReadError) -> ArchiveHandle {
        let archive = ArchiveHandle(mode: mode)
        guard archive_read_open_filename(archive.handle, path, 1 << 16) == ARCHIVE_OK else {
            throw ReadError(message: archive.errorMessage)
        }
        return archive
    }

    /// Opens bytes held in memory (a compressed member of an archive).
    static func open(bytes: [UInt8], mode: Mode) throws(ReadError) -> ArchiveHandle {
        let archive = ArchiveHandle(mode: mode)
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        memory.copyBytes(from: bytes)
        archive.memory = memory
        guard archive_read_open_memory(archive.handle, memory.baseAddress, bytes.count) == ARCHIVE_OK else {
            throw ReadError(message: archive.errorMessage)
        }
        return archive
    }

    var errorMessage: String {
        if let failure = feed?.failure { return failure }
        return archive_error_string(handle).map { String(cString: $0) } ?? "unknown libarchive error"
    }

    /// Bytes read from the file so far (compressed).
    var compressedBytesRead: Int { feed.map(\.source.compressedBytesRead) ?? Int(archive_filter_bytes(handle, -1)) }

    /// Damage the gzip reader skipped (`open(gunzip:)`), each returned once; none for other archives.
    func takeGzipDamage() -> [StreamDamage] { feed?.source.takeDamage(upTo: .max) ?? [] }

    /// One entry of the archive: its name and, when the archive says, its size.
    struct Entry {
        var name: String
        var isRegularFile: Bool
        var size: Int?
    }

    /// The next entry, nil at the end. Throws when the archive is damaged and reading cannot go on.
    func nextEntry() throws(ReadError) -> Entry? {
        var entry: OpaquePointer?
        var status: Int32
        repeat {
            status = archive_read_next_header(handle, &entry)
        } while status == ARCHIVE_RETRY
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry else { throw ReadError(message: errorMessage) }
        let name: String
        if let utf8 = archive_entry_pathname_utf8(entry) {
            name = String(cString: utf8)
        } else if let raw = archive_entry_pathname(entry) {
            name = String(decoding: UnsafeRawBufferPointer(start: raw, count: strlen(raw)).bindMemory(to: UInt8.self), as: UTF8.self)
        } else {
            name = ""
        }
        let regular = archive_entry_filetype(entry) == 0o100000
        let size = archive_entry_size_is_set(entry) != 0 ? Int(archive_entry_size(entry)) : nil
        return Entry(name: name, isRegularFile: regular, size: size)
    }

    /// Reads data of the current entry into `buffer`; 0 at the end of the entry.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ReadError) -> Int {
        while true {
            let count = archive_read_data(handle, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if count == Int(ARCHIVE_RETRY) { continue }
            if count == Int(ARCHIVE_WARN) { return 0 }
            throw ReadError(message: errorMessage)
        }
    }

    /// The whole current entry, or `.tooLarge` once it passes `limit` bytes (the rest is skipped). `expectedSize`,
    /// the size the archive states, only sizes the first allocation: what counts is what is read (a zip's stated size
    /// can be wrong), and memory never exceeds the bytes read by more than a 64 KiB chunk.
    func readEntry(limit: Int, expectedSize: Int? = nil) throws(ReadError) -> EntryData {
        var bytes: [UInt8] = []
        if let expectedSize, expectedSize <= limit {
            // The usual case, a member whose size the archive states: read straight into the result.
            bytes = [UInt8](repeating: 0, count: expectedSize)
            var filled = 0
            while filled < expectedSize {
                let count: Int
                do {
                    count = try bytes.withUnsafeMutableBytes { buffer in try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])) }
                } catch let error as ReadError {
                    throw error
                } catch {
                    throw ReadError(message: "\(error)")
                }
                if count == 0 { break }
                filled += count
            }
            // Shorter than stated: a copy of what was read, so that the stated size's allocation is not kept.
            guard filled == expectedSize else { return .bytes(Array(bytes[..<filled])) }
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { buffer in try read(into: buffer) }
            } catch let error as ReadError {
                throw error
            } catch {
                throw ReadError(message: "\(error)")
            }
            if count == 0 { return .bytes(bytes) }
            if bytes.count + count > limit {
                try skipEntry()
                return .tooLarge
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    enum EntryData {
        case bytes([UInt8])
        case tooLarge
    }

    /// Skips the rest of the current entry.
    func skipEntry() throws(ReadError) {
        let status = archive_read_data_skip(handle)
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN || status == ARCHIVE_EOF else { throw ReadError(message: errorMessage) }
    }
}
