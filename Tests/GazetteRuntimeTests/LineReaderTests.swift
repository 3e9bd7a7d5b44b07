import Testing
@testable import GazetteRuntime
#if canImport(Glibc)
import Glibc
#endif

/// Bytes handed out a few at a time, failing after `failAfter` bytes when set.
private final class ChunkedSource: ByteSource {
    struct Failure: Error, Equatable {}
    private let bytes: [UInt8]
    private let step: Int
    private let failAfter: Int?
    private var offset = 0

    init(_ text: String, step: Int = 3, failAfter: Int? = nil) {
        bytes = Array(text.utf8)
        self.step = step
        self.failAfter = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        if let failAfter, offset >= failAfter { throw Failure() }
        let count = min(step, buffer.count, bytes.count - offset, (failAfter ?? .max) - offset)
        for index in 0..<count { buffer[index] = bytes[offset + index] }
        offset += count
        return count
    }
}

/// `count` bytes of `byte`, made as they are read (nothing held): a huge line or an endless stream.
private final class RepeatedSource: ByteSource {
    private let byte: UInt8
    private var remaining: Int

    init(_ byte: UInt8, count: Int) {
        self.byte = byte
        remaining = count
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(buffer.count, remaining)
        if count > 0 { memset(buffer.baseAddress!, Int32(byte), count) }
        remaining -= count
        return count
    }
}

/// A small seeded generator, so that the random cases are the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Line reader")
struct LineReaderTests {
    private func lines(_ reader: LineReader<ChunkedSource>) throws -> [String] {
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    @Test(arguments: [1, 2, 5, 64])
    func linesLoseTheirEndingsAndALastLineNeedsNone(chunk: Int) throws {
        let reader = LineReader(ChunkedSource("one\r\ntwo\n\nthree", step: chunk), chunkSize: chunk)
        #expect(try lines(reader) == ["one", "two", "", "three"])
        #expect(reader.lineNumber == 4)
    }

    @Test func longLinesAreSkippedWithTheirLength() throws {
        let reader = LineReader(ChunkedSource("short\nmuch too long for the limit\nok\nlong at the end"), chunkSize: 4)
        #expect(try reader.nextLine(limit: 8) == .line(Array("short".utf8)))
        #expect(try reader.nextLine(limit: 8) == .tooLong(length: 27))
        #expect(try reader.nextLine(limit: 8) == .line(Array("ok".utf8)))
        #expect(try reader.nextLine(limit: 8) == .tooLong(length: 15))
        #expect(try reader.nextLine(limit: 8) == nil)
        #expect(reader.lineNumber == 4)
    }

    @Test(arguments: [1, 3, 64])
    func readingAllKeepsUpToTheLimit(chunk: Int) throws {
        let small = LineReader(ChunkedSource("head\nall of the rest", step: chunk), chunkSize: chunk)
        #expect(try small.nextLine() == Array("head".utf8))
        #expect(try small.readAll(limit: 16) == .line(Array("all of the rest".utf8)))
        let exact = LineReader(ChunkedSource("0123456789", step: chunk), chunkSize: chunk)
        #expect(try exact.readAll(limit: 10) == .line(Array("0123456789".utf8)))
        let over = LineReader(ChunkedSource("0123456789X", step: chunk), chunkSize: chunk)
        #expect(try over.readAll(limit: 10) == .tooLong(length: 11))
        #expect(try over.nextLine() == nil)
    }

    @Test func aHugeInputIsReadPastInBoundedMemory() throws {
        let chunk = 1 << 12, limit = 1 << 16, size = 2 << 20
        let whole = LineReader(RepeatedSource(0, count: size), chunkSize: chunk)
        #expect(whole.readAll(limit: limit) == .tooLong(length: size))
        #expect(whole.peakBufferedBytes <= limit + 2 * chunk)

        let line = LineReader(RepeatedSource(UInt8(ascii: "x"), count: size), chunkSize: chunk)
        #expect(line.nextLine(limit: limit) == .tooLong(length: size))
        #expect(line.peakBufferedBytes <= limit + 2 * chunk)
        #expect(line.nextLine(limit: limit) == nil)
    }

    @Test(arguments: [1, 2, 64])
    func aByteOrderMarkIsSkippedOnlyAtTheStart(chunk: Int) throws {
        let marked = LineReader(ChunkedSource("\u{FEFF}{\"a\":1}\n\u{FEFF}x", step: chunk), chunkSize: chunk)
        #expect(try marked.skipByteOrderMark())
        #expect(try !marked.skipByteOrderMark())
        #expect(try marked.nextLine() == Array(#"{"a":1}"#.utf8))
        #expect(try marked.nextLine() == Array("\u{FEFF}x".utf8))
        let plain = LineReader(ChunkedSource("\u{FE}", step: chunk), chunkSize: chunk)
        #expect(try !plain.skipByteOrderMark())
        #expect(try plain.readAll() == Array("\u{FE}".utf8))
        let short = LineReader(ChunkedSource("", step: chunk), chunkSize: chunk)
        #expect(try !short.skipByteOrderMark())
    }

    @Test func countedReadsKeepUpToTheLimitAndSayWhenTruncated() throws {
        let reader = LineReader(ChunkedSource("head\n0123456789rest"), chunkSize: 4)
        #expect(try reader.nextLine() == Array("head".utf8))
        #expect(try reader.read(count: 4, limit: 10) == (Array("0123".utf8), false))
        #expect(try reader.read(count: 3, limit: 2).bytes == nil)
        #expect(try reader.read(count: 10, limit: 10) == (Array("789rest".utf8), true))
    }

    @Test func peekingAndBufferedLinesConsumeNothing() throws {
        let reader = LineReader(ChunkedSource("  \n {\"a\":1}\nnext"), chunkSize: 2)
        #expect(!reader.hasBufferedLine)
        #expect(try reader.peekFirstNonBlank() == UInt8(ascii: "{"))
        #expect(reader.hasBufferedLine)
        #expect(try reader.readAll() == Array("  \n {\"a\":1}\nnext".utf8))
    }

    @Test func aFailedReadIsThrownAndEndsTheStream() throws {
        let reader = LineReader(ChunkedSource("first\nsecond line", failAfter: 9), chunkSize: 4)
        #expect(try reader.nextLine() == Array("first".utf8))
        #expect(throws: ChunkedSource.Failure()) { try reader.nextLine() }
    }

    @Test func aFileDescriptorEndsAtAFailureAndKeepsWhy() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        _ = "a\nb".withCString { write(ends[1], $0, 3) }
        close(ends[1])
        let source = FileDescriptorSource(descriptor: ends[0])
        let reader = LineReader(source)
        #expect(reader.nextLine() == Array("a".utf8))
        #expect(reader.nextLine() == Array("b".utf8))
        #expect(reader.nextLine() == nil && source.failure == nil)
        close(ends[0])

        // A folder opens but cannot be read: the stream ends at once, with the system's reason.
        let folder = open("/", O_RDONLY)
        defer { close(folder) }
        let failing = FileDescriptorSource(descriptor: folder)
        #expect(LineReader(failing).nextLine() == nil)
        #expect(failing.failure != nil)
    }

