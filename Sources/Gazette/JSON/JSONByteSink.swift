/// Somewhere JSON bytes are appended: a `[UInt8]`, or the `RecordBuffer` an output record is built in.
protocol JSONByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension [UInt8]: JSONByteSink {}
