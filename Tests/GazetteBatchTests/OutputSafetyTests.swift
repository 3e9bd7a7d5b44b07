import Foundation
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// Nothing a user wrote is overwritten: shard-like files the batch did not write make the output folder refused, and
/// an input named twice stops the run before anything is written.
@Suite("Output safety")
struct OutputSafetyTests {
    private func contents(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func aFolderHoldingSomeoneElsesPartFileIsRefusedAndLeftAsItWas() throws {
        let folder = try TemporaryFolder()
        try folder.write("out/part-000000.jsonl", #"{"x":1}"# + "\n")
        let error = #expect(throws: BatchError.self) { try ShardDirectory(path: folder.file("out"), batch: "b") }
        #expect(error?.code == .otherBatchInOutput)
        #expect(error?.message.contains("part-000000.jsonl") == true)
        #expect(try contents(folder.file("out/part-000000.jsonl")) == #"{"x":1}"# + "\n")
        // Refused before anything was created: no manifest.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")) == ["part-000000.jsonl"])
        // --restart does not make it the batch's either.
        #expect(throws: BatchError.self) { try ShardDirectory(path: folder.file("out"), batch: "b", restart: true) }
        #expect(try contents(folder.file("out/part-000000.jsonl")) == #"{"x":1}"# + "\n")
    }

    @Test func aPartFileDroppedBesideABatchIsRefusedNotDeleted() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        try folder.write("in/a.txt", "Talks in Paris.")
        let summary = try BatchRunner(inputs: [folder.file("in")], annotator: BatchTesting.annotator)
            .run(into: try ShardDirectory(path: output, batch: "b"))
        #expect(summary.complete)
        // part-000001 is the name this batch would write next (a killed run's leftover looks like it); any other is not.
        for name in ["part-000007.jsonl", ".part-000003.jsonl.tmp", "part-notes.txt"] {
            try folder.write("out/" + name, "mine")
            let error = #expect(throws: BatchError.self) { try ShardDirectory(path: output, batch: "b") }
            #expect(error?.code == .otherBatchInOutput)
            #expect(try contents(output + "/" + name) == "mine")
            let restarted = #expect(throws: BatchError.self) { try ShardDirectory(path: output, batch: "other", restart: true) }
            #expect(restarted?.code == .otherBatchInOutput)
            #expect(try contents(output + "/" + name) == "mine")
            try FileManager.default.removeItem(atPath: output + "/" + name)
        }
        _ = try ShardDirectory(path: output, batch: "b")
    }

    @Test func restartDiscardsOnlyABatchsOwnFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("out/manifest.jsonl", "my own notes, not a batch\n")
        let error = #expect(throws: BatchError.self) { try ShardDirectory(path: folder.file("out"), batch: "b", restart: true) }
        #expect(error?.code == .otherBatchInOutput)
        #expect(try contents(folder.file("out/manifest.jsonl")) == "my own notes, not a batch\n")
    }

    @Test func aShardNameTakenWhileTheBatchRunsIsNotReplaced() throws {
        let folder = try TemporaryFolder()
        let sink = try ShardDirectory(path: folder.file("out"), batch: "b")
        try sink.write(BatchOutput(position: 0, sourceIndex: 0, sourceStart: 0, bytes: Array("{}\n".utf8), failed: false))
        try folder.write("out/part-000000.jsonl", "arrived meanwhile")
        let error = #expect(throws: BatchError.self) { try sink.finish(complete: true) }
        #expect(error?.code == .otherBatchInOutput)
        #expect(try contents(folder.file("out/part-000000.jsonl")) == "arrived meanwhile")
    }

    @Test func anInputNamedTwiceStopsTheRunBeforeAnythingIsWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("news/a.txt", "Talks in Paris.")
        try folder.write("news/sub/b.txt", "More talks.")
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: folder.file("news"))
        let news = folder.file("news")
        let twice: [[String]] = [
            [news, news], [news, news + "/"], [news, folder.file("news/./sub/../")], [folder.file("link"), news],
            [news, folder.file("news/sub/b.txt")], [folder.file("link/sub"), news], [folder.file("news/a.txt"), folder.file("link/a.txt")],
        ]
        for inputs in twice {
            let runner = BatchRunner(inputs: inputs, annotator: BatchTesting.annotator)
            let error = #expect(throws: BatchError.self, "\(inputs)") { try runner.checkInputs() }
            #expect(error?.code == .duplicateInput)
            let sink = MemorySink()
            #expect(throws: BatchError.self) { try runner.run(into: sink) }
            #expect(sink.outputs.isEmpty && sink.finishedComplete == nil)
        }
        // Neighbours are not duplicates: "news" and "news2", or two files of one folder.
        try folder.write("news2/c.txt", "Elsewhere.")
        for inputs in [[news, folder.file("news2")], [folder.file("news/a.txt"), folder.file("news/sub/b.txt")]] {
            try BatchRunner(inputs: inputs, annotator: BatchTesting.annotator).checkInputs()
        }
    }

    @Test func theCommandRefusesBothWithExitStatusTwoAndTouchesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write("news/a.txt", "Talks in Paris.")
        try folder.write("other/part-000000.jsonl", #"{"x":1}"# + "\n")
        let foreign = try CommandRunner.run(["batch", folder.file("news"), "-o", folder.file("other")])
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("GZ403") && foreign.stderr.contains("part-000000.jsonl"))
        #expect(try contents(folder.file("other/part-000000.jsonl")) == #"{"x":1}"# + "\n")

        let twice = try CommandRunner.run(["batch", folder.file("news"), folder.file("news"), "-o", folder.file("fresh")])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("GZ406"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("fresh")))
    }
}