    @Test(arguments: [1, 2, 5, 64])
    func theOffsetCountsEveryByteReadOrSkipped(chunk: Int) throws {
        let reader = LineReader(ChunkedSource("one\r\ntwo\nmuch too long\n0123456789", step: chunk), chunkSize: chunk)
        #expect(reader.offset == 0)
        #expect(try reader.nextLine() == Array("one".utf8))
        #expect(reader.offset == 5)
        #expect(try reader.nextLine(limit: 3) == .line(Array("two".utf8)))
        #expect(reader.offset == 9)
        #expect(try reader.nextLine(limit: 3) == .tooLong(length: 13))
        #expect(reader.offset == 23)
        #expect(try reader.read(count: 4, limit: 0) == (nil, false))
        #expect(reader.offset == 27)
        #expect(try reader.peek(count: 3) == Array("456".utf8)[...])
        #expect(reader.offset == 27)
        #expect(try reader.readAll() == Array("456789".utf8))
        #expect(reader.offset == 33)
    }

    @Test(arguments: [1, 3, 64])
    func peekingReadsAheadWithoutConsuming(chunk: Int) throws {
        let reader = LineReader(ChunkedSource("abcdef\nxyz", step: chunk), chunkSize: chunk)
        #expect(try reader.peek(count: 4) == Array("abcd".utf8)[...])
        #expect(try reader.peek(count: 0).isEmpty)
        #expect(try reader.nextLine() == Array("abcdef".utf8))
        #expect(try reader.peek(count: 10) == Array("xyz".utf8)[...])  // fewer at the end
        #expect(try reader.nextLine() == Array("xyz".utf8))
        #expect(try reader.peek(count: 1).isEmpty)
        #expect(reader.offset == 10)
    }

    @Test(arguments: [1, 4, 64])
    func unreadBytesAreReadAgainAndMoveTheOffsetBack(chunk: Int) throws {
        let reader = LineReader(ChunkedSource("header\nbody that went too far\nnext", step: chunk), chunkSize: chunk)
        #expect(try reader.nextLine() == Array("header".utf8))
        let block = try #require(try reader.read(count: 23, limit: 100).bytes)
        #expect(reader.offset == 30)
        reader.unread(block[10...])
        #expect(reader.offset == 17)
        #expect(try reader.nextLine() == Array("went too far".utf8))
        #expect(try reader.nextLine() == Array("next".utf8))
        #expect(reader.offset == 34)
        // Nothing to put back changes nothing; bytes put back at the end are read as the rest of the stream.
        reader.unread([])
        #expect(reader.offset == 34)
        reader.unread(Array("again\nand again".utf8)[...])
        #expect(reader.offset == 19)
        #expect(try lines(reader) == ["again", "and again"])
        #expect(reader.offset == 34)
    }

