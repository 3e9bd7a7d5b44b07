import FuzzSupport
import Gazette

/// Raw bytes as one plain-text document: decoding (invalid UTF-8 is repaired), every stage, the JSON writer.
private func fuzzAnnotate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let document = Document(utf8: bytes, id: "fuzz")
    guard let annotated = try? FuzzSupport.pipeline.annotate(document) else { return 0 }
    FuzzSupport.check(annotated)
    FuzzSupport.check(line: FuzzSupport.writer.record(for: annotated))
    return 0
}

FuzzSupport.run { data, size in fuzzAnnotate(data, size) }
