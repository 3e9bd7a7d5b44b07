import Foundation
import GazetteTestSupport
import Testing

/// `gazette export`, run as a real process on records the filter wrote.
@Suite("Export command", .serialized)
struct ExportCommandTests {
    static let input = """
        {"id":"a","text":"Secretary Antony Blinken visited Washington 😀 on Tuesday."}
        {"id":"b","text":"Talks in China ended.\\r\\nThe State Department said so."}

        """

    func annotated() throws -> String {
        let result = try CommandRunner.run(["--emit-text"], stdin: Self.input)
        #expect(result.status == 0)
        return result.stdout
    }

    @Test func spacyAndCoNLLGoToStandardOutput() throws {
        let records = try annotated()
        let spacy = try CommandRunner.run(["export", "--to", "spacy"], stdin: records)
        #expect(spacy.status == 0 && spacy.stderr.isEmpty)
        #expect(spacy.lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(spacy.lines[0].utf8)) as? [String: Any])
        #expect((first["ents"] as? [[String: Any]])?.contains { $0["label"] as? String == "PERSON" } == true)
        let conll = try CommandRunner.run(["export", "--to", "conll"], stdin: records)
        #expect(conll.status == 0)
        #expect(conll.stdout.components(separatedBy: "-DOCSTART- O\n").count == 3)
        #expect(conll.stdout.contains("Blinken I-PERSON\n"))
    }

    @Test func bratWritesTwoFilesPerDocumentAndNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        let records = try folder.write("records.jsonl", try annotated())
        let output = folder.file("brat")
        let first = try CommandRunner.run(["export", "--to", "brat", "--output", output, records])
        #expect(first.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(files == ["a.ann", "a.txt", "annotation.conf", "b.ann", "b.txt"])
        #expect(try String(contentsOfFile: output + "/a.ann", encoding: .utf8).contains("\tAnnotatorNotes T1\tAntony Blinken ("))
        try "mine".write(toFile: output + "/a.ann", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: output + "/b.ann")
        try FileManager.default.removeItem(atPath: output + "/b.txt")
        let second = try CommandRunner.run(["export", "--to", "brat", "--output", output, records])
        #expect(second.status == 1)
        #expect(second.stderr.contains("annotation.conf: exists already; not overwritten"))
        #expect(second.stderr.contains("a.txt: exists already; not overwritten"))
        #expect(try String(contentsOfFile: output + "/a.ann", encoding: .utf8) == "mine")
        #expect(FileManager.default.fileExists(atPath: output + "/b.ann"))
    }

    @Test func labelStudioWritesTasksAndTheLabelingInterface() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("ls")
        let result = try CommandRunner.run(["export", "--to", "label-studio", "-o", output], stdin: try annotated())
        #expect(result.status == 0)
        let tasks = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/tasks.json"))) as? [[String: Any]])
        #expect(tasks.count == 2)
        #expect(try String(contentsOfFile: output + "/label-config.xml", encoding: .utf8).contains(#"<Label value="PERSON"/>"#))
        let again = try CommandRunner.run(["export", "--to", "label-studio", "-o", output], stdin: try annotated())
        #expect(again.status == 2 && again.stderr.contains("tasks.json"))
    }

    @Test func errorRecordsAndRecordsWithoutTextAreReportedAndSkipped() throws {
        let records = try annotated()
        // Text in "body": the records keep it there, and have no "text".
        let bodies = Self.input.replacingOccurrences(of: "\"text\"", with: "\"body\"")
        let withoutText = try CommandRunner.run(["--text-field", "body"], stdin: bodies).stdout
        let broken = "{\"id\":\"x\",\"text\":\n"
        let errorRecord = try CommandRunner.run([], stdin: "{\"id\":\"e\",\"text\":7}\n").stdout
        let result = try CommandRunner.run(["export", "--to", "spacy"], stdin: withoutText + broken + errorRecord + records)
        #expect(result.status == 1)
        #expect(result.lines.count == 2)
        #expect(result.stderr.contains("line 1 (id a): GZ102"))
        #expect(result.stderr.contains("line 3: GZ101"))
        #expect(result.stderr.contains("line 4 (id e): GZ103"))
        let fromBody = try CommandRunner.run(["export", "--to", "spacy", "--text-field", "body"], stdin: withoutText)
        #expect(fromBody.status == 0 && fromBody.lines.count == 2)
    }

    @Test func bratNeedsAnOutputFolder() throws {
        let result = try CommandRunner.run(["export", "--to", "brat"], stdin: "")
        #expect(result.status != 0 && result.stderr.contains("--output"))
    }
}

/// `gazette render`, run as a real process on records the filter wrote.
@Suite("Render command", .serialized)
struct RenderCommandTests {
    @Test func oneDocumentPageGoesToStandardOutput() throws {
        let records = try CommandRunner.run(["--emit-text", "--explain"], stdin: ExportCommandTests.input)
        let page = try CommandRunner.run(["render", "--title", "Two"], stdin: records.stdout)
        #expect(page.status == 0 && page.stderr.isEmpty)
        #expect(page.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(page.stdout.components(separatedBy: "<section class=\"doc\">").count == 3)
        #expect(page.stdout.contains("data-name=\"Antony Blinken\""))
    }

    @Test func aFolderHasAPagePerDocumentAndAnIndexAndIsNeverOverwritten() throws {
        let folder = try TemporaryFolder()
        let records = try folder.write("records.jsonl", try CommandRunner.run(["--emit-text"], stdin: ExportCommandTests.input).stdout)
        let output = folder.file("pages")
        let first = try CommandRunner.run(["render", "--output", output, records])
        #expect(first.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["a.html", "b.html", "index.html"])
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8).contains(#"<a href="b.html">b</a>"#))
        try "mine".write(toFile: output + "/index.html", atomically: false, encoding: .utf8)
        let second = try CommandRunner.run(["render", "--output", output, records])
        #expect(second.status == 2)
        #expect(second.stderr.contains("(not overwritten)"))
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "mine")
        #expect(second.stderr.contains("a.html: File exists"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == ["a.html", "b.html", "index.html"])
    }

    @Test func aRecordWithoutItsTextIsReportedAndTheOthersRendered() throws {
        let records = try CommandRunner.run(["--emit-text"], stdin: ExportCommandTests.input).stdout
        let withoutText = #"{"id":"c","entities":[]}"# + "\n"
        let result = try CommandRunner.run(["render"], stdin: records + withoutText)
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 3 (id c)"))
        #expect(result.stdout.components(separatedBy: "<section class=\"doc\">").count == 3)
    }
}
