import Testing
@testable import Gazette

/// The entity model's features: named fixed features in their places, the per-document context, windows.
@Suite("Entity features")
struct EntityFeaturesTests {
    private let features = EntityFeatures()

    private func document(_ text: String) throws -> Document {
        try Pipeline(stages: Array(TestPipeline.shared.stages.prefix(5))).annotate(text)
    }

    @Test func everyFixedFeatureHasItsOwnPlace() {
        let indices = FixedFeature.all.map(\.index)
        #expect(Set(indices).count == indices.count)
        #expect(indices.allSatisfy { $0 >= 0 && $0 < FixedFeature.count })
        #expect(Set(FixedFeature.all.map { features.fixedFeatures[$0.index] }).count == indices.count)
    }

    @Test func fixedFeaturesAreHashedByName() {
        func hash(_ feature: FixedFeature) -> UInt64 { features.fixedFeatures[feature.index] }
        #expect(hash(.bias) == FeatureHash("bias").value)
        #expect(hash(.capitalizedElsewhere) == FeatureHash("capitalized-elsewhere").value)
        #expect(hash(.locationPrefix) == FeatureHash("loc-prefix").value)
        #expect(hash(.commonWord(atSentenceStart: false, covered: true))
            == FeatureHash("common-word").with(FeatureHash.of("inside")).with(FeatureHash.of("candidate")).value)
        // Shape features combine the shape's code × 16 with the kind's code.
        #expect(hash(.byShape(.stopword, TokenForm(shape: .lower, kind: .word))) == FeatureHash("stopword").with(UInt64(2 * 16 + 0)).value)
        #expect(hash(.byShape(.shape, TokenForm(shape: .hasDigit, kind: .number))) == FeatureHash("shape").with(UInt64(4 * 16 + 1)).value)
        #expect(hash(.byClass(.previous1, .sentenceEdge)) == FeatureHash("p1").with(FeatureHash.of("<s>")).value)
        #expect(hash(.byClass(.word, .allCaps)) == FeatureHash("w").with(FeatureHash.of("<allCaps>")).value)
        #expect(hash(.pair(.wordNext, .capitalized, .url))
            == FeatureHash("w-n1").with(FeatureHash.of("<capitalized>")).with(FeatureHash.of("<url>")).value)
    }

    /// A sink that checks each fixed feature against its place.
    private struct CheckingSink: EntityFeatureSink {
        let fixed: [UInt64]
        var all: [UInt64] = []
        var misplaced = 0
        mutating func add(_ feature: UInt64) { all.append(feature) }
        mutating func add(_ feature: UInt64, fixed index: Int) {
            if fixed[index] != feature { misplaced += 1 }
            all.append(feature)
        }
    }

    @Test func tokensGetTheSameFeaturesThroughEitherSink() throws {
        let document = try document("Later Ned Price met officials of the Ministry of External Affairs in China. US won 4-28, 1-0 and 2-2 on 6/12.")
        let context = features.context(for: document)
        var array: [UInt64] = []
        for window in context.windows {
            for token in window {
                var sink = CheckingSink(fixed: features.fixedFeatures)
                features.addFeatures(at: token, in: document, context: context, to: &sink)
                features.features(at: token, in: document, context: context, into: &array)
                #expect(sink.misplaced == 0)
                #expect(sink.all == array)
                #expect(array.first == FeatureHash("bias").value)
            }
        }
    }

    /// A list's source is told by its bytes as `hasPrefix` tells it: after the prefix an ASCII byte, nothing, a
    /// combining mark (no longer the same last character), other scripts; near misses.
    @Test func listSourcesAreToldAsHasPrefixTellsThem() {
        let sources = ["gazetteer:places", "gazetteer:", "gazetteer:\u{301}places", "gazetteer:élan", "gazetteer:東京", "gazetteer",
                       "gazetteers:x", "Gazetteer:places", "rule:acronym", "model", "", "gazetteer\u{301}:places", "ga"]
        for source in sources {
            #expect(EntityFeatures.isListSource(source) == source.hasPrefix("gazetteer:"), "\(source)")
        }
        #expect(EntityFeatures.isListSource("gazetteer:places") && !EntityFeatures.isListSource("rule:acronym"))
    }

    @Test func windowsJoinCapitalisedRunsAcrossConnectors() throws {
        // "and" is a connector too: the comma keeps the two names apart.
        let document = try document("He met the Bank of England, then Ludwig van Beethoven in Zürich today.")
        let context = features.context(for: document)
        let texts = context.windows.map { document.substring(utf8: document.utf8Range(ofTokens: $0)) }
        #expect(texts == ["He", "Bank of England", "Ludwig van Beethoven", "Zürich"])
    }

    @Test func numbersAreClassedByTheirDigitPattern() {
        func pattern(_ text: String) -> UInt64 { EntityFeatures.numberClass(ArraySlice(text.utf8)) }
        #expect(pattern("4-28") == FeatureHash.of("0-0"))
        #expect(pattern("1996") == FeatureHash.of("0"))
        #expect(pattern("3.14") == FeatureHash.of("0.0"))
    }

    @Test func sportsLikeDocumentsAndCapitalsAreNoticed() throws {
        let sports = features.context(for: try document("Essex 4-28 Kent. Surrey 1-0 Sussex. Derby 2-2 Leeds."))
        #expect(sports.isSportsLike)
        let capitals = features.context(for: try document("TALKS IN CHINA ENDED. Talks in China ended."))
        #expect(capitals.allCapsSentence == [true, false])
        #expect(capitals.sentenceStart.enumerated().filter(\.element).map(\.offset) == [0, 5])
    }
}

@Suite("Name particles")
struct NameParticlesTests {
    @Test func oneListServesRulesAndWindows() {
        #expect(WordLists().nameParticles == NameParticles.all)
        #expect(NameParticles.joiningWindows.isSubset(of: NameParticles.all))
        #expect(NameParticles.joiningWindows.isSubset(of: EntityFeatures.connectors))
        #expect(NameVariantLinker().particles == NameParticles.all)
    }
}
