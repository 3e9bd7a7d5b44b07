import Testing
@testable import Gazette

@Suite("Resource container")
struct ResourceContainerTests {
    func sample() -> [UInt8] {
        var writer = ResourceContainer.Writer(kind: .entityModel, version: 7)
        writer.add("one", Array("first".utf8))
        writer.add("empty", [])
        writer.add("three", [1, 2, 3])
        return writer.bytes()
    }

    @Test func sectionsRoundTripAligned() throws {
        let bytes = sample()
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: .entityModel, file: "f")
        #expect(reader.version == 7)
        #expect(reader.range("one").map { Array(bytes[$0]) } == Array("first".utf8))
        #expect(reader.range("empty")?.isEmpty == true)
        #expect(reader.range("three").map { Array(bytes[$0]) } == [1, 2, 3])
        #expect(reader.range("missing") == nil)
        for name in ["one", "empty", "three"] { #expect(reader.range(name)!.lowerBound % ResourceContainer.alignment == 0) }
        var three = try #require(reader.section("three"))
        #expect(three.remaining == 3 && three.u32() == nil)
        #expect(Array(bytes.prefix(16)) == Array("GAZETTE\0NERMODEL".utf8))
    }

    @Test func everyFlippedByteAndEveryCutIsCaught() {
        let bytes = sample()
        for position in bytes.indices where !(ResourceContainer.checksumOffset..<ResourceContainer.checksumOffset + 8).contains(position) {
            var corrupt = bytes
            corrupt[position] ^= 0x01
            #expect(throws: GazetteError.self) { try ResourceContainer.Reader(bytes: corrupt, kind: .entityModel, file: "f") }
        }
        for count in [0, 8, 20, 40, bytes.count - 1] {
            #expect(throws: GazetteError.self) { try ResourceContainer.Reader(bytes: Array(bytes.prefix(count)), kind: .entityModel, file: "f") }
        }
    }

    @Test func anotherKindIsNamed() {
        do {
            _ = try ResourceContainer.Reader(bytes: sample(), kind: .topicModel, file: "m.topicmodel")
            Issue.record("read a NERMODEL file as a topic model")
        } catch {
            #expect(error.message == "m.topicmodel: is a NERMODEL file, not a TOPICMOD file")
        }
    }
}
