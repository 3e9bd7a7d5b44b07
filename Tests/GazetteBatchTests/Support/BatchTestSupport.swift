import Foundation
import Gazette
@testable import GazetteBatch


/// Output records as parsed JSON objects.
typealias Record = [String: Any]

extension Record {
    var id: String? { self["id"] as? String }
    var source: String? { self["source"] as? String }
    var member: String? { self["member"] as? String }
    var errorCode: String? { (self["error"] as? [String: Any])?["code"] as? String }
    var errorMessage: String? { (self["error"] as? [String: Any])?["message"] as? String }
    /// The text that was annotated (see `EchoTextStage`).
    var text: String? { (self["topics"] as? [[String: Any]])?.first?["label"] as? String }
    var warningCodes: [String] { (self["warnings"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? [] }
}

/// Collects outputs in memory.
final class MemorySink: BatchSink, @unchecked Sendable {
    var outputs: [BatchOutput] = []
    var finishedComplete: Bool?

    func checkpoint() throws -> BatchCheckpoint { BatchCheckpoint() }
    func write(_ output: BatchOutput) throws { outputs.append(output) }
    func finish(complete: Bool) throws { finishedComplete = complete }

    var records: [Record] {
        outputs.map { try! JSONSerialization.jsonObject(with: Data($0.bytes)) as! Record }
    }
}

/// Writes the document's text as its only topic, so that tests can see exactly what text was annotated.
struct EchoTextStage: Stage {
    let name = "echo-text"
    let requires: Set<Layer> = []
    let provides: Set<Layer> = [.topics]

    func process(_ document: inout Document) throws {
        document.topics = [Topic(label: document.text, score: 1)]
    }
}

enum BatchTesting {
    /// A pipeline that only echoes the text: records carry ids, sources, errors and the text that was annotated,
    /// which is what these tests check, and it costs nothing to build.
    static let annotator = RecordAnnotator(pipeline: try! Pipeline(stages: [EchoTextStage()], resourceHash: "test"),
                                           writer: JSONLWriter(stamp: "test"))

    static func run(_ inputs: [String], jobs: Int = 2, ordered: Bool = true, maxDocumentBytes: Int = 1 << 20,
                    configure: (inout BatchRunner.Options) -> Void = { _ in }) throws -> (records: [Record], summary: BatchSummary) {
        var options = BatchRunner.Options()
        options.jobs = jobs
        options.ordered = ordered
        options.maxDocumentBytes = maxDocumentBytes
        configure(&options)
        let sink = MemorySink()
        let summary = try BatchRunner(inputs: inputs, annotator: annotator, options: options).run(into: sink)
        return (sink.records, summary)
    }

    /// Every record of the shards in a batch output folder.
    static func shardRecords(in folder: String) throws -> [Record] {
        var records: [Record] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasPrefix("part-") {
            var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)))
            if name.hasSuffix(".gz") {
                let archive = try ArchiveHandle.open(bytes: bytes, mode: .raw(decompress: true))
                _ = try archive.nextEntry()
                guard case let .bytes(plain) = try archive.readEntry(limit: 1 << 30) else { fatalError("shard too large") }
                bytes = plain
            }
            for line in bytes.split(separator: UInt8(ascii: "\n")) {
                records.append(try JSONSerialization.jsonObject(with: Data(line)) as! Record)
            }
        }
        return records
    }
}
