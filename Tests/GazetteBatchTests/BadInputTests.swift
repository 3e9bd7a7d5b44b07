import Foundation
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// Damaged, hostile and odd input: an error record or a warning naming the archive and member, and the batch goes on.
@Suite("Bad input")
struct BadInputTests {
    @Test func aTruncatedGzipEndsThatArchiveWithAnErrorAndTheNextInputIsRead() throws {
        let folder = try TemporaryFolder()
        // Incompressible members, so that the cut falls inside the second one's data.
        let letters = Array("abcdefghijklmnopqrstuvwxyz ")
        var state: UInt64 = 42
        func noiseText() -> String {
            String((0..<20_000).map { _ -> Character in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return letters[Int(state >> 33) % letters.count]
            })
        }
        let members = (0..<10).map { ("m\($0).txt", noiseText()) }
        try ArchiveBuilder.write(folder.file("cut.tar.gz"), format: .tar, filter: .gzip, texts: members)
        let whole = try Data(contentsOf: URL(fileURLWithPath: folder.file("cut.tar.gz")))
        try whole.prefix(whole.count * 3 / 4).write(to: URL(fileURLWithPath: folder.file("cut.tar.gz")))
        try folder.write("next.txt", "Still read.")
        let (records, summary) = try BatchTesting.run([folder.file("cut.tar.gz"), folder.file("next.txt")])
        // The members before the cut (less libarchive's last 64 KB block), then one error record for the archive.
        #expect(records.count >= 4 && records.count <= 9)
        let complete = records.dropLast(2)
        #expect(complete.map(\.member) == members.prefix(complete.count).map(\.0))
        #expect(complete.allSatisfy { $0.errorCode == nil })
        let failure = records[records.count - 2]
        #expect(failure.errorCode == "GZ105")
        #expect(failure.errorMessage?.contains(folder.file("cut.tar.gz")) == true)
        #expect(failure.errorMessage?.contains("truncated") == true)
        #expect(records.last?.id == folder.file("next.txt"))
        #expect(records.last?.errorCode == nil)
        #expect(summary.failed == 1 && summary.complete)
    }

    @Test func nonUTF8BinaryAndEmptyMembers() throws {
        let folder = try TemporaryFolder()
        try ArchiveBuilder.write(folder.file("odd.zip"), format: .zip, members: [
            ("latin1.txt", Array("Caf".utf8) + [0xE9] + Array(" in Paris.".utf8)),
            ("image.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]),
            ("empty.txt", []),
            ("blank.html", Array("<html><script>only()</script></html>".utf8)),
        ])
        let (records, summary) = try BatchTesting.run([folder.file("odd.zip")])
        #expect(records.map(\.member) == ["latin1.txt", "image.txt", "empty.txt", "blank.html"])
        #expect(records[0].errorCode == nil)
        #expect(records[0].warningCodes.isEmpty)  // not UTF-8: detected as a legacy charset, decoded without loss
        #expect(records[0].text == "Café in Paris.")
        #expect(records[1].errorMessage == "\(folder.file("odd.zip")): image.txt: binary content (NUL bytes), not text")
        #expect(records[2].errorMessage?.hasSuffix("empty.txt: empty document (no text)") == true)
        #expect(records[3].errorMessage?.hasSuffix("blank.html: empty document (no text)") == true)
        #expect(records.dropFirst().map(\.errorCode) == ["GZ107", "GZ109", "GZ109"])
        #expect(summary.failed == 3)
    }

    @Test func memberNamesNeverBecomePaths() throws {
        let folder = try TemporaryFolder()
        try ArchiveBuilder.write(folder.file("evil.tar"), format: .tar, texts: [
            ("../../escape.txt", "Up and out."), ("/tmp/absolute-gazette-test.txt", "Absolute."), ("ok/../../x.txt", "Sneaky."),
        ])
        let output = folder.file("out")
        let sink = try ShardDirectory(path: output, batch: "evil")
        let summary = try BatchRunner(inputs: [folder.file("evil.tar")], annotator: BatchTesting.annotator).run(into: sink)
        #expect(summary.documents == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["evil.tar", "out"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["manifest.jsonl", "part-000000.jsonl"])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/absolute-gazette-test.txt"))
        let records = try BatchTesting.shardRecords(in: output)
        #expect(records.map(\.member) == ["../../escape.txt", "/tmp/absolute-gazette-test.txt", "ok/../../x.txt"])
    }

    @Test func oversizedDocumentsAndBombsAreBounded() throws {
        let folder = try TemporaryFolder()
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        try ArchiveBuilder.compress(folder.file("bomb.txt.gz"), big)
        try ArchiveBuilder.write(folder.file("sizes.zip"), format: .zip, members: [("big.txt", big), ("small.txt", Array("Fine.".utf8))])
        try ArchiveBuilder.write(folder.file("inner.tar"), format: .tar, members: [
            ("bomb.txt.gz", try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder.file("bomb.txt.gz"))))),
        ])
        try folder.write("long.jsonl", "{\"text\":\"" + String(repeating: "b", count: 200_000) + "\"}\n{\"text\":\"short\"}\n")
        let inputs = ["bomb.txt.gz", "sizes.zip", "inner.tar", "long.jsonl"].map(folder.file)
        let (records, summary) = try BatchTesting.run(inputs, maxDocumentBytes: 100_000)
        #expect(records.count == 6)
        #expect(records.map { $0.errorCode != nil } == [true, true, false, true, true, false])
        #expect(records.filter { $0.errorCode != nil }.allSatisfy { $0.errorMessage?.contains("--max-document-bytes") == true })
        #expect(records.filter { $0.errorCode != nil }.allSatisfy { $0.errorCode == "GZ108" })
        #expect(summary.failed == 4)
    }

    @Test func maxErrorsStopsTheRunEarly() throws {
        let folder = try TemporaryFolder()
        try ArchiveBuilder.write(folder.file("empty.tar"), format: .tar, members: (0..<500).map { ("e\($0).txt", []) })
        let (records, summary) = try BatchTesting.run([folder.file("empty.tar")], jobs: 1) { $0.maxErrors = 5 }
        #expect(summary.abortedByErrors)
        #expect(!summary.complete)
        #expect(records.count > 5 && records.count < 500)
    }
}
