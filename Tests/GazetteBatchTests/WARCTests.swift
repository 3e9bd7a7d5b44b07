import Foundation
import GazetteTestSupport
import Testing
import GazetteWeb
@testable import GazetteBatch

@Suite("WARC input")
struct WARCTests {
    /// One WARC record with its block.
    private func record(type: String, id: String, uri: String?, contentType: String, block: [UInt8]) -> [UInt8] {
        var header = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <\(id)>\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        header += "Content-Type: \(contentType)\r\nContent-Length: \(block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    private func response(_ headers: String, _ body: [UInt8]) -> [UInt8] {
        Array("HTTP/1.1 200 OK\r\n\(headers)\r\n".utf8) + body
    }

    private func chunked(_ bytes: [UInt8]) -> [UInt8] {
        let half = bytes.count / 2
        var out: [UInt8] = Array("\(String(half, radix: 16))\r\n".utf8)
        out += bytes[..<half]
        out += Array("\r\n\(String(bytes.count - half, radix: 16))\r\n".utf8)
        out += bytes[half...]
        out += Array("\r\n0\r\n\r\n".utf8)
        return out
    }

    @Test func responsesWithHTMLOrTextBecomeDocuments() throws {
        let folder = try TemporaryFolder()
        let page = Array("<html><body><p>Talks in <b>China</b>.</p><script>x()</script></body></html>".utf8)
        let latin1: [UInt8] = Array("Z".utf8) + [0xFC] + Array("rich news".utf8)
        var records: [[UInt8]] = []
        records.append(record(type: "warcinfo", id: "urn:uuid:info", uri: nil, contentType: "application/warc-fields", block: Array("software: test\r\n".utf8)))
        records.append(record(type: "request", id: "urn:uuid:req", uri: "https://news.example/a", contentType: "application/http; msgtype=request",
                       block: Array("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n".utf8)))
        records.append(record(type: "response", id: "urn:uuid:1", uri: "https://news.example/a", contentType: "application/http; msgtype=response",
                       block: response("Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n", try ArchiveBuilder.gzipMember(page, in: folder))))
        records.append(record(type: "response", id: "urn:uuid:2", uri: "https://news.example/b", contentType: "application/http; msgtype=response",
                       block: response("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked(page))))
        records.append(record(type: "response", id: "urn:uuid:3", uri: "https://news.example/c.txt", contentType: "application/http; msgtype=response",
                       block: response("Content-Type: text/plain; charset=ISO-8859-1\r\n", latin1)))
        records.append(record(type: "response", id: "urn:uuid:img", uri: "https://news.example/i.png", contentType: "application/http; msgtype=response",
                       block: response("Content-Type: image/png\r\n", [0x89, 0x50, 0x4E, 0x47])))
        records.append(record(type: "response", id: "urn:uuid:4", uri: "https://news.example/br", contentType: "application/http; msgtype=response",
                       block: response("Content-Type: text/html\r\nContent-Encoding: br\r\n", [1, 2, 3])))
        let warc = Array(records.joined())
        try ArchiveBuilder.compress(folder.file("crawl.warc.gz"), warc)
        try folder.write("crawl.warc", warc)
        // As crawlers write them: one gzip member per record, concatenated.
        var members: [UInt8] = []
        for record in records { members += try ArchiveBuilder.gzipMember(record, in: folder) }
        try folder.write("records.warc.gz", members)

        for name in ["crawl.warc.gz", "crawl.warc", "records.warc.gz"] {
            let (records, summary) = try BatchTesting.run([folder.file(name)])
            #expect(records.map(\.id) == ["urn:uuid:1", "urn:uuid:2", "urn:uuid:3", "urn:uuid:4"])
            #expect(records.map { $0["url"] as? String } == ["https://news.example/a", "https://news.example/b", "https://news.example/c.txt", "https://news.example/br"])
            #expect(records.allSatisfy { $0["date"] as? String == "2024-05-01T10:00:00Z" && $0.source == folder.file(name) })
            #expect(records.map(\.text) == ["Talks in China.", "Talks in China.", "Zürich news", nil])
            #expect(records[3].errorCode == "GZ107")
            #expect(records[3].errorMessage?.contains("corrupt br content encoding") == true)
            #expect(summary.failed == 1)
        }
    }

    @Test func decodedBodiesAreTheTextThatIsAnnotated() throws {
        let page = Array("<p>Talks in <b>China</b>.</p>".utf8)
        let item = BatchItem(position: 0, sourceIndex: 0, sourceStart: 0, id: "x", fields: [], location: "test",
                             content: .httpBody(chunked(page), BatchItem.HTTPBody(chunked: true, contentEncoding: nil, isHTML: true, charset: nil)))
        let output = item.process(with: BatchTesting.annotator, builder: WebDocumentBuilder(), maxDocumentBytes: 1 << 20)
        #expect(!output.failed)
        #expect(HTTPDecoding.dechunk(chunked(page)) == page)
        let record = try JSONSerialization.jsonObject(with: Data(output.bytes)) as! Record
        #expect(record.text == "Talks in China.")
    }

    @Test func aTruncatedWARCRecordKeepsWhatArrived() throws {
        let folder = try TemporaryFolder()
        let block = response("Content-Type: text/plain\r\n", Array("Complete record.".utf8))
        var warc = record(type: "response", id: "urn:uuid:ok", uri: "https://news.example/ok", contentType: "application/http; msgtype=response", block: block)
        warc += Array(record(type: "response", id: "urn:uuid:cut", uri: "https://news.example/cut", contentType: "application/http; msgtype=response", block: block).dropLast(12))
        try folder.write("cut.warc", warc)
        let (records, _) = try BatchTesting.run([folder.file("cut.warc")])
        #expect(records.map(\.id) == ["urn:uuid:ok", "urn:uuid:cut"])
        #expect(records.map(\.text) == ["Complete record.", "Complete"])
    }
}
