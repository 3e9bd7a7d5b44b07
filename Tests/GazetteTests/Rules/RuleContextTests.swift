import Testing
@testable import Gazette

/// What `RuleContext` reads once per document for the rules: starts, one-byte keys, title look-ups by hash.
@Suite("Rule context")
struct RuleContextTests {
    private func context(_ text: String, words: WordLists = TestPipeline.words()) throws -> RuleContext {
        let pipeline = try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(4)))
        return RuleContext(document: try pipeline.annotate(text), words: words)
    }

    @Test func oneByteKeysAreFoundFromTheirHashes() throws {
        let context = try context("Al-Assad (AA) met O'Brien, then left.")
        for i in context.keys.indices {
            let key = context.keys[i]
            let expected: UInt8 = key.utf8.count == 1 && key.utf8.first! < 0x80 ? key.utf8.first! : 0
            #expect(context.singleByte(i) == expected, "token \(i) '\(key)'")
        }
    }

    @Test func oneByteHashesAreTheKeysHashes() {
        #expect(RuleContext.openParenthesisHash == FeatureHash.of("("))
        #expect(RuleContext.hyphenHash == FeatureHash.of("-"))
        #expect(RuleContext.commaHash == FeatureHash.of(","))
    }

    @Test func keysAreComparedWithWordsByHashFirst() throws {
        let context = try context("The firm, from Oslo, said THE data came from them.")
        for word in ["the", "from", ",", "them", "fro"] {
            let hashed = HashedKey(word)
            for i in context.keys.indices {
                #expect(context.key(i, is: hashed) == (context.keys[i] == word), "token \(i) '\(context.keys[i])' against '\(word)'")
            }
        }
    }

    @Test func startsAreFoundPastWholeWordsOfTokens() throws {
        // The given name lies beyond the first eight tokens, and again after another long stretch.
        let text = "after the long and slow talks in the cold hall Ned Price spoke and then the others in the room left before Kaja Kallas did"
        let context = try context(text)
        var found: [String] = []
        var i = context.next(.firstName, from: 0, before: context.tokens.count)
        while i < context.tokens.count {
            found.append(context.keys[i])
            i = context.next(.firstName, from: i + 1, before: context.tokens.count)
        }
        #expect(found == ["ned", "kaja"])
        #expect(context.next(.firstName, from: 0, before: 3) == 3)
    }

    @Test func nameRunsCrossInnerHyphensOnly() throws {
        let context = try context("Later Bashar Al-Assad spoke. Later Bashar - Assad spoke.")
        #expect(context.nameRun(from: 1, limit: 5) == 4)  // Bashar Al - Assad
        let second = try #require(context.keys.indices.last { context.keys[$0] == "bashar" })
        #expect(context.nameRun(from: second, limit: context.tokens.count) == 1)
    }

    @Test func titleIndexAnswersAsTheMatcher() throws {
        var words = WordLists()
        for title in [["secretary", "of", "state"], ["secretary"], ["prime", "minister"], ["state", "department", "spokesperson"]] {
            words.addTitle(title)
        }
        #expect(words.titleIndexIsCurrent)
        let keys = ["the", "secretary", "of", "state", "and", "prime", "minister", "secretary", "of", "defence", "prime"]
        let hashes = keys.map(FeatureHash.of)
        for start in keys.indices {
            for limit in start...keys.count {
                #expect(words.titleIndex.longestMatch(keys: keys, hashes: hashes, from: start, limit: limit)
                        == words.titles.longestMatch(in: keys, from: start, limit: limit)?.length)
            }
        }
    }

    @Test func titlesSetDirectlyAreStillUsed() throws {
        var words = TestPipeline.words()
        var titles = PhraseMatcher<Bool>()
        titles.insert(["chief", "whip"], true)
        words.titles = titles
        #expect(!words.titleIndexIsCurrent)
        let context = try context("Chief Whip Ned Price spoke.", words: words)
        #expect(context.titleLength(from: 0, limit: context.tokens.count) == 2)
    }
}

@Suite("Rule context edges")
struct RuleContextEdgeTests {
    @Test func documentsWithoutTokensGetNoCandidates() throws {
        for text in ["", "   \n\n  "] {
            let document = try TestPipeline.shared.annotate(text)
            #expect(document.entities.isEmpty)
            let context = RuleContext(document: document, words: TestPipeline.words())
            #expect(context.next(.nameWord, from: 0, before: 0) == 0)
            for rule in RuleTagger.standardRules { #expect(rule.candidates(in: context).isEmpty) }
        }
    }
}
