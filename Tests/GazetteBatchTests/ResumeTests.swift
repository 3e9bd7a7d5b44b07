import Foundation
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// The output folder's manifest: what a stopped or killed run leaves, and how the next run picks it up.
@Suite("Resume")
struct ResumeTests {
    /// A sink that asks the runner to stop after `limit` documents, like Ctrl-C would.
    final class StoppingSink: BatchSink, @unchecked Sendable {
        let inner: ShardDirectory
        let limit: Int
        var runner: BatchRunner?
        var count = 0

        init(_ inner: ShardDirectory, limit: Int) {
            self.inner = inner
            self.limit = limit
        }

        func checkpoint() throws -> BatchCheckpoint { try inner.checkpoint() }
        func write(_ output: BatchOutput) throws {
            try inner.write(output)
            count += 1
            if count == limit { runner?.cancel() }
        }
        func finish(complete: Bool) throws { try inner.finish(complete: complete) }
    }

    private func makeInputs(in folder: TemporaryFolder) throws -> [String] {
        try ArchiveBuilder.write(folder.file("a.tar.gz"), format: .tar, filter: .gzip, texts: (0..<400).map { ("a\($0).txt", "Article \($0).") })
        try ArchiveBuilder.compress(folder.file("b.jsonl.gz"), Array((0..<300).map { #"{"id":"b\#($0)","text":"Line \#($0)."}"# }.joined(separator: "\n").utf8))
        return [folder.file("a.tar.gz"), folder.file("b.jsonl.gz")]
    }

    private func expectEveryDocumentOnce(_ records: [Record]) {
        let keys = records.map { $0.member ?? $0.id ?? "?" }
        #expect(keys.count == 700)
        #expect(Set(keys).count == 700)
    }

    @Test(arguments: [true, false])
    func stoppedRunsContinueWhereTheyStopped(ordered: Bool) throws {
        let folder = try TemporaryFolder()
        let inputs = try makeInputs(in: folder)
        let output = folder.file("out")
        var settings = ShardDirectory.Settings()
        settings.shardBytes = 4096
        var options = BatchRunner.Options()
        options.ordered = ordered
        options.jobs = 2
        // Each run is stopped after 100 documents (the documents in flight are still written) until one completes.
        var written = 0
        var runs = 0
        var complete = false
        while !complete && runs < 20 {
            let sink = StoppingSink(try ShardDirectory(path: output, batch: "b", settings: settings), limit: 100)
            let runner = BatchRunner(inputs: inputs, annotator: BatchTesting.annotator, options: options)
            sink.runner = runner
            let summary = try runner.run(into: sink)
            written += summary.documents
            complete = summary.complete
            #expect(summary.cancelled != summary.complete)
            runs += 1
        }
        #expect(runs >= 2 && complete)
        #expect(written == 700)
        expectEveryDocumentOnce(try BatchTesting.shardRecords(in: output))
        let again = try BatchRunner(inputs: inputs, annotator: BatchTesting.annotator).run(into: try ShardDirectory(path: output, batch: "b"))
        #expect(again.alreadyComplete && again.documents == 0)
    }

    @Test func whatAKilledRunLeftHalfDoneIsCleanedUp() throws {
        let folder = try TemporaryFolder()
        let inputs = try makeInputs(in: folder)
        let output = folder.file("out")
        var settings = ShardDirectory.Settings(compress: true)
        settings.shardBytes = 4096
        do {
            let sink = StoppingSink(try ShardDirectory(path: output, batch: "b", settings: settings), limit: 350)
            let runner = BatchRunner(inputs: inputs, annotator: BatchTesting.annotator)
            sink.runner = runner
            _ = try runner.run(into: sink)
        }
        // What a kill can leave: the next shard renamed but not yet in the manifest, its temporary file, a torn
        // manifest line.
        let committed = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix("part-") }.sorted()
        let next = String(format: "part-%06d.jsonl.gz", committed.count)
        try Data([0x1f, 0x8b]).write(to: URL(fileURLWithPath: output + "/" + next))
        try Data("{\"id\":\"ghost\"}\n".utf8).write(to: URL(fileURLWithPath: output + "/." + next + ".tmp"))
        try Data("unrelated".utf8).write(to: URL(fileURLWithPath: output + "/notes.txt"))
        let manifest = try FileHandle(forWritingTo: URL(fileURLWithPath: output + "/manifest.jsonl"))
        manifest.seekToEndOfFile()
        manifest.write(Data(#"{"shard":"\#(next)","documents":3"#.utf8))
        manifest.closeFile()

        let sink = try ShardDirectory(path: output, batch: "b", settings: settings)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasPrefix("part-") || $0.hasPrefix(".part") }.sorted() == committed)
        #expect(FileManager.default.fileExists(atPath: output + "/notes.txt"))
        let summary = try BatchRunner(inputs: inputs, annotator: BatchTesting.annotator).run(into: sink)
        #expect(summary.complete)
        expectEveryDocumentOnce(try BatchTesting.shardRecords(in: output))
        let lines = try String(contentsOfFile: output + "/manifest.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
    }

    @Test func anotherBatchsFolderIsRefusedUnlessRestarted() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        _ = try ShardDirectory(path: output, batch: "first")
        #expect(throws: BatchError.self) { try ShardDirectory(path: output, batch: "second") }
        _ = try ShardDirectory(path: output, batch: "second", restart: true)
    }

    @Test func parentFolders() {
        #expect(ShardDirectory.parent(of: "out") == ".")
        #expect(ShardDirectory.parent(of: "out/") == ".")
        #expect(ShardDirectory.parent(of: "a/b/out") == "a/b")
        #expect(ShardDirectory.parent(of: "/out") == "/")
    }

    @Test func onlyOneRunWritesToAFolder() throws {
        let folder = try TemporaryFolder()
        let first = try ShardDirectory(path: folder.file("out"), batch: "b")
        #expect(throws: BatchError.self) { try ShardDirectory(path: folder.file("out"), batch: "b") }
        withExtendedLifetime(first) {}
    }

    @Test func checkpointsAdvanceOverDocumentsDoneOutOfOrder() {
        var checkpoint = BatchCheckpoint()
        checkpoint.markDone(1, source: 0, start: 0)
        checkpoint.markDone(3, source: 1, start: 3)
        #expect(checkpoint.watermark == 0 && checkpoint.isDone(1) && !checkpoint.isDone(0))
        checkpoint.markDone(0, source: 0, start: 0)
        #expect(checkpoint.watermark == 2 && checkpoint.resume == .init(source: 0, start: 0))
        checkpoint.markDone(2, source: 1, start: 2)
        #expect(checkpoint.watermark == 4 && checkpoint.resume == .init(source: 1, start: 3) && checkpoint.extra.isEmpty)
    }
}
