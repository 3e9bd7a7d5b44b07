import Testing
@testable import Gazette

/// Family names written first link their short mentions to the full name.
@Suite("Name variant linker")
struct NameVariantLinkerTests {
    private func people(_ text: String) throws -> [(String, String?)] {
        try SpanTestPipeline.shared.annotate(text).entities.filter { $0.label == .person }.map { ($0.text, $0.name) }
    }

    @Test func familyNameFirstLinks() throws {
        let found = try people("Premier Wu Tingfang spoke on Friday. Wu said talks would go on.")
        #expect(found.map(\.0) == ["Wu Tingfang", "Wu"])
        #expect(found.last?.1 == "Wu Tingfang")
        // The last word still links, as for any name.
        #expect(try people("Premier Wu Tingfang spoke. Tingfang left.").last?.1 == "Wu Tingfang")
    }

    @Test func hungarianOrderEndsWithTheGivenName() throws {
        let found = try people("Premier Kovacs Zoltan spoke on Friday. Kovacs said talks would go on.")
        #expect(found.last?.0 == "Kovacs" && found.last?.1 == "Kovacs Zoltan")
    }

    @Test func otherNamesLinkByTheirLastWord() throws {
        let found = try people("Premier Lena Kovacs spoke on Friday. Lena left, and Kovacs stayed.")
        #expect(found.map(\.0) == ["Lena Kovacs", "Kovacs"])
        #expect(found.last?.1 == "Lena Kovacs")
    }
}
