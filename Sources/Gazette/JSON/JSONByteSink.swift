/// Somewhere JSON bytes are appended: a `[UInt8]`, or the `RecordBuffer` an output record is built in.
protocol JSONByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

/// `[UInt8]` is also the plain reference for `RecordBuffer`.
extension [UInt8]: JSONByteSink {
    /// Appends the decimal digits of `value`, as `RecordBuffer.append(decimal:)` does.
    mutating func append(decimal value: Int) {
        append(contentsOf: String(value).utf8)
    }
}
