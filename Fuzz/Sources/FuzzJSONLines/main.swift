import FuzzSupport
import Gazette

/// Raw bytes as one line of JSON Lines input, as the filter reads it: parsed, its text annotated, its other fields
/// passed through. Whatever the bytes, the result is one output line (a record or an error record).
private func fuzzJSONLines(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: size))
    // The line reader never hands a newline inside a line to the annotator.
    guard !bytes.contains(UInt8(ascii: "\n")) else { return -1 }
    let output = FuzzSupport.annotator.annotate(.jsonLine(line: 1, bytes: bytes))
    FuzzSupport.check(line: output.bytes)
    return 0
}

FuzzSupport.run { data, size in fuzzJSONLines(data, size) }
