import Testing
@testable import Gazette

/// NORP with the shipped lists and model: nationalities, ethnic, religious and political groups, the adjective
/// alone before a noun ("Japanese diplomats"), never a place.
@Suite("NORP")
struct NORPTests {
    static let pipeline = Result { try Pipeline.standard() }

    private func entities(_ text: String) throws -> [String] {
        try Self.pipeline.get().annotate(text).entities.map { "\($0.text) \($0.label)" }
    }

    @Test func nationalitiesBeforeNounsAreNORP() throws {
        #expect(try entities("The Japanese government and Brazilian officials welcomed Kurdish refugees.")
                == ["Japanese NORP", "Brazilian NORP", "Kurdish NORP"])
    }

    @Test func religiousEthnicAndPoliticalGroups() throws {
        #expect(try entities("Sunni and Shia clerics met in Baghdad.") == ["Sunni NORP", "Shia NORP", "Baghdad LOC"])
        #expect(try entities("Palestinians marched in Ramallah on Friday.") == ["Palestinians NORP", "Ramallah LOC"])
        #expect(try entities("The report described the Uyghur minority in the region.") == ["Uyghur NORP"])
        let politics = try entities("Republicans in the Senate blocked the bill, while Democrats objected.")
        #expect(politics.contains("Republicans NORP") && politics.contains("Democrats NORP"), "\(politics)")
    }

    @Test func groupsComeFromTheGroupListAndAreNoPlaces() throws {
        let document = try Self.pipeline.get().annotate("Tibetan monks and Hindu pilgrims reached Kathmandu.")
        #expect(document.entities.map { "\($0.text) \($0.label)" } == ["Tibetan NORP", "Hindu NORP", "Kathmandu LOC"])
        #expect(document.entities.first?.source == "gazetteer:demonyms")
    }
}
