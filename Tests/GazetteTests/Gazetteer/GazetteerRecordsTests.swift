import Testing
@testable import Gazette

@Suite("Gazetteer records")
struct GazetteerRecordsTests {
    typealias L = GazetteerLayout

    @Test func payloadRoundTrips() {
        let payload = GazetteerPayload(entry: 7, shapes: 0b1001, surface: 12, policy: SurfacePolicy(caseRule: .exact, needsContext: true),
                                       tokenCount: 3, labelIndex: 2, sourceIndex: 1, prior: Double(Float(0.85)), id: 40, name: 44)
        var writer = ByteWriter()
        payload.append(to: &writer)
        #expect(writer.count == L.payloadRecord)
        let read = writer.bytes.withUnsafeBytes { GazetteerPayload(record: $0.baseAddress!) }
        #expect(read == payload)
    }

    @Test func recordsHaveTheirLayoutSizes() {
        var slot = ByteWriter(), vocab = ByteWriter(), edge = ByteWriter(), entry = ByteWriter()
        L.SlotRecord(keyHash: 1, symbol: 0, root: L.none, flags: [.continues], keyLength: 3, foldedSignature: 0,
                     keyPrefix: Array("new".utf8)[...]).append(to: &slot)
        L.VocabRecord(key: 0, keyHash: 1, root: L.none, flags: [.startsLowerCase]).append(to: &vocab)
        L.EdgeRecord.free.append(to: &edge)
        L.EntryRecord(name: 0, id: 1, aliases: L.none, kind: L.none, country: L.none, description: L.none, xrefs: L.none,
                      label: 0, source: 0, flags: [], prior: 0.5).append(to: &entry)
        #expect(slot.count == L.slotRecord && vocab.count == L.vocabRecord && edge.count == L.childRecord && entry.count == L.entryRecord)
        // Fields sit where the reader looks for them.
        #expect(slot.bytes[L.SlotField.symbolPlusOne] == 1 && slot.bytes[L.SlotField.flags] == L.SlotFlags.continues.rawValue)
        #expect(slot.bytes[L.SlotField.keyLength] == 3 && slot.bytes[L.SlotField.keyPrefix] == UInt8(ascii: "n"))
        #expect(vocab.bytes[L.VocabField.flags] == 1)
        #expect(entry.bytes[L.EntryField.id.rawValue] == 1)
    }

    @Test func nodeReferencePacksTwoFlags() {
        let reference = L.NodeReference(node: 1234, endsName: true, hasChildren: false)
        #expect(reference.node == 1234 && reference.endsName && !reference.hasChildren)
        #expect(reference.rawValue == 1234 | 1 << 31)
        #expect(L.NodeReference(rawValue: 1 << 30 | 5).hasChildren)
    }
}
