import Testing
@testable import Gazette

/// The C shim feeds ICU UTF-16 and maps its boundaries back to UTF-8, and classifies ASCII from a table: these
/// tests pin what both must agree with.
@Suite("ICU breaker")
struct ICUBreakerTests {
    private func segment(_ text: String) throws -> (tokens: [String], kinds: [TokenKind], sentences: [String]) {
        let bytes = Array(text.utf8)
        let (tokens, boundaries) = try ICUBreaker.segments(of: bytes, sentenceLocale: "en@ss=standard")
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var sentences: [String] = []
        var start = 0
        for end in boundaries {
            sentences.append(slice(start..<end))
            start = end
        }
        return (tokens.map { slice($0.utf8Range) }, tokens.map(\.kind), sentences)
    }

    @Test func boundariesAfterMultiByteCharactersMapBackToUTF8() throws {
        // One-, two-, three- and four-byte characters (a surrogate pair in UTF-16) before every word.
        let piece = "The é 北 😀 Zürich 𝐁𝐨𝐥𝐝 e\u{301}tude. "
        let result = try segment(String(repeating: piece, count: 40))
        let expected = ["The", "é", "北", "😀", "Zürich", "𝐁𝐨𝐥𝐝", "e\u{301}tude", "."]
        #expect(result.tokens == Array([[String]](repeating: expected, count: 40).joined()))
        #expect(result.sentences.count == 40)
        #expect(result.sentences.allSatisfy { $0 == piece })
    }

    @Test func asciiPunctuationAndSymbolsKeepTheirUnicodeCategories() throws {
        // "@" is left out: ICU's word rules give it a letter status (kind word), before any table is consulted.
        let punctuation = #"! " # % & ' ( ) * , - . / : ; ? [ \ ] _ { }"#
        let symbols = "$ + < = > ^ ` | ~"
        let result = try segment(punctuation + " " + symbols)
        #expect(result.tokens == (punctuation + " " + symbols).split(separator: " ").map(String.init))
        let punctuationCount = punctuation.split(separator: " ").count
        #expect(result.kinds.prefix(punctuationCount).allSatisfy { $0 == .punctuation })
        #expect(result.kinds.dropFirst(punctuationCount).allSatisfy { $0 == .symbol })
    }

    @Test func asciiShapesMatchTheUnicodePath() {
        func shape(_ text: String) -> TokenShape {
            ICUBreaker.shape(of: Array(text.utf8)[...])
        }
        // Each ASCII word next to the same word spelled with a non-ASCII letter of the same case.
        let pairs: [(String, String, TokenShape)] = [
            ("Blinken", "Blinkén", .capitalized), ("NATO", "NATÖ", .allCaps), ("news", "néws", .lower),
            ("McCarthy", "McCarthé", .mixed), ("COVID19", "CÖVID19", .hasDigit), ("A", "Ä", .capitalized), ("-", "—", .uncased),
        ]
        for (ascii, unicode, expected) in pairs {
            #expect(shape(ascii) == expected, "\(ascii)")
            #expect(shape(unicode) == expected, "\(unicode)")
        }
    }
}
