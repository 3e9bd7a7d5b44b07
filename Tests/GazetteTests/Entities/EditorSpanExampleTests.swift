import Testing
@testable import Gazette

/// The shipped pipeline (lists, rules, model) on sentences of the kinds issue 15 names: spans as a news editor marks
/// them, and capitalised words that are not people.
@Suite("Editor spans, shipped pipeline")
struct EditorSpanExampleTests {
    static let pipeline = Result { try Pipeline.standard() }

    private func entities(_ text: String) throws -> [Entity] {
        try Self.pipeline.get().annotate(text).entities
    }

    private func labelled(_ text: String) throws -> [String] {
        try entities(text).map { "\($0.label.rawValue) \($0.text)" }
    }

    @Test func titlesStayOutsideNames() throws {
        let found = try entities("Committee Chair Maxine Waters questioned the bankers.")
        #expect(found.map(\.text) == ["Maxine Waters"] && found.map(\.title) == ["Chair"])
        #expect(try entities("Lawyers for Mr. Smith declined to comment.").map(\.title) == ["Mr."])
    }

    @Test func particlesStayInsideNames() throws {
        #expect(try labelled("Coach Frank de Boer praised the squad.") == ["PERSON Frank de Boer"])
        #expect(try labelled("Robin van Persie scored twice on Saturday.") == ["PERSON Robin van Persie"])
        // A name with particles before "airport" is the airport's, not a person.
        #expect(try entities("Delays hit Leonardo da Vinci airport in Rome.").allSatisfy { $0.label != .person })
    }

    @Test func organisationNamesAsWritten() throws {
        #expect(try labelled("She worked at the Fraunhofer Institute for Solar Energy Systems in Freiburg.").first
                == "ORG Fraunhofer Institute for Solar Energy Systems")
        #expect(try labelled("She works at the Max Planck Institute for Chemistry in Mainz.").first == "ORG Max Planck Institute for Chemistry")
        #expect(try labelled("He was remanded at Southwark Magistrates' Court on Friday.") == ["ORG Southwark Magistrates' Court"])
        #expect(try labelled("Scientists at the University of California, Los Angeles led the work.") == ["ORG University of California, Los Angeles"])
        #expect(try labelled("Scientists at the University of Texas at Austin led the work.") == ["ORG University of Texas at Austin"])
        #expect(try labelled("Data from the C.W. Gleason Observatory were used.") == ["ORG C.W. Gleason Observatory"])
    }

    @Test func thingsAndPlanetsAreNotPeople() throws {
        #expect(try entities("The Nancy Grace Roman Space Telescope will launch in 2027.").isEmpty)
        #expect(try entities("Engineers tested the Europa Clipper spacecraft.").isEmpty)
        #expect(try entities("The probe passed Saturn last year.").isEmpty)
        #expect(try entities("Sales of the iPad rose.").isEmpty)
    }

    @Test func companiesNamedByOrdinaryWords() throws {
        #expect(try labelled("Tesla and Amazon shares rose sharply.") == ["ORG Tesla", "ORG Amazon"])
        #expect(try labelled("Google and Amazon shares fell on Tuesday.").allSatisfy { $0.hasPrefix("ORG ") })
        #expect(try labelled("Apple shares fell. Apple said demand was weak.") == ["ORG Apple", "ORG Apple"])
    }

    @Test func companiesNamedByOrdinaryWordsAtASentenceStart() throws {
        #expect(try labelled("Apple reported higher quarterly revenue on Tuesday.") == ["ORG Apple"])
        #expect(try labelled("Apple is set to unveil a new iPad next month.") == ["ORG Apple"])
        #expect(try labelled("Shell posted record profits for the year.") == ["ORG Shell"])
        #expect(try labelled("Amazon is expected to announce new warehouse jobs, its chief executive said.").first == "ORG Amazon")
        // The ordinary word at a sentence start is no company.
        #expect(try labelled("Apple pie is best served warm.").isEmpty)
        #expect(try labelled("Apple trees bloomed early this year.").isEmpty)
        #expect(try labelled("Shell collectors walked the beach at dawn.").isEmpty)
        #expect(try labelled("Amazon rainforest fires spread quickly.").allSatisfy { !$0.hasPrefix("ORG ") })
    }

    @Test func tradePublicationsAndDataSourcesAreNotPeople() throws {
        #expect(try labelled("Venuewatch, a trade publication, counted 2 million tickets.") == ["ORG Venuewatch"])
        #expect(try labelled("Ticketing platform Tixcount said demand fell.") == ["ORG Tixcount"])
        #expect(try labelled("Concert tracker Pollstar said the average ticket cost $120.") == ["ORG Pollstar"])
        #expect(try labelled("Figures from Gigtrack show the tour was the year's biggest.") == ["ORG Gigtrack"])
        #expect(try labelled("According to Gigtrack, ticket prices rose 8 percent.").allSatisfy { !$0.hasPrefix("PERSON ") })
        #expect(try labelled("The tour sold out in a day, Tixcount reported.").allSatisfy { !$0.hasPrefix("PERSON ") })
        // People stay people.
        #expect(try labelled("According to Maria Lopez, ticket prices rose.") == ["PERSON Maria Lopez"])
        #expect(try labelled("Maria Lopez spoke first. According to Lopez, prices rose.") == ["PERSON Maria Lopez", "PERSON Lopez"])
    }

    @Test func aLoneSurnameAfterItsFullNameOrAtASentenceStartIsAPerson() throws {
        #expect(try labelled("Zelensky thanked Congress for the aid.").first == "PERSON Zelensky")
    }

    @Test func familyNamesWrittenFirstLink() throws {
        let li = try entities("Premier Li Qiang spoke on Friday. Li said growth would hold.")
        #expect(li.map(\.text) == ["Li Qiang", "Li"] && li.last?.name == "Li Qiang")
        let moon = try entities("President Moon Jae-in met reporters. Moon said talks would resume.")
        #expect(moon.map(\.text) == ["Moon Jae-in", "Moon"] && moon.last?.name == "Moon Jae-in")
    }
}
