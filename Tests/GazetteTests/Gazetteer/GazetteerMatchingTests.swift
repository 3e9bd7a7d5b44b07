import Testing
@testable import Gazette

@Suite("Gazetteer matching")
struct GazetteerMatchingTests {
    typealias F = GazetteerFixture

    @Test func exactMatchCarriesIdAndLabel() throws {
        let found = try F.candidates("Talks about Xinjiang ended.")
        #expect(found.map(\.text) == ["Xinjiang"])
        #expect(found.first?.id == "Q34800" && found.first?.label == "LOC")
    }

    @Test func longestLeftmostMatchWins() throws {
        #expect(try F.candidates("He flew to New York City today.").map(\.id) == ["geonames:5128581"])
        #expect(try F.candidates("Officials in New York State agreed.").map(\.id) == ["geonames:5128638"])
        #expect(try F.candidates("She grew up in York.").map(\.id) == ["geonames:2633352"])
        // One candidate for the whole name, none for the names inside it.
        #expect(try F.texts("Talks on the Xinjiang Uyghur Autonomous Region stalled.") == ["Xinjiang Uyghur Autonomous Region"])
        #expect(try F.texts("Antony Blinken met Tony Blinken's staff.") == ["Antony Blinken", "Tony Blinken"])
    }

    @Test func diacriticsAndCaseFoldForDistinctiveNames() throws {
        #expect(try F.candidates("Banks in Zurich and ZÜRICH grew.").map(\.id) == ["geonames:2657896", "geonames:2657896"])
        // All in lower case, a distinctive one-word name still matches; in ordinary text a lower-case word starts a
        // name only if the name is listed that way.
        #expect(try F.texts("a report on xinjiang camps") == ["xinjiang"])
        #expect(try F.texts("Reports on xinjiang camps grew.").isEmpty)
        #expect(try F.candidates("Flights to mainland China resumed.").map(\.text) == ["mainland China"])
    }

    @Test func allCapsHeadlinesMatchDistinctiveNamesOnly() throws {
        #expect(try F.texts("XINJIANG TALKS STALL AS CHINA WAITS") == ["XINJIANG", "CHINA"])
        #expect(try F.texts("WHITE HOUSE SAYS NO") == ["WHITE HOUSE"])
        // Common words and common-word acronyms say nothing in capitals.
        #expect(try F.texts("NICE WEATHER RETURNS TO TURKEY").isEmpty)
        #expect(try F.candidates("WHO WANTS THE US TO ACT").map { "\($0.text) \($0.label)" } == [])
        #expect(try F.texts("U.S. TROOPS LEAVE") == ["U.S."])
    }

    @Test func acronymsNeedUpperCase() throws {
        #expect(try F.texts("The WHO and the US agreed.") == ["WHO", "US"])
        #expect(try F.texts("He told us who had left.").isEmpty)
        #expect(try F.texts("Us and Who are words.").isEmpty)
    }

    @Test func namesMadeOfCommonWordsNeedCapitals() throws {
        #expect(try F.texts("A statement from the White House came.") == ["White House"])
        #expect(try F.texts("They painted the white house.").isEmpty)
        #expect(try F.texts("new york pizza is good").isEmpty)
    }

    @Test func commonWordNamesNeedExactCaseAndContext() throws {
        #expect(try F.texts("They met in Nice on Monday.") == ["Nice"])
        #expect(try F.texts("From Nice the train left.") == ["Nice"])
        #expect(try F.texts("It was a nice day.").isEmpty)
        #expect(try F.texts("Nice weather is rare.").isEmpty)  // sentence start, low prior
        #expect(try F.texts("They met at the Nice Group office.").isEmpty)  // part of a longer name
        #expect(try F.texts("Talks with Nice Ltd failed.").isEmpty)
        // A country with a high prior may start a sentence; in capitals it is still a common word.
        #expect(try F.texts("Turkey said it would act.") == ["Turkey"])
        #expect(try F.texts("They ate turkey.").isEmpty)
        // "distinctive" keeps a common-word name matching in capitals, never in lower case.
        #expect(try F.texts("Exports to China rose; china plates did not.") == ["China"])
        // "=Korea": exact case and context, whatever the word list says.
        #expect(try F.texts("Trade with Korea grew.") == ["Korea"])
        #expect(try F.texts("TRADE WITH KOREA GREW").isEmpty)
    }

