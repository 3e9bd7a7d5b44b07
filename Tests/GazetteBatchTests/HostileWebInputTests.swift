import Foundation
import GazetteTestSupport
import GazetteWeb
import Testing
@testable import GazetteBatch

/// Hostile web archives and pages through the whole batch (issue 17): what follows the damage is never lost.
@Suite("Hostile web input")
struct HostileWebInputTests {
    /// A WARC response record of `page`, its header lines ended by `lineEnd`; `length` overrides the Content-Length.
    private func record(_ id: String, _ page: String, length: String? = nil, lineEnd: String = "\r\n", type: String = "response",
                        contentType: String = "application/http; msgtype=response") -> [UInt8] {
        let block = Array("HTTP/1.1 200 OK\(lineEnd)Content-Type: text/html; charset=utf-8\(lineEnd)\(lineEnd)\(page)".utf8)
        let header = ["WARC/1.0", "WARC-Type: \(type)", "WARC-Record-ID: <urn:uuid:\(id)>", "WARC-Target-URI: https://example.test/\(id)",
                      "Content-Type: \(contentType)", "Content-Length: \(length ?? String(block.count))"].joined(separator: lineEnd)
        return Array((header + lineEnd + lineEnd).utf8) + block + Array((lineEnd + lineEnd).utf8)
    }

    private func page(_ words: String) -> String { "<html><body><p>\(words)</p></body></html>" }

