import Testing
@testable import Gazette

/// Organisation names as an editor marks them: over "for" and "of", campuses, initials, "&" and possessives.
@Suite("Organisation key-word rule")
struct OrganizationKeywordRuleTests {
    private func organisations(_ text: String) throws -> [String] {
        let document = try Pipeline(stages: try SpanTestPipeline.stages()).annotate(text)
        let context = RuleContext(document: document, words: SpanTestPipeline.words())
        return OrganizationKeywordRule().candidates(in: context).map { document.substring(utf8: document.utf8Range(ofTokens: $0.tokens)) }
    }

    @Test func nameGoesOnOverForAndOf() throws {
        #expect(try organisations("She joined the Lorentz Institute for Marine Biology last year.").contains("Lorentz Institute for Marine Biology"))
        #expect(try organisations("He left the Nordic Institute of Policy Studies.").contains("Nordic Institute of Policy Studies"))
        // Lower-case words after "for" are not part of the name.
        #expect(try organisations("The Lorentz Institute for years led.").contains("Lorentz Institute"))
    }

    @Test func campusAfterAtOrCommaBelongsToTheUniversity() throws {
        #expect(try organisations("Students at the University of Texas at Austin marched.").contains("University of Texas at Austin"))
        #expect(try organisations("Students at the University of Texas, Austin marched.").contains("University of Texas, Austin"))
        // Not a known place: not a campus.
        #expect(try organisations("The University of Texas, Marching Band said.").contains("University of Texas"))
        #expect(try !organisations("The University of Texas, Marching Band said.").contains("University of Texas, Marching Band"))
    }

    @Test func possessiveTiesAKnownPlaceIntoTheName() throws {
        #expect(try organisations("He appeared at Croydon Magistrates' Court on Friday.") == ["Croydon Magistrates' Court"])
        // Without a possessive the known place stays its own entity ("US State Department").
        #expect(try organisations("He appeared at Croydon Crown Court on Friday.") == ["Crown Court"])
    }

    @Test func initialsParticlesAndAmpersandsStandInside() throws {
        #expect(try organisations("Astronomers at the R.J. Hale Observatory agreed.") == ["R.J. Hale Observatory"])
        #expect(try organisations("A grant from the Ben & Lena Ortiz Foundation came.") == ["Ben & Lena Ortiz Foundation"])
        #expect(try organisations("The Anton van Dam Institute opened.") == ["Anton van Dam Institute"])
    }
}
