import Gazette
@testable import GazetteExport
import Testing

@Suite struct TextOffsetIndexTests {
    @Test func everyUnitMapsToTheSameUTF8Offsets() {
        let text = ExportSamples.text
        let index = TextOffsetIndex(text)
        // Every code point boundary, counted in each unit by decoding the prefix, maps to its UTF-8 offset and back.
        var utf8Offset = 0
        for scalar in text.unicodeScalars.map(Optional.some) + [nil] {
            for unit in OffsetUnit.allCases {
                let counted = ExportSamples.count(utf8Offset, in: text, unit: unit)
                #expect(index.utf8Offset(of: counted, in: unit) == utf8Offset, "\(unit) \(counted)")
                #expect(index.offset(ofUTF8: utf8Offset, in: unit) == counted)
            }
            if let scalar { utf8Offset += UTF8.width(scalar) }
        }
        #expect(index.length(in: .codepoint) == text.unicodeScalars.count)
        #expect(index.length(in: .utf16) == text.utf16.count)
        #expect(index.length(in: .utf8) == text.utf8.count)
    }

    @Test func offsetsInsideACodePointAreRefused() {
        let index = TextOffsetIndex("a😀b北")
        #expect(index.utf8Offset(of: 2, in: .utf16) == nil)  // between the emoji's surrogates
        #expect(index.utf8Offset(of: 3, in: .utf16) == 5)
        #expect(index.utf8Offset(of: 2, in: .utf8) == nil)  // inside the emoji's four bytes
        #expect(index.utf8Offset(of: 7, in: .utf8) == nil)  // inside 北
        #expect(index.utf8Offset(of: 5, in: .codepoint) == nil)  // past the end
        #expect(index.utf8Offset(of: 4, in: .codepoint) == 9)
        #expect(index.utf8Offset(of: -1, in: .codepoint) == nil)
    }
}
