import Testing
@testable import Gazette
import GazetteTraining

/// The eight-bytes-at-a-time anchor scan against the plain one.
@Suite("Link anchor scan")
struct LinkAnchorScanTests {
    @Test func wordScanFindsWhatThePlainScanFinds() {
        var random = SeededGenerator(seed: 13)
        // Anchors, bytes next to them in value ("9", ";", "-", "/", "?", "A"), letters and non-ASCII bytes.
        let alphabet: [UInt8] = Array(":.@9;-/?Aaz ".utf8) + [0x00, 0x7F, 0x80, 0xC3, 0xFF]
        for _ in 0..<500 {
            let count = Int(random.next() % 40)
            let anchorChance = 1 + random.next() % 30
            let text: [UInt8] = (0..<count).map { _ in
                random.next() % anchorChance == 0 ? Array(":.@".utf8)[Int(random.next() % 3)] : alphabet[3 + Int(random.next() % UInt64(alphabet.count - 3))]
            }
            for from in 0...(count + 1) {
                #expect(LinkAnchorScan.first(in: text, from: from) == LinkAnchorScan.firstPlain(in: text, from: from))
            }
        }
    }
}
