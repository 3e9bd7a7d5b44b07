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

    @Test func theBatchedLookUpAgreesWithThePlainOne() throws {
        let words = try WordLists.load(from: ResourceDirectory.locate())
        let table = KeyFlagTable(lists: words.flaggedLists)
        var keys = ["", "the", "zzqx", "president", "of", "ned", "thee", "Mount", "mount", "-", "(", "department"]
        for (listed, _) in words.flaggedLists { keys += listed.prefix(200) }
        for count in [0, 1, 255, 256, 257, keys.count] {
            let some = Array(keys.prefix(count))
            let hashes = some.map(FeatureHash.of)
            #expect(table.flags(of: some, hashes: hashes) == table.flagsPlain(of: some, hashes: hashes))
        }
        // Hashes that do not belong to their keys: only the probe's key comparison decides.
        let shifted = keys.indices.map { FeatureHash.of(keys[($0 + 1) % keys.count]) }
        #expect(table.flags(of: keys, hashes: shifted) == table.flagsPlain(of: keys, hashes: shifted))
    }
}
