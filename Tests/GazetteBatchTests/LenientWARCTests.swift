import Foundation
import GazetteRuntime
import GazetteTestSupport
import Testing
@testable import GazetteBatch

extension ArchiveHandle {
    /// The handle, after moving to its first (only) entry.
    fileprivate func opened() throws -> ArchiveHandle {
        _ = try nextEntry()
        return self
    }
}

/// Damaged and sloppy WARC files, and ARC files, all written here (issue 14 part 3, issue 17).
@Suite("Lenient WARC and ARC input")
struct LenientWARCTests {
    private static let html = "application/http; msgtype=response"

    /// One WARC record; `length` overrides the Content-Length, `lineEnd` the header line ends.
    private func record(type: String = "response", id: String, uri: String? = nil, contentType: String = Self.html, block: [UInt8],
                        length: String? = nil, lineEnd: String = "\r\n") -> [UInt8] {
        var header = "WARC/1.0\(lineEnd)WARC-Type: \(type)\(lineEnd)WARC-Record-ID: <urn:uuid:\(id)>\(lineEnd)WARC-Date: 2024-05-01T10:00:00Z\(lineEnd)"
        header += "WARC-Target-URI: \(uri ?? "https://news.example/\(id)")\(lineEnd)"
        header += "Content-Type: \(contentType)\(lineEnd)Content-Length: \(length ?? String(block.count))\(lineEnd)\(lineEnd)"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    private func response(_ body: String, headers: String = "Content-Type: text/html\r\n", status: String = "HTTP/1.1 200 OK") -> [UInt8] {
        Array("\(status)\r\n\(headers)\r\n\(body)".utf8)
    }

    private func page(_ words: String) -> String { "<html><body><p>\(words)</p></body></html>" }

    private func run(_ folder: TemporaryFolder, _ name: String, _ bytes: [UInt8], maxDocumentBytes: Int = 1 << 20) throws
        -> (records: [Record], summary: BatchSummary) {
        try folder.write(name, bytes)
        return try BatchTesting.run([folder.file(name)], maxDocumentBytes: maxDocumentBytes)
    }

    @Test func aChunkedHeaderOverADechunkedBodyReadsTheBodyAsItIs() throws {
        let folder = try TemporaryFolder()
        let warc = record(id: "a", block: response(page("Talks in Paris."), headers: "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n"))
        let (records, summary) = try run(folder, "dechunked.warc", warc)
        #expect(records.map(\.id) == ["urn:uuid:a"])
        #expect(records.map(\.text) == ["Talks in Paris."])
        #expect(summary.failed == 0)
        #expect(HTTPDecoding.dechunk(Array("<html>".utf8)) == nil)
        // Good chunks, then a bad size line: the rest is kept as it is.
        #expect(HTTPDecoding.dechunk(Array("3\r\nabc\r\nnot hex\r\nrest".utf8)) == Array("abcnot hex\r\nrest".utf8))
    }

    @Test func aWrongContentLengthIsCorrectedFromTheNextRecordStart() throws {
        let folder = try TemporaryFolder()
        let first = response(page("First story."))
        let second = response(page("Second story."))
        let third = response(page("Third story."))
        var warc = record(id: "long", block: first, length: String(first.count + 90)) // runs into the next record
        warc += record(id: "short", block: second, length: String(second.count - 12)) // ends inside its body
        warc += record(id: "good", block: third)
        let (records, summary) = try run(folder, "lengths.warc", warc)
        #expect(records.map(\.id) == ["urn:uuid:long", "urn:uuid:short", "urn:uuid:good"])
        #expect(records.map(\.text) == ["First story.", "Second story.", "Third story."])
        #expect(summary.webRecords.records == 3)
        #expect(summary.webRecords.repaired == 2)
        #expect(summary.webRecords.documents == 3)
    }

    @Test func aHugeContentLengthDoesNotLoseTheRecordsAfterIt() throws {
        let folder = try TemporaryFolder()
        var warc = record(id: "huge", block: response(page("Cut story.")), length: "99999999999")
        warc += record(id: "after", block: response(page("Story after.")))
        // More than the reader keeps of a block (1000 + 64 KiB here): the record starts are found as it reads.
        warc += record(type: "resource", id: "filler", contentType: "application/octet-stream", block: Array(repeating: 0x41, count: 200_000))
        warc += record(id: "last", block: response(page("Last story.")))
        for compressed in [false, true] {
            let bytes = compressed ? try ArchiveBuilder.gzipMember(warc, in: folder) : warc
            for limit in [1 << 20, 1000] {
                let (records, summary) = try run(folder, compressed ? "huge.warc.gz" : "huge.warc", bytes, maxDocumentBytes: limit)
                #expect(records.map(\.id) == ["urn:uuid:huge", "urn:uuid:after", "urn:uuid:last"])
                #expect(records.map(\.text) == ["Cut story.", "Story after.", "Last story."])
                #expect(summary.webRecords.records == 4)
                #expect(summary.webRecords.repaired == 1)
            }
        }
    }

    @Test func bytesThatAreNotARecordBecomeOneErrorRecordAndReadingGoesOn() throws {
        let folder = try TemporaryFolder()
        let one = record(id: "one", block: response(page("Story one.")))
        var warc = one
        warc += Array("some stray bytes\r\nthat are no record\r\n".utf8)
        warc += record(id: "two", block: response(page("Story two.")))
        warc += Array("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\nwhatever\r\n\r\n".utf8)
        warc += record(id: "three", block: response(page("Story three.")))
        warc += Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:headless>\r\n".utf8)
        warc += record(id: "four", block: response(page("Story four.")))
        let (records, summary) = try run(folder, "stray.warc", warc)
        #expect(records.count == 7)
        guard records.count == 7 else { return }
        #expect(records[5].id == "urn:uuid:headless")
        #expect(records[5].errorMessage?.contains("record urn:uuid:headless: record header cut short by the next record") == true)
        #expect(records[6].text == "Story four.")
        #expect(records[0].id == "urn:uuid:one")
        #expect(records[1].id == "\(folder.file("stray.warc"))#byte-\(one.count)")
        #expect(records[2].id == "urn:uuid:two")
        #expect(records[4].id == "urn:uuid:three")
        #expect(records[1].errorMessage?.contains("bytes that are not a WARC record skipped at byte") == true)
        #expect(records[1].errorMessage?.contains("after record urn:uuid:one") == true)
        #expect(records[3].errorMessage?.contains("bad Content-Length") == true)
        #expect(records.filter { $0.text != nil }.count == 4)
        #expect(summary.webRecords.damaged == 2)
        #expect(summary.webRecords.strays == 1)
        #expect(summary.webRecords.records == 6)
        #expect(summary.webRecords.records == summary.webRecords.documents + summary.webRecords.skipped + summary.webRecords.damaged)
    }

    @Test func headersEndingInBareLFOrCRCRLFAreRead() throws {
        let folder = try TemporaryFolder()
        var warc = record(id: "lf", block: Array("HTTP/1.1 200 OK\nContent-Type: text/html\n\n\(page("Bare line feeds."))".utf8), lineEnd: "\n")
        warc += record(id: "crcr", block: Array("HTTP/1.0 200 \r\r\nContent-Type: text/plain\r\r\n\r\r\nDouble returns.".utf8), lineEnd: "\r\r\n")
        warc += record(id: "odd", block: Array("HTTPX/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n\(page("Odd protocol."))".utf8))
        let (records, summary) = try run(folder, "endings.warc", warc)
        #expect(records.map(\.id) == ["urn:uuid:lf", "urn:uuid:crcr", "urn:uuid:odd"])
        #expect(records.map(\.text) == ["Bare line feeds.", "Double returns.", "Odd protocol."])
        #expect(summary.failed == 0)
    }

    @Test func brotliAndZstdBodiesAreDecoded() throws {
        let folder = try TemporaryFolder()
        // "<html><body><p>Brotli news from Paris.</p></body></html>", brotli quality 5.
        let brotli: [UInt8] = [
            0x1b, 0x37, 0x00, 0x00, 0xc4, 0x66, 0x47, 0x7a, 0x40, 0x05, 0xd2, 0x0e, 0x02, 0x0a, 0x34, 0x6c, 0x6b, 0xab, 0xf5, 0x0f,
            0x1b, 0x70, 0xe0, 0x12, 0xf5, 0x60, 0x30, 0xf0, 0xb0, 0x01, 0x27, 0xd6, 0x81, 0x36, 0x95, 0x84, 0xb2, 0xf4, 0xf0, 0x68,
            0x4b, 0xbf, 0xf9, 0x5d, 0x90, 0x09, 0xd3, 0x42, 0xe4, 0xd5, 0x93, 0x7b, 0xa3, 0x80, 0xd1, 0x15,
        ]
        try ArchiveBuilder.compress(folder.file("body.zst"), Array(page("Zstandard news from Oslo.").utf8), filter: .zstd)
        let zstd = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("body.zst"))))
        var warc = record(id: "br", block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n".utf8) + brotli)
        warc += record(id: "zstd", block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: zstd\r\n\r\n".utf8) + zstd)
        warc += record(id: "bad", block: Array("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n".utf8) + [0xff, 0xff, 0xff])
        let (records, _) = try run(folder, "encodings.warc", warc)
        #expect(records.map(\.text) == ["Brotli news from Paris.", "Zstandard news from Oslo.", nil])
        #expect(records[2].errorMessage?.contains("corrupt br content encoding") == true)
    }

    @Test func garbageBetweenGzipMembersIsSkippedAndReported() throws {
        let folder = try TemporaryFolder()
        let records = ["one", "two", "three"].map { record(id: $0, block: response(page("Story \($0)."))) }
        let members = try records.map { try ArchiveBuilder.gzipMember($0, in: folder) }
        let garbage = Array("GARBAGE BETWEEN MEMBERS".utf8)
        let file = members[0] + garbage + members[1] + members[2] + Array("TRAILING".utf8)
        let (found, summary) = try run(folder, "garbage.warc.gz", file)
        #expect(found.filter { $0.text != nil }.map(\.id) == ["urn:uuid:one", "urn:uuid:two", "urn:uuid:three"])
        let errors = found.compactMap(\.errorMessage)
        #expect(errors.count == 2)
        #expect(errors.first?.contains("\(garbage.count) bytes that are not gzip data skipped at byte \(members[0].count) of the file") == true)
        #expect(errors.first?.contains(folder.file("garbage.warc.gz")) == true)
        #expect(errors.first?.contains("after record urn:uuid:one") == true)
        #expect(summary.webRecords.skippedBytes == garbage.count + 8)
        #expect(summary.webRecords.strays == 2)
        #expect(summary.webRecords.damaged == 0)
    }

    @Test func aBlockTooLargeToKeepStopsAtTheNextRecordStartWhereverTheChunksEnd() throws {
        for filler in 20..<40 {
            let bytes = Array(repeating: UInt8(ascii: "a"), count: filler) + Array("\r\n\r\nWARC/1.0\r\nnext".utf8)
            let archive = try ArchiveHandle.open(bytes: bytes, mode: .raw(decompress: false))
            _ = try archive.nextEntry()
            let buffer = LineReader(archive, chunkSize: 7)
            let (kept, truncated, stoppedAt) = try buffer.readBlock(count: 1 << 20, keep: 10, stop: WARCReader.recordStop)
            #expect(kept == Array(repeating: UInt8(ascii: "a"), count: 10))
            #expect(!truncated)
            #expect(stoppedAt == filler)
            #expect(buffer.offset == filler)
            // Within what is kept, too, or beginning in it and ending after it: the block ends there and the rest is
            // read again.
            for keep in (filler + 1)...(filler + 12) {
                let again = LineReader(try ArchiveHandle.open(bytes: bytes, mode: .raw(decompress: false)).opened(), chunkSize: 7)
                let (all, _, at) = try again.readBlock(count: 1 << 20, keep: keep, stop: WARCReader.recordStop)
                #expect(all == Array(repeating: UInt8(ascii: "a"), count: filler))
                #expect(at == filler)
                #expect(try again.peek(count: 4) == Array("\r\n\r\n".utf8)[...])
            }
        }
    }

    @Test func aCorruptGzipMemberLosesOnlyItsOwnRecord() throws {
        let folder = try TemporaryFolder()
        let records = ["one", "two", "three"].map { record(id: $0, block: response(page("Story number \($0) with some words in it."))) }
        var members = try records.map { try ArchiveBuilder.gzipMember($0, in: folder) }
        for index in 12..<(members[1].count - 10) { members[1][index] ^= 0x5a }
        let (found, summary) = try run(folder, "corrupt.warc.gz", Array(members.joined()))
        #expect(found.filter { $0.text != nil }.map(\.id) == ["urn:uuid:one", "urn:uuid:three"])
        #expect(found.contains { $0.errorMessage?.contains("corrupt gzip member at byte \(members[0].count)") == true })
        #expect(summary.webRecords.documents >= 2)
        let counts = summary.webRecords
        #expect(counts.records == counts.documents + counts.skipped + counts.damaged)
    }

    @Test func arcFilesAreRead() throws {
        let folder = try TemporaryFolder()
        let versionBody = "1 0 Test Archive\nURL IP-address Archive-date Content-type Archive-length\n"
        var arc = Array("filedesc://test.arc 127.0.0.1 20240501100000 text/plain \(versionBody.utf8.count)\n\(versionBody)\n".utf8)
        let capture = response(page("Archived story."))
        arc += Array("http://news.example/a b.html 192.0.2.1 20240501100102 text/html \(capture.count)\n".utf8) + capture + [0x0a]
        let redirect = response("", headers: "Location: /b\r\n", status: "HTTP/1.1 301 Moved")
        arc += Array("http://news.example/old 192.0.2.1 20240501100103 text/html \(redirect.count)\n".utf8) + redirect + [0x0a]
        let image = response("PNG", headers: "Content-Type: image/png\r\n")
        arc += Array("http://news.example/i.png 192.0.2.1 20240501100104 image/png \(image.count)\n".utf8) + image + [0x0a]
        for name in ["test.arc", "test.arc.gz"] {
            let bytes = name.hasSuffix(".gz") ? try ArchiveBuilder.gzipMember(arc, in: folder) : arc
            let (records, summary) = try run(folder, name, bytes)
            #expect(records.map(\.id) == ["20240501100102/http://news.example/a b.html"])
            #expect(records.map { $0["url"] as? String } == ["http://news.example/a b.html"])
            #expect(records.map { $0["date"] as? String } == ["20240501100102"])
            #expect(records.map(\.text) == ["Archived story."])
            #expect(summary.webRecords.records == 4)
            #expect(summary.webRecords.notResponse == 1)
            #expect(summary.webRecords.notSuccess == 1)
            #expect(summary.webRecords.notText == 1)
        }
        #expect(InputKind.of(name: "x.arc.gz") == (.arc, true))

        // A line that is no record; wrong Archive-lengths: too long (runs into the next record), too short. (After a
        // record, bytes up to the next header line belong to it: ARC records have no end mark.)
        let first = response(page("First capture."))
        let second = response(page("Second capture."))
        var wrong = Array("no record here\n".utf8)
        wrong += Array("http://news.example/1 192.0.2.1 20240501100001 text/html \(first.count + 40)\n".utf8) + first + [0x0a]
        wrong += Array("http://news.example/2 192.0.2.1 20240501100002 text/html \(second.count - 9)\n".utf8) + second + [0x0a]
        wrong += Array("http://news.example/3 192.0.2.1 20240501100003 text/html \(first.count)\n".utf8) + first + [0x0a]
        let (records, summary) = try run(folder, "wrong.arc", wrong)
        #expect(records.map(\.text) == [nil, "First capture.", "Second capture.", "First capture."])
        #expect(records.first?.errorMessage?.contains("15 bytes that are not an ARC record skipped at byte 0") == true)
        #expect(summary.webRecords.repaired == 2)
    }

    @Test func skippedRecordsAreCountedByReason() throws {
        let folder = try TemporaryFolder()
        var warc = record(type: "warcinfo", id: "info", contentType: "application/warc-fields", block: Array("software: test\r\n".utf8))
        warc += record(type: "request", id: "req", contentType: "application/http; msgtype=request", block: Array("GET / HTTP/1.1\r\n\r\n".utf8))
        warc += record(type: "revisit", id: "rev", block: Array("HTTP/1.1 200 OK\r\n\r\n".utf8))
        warc += record(id: "redirect", block: response("", headers: "Location: /x\r\n", status: "HTTP/1.1 302 Found"))
        warc += record(id: "script", block: response("x()", headers: "Content-Type: application/javascript\r\n"))
        warc += record(id: "plain", contentType: "text/plain", block: Array("not HTTP".utf8))
        warc += record(id: "doc", block: response(page("The one document.")))
        let (records, summary) = try run(folder, "kinds.warc", warc)
        #expect(records.map(\.id) == ["urn:uuid:doc"])
        let counts = summary.webRecords
        #expect(counts.records == 7)
        #expect(counts.documents == 1)
        #expect(counts.notResponse == 2)
        #expect(counts.revisit == 1)
        #expect(counts.notSuccess == 1)
        #expect(counts.notText == 1)
        #expect(counts.notHTTP == 1)
        #expect(counts.skipped == 6)
        #expect(counts.records == counts.documents + counts.skipped + counts.damaged)
        #expect(counts.summary == "7 WARC/ARC records: 1 documents, 6 skipped (2 not responses, 1 revisits, 1 not HTTP, 1 not 2xx, 1 not HTML or text)")

        // The manifest's last line keeps the counts.
        let output = folder.file("out")
        _ = try BatchRunner(inputs: [folder.file("kinds.warc")], annotator: BatchTesting.annotator)
            .run(into: try ShardDirectory(path: output, batch: "kinds"))
        let manifest = try String(contentsOfFile: output + "/manifest.jsonl", encoding: .utf8)
        let last = manifest.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix(#"{"complete":true,"#))
        #expect(last.contains(#""web_records":{"records":7,"documents":1,"skipped":{"not_response":2,"revisit":1,"not_http":1,"#
                              + #""not_2xx":1,"not_html_or_text":1},"damaged":0,"strays":0,"repaired":0,"skipped_bytes":0}"#))
    }
}
