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
}