    @Test(arguments: [1, 2, 7, 64])
    func aBlockIsReadKeepingWhatFits(chunk: Int) throws {
        let reader = LineReader(ChunkedSource("0123456789|STOP|tail", step: chunk), chunkSize: chunk)
        // Not more than can be kept: all of it, whatever it holds.
        let whole = try reader.readBlock(count: 16, keep: 20, stop: Array("|STOP|".utf8))
        #expect(whole.kept == Array("0123456789|STOP|".utf8) && !whole.truncated && whole.stoppedAt == nil)
        #expect(reader.offset == 16)
        // More than can be kept and nothing to stop at: the rest is read and dropped.
        let cut = try reader.readBlock(count: 3, keep: 1, stop: nil)
        #expect(cut.kept == Array("t".utf8) && !cut.truncated && cut.stoppedAt == nil)
        #expect(reader.offset == 19)
        // The stream ends first.
        let end = try reader.readBlock(count: 5, keep: 5, stop: nil)
        #expect(end.kept == Array("l".utf8) && end.truncated && end.stoppedAt == nil)
        #expect(reader.offset == 20)
    }

    @Test(arguments: [1, 2, 7, 64])
    func aBlockTooLargeToKeepStopsWhereTheStopBytesBegin(chunk: Int) throws {
        let text = "0123456789|STOP|tail"
        for keep in 0...20 {  // 11...15: `stop` begins in what is kept and ends after it
            let reader = LineReader(ChunkedSource(text, step: chunk), chunkSize: chunk)
            let block = try reader.readBlock(count: 1000, keep: keep, stop: Array("|STOP|".utf8))
            #expect(block.kept == Array(text.utf8.prefix(min(keep, 10))), "keep \(keep)")
            #expect(block.stoppedAt == 10 && !block.truncated, "keep \(keep)")
            #expect(reader.offset == 10, "keep \(keep)")
            #expect(try reader.readAll() == Array("|STOP|tail".utf8), "keep \(keep)")
        }
        // Kept in full when the stream ends before `keep` bytes (the caller looks inside), and not looked for when
        // the block is not more than can be kept.
        let short = LineReader(ChunkedSource(text, step: chunk), chunkSize: chunk)
        #expect(try short.readBlock(count: 1000, keep: 21, stop: Array("|STOP|".utf8)) == (Array(text.utf8), true, nil))
        let small = LineReader(ChunkedSource(text, step: chunk), chunkSize: chunk)
        #expect(try small.readBlock(count: 18, keep: 18, stop: Array("|STOP|".utf8)) == (Array(text.utf8.prefix(18)), false, nil))
    }

    @Test func aFailedReadInsideABlockIsThrown() throws {
        let reader = LineReader(ChunkedSource("0123456789", failAfter: 6), chunkSize: 4)
        #expect(throws: ChunkedSource.Failure()) { try reader.readBlock(count: 10, keep: 10, stop: nil) }
    }

    /// readBlock(count:keep:stop:) as its documentation says, on the whole stream at once.
    private func referenceBlock(_ bytes: [UInt8], count: Int, keep: Int, stop: [UInt8])
        -> (kept: [UInt8], truncated: Bool, stoppedAt: Int?, offset: Int) {
        if count > keep, bytes.count >= keep,
           let found = (0..<min(count, bytes.count)).first(where: { bytes[$0...].starts(with: stop) }) {
            return (Array(bytes[..<min(found, keep)]), false, found, found)
        }
        let read = min(count, bytes.count)
        return (Array(bytes[..<min(read, keep)]), count > bytes.count, nil, read)
    }

    @Test func blocksMatchAReferenceOverManyStreamsAndChunkSizes() throws {
        var generator = SplitMix64(seed: 14)
        let alphabet = Array("ab\n".utf8)
        for _ in 0..<2000 {
            let length = Int.random(in: 0...40, using: &generator)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            let stop = Array(["ab", "aab", "b\nab"].randomElement(using: &generator)!.utf8)
            let count = Int.random(in: 0...50, using: &generator)
            let keep = Int.random(in: 0...45, using: &generator)
            let expected = referenceBlock(Array(text.utf8), count: count, keep: keep, stop: stop)
            for chunk in [1, 2, 3, 5, 64] {
                let reader = LineReader(ChunkedSource(text, step: chunk), chunkSize: chunk)
                let block = try reader.readBlock(count: count, keep: keep, stop: stop)
                let rest = try reader.readAll()
                let what = "\(text.debugDescription) count \(count) keep \(keep) stop \(String(decoding: stop, as: UTF8.self).debugDescription) chunk \(chunk)"
                #expect(block.kept == expected.kept, "\(what)")
                #expect(block.truncated == expected.truncated && block.stoppedAt == expected.stoppedAt, "\(what)")
                #expect(rest == Array(text.utf8.dropFirst(expected.offset)), "\(what)")
            }
        }
    }
}
