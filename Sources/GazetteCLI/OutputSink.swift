#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to a file descriptor. `flush()` hands everything to the kernel.
// Used by one thread at a time: the main thread, or the runner's writer thread while it runs.
final class OutputSink: @unchecked Sendable {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let limit: Int
    private(set) var writeError: Int32?

    init(descriptor: Int32, limit: Int = 1 << 16) {
        self.descriptor = descriptor
        self.limit = limit
        buffer.reserveCapacity(limit)
    }

    func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= limit { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count, writeError == nil {
            let written = buffer.withUnsafeBufferPointer { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                writeError = errno
            } else {
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes a message line to standard error.
func printError(_ message: String) {
    var bytes = Array(message.utf8)
    bytes.append(UInt8(ascii: "\n"))
    _ = bytes.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
}

var standardErrorIsTerminal: Bool { isatty(2) == 1 }
