import Testing
@testable import Gazette
import GazetteTraining

@Suite("Offset converter")
struct OffsetConverterTests {
    /// Every UTF-8 boundary of a text mixing one- to four-byte characters converts to the count Swift itself gives.
    @Test(arguments: [OffsetUnit.codepoint, .utf16, .utf8])
    func everyBoundaryConvertsLikeSwift(unit: OffsetUnit) {
        let characters = ["a", " ", "é", "—", "北", "😀", "Z", "\u{301}", "ß", "𝐁"]
        var generator = SeededGenerator(seed: 7)
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
        // In order, and out of order (the counter starts again from the text's start), as sentence and entity
        // offsets come.
        var counter = OffsetConverter.ForwardCounter(text: text, unit: unit)
        #expect(boundaries.map { counter.convert($0) } == expected)
        #expect(boundaries.reversed().map { counter.convert($0) } == expected.reversed())
    }

    /// An ASCII text converts every offset to itself, and offsets outside it as counting does: to its ends.
    @Test(arguments: [OffsetUnit.codepoint, .utf16, .utf8])
    func asciiOffsetsStayAsTheyAre(unit: OffsetUnit) {
        let text = "Kallas met Blinken in Brussels on Friday, officials said."
        var counter = OffsetConverter.ForwardCounter(text: text, unit: unit)
        let offsets = Array(0...text.utf8.count)
        #expect(offsets.map { counter.convert($0) } == offsets)
        #expect(offsets.reversed().map { counter.convert($0) } == offsets.reversed())
        if unit != .utf8 {
            #expect(counter.convert(text.utf8.count + 5) == text.utf8.count)
            #expect(counter.convert(-1) == 0)
        }
    }
}


/// `UTF8UnitCounter` counts eight bytes at a time: pinned to its plain definition on every range of a mixed text.
@Suite("UTF-8 unit counter")
struct UTF8UnitCounterTests {
    @Test(arguments: [false, true])
    func everyRangeCountsLikeTheReference(utf16: Bool) {
        let characters = ["a", " ", "é", "—", "北", "😀", "Z", "\u{301}", "ß", "𝐁"]
        var generator = SeededGenerator(seed: 11)
        var text = ""
        for _ in 0..<40 { text += characters[Int(generator.next() % UInt64(characters.count))] }
        let bytes = Array(text.utf8)
        var wrong: [Range<Int>] = []
        for start in 0...bytes.count {
            for end in start...bytes.count where UTF8UnitCounter.units(in: bytes, start..<end, utf16: utf16)
                != UTF8UnitCounter.reference(bytes[start..<end], utf16: utf16) {
                wrong.append(start..<end)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        for start in 0...bytes.count {
            for end in start...bytes.count where UTF8UnitCounter.isASCII(Array(bytes[start..<end]))
                != UTF8UnitCounter.isASCIIReference(bytes[start..<end]) {
                wrong.append(start..<end)
            }
        }
        #expect(wrong.isEmpty, "isASCII: \(wrong.prefix(5))")
        #expect(UTF8UnitCounter.reference(bytes, utf16: utf16) == (utf16 ? text.utf16.count : text.unicodeScalars.count))
    }
}
