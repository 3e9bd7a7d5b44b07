import Testing
@testable import Gazette

@Suite struct DocumentTests {
    /// Every byte range of a text with ASCII, accents written both ways, a flag and a CR LF: `substring(utf8:)`
    /// gives what slicing the string at those UTF-8 offsets gives (its reference), mid-scalar ends included.
    @Test func substringMatchesSlicingTheString() {
        let text = "Zoë Bla\u{301}zquez 🇺🇸 said\r\nΚαλη\u{300} — ok"
        let document = Document(text: text)
        let utf8 = text.utf8
        var compared = 0
        for lower in 0...utf8.count {
            for upper in lower...utf8.count {
                let start = utf8.index(utf8.startIndex, offsetBy: lower), end = utf8.index(start, offsetBy: upper - lower)
                #expect(document.substring(utf8: lower..<upper) == String(text[start..<end]), "bytes \(lower)..<\(upper)")
                #expect(Array(document.substring(utf8: lower..<upper).utf8) == Array(String(text[start..<end]).utf8))
                compared += 1
            }
        }
        #expect(compared == (utf8.count + 1) * (utf8.count + 2) / 2)
    }
}
