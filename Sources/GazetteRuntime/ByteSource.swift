#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a `LineReader` gets its bytes: a file descriptor, a decompressing archive stream.
package protocol ByteSource {
    /// Why a read can fail (`Never` for a source that ends its stream instead).
    associatedtype Failure: Error

    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 at the end of the stream.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int
}

/// An open file descriptor (standard input, a file); the caller closes it. A failed read ends the stream as its end
/// would, and `failure` keeps why, so that what was read before still counts and the failure is reported after it.
package final class FileDescriptorSource: ByteSource {
    /// Reads do not throw: a failure ends the stream.
    package typealias Failure = Never

    /// The descriptor read from.
    package let descriptor: Int32
    /// Why reading stopped early (the system's message), if it did.
    package private(set) var failure: String?

    /// A source reading `descriptor`.
    package init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Reads with `read(2)`, retrying when a signal interrupts it; 0 at the end or after a failure.
    package func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        guard failure == nil else { return 0 }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR {
                failure = String(cString: strerror(errno))
                return 0
            }
        }
    }
}
