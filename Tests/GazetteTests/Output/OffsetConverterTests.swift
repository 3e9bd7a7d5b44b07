import Testing
@testable import Gazette

@Suite("Offset converter")
struct OffsetConverterTests {
    /// Every UTF-8 boundary of a text mixing one- to four-byte characters converts to the count Swift itself gives.
    @Test(arguments: [OffsetUnit.codepoint, .utf16, .utf8])
    func everyBoundaryConvertsLikeSwift(unit: OffsetUnit) {
        let characters = ["a", " ", "é", "—", "北", "😀", "Z", "\u{301}", "ß", "𝐁"]
        var generator = SplitMix(seed: 7)
        var text = ""
        for _ in 0..<500 { text += characters[Int(generator.next() % UInt64(characters.count))] }
        var boundaries: [Int] = [], expected: [Int] = []
        var index = text.unicodeScalars.startIndex
        while true {
            let utf8 = text.utf8.distance(from: text.utf8.startIndex, to: index)
            boundaries.append(utf8)
            switch unit {
            case .codepoint: expected.append(text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index))
            case .utf16: expected.append(text.utf16.distance(from: text.utf16.startIndex, to: index))
            case .utf8: expected.append(utf8)
            }
            if index == text.unicodeScalars.endIndex { break }
            index = text.unicodeScalars.index(after: index)
        }
        // Given out of order and with repeats, as sentence and entity offsets are.
        let converter = OffsetConverter(text: text, utf8Offsets: boundaries.reversed() + boundaries, unit: unit)
        #expect(boundaries.map(converter.convert) == expected)
    }
}

/// A small deterministic generator, so the text is the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
