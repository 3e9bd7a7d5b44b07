import Testing
@testable import Gazette

@Suite("Table files")
struct TableFileTests {
    @Test func linesSkipCommentsAndBlanksAndTrimSpaces() {
        let text = "# a comment\n\n  Zürich \t\r\nSão Paulo\r\n   \n\t# indented comment\nlast line without newline"
        #expect(TableFile.lines(text) == ["Zürich", "São Paulo", "last line without newline"])
    }

    @Test func linesKeepInnerSpacesAndNonLatinText() {
        let text = "Secretary of State\n北京\n👍🏽 ok\nİstanbul\ne\u{301}clair\n"
        #expect(TableFile.lines(text) == ["Secretary of State", "北京", "👍🏽 ok", "İstanbul", "e\u{301}clair"])
    }

    @Test func linesOfEmptyOrBlankTextAreNone() {
        #expect(TableFile.lines("").isEmpty)
        #expect(TableFile.lines("\n\r\n \t\n").isEmpty)
        #expect(TableFile.lines("#only\n#comments").isEmpty)
    }

    @Test func eachLinesBytesAreTheLinesOfTheText() {
        for text in ["# a comment\n\n  Zürich \t\r\nSão Paulo\r\n   \n\t# indented\nlast", "北京\n👍🏽 ok\r\nİstanbul\ne\u{301}clair\n", "", "\n \n#x"] {
            var seen: [String] = []
            TableFile.forEachLine(text) { seen.append(String(decoding: $0, as: UTF8.self)) }
            #expect(seen == TableFile.lines(text).map(String.init))
        }
    }

    @Test func linesAreSlicesOfTheText() {
        let text = "alpha\n beta \n"
        let lines = TableFile.lines(text)
        #expect(lines.map { String(text[$0.startIndex..<$0.endIndex]) } == ["alpha", "beta"])
    }

    @Test func rowsNameTheirColumnsAndRejectExtraFields() throws {
        let rows = try TableFile.rows("word\tposition\n# c\nRiver\tsuffix\r\nMount\tprefix\n", file: "t.tsv", required: ["word"])
        #expect(rows.map { $0["word"] } == ["River", "Mount"])
        #expect(rows.map { $0["position"] } == ["suffix", "prefix"])
        #expect(throws: GazetteError.self) {
            try TableFile.rows("word\nA\tB\n", file: "t.tsv", required: ["word"])
        }
        #expect(throws: GazetteError.self) {
            try TableFile.rows("name\nA\n", file: "t.tsv", required: ["word"])
        }
    }
}
