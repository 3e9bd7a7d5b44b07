import Foundation
import GazetteTestSupport
import Testing
@testable import GazetteBatch
@testable import GazetteCLI

/// What batch reports while it runs: rates in the documents' decompressed bytes, and a progress line that writes no
/// terminal escapes where standard error is not a terminal (a log file; `ProgressLine` itself: ProgressLineTests).
@Suite("Batch progress")
struct BatchProgressTests {
    /// Collects what a `ProgressLine` writes.
    final class Written: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        func append(_ text: String) { lock.withLock { parts.append(text) } }
        var text: String { lock.withLock { parts.joined() } }
    }

    @Test func documentBytesAreCountedDecompressedBesideTheBytesOfTheFiles() throws {
        let folder = try TemporaryFolder()
        let lines = (0..<400).map { #"{"id":"d\#($0)","text":"The same report again and again, number \#($0)."}"# }
        try ArchiveBuilder.compress(folder.file("dump.jsonl.gz"), Array(lines.joined(separator: "\n").utf8))
        try folder.write("plain.txt", "Talks in Paris.")
        let (_, summary) = try BatchTesting.run([folder.file("dump.jsonl.gz"), folder.file("plain.txt")])
        let stored = try FileManager.default.attributesOfItem(atPath: folder.file("dump.jsonl.gz"))[.size] as! Int
        #expect(summary.documentBytes == lines.reduce(0) { $0 + $1.utf8.count } + "Talks in Paris.".utf8.count)
        #expect(summary.inputBytes == stored + "Talks in Paris.".utf8.count)
        #expect(summary.documentBytes > 5 * stored)
    }

    @Test func batchProgressIntoALogHasNoTerminalEscapes() {
        let written = Written()
        var progress = BatchProgress()
        progress.documents = 120
        progress.inputBytes = 1_000_000
        progress.totalInputBytes = 4_000_000
        progress.documentBytes = 9_000_000
        progress.seconds = 3
        ProgressLine(enabled: true, terminal: false, write: written.append).show(progress)
        #expect(written.text == "120 docs  1.0/4.0 MB of input read  40 docs/s  3.0 MB/s of documents  ETA 0:09  0 errors\n")
    }

    @Test func theCommandWithProgressIntoAFileWritesPlainLines() throws {
        let folder = try TemporaryFolder()
        let lines = (0..<3000).map { #"{"id":"d\#($0)","text":"Officials met in Paris on Monday to discuss report \#($0)."}"# }
        try ArchiveBuilder.compress(folder.file("dump.jsonl.gz"), Array(lines.joined(separator: "\n").utf8))
        let result = try CommandRunner.run(["batch", folder.file("dump.jsonl.gz"), "-o", folder.file("out"), "--progress", "--jobs", "1"])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\r"))
        #expect(result.stderr.contains("MB of input read  "))  // a progress line (the run lasts over 0.5 s)
        #expect(result.stderr.contains("MB/s of documents ("))  // the summary
    }
}
