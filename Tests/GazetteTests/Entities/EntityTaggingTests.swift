import Testing
@testable import Gazette

@Suite("Entity tagging")
struct EntityTaggingTests {
    let pipeline = TestPipeline.shared

    private func entities(_ text: String) throws -> [(String, String, String?, String)] {
        try pipeline.annotate(text).entities.map { ($0.text, $0.label.rawValue, $0.name, $0.source) }
    }

    @Test func gazetteerMatchesLongestAndKeepsLinks() throws {
        let document = try pipeline.annotate("The State Department said the People's Republic of China must act.")
        #expect(document.entities.map(\.text) == ["State Department", "People's Republic of China"])
        #expect(document.entities.map(\.id) == ["gz:org/united-states-department-of-state", "gz:loc/china"])
        #expect(document.entities.map(\.name) == ["United States Department of State", "China"])
    }

    @Test func acronymAliasesNeedUpperCase() throws {
        #expect(try entities("The US and U.S. officials").map(\.0) == ["US", "U.S."])
        #expect(try entities("He told us nothing.").isEmpty)
    }

    @Test func matchesFoldDiacriticsAndQuotes() throws {
        let document = try pipeline.annotate("Talks in Zurich, then Istanbul and the People’s Republic of China.")
        #expect(document.entities.map(\.name) == ["Zürich", "İstanbul", "China"])
    }

    @Test func titleBeforeNameFindsPeople() throws {
        let found = try entities("Secretary of State Antony Blinken met survivors. Army Chief Asim Munir spoke.")
        #expect(found.map(\.0) == ["Antony Blinken", "Asim Munir"])
        #expect(found.allSatisfy { $0.1 == "PERSON" })
    }

    @Test func firstNameRuleFindsPeople() throws {
        let found = try entities("The remarks came from Ned Price on Monday.")
        #expect(found.map(\.0) == ["Ned Price"])
        #expect(found.first?.3 == "rule:first-name")
    }

    @Test func organisationKeywordsLeaveOutLeadingPlaces() throws {
        let found = try entities("A report by Asian Lite News cited the US State Department and the Ministry of External Affairs.")
        #expect(found.map(\.0) == ["Asian Lite News", "US", "State Department", "Ministry of External Affairs"])
        #expect(found.map(\.1) == ["ORG", "LOC", "ORG", "ORG"])
    }

    @Test func surnamesLinkToTheFullNameAnywhereInTheDocument() throws {
        let document = try pipeline.annotate("Blinken meets survivors\n\nSecretary of State Antony Blinken met them. Later Blinken left. Mr. Abbas and Mahmoud Abbas agreed.")
        let blinkens = document.entities.filter { $0.text.hasSuffix("Blinken") }
        #expect(blinkens.count == 3)
        #expect(blinkens.allSatisfy { $0.label == .person })
        // The full name is not in the test gazetteer: it stays unlinked, and its variants point to it by name.
        #expect(blinkens.map(\.name) == ["Antony Blinken", nil, "Antony Blinken"])
        #expect(blinkens.map(\.source) == ["variant", "rule:title-before-name", "variant"])
        let abbas = document.entities.filter { $0.text.hasSuffix("Abbas") }
        #expect(abbas.map(\.id) == ["gz:person/mahmoud-abbas", "gz:person/mahmoud-abbas"])
    }

    @Test func sharedSurnamesAreNotLinked() throws {
        let document = try pipeline.annotate("Ned Price and Kaja Price spoke. Price left.")
        let last = try #require(document.entities.last)
        #expect(last.text == "Price" && last.label == .person && last.id == nil && last.name == nil)
    }

    @Test func acronymsDefinedInTextCarryTheirType() throws {
        let document = try pipeline.annotate("The People's Republic of China (PRC) objected. Later the PRC relented. A Trafficking in Persons (TIP) report came out.")
        #expect(document.entities.map(\.text) == ["People's Republic of China", "PRC", "PRC"])
        #expect(document.entities.allSatisfy { $0.label == .location })
    }

    @Test func ambiguousNamesNeedContext() throws {
        #expect(try entities("Jordan scored twice.").isEmpty)
        #expect(try entities("Talks were held in Jordan on Monday.").map(\.0) == ["Jordan"])
    }

    @Test func everyEntityHasSourceScoreAndSentence() throws {
        let document = try pipeline.annotate("He left. Secretary of State Antony Blinken spoke in China.")
        #expect(!document.entities.isEmpty)
        for entity in document.entities {
            #expect(entity.score > 0 && entity.score <= 1)
            #expect(!entity.source.isEmpty)
            #expect(entity.sentence == 1)
            #expect(String(document.text[entity.range]) == entity.text)
        }
    }
}
