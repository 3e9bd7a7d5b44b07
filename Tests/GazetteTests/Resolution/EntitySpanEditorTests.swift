import Testing
@testable import Gazette

/// Spans as a news editor marks them: titles outside names, names headed by things, planets, products, particles.
@Suite("Entity span editor")
struct EntitySpanEditorTests {
    private typealias Found = (text: String, label: String, title: String?)

    /// The greedy resolver's entities when the only candidates are `spans` (phrases of `text`, with their labels and
    /// sources), with the test word lists.
    private func resolve(_ text: String, _ spans: [(String, EntityLabel, String)]) throws -> [Found] {
        var document = try Pipeline(stages: try SpanTestPipeline.stages()).annotate(text)
        document.candidates = try spans.map { phrase, label, source in
            let tokens = try #require(tokenRange(of: phrase, in: document))
            return Candidate(tokens: tokens, label: label, score: 0.8, source: source, priority: 1)
        }
        let words = SpanTestPipeline.words()
        try EntityResolver(linker: NameVariantLinker(stopwords: words.stopwords), editor: EntitySpanEditor(words: words)).process(&document)
        return document.entities.map { ($0.text, $0.label.rawValue, $0.title) }
    }

    private func tokenRange(of phrase: String, in document: Document) -> Range<Int>? {
        for start in document.tokens.indices {
            for end in (start + 1)...document.tokens.count where document.substring(utf8: document.utf8Range(ofTokens: start..<end)) == phrase {
                return start..<end
            }
        }
        return nil
    }

    private func annotate(_ text: String) throws -> [Found] {
        try SpanTestPipeline.shared.annotate(text).entities.map { ($0.text, $0.label.rawValue, $0.title) }
    }

    @Test func titlesStayOutsideTheNameAndAreKept() throws {
        let found = try resolve("Committee Chair Lena Marsh spoke.", [("Chair Lena Marsh", .person, "model")])
        #expect(found.map(\.text) == ["Lena Marsh"] && found.map(\.title) == ["Chair"])
        // A title before the name, outside it already, is kept too; a multi-word title whole.
        let before = try resolve("Then Secretary of State Tomas Reyes left.", [("Tomas Reyes", .person, "model")])
        #expect(before.map(\.title) == ["Secretary of State"])
        // A title alone is not trimmed to nothing.
        #expect(try resolve("Chair spoke.", [("Chair", .person, "model")]).map(\.text) == ["Chair"])
        // An abbreviated title makes the model's guess a person's name.
        let honorific = try resolve("Lawyers for Mr. Hale left.", [("Hale", .location, "model")])
        #expect(honorific.map(\.label) == ["PERSON"] && honorific.map(\.title) == ["Mr."])
        #expect(try resolve("Lawyers for Mr. Hale left.", [("Hale", .location, "gazetteer:mine")]).map(\.label) == ["LOC"])
        // Other labels carry no title.
        #expect(try resolve("Chair Lena Marsh spoke.", [("Lena Marsh", .organization, "model")]).map(\.title) == [nil])
    }

    @Test func aNameHeadedByAThingIsNotAPerson() throws {
        // The model's person with the head inside, or right after it.
        #expect(try resolve("The Grace Hopper Telescope opened.", [("Grace Hopper Telescope", .person, "model")]).isEmpty)
        #expect(try resolve("The Grace Hopper Space Telescope opened.", [("Grace Hopper", .person, "model")]).isEmpty)
        let foundation = try resolve("The Lena Marsh Foundation gave.", [("Lena Marsh", .person, "model")])
        #expect(foundation.map(\.text) == ["Lena Marsh Foundation"] && foundation.map(\.label) == ["ORG"])
        // A lower-case place word after the name makes the name the place's.
        let airport = try resolve("Flights left Alain de Brune airport late.", [("Alain de Brune", .person, "model")])
        #expect(airport.map(\.text) == ["Alain de Brune"] && airport.map(\.label) == ["LOC"])
        // A lower-case organisation word does not ("the Marsh foundation" may be the family's).
        #expect(try resolve("The Lena Marsh foundation gave.", [("Lena Marsh", .person, "model")]).map(\.label) == ["PERSON"])
        // The model's guess at a thing, of any label, is no entity; a list's name stays.
        #expect(try resolve("The Hopper Telescope opened.", [("Hopper Telescope", .organization, "model")]).isEmpty)
        #expect(try resolve("The Hopper Telescope opened.", [("Hopper Telescope", .organization, "gazetteer:mine")]).map(\.text) == ["Hopper Telescope"])
    }

    @Test func initialsBeforeAHeadJoinTheRulesName() throws {
        let found = try resolve("Astronomers at the R.J. Hale Observatory agreed.",
                                [("Hale Observatory", .person, "model"), ("R.J. Hale Observatory", .organization, "rule:org-keyword")])
        #expect(found.map(\.text) == ["R.J. Hale Observatory"] && found.map(\.label) == ["ORG"])
    }

