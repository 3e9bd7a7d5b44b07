#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor in large chunks, without holding more than one chunk and one line.
/// Lines are returned without their "\n" (and without a "\r" before it).
public final class LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private let chunkSize: Int
    /// 1-based number of the last line returned.
    public private(set) var lineNumber = 0
    /// The error of a failed read, if any; reading stops there.
    public private(set) var readError: Int32?

    public init(descriptor: Int32, chunkSize: Int = 1 << 16) {
        self.descriptor = descriptor
        self.chunkSize = chunkSize
    }

    /// Whether a complete line is already buffered, so that `nextLine()` will not wait for input.
    public var hasBufferedLine: Bool {
        buffer[start...].contains(UInt8(ascii: "\n")) || (atEnd && start < buffer.count)
    }

    /// The next line, or nil at the end of input.
    public func nextLine() -> [UInt8]? {
        var searchFrom = start
        while true {
            if let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = buffer.count
                lineNumber += 1
                return line
            }
            searchFrom = buffer.count - start  // after compaction the unsearched part begins here
            fill()
        }
    }

    /// The first byte that is not JSON white space, reading ahead as needed (nothing is consumed).
    public func peekFirstNonBlank() -> UInt8? {
        var index = start
        while true {
            while index < buffer.count {
                let byte = buffer[index]
                if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return byte }
                index += 1
            }
            if atEnd { return nil }
            index -= start
            fill()
        }
    }

    /// Everything not yet read, to the end of input.
    public func readAll() -> [UInt8] {
        while !atEnd { fill() }
        let rest = Array(buffer[start...])
        start = buffer.count
        return rest
    }

    /// Compacts the buffer (dropping consumed bytes) and appends one chunk. Afterwards unread data starts at 0.
    private func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        var count = 0
        repeat {
            count = buffer.withUnsafeMutableBufferPointer { read(descriptor, $0.baseAddress! + oldCount, chunkSize) }
        } while count < 0 && errno == EINTR
        if count < 0 { readError = errno }
        buffer.removeLast(chunkSize - max(count, 0))
        if count <= 0 { atEnd = true }
    }
}
