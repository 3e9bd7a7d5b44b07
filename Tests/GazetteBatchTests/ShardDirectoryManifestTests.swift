import Foundation
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// Reading `manifest.jsonl` back: the lines exactly as the batch writes them (and as earlier versions wrote them),
/// so that an output folder left by an earlier gazette resumes.
@Suite("Shard directory manifest")
struct ShardDirectoryManifestTests {
    private static let header = #"{"manifest":"gazette.batch/1","batch":"inputs; jobs=2"}"#
    private static let firstShard = #"{"shard":"part-000000.jsonl","documents":3,"failed":1,"bytes":120,"watermark":2,"resume":[0,512],"extra":[],"total_documents":3,"total_failed":1}"#
    private static let secondShard = #"{"shard":"part-000001.jsonl","documents":2,"failed":0,"bytes":80,"watermark":4,"resume":[1,0],"extra":[[6,1,64],[9,1,128]],"total_documents":5,"total_failed":1}"#
    private static let completeLine = #"{"complete":true,"total_documents":5,"total_failed":1,"web_records":{"warc":2}}"#

    /// A folder as a stopped batch leaves it: `lines` as the manifest, and the shards its lines name.
    private func batchFolder(_ lines: [String], in folder: TemporaryFolder) throws -> String {
        _ = try folder.write("out/part-000000.jsonl", "{}\n{}\n{}\n")
        _ = try folder.write("out/part-000001.jsonl", "{}\n{}\n")
        _ = try folder.write("out/manifest.jsonl", lines.map { $0 + "\n" }.joined())
        return folder.file("out")
    }

    @Test func shardLineReadsEveryField() throws {
        let line = try #require(ShardDirectory.ManifestLine(Array(Self.secondShard.utf8)))
        #expect(line.shard == "part-000001.jsonl")
        #expect(line.documents == 2 && line.failed == 0 && line.watermark == 4)
        #expect(line.resume == [1, 0])
        #expect(line.extra == [[6, 1, 64], [9, 1, 128]])
        #expect(line.complete == nil && line.manifest == nil)
    }

    @Test func headerAndCompleteLinesRead() throws {
        #expect(ShardDirectory.ManifestLine(Array(Self.header.utf8))?.manifest == "gazette.batch/1")
        #expect(ShardDirectory.ManifestLine(Array(Self.completeLine.utf8))?.complete == true)
    }

    @Test(arguments: [#"{"shard":"part-000000.jsonl","documents":3"#, "", "[1,2]", "not json", #""shard""#])
    func aLineThatIsNotAJSONObjectReadsAsNothing(line: String) {
        #expect(ShardDirectory.ManifestLine(Array(line.utf8)) == nil)
    }

    @Test func aFieldOfTheWrongTypeReadsAsAbsent() throws {
        let line = try #require(ShardDirectory.ManifestLine(Array(#"{"shard":7,"documents":"3","complete":1,"resume":[0,"x"]}"#.utf8)))
        #expect(line.shard == nil && line.documents == nil && line.complete == nil && line.resume == nil)
    }

    @Test func aStoppedBatchFolderResumesFromItsLastShardLine() throws {
        let folder = try TemporaryFolder()
        let output = try batchFolder([Self.header, Self.firstShard, Self.secondShard], in: folder)
        let sink = try ShardDirectory(path: output, batch: "inputs; jobs=2")
        #expect(sink.shards == ["part-000000.jsonl", "part-000001.jsonl"])
        #expect(sink.committedDocuments == 5 && sink.committedFailures == 1)
        var expected = BatchCheckpoint()
        expected.watermark = 4
        expected.resume = .init(source: 1, start: 0)
        expected.extra = [6: .init(source: 1, start: 64), 9: .init(source: 1, start: 128)]
        #expect(try sink.checkpoint() == expected)
    }

    @Test func aFinishedBatchFolderReadsAsComplete() throws {
        let folder = try TemporaryFolder()
        let output = try batchFolder([Self.header, Self.firstShard, Self.secondShard, Self.completeLine], in: folder)
        #expect(try ShardDirectory(path: output, batch: "inputs; jobs=2").checkpoint().complete)
    }

    @Test func aLastLineThatIsJSONButNotABatchLineIsDamageNotATornLine() throws {
        let folder = try TemporaryFolder()
        let output = try batchFolder([Self.header, Self.firstShard, #"{"shard":"part-000001.jsonl","documents":"two"}"#], in: folder)
        #expect(throws: BatchError.self) { try ShardDirectory(path: output, batch: "inputs; jobs=2") }
        do {
            _ = try ShardDirectory(path: output, batch: "inputs; jobs=2")
        } catch {
            #expect(error.code == .manifestDamaged)
        }
        // Nothing was cut off.
        #expect(try String(contentsOfFile: output + "/manifest.jsonl", encoding: .utf8).split(separator: "\n").count == 3)
    }

    @Test func restartDiscardsTheShardsTheManifestNames() throws {
        let folder = try TemporaryFolder()
        let output = try batchFolder([Self.header, Self.firstShard, Self.secondShard], in: folder)
        let sink = try ShardDirectory(path: output, batch: "other inputs", restart: true)
        #expect(sink.shards.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["manifest.jsonl"])
    }

    @Test func missingFoldersAboveTheOutputAreCreated() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("a/b/out/")
        _ = try ShardDirectory(path: output, batch: "b")
        #expect(FileManager.default.fileExists(atPath: folder.file("a/b/out/manifest.jsonl")))
    }

    @Test func anOutputBelowAFileIsRefusedNamingTheFolder() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("plain", "a file")
        #expect {
            _ = try ShardDirectory(path: folder.file("plain/out"), batch: "b")
        } throws: { error in
            (error as? BatchError)?.code == .outputUnusable && "\(error)".contains("plain/out")
        }
    }
}