    @Test func garbageHoldingGzipMagicBetweenMembersLosesNoRecordAfterIt() throws {
        let folder = try TemporaryFolder()
        let members = try ["one", "two", "three", "four"].map { try ArchiveBuilder.gzipMember(record($0, page("Story \($0).")), in: folder) }
        // Garbage that starts like a gzip header (magic, deflate, flags) but is none, and a gzip header cut short.
        let fakeHeader: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + Array("junk".utf8) + [0x1F, 0x8B] + Array("more junk".utf8)
        let cutHeader: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 3] + Array("not deflate".utf8)
        try folder.write("fake.warc.gz", members[0] + fakeHeader + members[1] + members[2] + cutHeader + members[3])
        let (records, summary) = try BatchTesting.run([folder.file("fake.warc.gz")])
        #expect(records.filter { $0.text != nil }.map(\.id) == ["urn:uuid:one", "urn:uuid:two", "urn:uuid:three", "urn:uuid:four"])
        let errors = records.filter { $0.errorCode != nil }
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.errorCode == "GZ105" && $0.errorMessage?.contains(folder.file("fake.warc.gz")) == true })
        #expect(summary.failed == 2)
    }

    @Test func aHugeContentLengthWithBareLineFeedsLosesNoRecordAfterIt() throws {
        let folder = try TemporaryFolder()
        var warc = record("huge", page("Cut story."), length: "99999999999", lineEnd: "\n")
        warc += record("after", page("Story after."), lineEnd: "\n")
        // More than the reader keeps of a block: the record starts must be found while reading on.
        warc += record("filler", String(repeating: "A", count: 200_000), lineEnd: "\n", type: "resource", contentType: "application/octet-stream")
        warc += record("last", page("Last story."), lineEnd: "\n")
        for compressed in [false, true] {
            let name = compressed ? "huge.warc.gz" : "huge.warc"
            try folder.write(name, compressed ? try ArchiveBuilder.gzipMember(warc, in: folder) : warc)
            let (records, _) = try BatchTesting.run([folder.file(name)], maxDocumentBytes: 1000)
            #expect(records.map(\.id) == ["urn:uuid:huge", "urn:uuid:after", "urn:uuid:last"], "\(name)")
            #expect(records.map(\.text) == ["Cut story.", "Story after.", "Last story."], "\(name)")
        }
    }

    /// Modification times for the gzip headers of the members below. What zlib makes of the bytes after a cut (the
    /// next member's header, then its data) depends on them: with some of these (found by trying many), it used to
    /// decode the next record through the cut member and hand it out twice, or swallow it.
    private static let headerTimes: [UInt32] = [1_700_000_000, 1_701_308_096, 1_736_546_349, 1_744_312_430, 1_752_848_695,
                                                1_797_067_190, 1_811_754_036]

    @Test(arguments: headerTimes)
    func aMemberCutShortLosesOnlyItsOwnRecordWhereverTheCutFalls(modified: UInt32) throws {
        let folder = try TemporaryFolder()
        let words = (0..<60).map { "word\($0 * 7919 % 1000)" }.joined(separator: " ")
        let members = try (0..<5).map {
            try ArchiveBuilder.gzipMember(record("r\($0)", page("Story number \($0): \(words).")), in: folder, modified: modified)
        }
        // The member loses its tail, so that the next member's header follows in the middle of its deflate data: in
        // its WARC header, or in its body.
        for percent in stride(from: 10, through: 95, by: 5) {
            var cut = members
            cut[2] = Array(members[2].prefix(members[2].count * percent / 100))
            try folder.write("cut.warc.gz", Array(cut.joined()))
            let (records, _) = try BatchTesting.run([folder.file("cut.warc.gz")])
            #expect(records.filter { $0.text != nil }.map(\.id) == ["urn:uuid:r0", "urn:uuid:r1", "urn:uuid:r3", "urn:uuid:r4"], "cut at \(percent)%")
            let errors = records.filter { $0.errorCode != nil }
            #expect(!errors.isEmpty && errors.allSatisfy { $0.errorCode == "GZ105" }, "cut at \(percent)%")
        }
    }

    @Test(arguments: headerTimes)
    func anARCMemberCutShortLosesOnlyItsOwnRecordWhereverTheCutFalls(modified: UInt32) throws {
        let folder = try TemporaryFolder()
        let words = (0..<60).map { "word\($0 * 7919 % 1000)" }.joined(separator: " ")
        let versionBody = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
        let head = Array("filedesc://cut.arc 127.0.0.1 20240501100000 text/plain \(versionBody.utf8.count)\n\(versionBody)\n".utf8)
        let captures = (0..<5).map { index -> [UInt8] in
            let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\(page("Capture \(index): \(words)."))".utf8)
            return Array("http://news.example/\(index) 192.0.2.1 2024050110000\(index) text/html \(http.count)\n".utf8) + http + [0x0A]
        }
        let members = try ([head] + captures).map { try ArchiveBuilder.gzipMember($0, in: folder, modified: modified) }
        for percent in stride(from: 10, through: 95, by: 5) {
            var cut = members
            cut[3] = Array(members[3].prefix(members[3].count * percent / 100))
            try folder.write("cut.arc.gz", Array(cut.joined()))
            let (records, _) = try BatchTesting.run([folder.file("cut.arc.gz")])
            // The cut capture itself may still be read, when the cut fell after its last byte.
            let read = records.filter { $0.text != nil }
            #expect(read.compactMap { $0["url"] as? String }.filter { $0 != "http://news.example/2" }
                        == [0, 1, 3, 4].map { "http://news.example/\($0)" }, "cut at \(percent)%")
            #expect(read.count == Set(read.compactMap { $0["url"] as? String }).count, "cut at \(percent)%: a record read twice")
            #expect(records.contains { $0.errorCode == "GZ105" }, "cut at \(percent)%")
        }
    }

    @Test func htmlNestedThousandsDeepKeepsTheTextAfterTheDeepPart() throws {
        let folder = try TemporaryFolder()
        let closed = "<html><body><p>Before the deep part.</p>" + String(repeating: "<div>", count: 3000) + "<p>Deep down.</p>"
            + String(repeating: "</div>", count: 3000) + "<p>After the deep part.</p></body></html>"
        let unclosed = "<html><body><p>Before the deep part.</p>" + String(repeating: "<span><b>", count: 3000)
            + "<p>After the deep part.</p></body></html>"
        try folder.write("closed.html", closed)
        try folder.write("unclosed.html", unclosed)
        let records = try WebPagesBatchTests.run([folder.file("closed.html"), folder.file("unclosed.html")], mode: .whole)
        #expect(records.map { $0["text"] as? String } == ["Before the deep part.\nDeep down.\nAfter the deep part.",
                                                         "Before the deep part.\nAfter the deep part."])
        #expect(records.allSatisfy { $0.warningCodes.isEmpty && $0.errorCode == nil })
    }

    @Test func shiftJISWithOneInvalidSequenceKeepsEverythingAfterItWithAWarning() throws {
        let folder = try TemporaryFolder()
        func shiftJIS(_ text: String) -> [UInt8] { Array(text.data(using: .shiftJIS)!) }
        let page = shiftJIS("<html><head><meta charset=\"Shift_JIS\"></head><body><p>東京で会議が開かれた。</p><p>")
            + [0x81, 0x20] + shiftJIS("その後、大阪へ移動した。</p><p>最後の段落です。</p></body></html>")
        try folder.write("sjis.html", page)
        let records = try WebPagesBatchTests.run([folder.file("sjis.html")], mode: .whole)
        let text = records.first?["text"] as? String ?? ""
        #expect(text.hasPrefix("東京で会議が開かれた。"))
        #expect(text.hasSuffix("その後、大阪へ移動した。\n最後の段落です。"))
        #expect(text.contains("\u{FFFD}"))
        #expect(records.first?.warningCodes.contains("GZ104") == true)
        #expect(records.first?.errorCode == nil)
    }
}
