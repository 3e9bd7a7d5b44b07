import Testing
@testable import Gazette

/// Companies named by ordinary words, where the words after them say they are companies; organisations that the
/// words around them describe as such.
@Suite("Company context rule")
struct CompanyContextRuleTests {
    private func companies(_ text: String) throws -> [String] {
        let document = try Pipeline(stages: try SpanTestPipeline.stages()).annotate(text)
        let context = RuleContext(document: document, words: SpanTestPipeline.words())
        return CompanyContextRule().candidates(in: context).map { document.substring(utf8: document.utf8Range(ofTokens: $0.tokens)) }
    }

    @Test func namesBeforeMarketWordsAreCompanies() throws {
        #expect(try companies("Orchard shares rose on Friday.") == ["Orchard"])
        #expect(try companies("Rivet and Orchard shares fell.") == ["Orchard", "Rivet"])
        #expect(try companies("Ford, Rivet and Orchard stock slid.") == ["Orchard", "Rivet", "Ford"])
        #expect(try companies("Orchard's profit doubled, its CEO said. Orchard CEO Lena Marsh left.") == ["Orchard", "Orchard"])
    }

    @Test func peopleAndMarketsAreLeftAlone() throws {
        // A person's holding, and a place's market.
        #expect(try companies("Marsh's shares were sold.").isEmpty)
        #expect(try companies("Austin shares fell.").isEmpty)
        #expect(try companies("Orchard sold shares.").isEmpty)
    }

    @Test func aNameAfterAnOrganisationNounIsThatOrganisation() throws {
        #expect(try companies("Concert tracker Gigtrack said prices rose.") == ["Gigtrack"])
        #expect(try companies("Prices fell, said research firm Tallyhouse.") == ["Tallyhouse"])
        #expect(try companies("Cable giant Velora on Friday bought Rivet.") == ["Velora"])
        #expect(try companies("Shares of carmaker Velora Motors slid.") == ["Velora Motors"])
        #expect(try companies("The trade publication Stagecount listed the dates.") == ["Stagecount"])
        // Not a person's or a place's name, and not a title's word ("company chairman").
        #expect(try companies("The firm Lena founded grew.").isEmpty)
        #expect(try companies("Our company Austin office closed.").isEmpty)
        #expect(try companies("The company chairman Brill resigned.").isEmpty)
        // The noun as a verb, a single letter, a name cut short.
        #expect(try companies("Donors agreed to fund Tixcount research.").isEmpty)
        #expect(try companies("Shares sold by company N / A.").isEmpty)
        #expect(try companies("Rival firm Velora Source Research Labs Group said so.").isEmpty)
        #expect(try companies("Record label Stomp-Up Records signed them.") == ["Stomp-Up Records"])
        #expect(try companies("Data from the Office for Tour Statistics show it.").isEmpty)
    }

    @Test func anAppositiveThatCallsANameAnOrganisationMakesItOne() throws {
        #expect(try companies("Stagecount, a trade publication, counted the tickets.") == ["Stagecount"])
        #expect(try companies("The tour grossed $40 million, according to Venuewatch, an industry newsletter.") == ["Venuewatch"])
        #expect(try companies("Streamwise, a music analytics company based in Leiden, tracks plays.") == ["Streamwise"])
        // The comma may follow a name of four words, the longest the rule takes; after five words, or with no
        // room for an article and a noun, there is no appositive.
        #expect(try companies("Harbour Stage Count Labs, a research firm, said so.") == ["Harbour Stage Count Labs"])
        #expect(try companies("Harbour Stage Count Labs Group, a research firm, said so.").isEmpty)
        #expect(try companies("They thanked Stagecount, a firm") == ["Stagecount"])
        #expect(try companies("They thanked Stagecount, a.").isEmpty)
        // The appositive starts at the comma right after the name, with its article: not at a later comma.
        #expect(try companies("Stagecount, Velora, a trade publication, counted.") == ["Velora"])
        #expect(try companies("Stagecount, which is a trade publication, counted.").isEmpty)
        // The appositive's head is a person's role, or it goes on to another name.
        #expect(try companies("Brill, a company director, resigned.").isEmpty)
        #expect(try companies("Brill, the firm's founder, resigned.").isEmpty)
        #expect(try companies("Brill, a company Marsh founded, grew.").isEmpty)
    }

    @Test func dataFromANameComesFromAnOrganisation() throws {
        #expect(try companies("Figures from Tixcount show prices rose.") == ["Tixcount"])
        #expect(try companies("Prices rose, data from Gigtrack suggest.") == ["Gigtrack"])
        #expect(try companies("Estimates from the Harbour Research Group put sales at $2 billion.") == ["Harbour Research Group"])
        // A place sends data too, and a person is no data source's name here.
        #expect(try companies("Data from Austin show prices rose.").isEmpty)
        #expect(try companies("Figures from Lena Marsh show prices rose.").isEmpty)
        #expect(try companies("Visitors from Tixcount arrived.").isEmpty)
    }
}
