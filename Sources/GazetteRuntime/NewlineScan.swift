#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the next "\n" in `LineReader`'s buffer: the kernel of `nextLine` and `hasBufferedLine`, which between them
/// look at every byte of the input (twice, when the filter asks whether a line is waiting before it reads it).
///
/// `first` asks the C library's `memchr`, which reads many bytes per instruction; `firstPlain` is the same search
/// written plainly, and `NewlineScanTests` pins the two together.
enum NewlineScan {
    /// The index of the first "\n" in `buffer` from `start` on (`start` ≤ `buffer.count`), nil if there is none.
    static func first(in buffer: [UInt8], from start: Int) -> Int? {
        precondition(start >= 0 && start <= buffer.count)
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            guard let base = bytes.baseAddress, start < bytes.count,
                  let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// `first`, written plainly: the reference it is tested against.
    static func firstPlain(in buffer: [UInt8], from start: Int) -> Int? {
        buffer[start...].firstIndex(of: UInt8(ascii: "\n"))
    }
}
