/// Where a `StreamBuffer` gets its bytes: libarchive (`ArchiveHandle`) or the lenient gzip reader (`GunzipReader`).
protocol ByteSource: AnyObject {
    /// Reads decompressed bytes into `buffer`: the count, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveHandle.ReadError) -> Int
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

extension ArchiveHandle: ByteSource {
    func takeDamage(upTo offset: Int) -> [StreamDamage] { [] }
}

/// Buffered reading of one decompressed stream (an archive entry or a raw file) by lines and by byte counts,
/// holding at most one chunk and the line or block being read.
final class StreamBuffer {
    private let archive: any ByteSource
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes dropped from the front of `buffer` so far.
    private var dropped = 0
    private(set) var atEnd = false
    private let chunkSize: Int

    init(archive: any ByteSource, chunkSize: Int = 1 << 16) {
        self.archive = archive
        self.chunkSize = chunkSize
    }

    /// Offset of the next unread byte in the stream.
    var offset: Int { dropped + start }

    /// Damage the source skipped before the next unread byte (see `ByteSource.takeDamage`).
    func takeDamage(upTo offset: Int? = nil) -> [StreamDamage] { archive.takeDamage(upTo: offset ?? self.offset) }

    /// Puts `bytes` back in front of the unread bytes (a record start found inside a block read too far).
    func unread(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        buffer.replaceSubrange(0..<start, with: bytes)
        dropped += start - bytes.count
        start = 0
    }

    /// Up to `count` unread bytes, without consuming them (fewer at the end of the stream).
    func peek(count: Int) throws(ArchiveHandle.ReadError) -> ArraySlice<UInt8> {
        while buffer.count - start < count && !atEnd { try fill() }
        return buffer[start..<min(buffer.count, start + count)]
    }

    /// One line read by `nextLine(limit:)`.
    enum Line {
        /// The line without its "\n" (and without a "\r" before it).
        case line([UInt8])
        /// A line longer than the limit: skipped to its end; `length` counts the bytes seen.
        case tooLong(length: Int)
    }

    /// The next line, nil at the end of the stream. A last line without "\n" counts as a line.
    func nextLine(limit: Int) throws(ArchiveHandle.ReadError) -> Line? {
        var searchFrom = start
        var discarded = 0
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                if discarded > 0 || newline - start > limit {
                    let length = discarded + newline - start
                    start = newline + 1
                    return .tooLong(length: length)
                }
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                return .line(line)
            }
            if buffer.count - start > limit || discarded > 0 {
                // Too long: drop what is buffered and keep looking for the end of the line.
                discarded += buffer.count - start
                start = buffer.count
            }
            if atEnd {
                if discarded > 0 { return .tooLong(length: discarded) }
                guard start < buffer.count else { return nil }
                if buffer.count - start > limit {
                    defer { start = buffer.count }
                    return .tooLong(length: buffer.count - start)
                }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = buffer.count
                return .line(line)
            }
            searchFrom = buffer.count - start
            try fill()
            if discarded > 0 { searchFrom = 0 }
        }
    }

    /// The next `count` bytes, keeping the first `keep` of them. When `count` is more than `keep` (a block announced
    /// larger than can be kept, whose length may be wrong), it stops early before `stop` (a byte string that marks the
    /// start of the next record) found anywhere in the block; `stoppedAt` is then the block's real length.
    func readBlock(count: Int, keep: Int, stop: [UInt8]?) throws(ArchiveHandle.ReadError)
        -> (kept: [UInt8], truncated: Bool, stoppedAt: Int?) {
        var kept: [UInt8] = []
        kept.reserveCapacity(min(count, keep, 1 << 20))
        var done = 0
        while done < count {
            if buffer.count - start < (stop?.count ?? 1) && !atEnd {
                try fill()
                continue
            }
            if start == buffer.count { return (kept, true, nil) }
            // Until the end, the last bytes stay unread, so that a `stop` across two chunks is found.
            let reserve = stop.map { atEnd ? 0 : $0.count - 1 } ?? 0
            let take = min(count - done, buffer.count - start - reserve)
            let keepHere = max(0, min(take, keep - done))
            kept.append(contentsOf: buffer[start..<(start + keepHere)])
            if kept.count == keep, keepHere > 0, keep < count, let stop, let found = kept.firstRange(of: stop) {
                // Too large to keep, and the next record starts inside what was kept: the block ends there.
                start += keepHere
                unread(kept[found.lowerBound...])
                return (Array(kept[..<found.lowerBound]), false, found.lowerBound)
            }
            if keepHere < take, let stop,
               let found = buffer[(start + keepHere)..<min(buffer.count, start + take + stop.count - 1)].firstRange(of: stop),
               found.lowerBound < start + take {
                let length = found.lowerBound - start
                start = found.lowerBound
                return (kept, false, done + length)
            }
            start += take
            done += take
        }
        return (kept, false, nil)
    }

    /// The next `count` bytes, keeping at most `limit` of them (nil when there were more: the rest is consumed and
    /// dropped). Fewer than `count` at the end of the stream: `truncated` says so.
    func read(count: Int, limit: Int) throws(ArchiveHandle.ReadError) -> (bytes: [UInt8]?, truncated: Bool) {
        var kept: [UInt8]? = count <= limit ? [] : nil
        kept?.reserveCapacity(count)
        var remaining = count
        while remaining > 0 {
            if start == buffer.count {
                if atEnd { return (kept, true) }
                try fill()
                continue
            }
            let take = min(remaining, buffer.count - start)
            kept?.append(contentsOf: buffer[start..<(start + take)])
            start += take
            remaining -= take
        }
        return (kept, false)
    }

    /// Compacts the buffer and appends one chunk; afterwards unread data starts at 0.
    private func fill() throws(ArchiveHandle.ReadError) {
        if start > 0 {
            buffer.removeFirst(start)
            dropped += start
            start = 0
        }
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        let count: Int
        do {
            count = try buffer.withUnsafeMutableBytes { bytes in
                try archive.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[oldCount...]))
            }
        } catch let error as ArchiveHandle.ReadError {
            buffer.removeLast(chunkSize)
            atEnd = true
            throw error
        } catch {
            buffer.removeLast(chunkSize)
            atEnd = true
            throw ArchiveHandle.ReadError(message: "\(error)")
        }
        buffer.removeLast(chunkSize - count)
        if count == 0 { atEnd = true }
    }
}
