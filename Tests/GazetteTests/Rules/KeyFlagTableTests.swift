import Testing
@testable import Gazette

@Suite("Word list flags")
struct KeyFlagTableTests {
    @Test func flagsOfListedKeysOnly() {
        let table = KeyFlagTable(["the": [.stopword], "ned": [.firstName], "river": [.locationSuffix, .commonWord]])
        #expect(table.flags(of: "the", hash: FeatureHash.of("the")) == [.stopword])
        #expect(table.flags(of: "river", hash: FeatureHash.of("river")) == [.locationSuffix, .commonWord])
        #expect(table.flags(of: "price", hash: FeatureHash.of("price")) == [])
        // A key is compared, not only its hash.
        #expect(table.flags(of: "thee", hash: FeatureHash.of("the")) == [])
    }

    @Test func aKeyInSeveralListsGetsAllTheirFlags() {
        let table = KeyFlagTable(lists: [
            (keys: ["may", "the"], flag: .stopword),
            (keys: ["may", "ned"], flag: .firstName),
            (keys: ["may"], flag: .commonWord),
            (keys: ["ignored"], flag: []),
        ])
        #expect(table.flags(of: "may", hash: FeatureHash.of("may")) == [.stopword, .firstName, .commonWord])
        #expect(table.flags(of: "the", hash: FeatureHash.of("the")) == [.stopword])
        #expect(table.flags(of: "ned", hash: FeatureHash.of("ned")) == [.firstName])
        #expect(table.flags(of: "ignored", hash: FeatureHash.of("ignored")) == [])
    }

    @Test func theTaggerFlagsAgreeWithTheLists() throws {
        let words = try WordLists.load(from: ResourceDirectory.locate())
        let table = KeyFlagTable(lists: words.flaggedLists)
        for (keys, flag) in words.flaggedLists {
            for key in keys { #expect(table.flags(of: key, hash: FeatureHash.of(key)).contains(flag)) }
        }
        #expect(table.flags(of: "zzqx", hash: FeatureHash.of("zzqx")) == [])
    }
}