    /// A company named by an ordinary word, at a sentence start where its capital says nothing: named where the
    /// sentence speaks of a company (its results, its products, what it reported), not where the word is the word.
    @Test func companyContextSupportsAnOrdinaryWordCompanyAtASentenceStart() throws {
        let lists = F.list("""
        name\tlabel\tid\taliases\tprior\tflags
        Orchard\tORG\tgz:org/orchard\t\t0.6\tambiguous
        Orchard\tLOC\tgz:loc/orchard\t\t0.6\tambiguous
        Rivet\tORG\tgz:org/rivet\t\t0.6\tambiguous
        """, "companies")
        let gazetteer = try F.gazetteer([lists])
        func companies(_ text: String) throws -> [String] {
            try F.candidates(text, gazetteer).map { "\($0.label) \($0.text)" }
        }
        #expect(try companies("Orchard reported record revenue on Thursday.") == ["ORG Orchard"])
        #expect(try companies("Orchard is expected to unveil a new eReader.") == ["ORG Orchard"])
        #expect(try companies("Rivet posted higher quarterly profits.") == ["ORG Rivet"])
        #expect(try companies("Rivet's sales doubled last year.") == ["ORG Rivet"])
        #expect(try companies("Rivet, the tool maker, said earnings rose.") == ["ORG Rivet"])
        // The word as a word: another word follows it, or nothing in the sentence speaks of a company.
        #expect(try companies("Orchard trees bloom in spring, growers reported.").isEmpty)
        #expect(try companies("Rivet guns sales rose.").isEmpty)
        #expect(try companies("Orchard is a quiet place.").isEmpty)
        #expect(try companies("Rivet said little.").isEmpty)
        // Capitals say nothing in a title-case headline either; mid-sentence nothing changes.
        #expect(try companies("Orchard Reports Record Revenue").isEmpty)
        #expect(try companies("Shares in Orchard rose.") == ["ORG Orchard", "LOC Orchard"])
    }

    @Test func sharedNamesGiveCandidateSetsNotGuessedIds() throws {
        // Two places called Victoria with close priors: a candidate, but no id.
        let victoria = try F.candidates("They flew to Victoria on Monday.")
        #expect(victoria.count == 1 && victoria.first?.label == "LOC" && victoria.first?.id == nil)
        // Two parties of the same name: no id either.
        let party = try F.candidates("Leaders of the Democratic Party met.")
        #expect(party.count == 1 && party.first?.id == nil)
        // One Paris far more prominent than the other: linked to it.
        #expect(try F.candidates("She lives in Paris now.").map(\.id) == ["geonames:2988507"])
        // New York the city leads New York the state by more than the margin.
        #expect(try F.candidates("He moved to New York last year.").map(\.id) == ["geonames:5128581"])
        // A place and an organisation of the same name: one candidate per label, each linked.
        let washington = try F.candidates("Officials in Washington said so.")
        #expect(washington.map(\.label).sorted() == ["LOC", "ORG"])
        #expect(washington.allSatisfy { $0.id != nil })
    }

    @Test func groupsAreNotPlaces() throws {
        let found = try F.candidates("Chinese officials met Uyghur activists.")
        #expect(found.map(\.text) == ["Chinese", "Uyghur"])
        #expect(found.allSatisfy { $0.label == "NORP" })
    }

    @Test func lookupOnlyFormsAreNeverMatched() throws {
        #expect(try F.texts("The old Sinkiang Province maps.").isEmpty)
        let hits = try F.shared.lookup("sinkiang province", segmenter: F.segmenter)
        #expect(hits.map(\.entry.id) == ["Q34800"])
        #expect(hits.first?.policy == "lookup only")
    }

    @Test func lookupDescribesEntries() throws {
        let hits = try F.shared.lookup("XINJIANG", segmenter: F.segmenter)
        let entry = try #require(hits.first?.entry)
        #expect(hits.count == 1)
        #expect(entry.name == "Xinjiang" && entry.label == .location && entry.kind == "admin1" && entry.country == "CN")
        #expect(entry.source == "gazetteer:places" && entry.aliases == ["Xinjiang Uyghur Autonomous Region", "Sinkiang Province"])
        #expect(try F.shared.lookup("Nowhere Land", segmenter: F.segmenter).isEmpty)
        #expect(F.shared.entries(withID: "Q60").map(\.name) == ["New York City"])
    }

    @Test func extensionRowsMergeIntoTheirEntryById() throws {
        let hits = try F.shared.lookup("Big Apple", segmenter: F.segmenter)
        let entry = try #require(hits.first?.entry)
        #expect(entry.id == "geonames:5128581" && entry.source == "gazetteer:places" && entry.xrefs == ["Q60"])
        #expect(try F.candidates("Back in the Big Apple again.").map(\.id) == ["geonames:5128581"])
        // No second entry was made for the extension row.
        #expect(F.shared.entries.filter { $0.name == "New York City" }.count == 1)
    }

    @Test func statisticsCountEntriesAndForms() throws {
        let statistics = F.shared.statistics
        #expect(F.shared.entryCount == 23)
        #expect(statistics.byLabel["LOC"] == 15 && statistics.byLabel["NORP"] == 2)
        #expect(statistics.bySource["gazetteer:places"] == 15)
        #expect(F.shared.lookupOnlyCount == 1)
    }
}