    @Test func planetsAndProductsAreNotNamesOfPeopleOrCompanies() throws {
        #expect(try resolve("The probe reached Callisto in May.", [("Callisto", .person, "model")]).isEmpty)
        #expect(try resolve("The probe reached Callisto in May.", [("Callisto", .location, "model")]).isEmpty)
        #expect(try resolve("Sales of the iPad fell.", [("iPad", .organization, "model")]).isEmpty)
        #expect(try resolve("Sales of the iPad fell.", [("iPad", .organization, "gazetteer:mine")]).map(\.text) == ["iPad"])
        #expect(try resolve("Sales at eBay fell.", [("Sales", .organization, "model")]).map(\.text) == ["Sales"])
    }

    @Test func aLoneWordInAnOrganisationsPlaceIsNoGuessedPerson() throws {
        // The model's one-word person where a source is quoted or reports: no person says so, so no person.
        #expect(try resolve("According to Gigtrack, prices rose.", [("Gigtrack", .person, "model")]).isEmpty)
        #expect(try resolve("Prices rose 8 percent, according to Gigtrack.", [("Gigtrack", .person, "model")]).isEmpty)
        #expect(try resolve("Prices rose, Tixcount reported.", [("Tixcount", .person, "model")]).isEmpty)
        #expect(try resolve("Tixcount reported a rise in prices.", [("Tixcount", .person, "model")]).isEmpty)
        // Its other labels stay.
        #expect(try resolve("According to Gigtrack, prices rose.", [("Gigtrack", .organization, "model")]).map(\.label) == ["ORG"])
        // A person it is where something says so: a first name, a title, the full name elsewhere, a list.
        #expect(try resolve("According to Lena, prices rose.", [("Lena", .person, "model")]).map(\.label) == ["PERSON"])
        #expect(try resolve("According to Mr. Brill, prices rose.", [("Brill", .person, "model")]).map(\.label) == ["PERSON"])
        let named = try resolve("Ida Brill spoke. Prices rose, Brill reported.", [("Ida Brill", .person, "model"), ("Brill", .person, "model")])
        #expect(named.map(\.label) == ["PERSON", "PERSON"])
        #expect(try resolve("According to Brill, prices rose.", [("Brill", .person, "gazetteer:people")]).map(\.label) == ["PERSON"])
        // Elsewhere the model's guess stands.
        #expect(try resolve("Brill said prices rose.", [("Brill", .person, "model")]).map(\.label) == ["PERSON"])
    }

    @Test func aNameDoesNotEndAtAHyphen() throws {
        #expect(try resolve("President Moon Jae-in met them.", [("Moon Jae-", .person, "model")]).map(\.text) == ["Moon Jae-in"])
        #expect(try resolve("Lena Marsh - the chair - left.", [("Lena Marsh", .person, "model")]).map(\.text) == ["Lena Marsh"])
    }

    @Test func particlesJoinTwoHalvesOfAName() throws {
        let found = try resolve("Later Pieter ten Cate spoke.", [("Pieter", .person, "model"), ("Cate", .person, "model")])
        #expect(found.map(\.text) == ["Pieter ten Cate"])
        // Not across other lower-case words.
        #expect(try resolve("Later Pieter met Cate.", [("Pieter", .person, "model"), ("Cate", .person, "model")]).count == 2)
    }

    @Test func aLinkedOneWordCompanyIsThatCompanyWhereverItStandsAlone() throws {
        let found = try SpanTestPipeline.shared.annotate("Shares of Orchard rose. Orchard moved its offices. Orchard Road was shut.").entities
        #expect(found.map(\.text) == ["Orchard", "Orchard"])
        #expect(found.allSatisfy { $0.label == .organization && $0.id == "gz:org/orchard" })
        #expect(found.last?.source == "variant")
        // Alone at a sentence start it is named where the sentence speaks of a company, not otherwise.
        #expect(try annotate("Orchard unveiled a tablet.").map(\.label) == ["ORG"])
        #expect(try annotate("Orchard trees bloomed early.").isEmpty)
    }

    @Test func rulesWholePipeline() throws {
        // The first-name rule keeps particles inside and makes no person of a thing or a place word's name.
        let particles = try annotate("Later Pieter ten Cate spoke.")
        #expect(particles.map(\.text) == ["Pieter ten Cate"], "\(particles)")
        #expect(try annotate("The Grace Hopper Space Telescope opened.").isEmpty)
        #expect(try annotate("Flights left Alain de Brune airport late.").allSatisfy { $0.label != "PERSON" })
        #expect(try annotate("Astronomers at the R.J. Hale Observatory agreed.").map(\.text) == ["R.J. Hale Observatory"])
    }
}
