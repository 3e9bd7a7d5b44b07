import Testing
@_spi(Testing) @testable import Gazette

@Suite("Resource container resealing")
struct ResourceContainerResealingTests {
    func sample() -> [UInt8] {
        var writer = ResourceContainer.Writer(kind: .topicModel, version: 3)
        writer.add("weights", [10, 20, 30, 40])
        writer.add("labels", Array("sport\npolitics".utf8))
        return writer.bytes()
    }

    @Test func aValidContainerIsLeftAsItIs() {
        let bytes = sample()
        #expect(ResourceContainerResealing.resealed(bytes) == bytes)
    }

    @Test func anEditedSectionPassesTheFrameCheckOnceResealed() throws {
        let bytes = sample()
        let reader = try ResourceContainer.Reader(bytes: bytes, kind: .topicModel, file: "m")
        let weights = try #require(reader.range("weights"))
        var edited = bytes
        edited[weights.lowerBound] = 99
        #expect(throws: GazetteError.self) { try ResourceContainer.Reader(bytes: edited, kind: .topicModel, file: "m") }
        let resealed = ResourceContainerResealing.resealed(edited)
        let reread = try ResourceContainer.Reader(bytes: resealed, kind: .topicModel, file: "m")
        #expect(reread.range("weights").map { Array(resealed[$0]) } == [99, 20, 30, 40])
    }

    @Test func aGrownFileGetsItsNewSize() throws {
        let grown = sample() + [0, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: GazetteError.self) { try ResourceContainer.Reader(bytes: grown, kind: .topicModel, file: "m") }
        let reader = try ResourceContainer.Reader(bytes: ResourceContainerResealing.resealed(grown), kind: .topicModel, file: "m")
        #expect(reader.version == 3 && reader.range("labels") != nil)
    }

    @Test func bytesWithoutAContainerHeaderAreUnchanged() {
        let plain = Array("not a container at all, just text".utf8)
        #expect(ResourceContainerResealing.resealed(plain) == plain)
        let short = Array(sample().prefix(ResourceContainer.headerSize - 1))
        #expect(ResourceContainerResealing.resealed(short) == short)
    }
}
