import Foundation
import Testing
import GazetteTestSupport
@testable import GazetteBatch

/// `gazette batch` as a real process: killed mid-run (SIGKILL, SIGTERM) and run again, every document ends up in
/// the output exactly once.
@Suite("gazette batch command", .serialized)
struct BatchCommandTests {
    /// Starts `gazette batch` with its output streams going to files in `folder`.
    private func start(_ arguments: [String], in folder: TemporaryFolder) throws -> ChildProcess {
        try ChildProcess(CommandRunner.executable.path, ["batch"] + arguments, directory: folder.path,
                         stdin: .null, stdout: .null, stderr: .file(folder.file("stderr.txt")))
    }

    private func committedShards(_ output: String) -> Int {
        let manifest = (try? String(contentsOfFile: output + "/manifest.jsonl", encoding: .utf8)) ?? ""
        return manifest.split(separator: "\n").filter { $0.hasPrefix(#"{"shard""#) }.count
    }

    private func waitForShards(_ count: Int, in output: String, of process: ChildProcess) {
        let deadline = Date().addingTimeInterval(60)
        while committedShards(output) < count && process.isRunning && Date() < deadline { usleep(2_000) }
    }

    /// A JSON Lines dump of `count` short news-like documents, gzipped.
    private func makeInput(_ count: Int, in folder: TemporaryFolder) throws -> String {
        let places = ["China", "Canada", "Mexico", "Washington", "Paris"]
        let lines = (0..<count).map { #"{"id":"doc-\#($0)","text":"Report \#($0): officials met in \#(places[$0 % places.count]) on Monday."}"# }
        try ArchiveBuilder.compress(folder.file("dump.jsonl.gz"), Array(lines.joined(separator: "\n").utf8))
        return folder.file("dump.jsonl.gz")
    }

    private func expectEachOnce(_ output: String, count: Int) throws {
        let ids = try BatchTesting.shardRecords(in: output).compactMap(\.id)
        #expect(ids.count == count)
        #expect(Set(ids) == Set((0..<count).map { "doc-\($0)" }))
    }

    @Test func killedTwiceWithSIGKILLThenResumedHoldsEveryDocumentOnce() throws {
        let folder = try TemporaryFolder()
        let count = 800
        let input = try makeInput(count, in: folder)
        let output = folder.file("out")
        let arguments = [input, "--output", output, "--jobs", "2", "--shard-size", "4K", "--compress"]

        // Killed just after a commit, and again at an arbitrary moment while a shard is half written.
        let first = try start(arguments, in: folder)
        waitForShards(2, in: output, of: first)
        first.send(SIGKILL)
        first.wait(killingAfter: CommandRunner.timeLimit)
        #expect(first.termination == .signal(SIGKILL))
        let afterFirst = committedShards(output)

        let second = try start(arguments, in: folder)
        waitForShards(afterFirst + 3, in: output, of: second)
        usleep(30_000)
        second.send(SIGKILL)
        second.wait(killingAfter: CommandRunner.timeLimit)
        #expect(second.termination == .signal(SIGKILL))
        let manifest = try String(contentsOfFile: output + "/manifest.jsonl", encoding: .utf8)
        #expect(!manifest.contains(#""complete":true"#))

        let third = try start(arguments, in: folder)
        third.wait(killingAfter: CommandRunner.timeLimit)
        #expect(third.termination == .exit(0))
        let summary = try String(contentsOfFile: folder.file("stderr.txt"), encoding: .utf8)
        #expect(summary.contains("done by an earlier run"))
        try expectEachOnce(output, count: count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func sigtermStopsCleanlyAndTheNextRunFinishes() throws {
        let folder = try TemporaryFolder()
        // More documents than the runner holds in flight (8 batches of 64), so that SIGTERM stops it mid-run.
        let count = 1200
        let input = try makeInput(count, in: folder)
        let output = folder.file("out")
        let arguments = [input, "-o", output, "--shard-size", "4K", "--unordered"]

        let first = try start(arguments, in: folder)
        waitForShards(1, in: output, of: first)
        first.send(SIGTERM)
        first.wait(killingAfter: CommandRunner.timeLimit)
        #expect(first.termination == .exit(128 + SIGTERM))
        let stderr = try String(contentsOfFile: folder.file("stderr.txt"), encoding: .utf8)
        #expect(stderr.contains("interrupted; run the same command again to continue"))
        let manifest = try String(contentsOfFile: output + "/manifest.jsonl", encoding: .utf8)
        #expect(!manifest.contains(#""complete":true"#))
        #expect(manifest.split(separator: "\n").allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).allSatisfy { !$0.hasSuffix(".tmp") })

        let second = try start(arguments, in: folder)
        second.wait(killingAfter: CommandRunner.timeLimit)
        #expect(second.termination == .exit(0))
        try expectEachOnce(output, count: count)

        let third = try start(arguments, in: folder)
        third.wait(killingAfter: CommandRunner.timeLimit)
        #expect(third.termination == .exit(0))
        #expect(try String(contentsOfFile: folder.file("stderr.txt"), encoding: .utf8).contains("already complete"))
    }

    @Test func failedDocumentsGiveExitStatusOneAndABadFolderTwo() throws {
        let folder = try TemporaryFolder()
        try folder.write("in/good.txt", "Talks in China.")
        try folder.write("in/empty.txt", "")
        let run = try start(["in", "-o", "out"], in: folder)
        run.wait(killingAfter: CommandRunner.timeLimit)
        #expect(run.termination == .exit(1))
        let records = try BatchTesting.shardRecords(in: folder.file("out"))
        #expect(records.map(\.member) == ["empty.txt", "good.txt"])
        #expect(records.map(\.source) == ["in", "in"])
        #expect((records[1]["entities"] as? [[String: Any]])?.first?["text"] as? String == "China")

        try folder.write("not-a-folder", "x")
        let bad = try start([folder.file("in"), "-o", folder.file("not-a-folder/out")], in: folder)
        bad.wait(killingAfter: CommandRunner.timeLimit)
        #expect(bad.termination == .exit(2))
    }

    @Test func batchTakesTheFiltersTopicOptionsAndNamesThemInTheBatch() throws {
        let folder = try TemporaryFolder()
        try folder.write("in/a.txt", "The striker scored twice as the club won the cup final in London.")
        let plain = try start(["in", "-o", "plain", "--topics", "0"], in: folder)
        plain.wait(killingAfter: CommandRunner.timeLimit)
        #expect(plain.termination == .exit(0))
        #expect(try BatchTesting.shardRecords(in: folder.file("plain")).allSatisfy { ($0["topics"] as? [Any] ?? []).isEmpty })

        let explained = try start(["in", "-o", "explained", "--topics", "1", "--explain"], in: folder)
        explained.wait(killingAfter: CommandRunner.timeLimit)
        #expect(explained.termination == .exit(0))
        let topics = try BatchTesting.shardRecords(in: folder.file("explained")).first?["topics"] as? [[String: Any]]
        #expect(topics?.count == 1 && (topics?.first?["evidence"] as? [Any])?.isEmpty == false)
        let manifest = try String(contentsOfFile: folder.file("explained/manifest.jsonl"), encoding: .utf8)
        #expect(manifest.contains("explain=true") && manifest.contains("topics=1"))

        // The same output folder with other topic settings is another batch: exit 2, with the batch error's code.
        let other = try start(["in", "-o", "explained", "--topics", "2"], in: folder)
        other.wait(killingAfter: CommandRunner.timeLimit)
        #expect(other.termination == .exit(2))
        #expect(try String(contentsOfFile: folder.file("stderr.txt"), encoding: .utf8).contains(BatchError.Code.otherBatchInOutput.rawValue))
    }
}
