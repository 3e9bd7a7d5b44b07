import Foundation
import GazetteTestSupport
import Testing
@testable import GazetteBatch

/// Every kind of input, built at test time: counts in = counts out, ids and sources right.
@Suite("Batch input formats")
struct BatchFormatsTests {
    let articles = [
        ("2024/one.txt", "Talks in China on Monday."),
        ("2024/two.md", "Ned Price spoke in Washington."),
        ("three", "A file without an extension is text too."),
    ]

    @Test func tarInEveryCompressionAndZip() throws {
        let folder = try TemporaryFolder()
        let archives: [(String, ArchiveBuilder.Format, ArchiveBuilder.Filter)] = [
            ("a.tar", .tar, .none), ("a.tar.gz", .tar, .gzip), ("a.tgz", .tar, .gzip), ("a.tar.bz2", .tar, .bzip2),
            ("a.tar.xz", .tar, .xz), ("a.tar.zst", .tar, .zstd), ("a.zip", .zip, .none),
        ]
        for (name, format, filter) in archives {
            try ArchiveBuilder.write(folder.file(name), format: format, filter: filter, texts: articles)
        }
        let inputs = archives.map { folder.file($0.0) }
        let (records, summary) = try BatchTesting.run(inputs)
        #expect(records.count == archives.count * articles.count)
        #expect(summary.documents == records.count && summary.failed == 0 && summary.complete)
        for (index, input) in inputs.enumerated() {
            let slice = records[(index * 3)..<(index * 3 + 3)]
            #expect(slice.map(\.source) == [input, input, input])
            #expect(slice.map(\.member) == articles.map(\.0))
            #expect(slice.map(\.id) == articles.map { "\(input)/\($0.0)" })
            #expect(slice.map(\.text) == articles.map(\.1))
        }
    }

    @Test func folderWalkedInNameOrderWithHTMLAndCompressedFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("in/b/page.html", "<html><head><style>x{}</style></head><body><p>Visit <i>Canada</i> &amp; Mexico</p></body></html>")
        try folder.write("in/a.txt", "First.")
        try ArchiveBuilder.compress(folder.file("in/c.txt.gz"), Array("Compressed text.".utf8))
        try folder.write("in/d.json", #"{"id":"json-doc","text":"One JSON object."}"#)
        try folder.write("in/notes.png", [0x89, 0x50])
        try folder.write("in/.hidden/e.txt", "Hidden folders are skipped.")
        let root = folder.file("in")
        var options = BatchRunner.Options()
        options.jobs = 2
        let sink = MemorySink()
        let summary = try BatchRunner(inputs: [root], annotator: BatchTesting.annotator, options: options).run(into: sink)
        let records = sink.records
        #expect(records.map(\.member) == ["a.txt", "b/page.html", "c.txt.gz", "d.json"])
        #expect(records.map(\.id) == ["\(root)/a.txt", "\(root)/b/page.html", "\(root)/c.txt.gz", "json-doc"])
        #expect(records.map(\.text) == ["First.", "Visit Canada & Mexico", "Compressed text.", "One JSON object."])
        #expect(records.allSatisfy { $0.source == root && $0.errorCode == nil })
        #expect(summary.unsupported == 1)
        #expect(summary.unsupportedExamples == ["\(root)/notes.png"])
    }

    @Test func jsonLinesKeepTheirFieldsAndGetSourceAndLine() throws {
        let folder = try TemporaryFolder()
        let lines = #"""
        {"id":"a","text":"Talks in China.","source":"Wire"}

        {"id":"b","text":"Ned Price spoke."}
        {"id":"c","text":
        """#
        try ArchiveBuilder.compress(folder.file("dump.jsonl.gz"), Array(lines.utf8))
        try folder.write("plain.jsonl", #"{"text":"No id here."}"# + "\n")
        let (records, summary) = try BatchTesting.run([folder.file("dump.jsonl.gz"), folder.file("plain.jsonl")])
        #expect(records.map(\.id) == ["a", "b", nil, nil])
        #expect(records.map { $0["line"] as? Int } == [1, 3, 4, 1])
        #expect(records.map(\.source) == [folder.file("dump.jsonl.gz"), folder.file("dump.jsonl.gz"), folder.file("dump.jsonl.gz"), folder.file("plain.jsonl")])
        #expect(records[2].errorCode == "GZ101")
        #expect(summary.failed == 1)
    }

    @Test func jsonLinesInsideATarball() throws {
        let folder = try TemporaryFolder()
        try ArchiveBuilder.write(folder.file("shards.tar"), format: .tar, texts: [
            ("part-1.jsonl", "{\"id\":\"x\",\"text\":\"One.\"}\n{\"id\":\"y\",\"text\":\"Two.\"}\n"),
            ("part-2.jsonl.gz", "not gzip at all"),
            ("part-3.jsonl", ""),
        ])
        let (records, _) = try BatchTesting.run([folder.file("shards.tar")])
        #expect(records.map(\.id) == ["x", "y", nil])
        #expect(records.map(\.member) == ["part-1.jsonl", "part-1.jsonl", "part-2.jsonl.gz"])
        #expect(records.map(\.errorCode) == [nil, nil, "GZ101"])
    }

    @Test func unorderedWritesTheSameRecordsInAnyOrder() throws {
        let folder = try TemporaryFolder()
        let many = (0..<300).map { ("doc\($0).txt", "Document number \($0) about China.") }
        try ArchiveBuilder.write(folder.file("many.tar.gz"), format: .tar, filter: .gzip, texts: many)
        let ordered = try BatchTesting.run([folder.file("many.tar.gz")], jobs: 2, ordered: true).records.compactMap(\.member)
        let unordered = try BatchTesting.run([folder.file("many.tar.gz")], jobs: 2, ordered: false).records.compactMap(\.member)
        #expect(ordered == many.map(\.0))
        #expect(unordered.sorted() == ordered.sorted())
    }

    @Test func aMissingInputStopsBeforeAnythingRuns() throws {
        #expect(throws: BatchError.self) { try BatchTesting.run(["/nonexistent/gazette-input.tar"]) }
    }
}
