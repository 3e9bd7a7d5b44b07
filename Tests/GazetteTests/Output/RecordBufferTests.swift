import Testing
@testable import Gazette

/// `RecordBuffer` writes through a pointer: pinned to `[UInt8]`, its plain reference.
@Suite("Record buffer")
struct RecordBufferTests {
    @Test func writesWhatAnArrayWrites() {
        var buffer = RecordBuffer(capacity: 1)  // grows many times
        var reference: [UInt8] = []
        let numbers = [0, 7, -7, 10, 99, 100, -100, 123_456_789, Int.max, Int.min + 1, -1_000_000_000_000]
        for round in 0..<50 {
            for number in numbers {
                buffer.append(decimal: number &+ round)
                reference.append(decimal: number &+ round)
                buffer.append(UInt8(ascii: ","))
                reference.append(UInt8(ascii: ","))
            }
            let text: [UInt8] = Array("\"zürich\" ☃ \(round)".utf8)
            text.withUnsafeBufferPointer { buffer.append(contentsOf: $0) }
            reference.append(contentsOf: text)
            buffer.append(#","sentences":["#)
            reference.append(contentsOf: #","sentences":["#.utf8)
            JSONString.appendQuoted("line\nbreak \u{2028} \"quoted\"", to: &buffer)
            JSONString.appendQuoted("line\nbreak \u{2028} \"quoted\"", to: &reference)
        }
        #expect(buffer.bytes() == reference)
    }
}
