/// Reads a byte stream by lines and by byte counts, in large chunks, holding at most one chunk and the line or
/// block being read. The one line reader of the filter (a file descriptor) and of `batch` (decompressed archive
/// members, JSON Lines and WARC files).
///
/// Lines are returned without their "\n" (and without a "\r" before it); a last line without "\n" counts as a line.
/// A failed read is thrown and ends the stream.
package final class LineReader<Source: ByteSource> {
    private var source: Source
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let chunkSize: Int
    /// 1-based number of the last line returned (lines too long to return count too).
    package private(set) var lineNumber = 0

    /// A reader of `source`, which it reads `chunkSize` bytes at a time.
    package init(_ source: Source, chunkSize: Int = 1 << 16) {
        self.source = source
        self.chunkSize = chunkSize
    }

    /// One line read by `nextLine(limit:)`.
    package enum Line: Equatable {
        /// The line without its "\n" (and without a "\r" before it).
        case line([UInt8])
        /// A line longer than the limit: skipped to its end; `length` counts the bytes seen.
        case tooLong(length: Int)
    }

    /// Whether a complete line is already buffered, so that `nextLine()` will not wait for input.
    package var hasBufferedLine: Bool {
        buffer[start...].contains(UInt8(ascii: "\n")) || (atEnd && start < buffer.count)
    }

    /// The next line, or nil at the end of the stream.
    package func nextLine() throws(Source.Failure) -> [UInt8]? {
        switch try nextLine(limit: .max) {
        case let .line(bytes)?: bytes
        case .tooLong?, nil: nil
        }
    }

    /// The next line, nil at the end of the stream; a line of more than `limit` bytes is skipped and reported as
    /// `.tooLong`, holding no more than `limit` bytes and one chunk of it.
    package func nextLine(limit: Int) throws(Source.Failure) -> Line? {
        var searchFrom = start
        var discarded = 0
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
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
                if discarded > 0 {
                    lineNumber += 1
                    return .tooLong(length: discarded)
                }
                guard start < buffer.count else { return nil }
                lineNumber += 1
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
            searchFrom = buffer.count - start  // after compaction the unsearched part begins here
            try fill()
            if discarded > 0 { searchFrom = 0 }
        }
    }

    /// The first byte that is not JSON white space, reading ahead as needed (nothing is consumed).
    package func peekFirstNonBlank() throws(Source.Failure) -> UInt8? {
        var index = start
        while true {
            while index < buffer.count {
                let byte = buffer[index]
                if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return byte }
                index += 1
            }
            if atEnd { return nil }
            index -= start
            try fill()
        }
    }

    /// Up to `count` bytes from the read position, reading ahead as needed (nothing is consumed); fewer at the end of
    /// the stream.
    package func peek(count: Int) throws(Source.Failure) -> [UInt8] {
        while buffer.count - start < count, !atEnd { try fill() }
        return Array(buffer[start..<min(buffer.count, start + count)])
    }

    /// Everything not yet read, to the end of the stream.
    package func readAll() throws(Source.Failure) -> [UInt8] {
        while !atEnd { try fill() }
        let rest = Array(buffer[start...])
        start = buffer.count
        return rest
    }

    /// The next `count` bytes, keeping at most `limit` of them (nil when there were more: the rest is consumed and
    /// dropped). Fewer than `count` at the end of the stream: `truncated` says so.
    package func read(count: Int, limit: Int) throws(Source.Failure) -> (bytes: [UInt8]?, truncated: Bool) {
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

    /// Compacts the buffer (dropping consumed bytes) and appends one chunk; afterwards unread data starts at 0.
    private func fill() throws(Source.Failure) {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        var result: Result<Int, Source.Failure> = .success(0)
        buffer.withUnsafeMutableBytes { bytes in
            do throws(Source.Failure) {
                result = .success(try source.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[oldCount...])))
            } catch {
                result = .failure(error)
            }
        }
        let count: Int
        switch result {
        case let .success(read):
            count = read
        case let .failure(error):
            buffer.removeLast(chunkSize)
            atEnd = true
            throw error
        }
        buffer.removeLast(chunkSize - count)
        if count == 0 { atEnd = true }
    }
}
