import Testing
@testable import Gazette

/// Each rule alone, on sentences written for these tests: what it must find and what it must leave alone.
@Suite("Rules")
struct RuleTests {
    private func candidates(_ rule: any EntityRule, _ text: String) throws -> [String] {
        let pipeline = try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(4)))
        let document = try pipeline.annotate(text)
        let context = RuleContext(document: document, words: TestPipeline.words())
        return rule.candidates(in: context).map { "\($0.label) \(document.substring(utf8: document.utf8Range(ofTokens: $0.tokens)))" }
    }

    @Test func titleBeforeName() throws {
        #expect(try candidates(TitleBeforeNameRule(), "Secretary of State Antony Blinken arrived.") == ["PERSON Antony Blinken"])
        #expect(try candidates(TitleBeforeNameRule(), "The spokesperson Ned Price said it. Mr. Abbas agreed.") == ["PERSON Ned Price", "PERSON Abbas"])
        #expect(try candidates(TitleBeforeNameRule(), "The President said nothing.").isEmpty)
        // A known place after a title is not a person.
        #expect(try candidates(TitleBeforeNameRule(), "The President China met").isEmpty)
    }

    @Test func titleCaseHeadlinesNeedAFirstName() throws {
        #expect(try candidates(TitleBeforeNameRule(), "President Calls Record Talks With Reliable Partner").isEmpty)
    }

    @Test func firstName() throws {
        #expect(try candidates(FirstNameRule(), "Later Ned Price spoke.") == ["PERSON Ned Price"])
        #expect(try candidates(FirstNameRule(), "Ned spoke.").isEmpty)
    }

    /// Initials are short capitalised words whose key is their letters without periods.
    @Test func onlyShortCapitalisedWordsMayBeInitials() {
        let kinds: [TokenKind] = [.word, .number, .punctuation, .symbol, .emoji, .url, .email, .other]
        let shapes: [TokenShape] = [.capitalized, .allCaps, .lower, .mixed, .hasDigit, .uncased]
        var wrong: [String] = []
        for kind in kinds {
            for shape in shapes {
                for length in 0...8 {
                    let token = Token(start: 100, end: 100 + length, kind: kind, shape: shape)
                    let key = String(repeating: "j", count: length / 2)
                    let expected = kind == .word && (shape == .capitalized || shape == .allCaps) && (length == 2 || length == 4)
                    if RuleStarts.isInitial(token, key: key) != expected { wrong.append("\(kind) \(shape) \(length)") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(!RuleStarts.isInitial(Token(start: 0, end: 2, kind: .word, shape: .capitalized), key: "j."))
    }

    /// The starts a token's word lists give, where its kind and shape allow them.
    @Test func startsFollowFlagsKindAndShape() {
        let word = Token(start: 0, end: 5, kind: .word, shape: .capitalized)
        let lower = Token(start: 0, end: 5, kind: .word, shape: .lower)
        #expect(RuleStarts(word, flags: []) == [.nameWord])
        #expect(RuleStarts(word, flags: [.stopword]) == [])
        #expect(RuleStarts(word, flags: [.firstName]) == [.nameWord, .firstName])
        #expect(RuleStarts(lower, flags: [.firstName, .organizationSuffix]) == [])
        #expect(RuleStarts(word, flags: [.locationPrefix, .titleStart]) == [.nameWord, .keyword, .titleStart])
        #expect(RuleStarts(lower, flags: [.compassDirection]) == [.locative])
        #expect(RuleStarts(word, flags: [.locativePreposition]) == [.nameWord])
        #expect(RuleStarts(lower, flags: [.resultVerb]) == [.scoreOrResult])
        #expect(RuleStarts(Token(start: 0, end: 2, kind: .number, shape: .hasDigit), flags: []) == [.scoreOrResult])
        #expect(RuleStarts(Token(start: 0, end: 4, kind: .word, shape: .allCaps), flags: [.firstName]) == [.nameWord])
    }

    @Test func initials() throws {
        #expect(try candidates(InitialsRule(), "Scorers: J. R. Smith 12, A. Dale 9.") == ["PERSON J. R. Smith", "PERSON A. Dale"])
        // An initialism the gazetteer knows is a place, not initials.
        #expect(try candidates(InitialsRule(), "The U.S. Open began.").isEmpty)
        #expect(try candidates(InitialsRule(), "Plan B. was dropped.").isEmpty)
    }

    @Test func organisationKeywords() throws {
        #expect(try candidates(OrganizationKeywordRule(), "Reports from Asian Lite News and the Ministry of External Affairs.")
            == ["ORG Asian Lite News", "ORG Ministry of External Affairs"])
        #expect(try candidates(OrganizationKeywordRule(), "The US State Department spoke.") == ["ORG State Department"])
        #expect(try candidates(OrganizationKeywordRule(), "The news was good.").isEmpty)
    }

    @Test func locationKeywords() throws {
        let found = try candidates(LocationKeywordRule(), "Floods hit Sichuan Province near the Min River and Mount Emei.")
        #expect(found == ["LOC Sichuan Province", "LOC Min River", "LOC Mount Emei"])
    }

    @Test func acronymsDefinedInText() throws {
        let found = try candidates(AcronymRule(), "The Water Resources Department (WRD) met. The WRD voted.")
        #expect(found == ["ORG Water Resources Department", "ORG WRD", "ORG WRD"])
        #expect(try candidates(AcronymRule(), "A Trafficking in Persons (TIP) report.").isEmpty)
    }

    @Test func locativeContext() throws {
        #expect(try candidates(LocativeContextRule(), "Fighting spread near Kherson and in northern Tigray.") == ["LOC Kherson", "LOC Tigray"])
        #expect(try candidates(LocativeContextRule(), "A Kabul-based group spoke.") == ["LOC Kabul"])
        // Known places are the gazetteer's; people after "from" are not places.
        #expect(try candidates(LocativeContextRule(), "Talks in China, and a call from Ned Price.").isEmpty)
        #expect(try candidates(LocativeContextRule(), "In March they left.").isEmpty)
    }

    @Test func datelines() throws {
        #expect(try candidates(DatelineRule(), "AL-AIN , United Arab Emirates 1996-12-06\nTalks began.") == ["LOC AL-AIN"])
        #expect(try candidates(DatelineRule(), "MOSCOW 1996-08-30\nTalks began.") == ["LOC MOSCOW"])
        #expect(try candidates(DatelineRule(), "WASHINGTON (Reuters) - Talks began.") == ["LOC WASHINGTON"])
        #expect(try candidates(DatelineRule(), "SOCCER - RESULTS OF THE DAY\nTalks began.").isEmpty)
    }

    @Test func sportsResults() throws {
        #expect(try candidates(SportsResultRule(), "Leicestershire 22 Somerset 4") == ["ORG Leicestershire", "ORG Somerset"])
        #expect(try candidates(SportsResultRule(), "Scores 2-1 and 3-0 today. Bradford beat Wigan again.") == ["ORG Bradford", "ORG Wigan"])
        #expect(try candidates(SportsResultRule(), "Voters in Ohio beat expectations.").isEmpty)
        #expect(try candidates(SportsResultRule(), "Ned Price 3 Kaja Kallas 2").isEmpty)
    }

    @Test func titleCaseDetection() throws {
        let pipeline = try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(3)))
        let document = try pipeline.annotate("Kallas Calls India a Reliable Partner\nEssex, Derbyshire and Surrey closed in.\nTalks under fire in China.")
        #expect(document.titleCaseSentences == [true, false, false])
    }
}

@Suite("Name variants")
struct NameVariantTests {
    @Test func aRelativeWithTheSameSurnameIsTaggedWholeAndUnlinked() throws {
        let document = try TestPipeline.shared.annotate("Secretary of State Antony Blinken spoke. His sister Naina Blinken arrived.")
        #expect(document.entities.map(\.text) == ["Antony Blinken", "Naina Blinken"])
        #expect(document.entities.last?.name == nil && document.entities.last?.source == "variant")
    }

    @Test func stopWordsDoNotJoinTheVariant() throws {
        let document = try TestPipeline.shared.annotate("Secretary of State Antony Blinken spoke. The Blinken plan failed.")
        #expect(document.entities.map(\.text) == ["Antony Blinken", "Blinken"])
    }
}
