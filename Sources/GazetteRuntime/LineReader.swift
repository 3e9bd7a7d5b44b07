/// Reads a byte stream by lines and by byte counts, in large chunks, holding at most one chunk and the line or
/// block being read. The one line reader of the filter (a file descriptor) and of `batch` (decompressed archive
/// members, JSON Lines and WARC files).
///
/// Lines are returned without their "\n" (and without a "\r" before it); a last line without "\n" counts as a line.
/// A failed read is thrown and ends the stream. `offset` says where in the stream the next unread byte is; `peek`,
/// `unread` and `readBlock` serve readers of records whose announced lengths may be wrong (WARC, ARC).
package final class LineReader<Source: ByteSource> {
    private var source: Source
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bytes dropped from the front of `buffer` so far (`start` counts from there).
    private var dropped = 0
    private var atEnd = false
    private let chunkSize: Int
    /// 1-based number of the last line returned (lines too long to return count too).
    package private(set) var lineNumber = 0
    /// The most bytes the buffer has held: what bounds the reader's memory (a line or block kept, and one chunk).
    package private(set) var peakBufferedBytes = 0

    /// A reader of `source`, which it reads `chunkSize` bytes at a time.
    package init(_ source: Source, chunkSize: Int = 1 << 16) {
        self.source = source
        self.chunkSize = chunkSize
    }

    /// Offset of the next unread byte in the stream (bytes put back by `unread` count as not yet read).
    package var offset: Int { dropped + start }

    /// One line read by `nextLine(limit:)`.
    package enum Line: Equatable {
        /// The line without its "\n" (and without a "\r" before it).
        case line([UInt8])
        /// A line longer than the limit: skipped to its end; `length` counts the bytes seen.
        case tooLong(length: Int)
    }

    /// Whether a complete line is already buffered, so that `nextLine()` will not wait for input.
    package var hasBufferedLine: Bool {
        NewlineScan.first(in: buffer, from: start) != nil || (atEnd && start < buffer.count)
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
            if let newline = NewlineScan.first(in: buffer, from: searchFrom) {
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

    /// Everything not yet read, to the end of the stream.
    package func readAll() throws(Source.Failure) -> [UInt8] {
        while !atEnd { try fill() }
        let rest = Array(buffer[start...])
        start = buffer.count
        return rest
    }

    /// Everything not yet read, to the end of the stream, as `.line`; more than `limit` bytes are read to the end
    /// without being kept, holding no more than `limit` bytes and one chunk, and reported as `.tooLong` with their
    /// count (on endless input it never returns, in bounded memory).
    package func readAll(limit: Int) throws(Source.Failure) -> Line {
        while !atEnd, buffer.count - start <= limit { try fill() }
        guard buffer.count - start > limit else { return .line(try readAll()) }
        var length = buffer.count - start
        start = buffer.count
        while !atEnd {
            try fill()
            length += buffer.count
            start = buffer.count
        }
        return .tooLong(length: length)
    }

    /// Skips a UTF-8 byte-order mark (EF BB BF) if the unread bytes begin with one; says whether there was one.
    package func skipByteOrderMark() throws(Source.Failure) -> Bool {
        guard try peek(count: 3).elementsEqual([0xEF, 0xBB, 0xBF]) else { return false }
        start += 3
        return true
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

    /// Up to `count` unread bytes, without consuming them (fewer at the end of the stream).
    package func peek(count: Int) throws(Source.Failure) -> ArraySlice<UInt8> {
        while buffer.count - start < count && !atEnd { try fill() }
        return buffer[start..<min(buffer.count, start + count)]
    }

    /// Puts `bytes` back in front of the unread bytes, to be read again (a record start found inside a block read too
    /// far); `offset` moves back by their count. `lineNumber` is not changed.
    package func unread(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        buffer.replaceSubrange(0..<start, with: bytes)
        dropped += start - bytes.count
        start = 0
    }

    /// The next `count` bytes, keeping the first `keep` of them (`truncated` when the stream ends first). When `count`
    /// is more than `keep` (a block announced larger than can be kept, whose length may be wrong), it stops early
    /// before `stop` (a byte string that marks the start of whatever follows; empty counts as none) found anywhere in
    /// the block; `stoppedAt` is then the block's real length, and the next read starts at `stop`. (When the stream
    /// ends before `keep` bytes, all of it is kept and `stop` is not looked for: the caller can look in `kept`.)
    package func readBlock(count: Int, keep: Int, stop: [UInt8]?) throws(Source.Failure)
        -> (kept: [UInt8], truncated: Bool, stoppedAt: Int?) {
        let stop = stop?.isEmpty == true ? nil : stop
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
            if kept.count == keep, keepHere > 0, keep < count, let stop,
               let found = Self.firstStart(of: stop, in: kept, ahead: buffer[(start + keepHere)...].prefix(stop.count - 1)) {
                // Too large to keep, and `stop` begins inside what was kept: the block ends there.
                start += keepHere
                unread(kept[found...])
                return (Array(kept[..<found]), false, found)
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

    /// Where the first `stop` begins in `kept`, nil when none does; one may begin in the last bytes of `kept` and end in
    /// `ahead`, the bytes that follow it.
    private static func firstStart(of stop: [UInt8], in kept: [UInt8], ahead: ArraySlice<UInt8>) -> Int? {
        if let found = kept.firstRange(of: stop) { return found.lowerBound }
        let tail = kept.suffix(stop.count - 1)
        guard let found = (Array(tail) + ahead).firstRange(of: stop), found.lowerBound < tail.count else { return nil }
        return kept.count - tail.count + found.lowerBound
    }

    /// Compacts the buffer (dropping consumed bytes) and appends one chunk; afterwards unread data starts at 0.
    private func fill() throws(Source.Failure) {
        if start > 0 {
            buffer.removeFirst(start)
            dropped += start
            start = 0
        }
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        peakBufferedBytes = max(peakBufferedBytes, buffer.count)
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
