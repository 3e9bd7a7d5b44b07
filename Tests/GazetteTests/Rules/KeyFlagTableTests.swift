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
}
