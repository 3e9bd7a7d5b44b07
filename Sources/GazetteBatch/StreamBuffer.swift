/// Buffered reading of one decompressed stream (an archive entry or a raw file) by lines and by byte counts,
/// holding at most one chunk and the line or block being read.
final class StreamBuffer {
    private let archive: ArchiveHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private(set) var atEnd = false
    private let chunkSize: Int

    init(archive: ArchiveHandle, chunkSize: Int = 1 << 16) {
        self.archive = archive
        self.chunkSize = chunkSize
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
