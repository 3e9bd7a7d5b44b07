import Testing
@testable import Gazette

/// The shipped topic model on sentences of the kinds a new user tries first (an election called, a central bank's
/// rates, a vaccine trial, a vote, a leader's visit), in the project's own words: the top topic must be right.
/// (Not every phrasing works: README, Topics, lists some that still go wrong.)
@Suite("Shipped topic model")
struct ShippedTopicModelTests {
    static let pipeline = Result { try Pipeline.standard() }

    private func top(_ text: String) throws -> String? {
        try Self.pipeline.get().annotate(text).topics.first?.label
    }

    private func expectTop(_ texts: [String], in labels: Set<String>) throws {
        for text in texts {
            let label = try top(text)
            #expect(label.map(labels.contains) == true, "\(text) → \(label ?? "none"), expected one of \(labels.sorted())")
        }
    }

    @Test func electionsCalled() throws {
        try expectTop([
            "Starmer calls a snap general election",
            "The prime minister called an early general election for October",
            "Labour leader demands an early general election",
            "Prime minister calls general election for July",
        ], in: ["politics"])
    }

    @Test func centralBanksAndRates() throws {
        try expectTop([
            "ECB holds rates",
            "Bank of England keeps interest rates on hold",
            "The Federal Reserve cut its benchmark rate by a quarter point",
        ], in: ["business"])
    }

    @Test func vaccineTrials() throws {
        try expectTop([
            "Malaria vaccine trial shows promise",
            "Tuberculosis vaccine enters final trial",
            "A dengue vaccine trial in Brazil cut infections by two thirds",
        ], in: ["health", "science-technology"])
    }

    @Test func votes() throws {
        try expectTop([
            "Voters in Ohio went to the polls on Tuesday",
            "Voters in Georgia cast ballots on Tuesday in the Senate runoff",
            "Pennsylvanians voted on Tuesday in a special election",
            "Millions of voters went to the polls on Tuesday",
        ], in: ["politics"])
    }

    @Test func leadersVisits() throws {
        try expectTop([
            "Emmanuel Macron visited Berlin",
            "Narendra Modi visited Moscow",
            "The German chancellor visited Warsaw",
            "Xi Jinping visited Paris",
        ], in: ["politics", "world"])
    }
}
