import Foundation
import GazetteTestSupport
import Testing

/// The filter on bad input, one defect each, run as a real process: each case gets an error record with a code (or
/// a warning, or a hint on standard error) and the stream goes on.
@Suite("Filter: bad input", .serialized)
struct FilterBadInputTests {
    private func error(_ record: [String: Any]) -> (code: String?, message: String?) {
        let error = record["error"] as? [String: Any]
        return (error?["code"] as? String, error?["message"] as? String)
    }

    @Test func aFolderArgumentIsAnErrorRecord() throws {
        let folder = try TemporaryFolder()
        try folder.write("inside/a.txt", "Talks in Oslo.")
        let text = try folder.write("b.txt", "Talks in Lima.")
        let result = try CommandRunner.run([folder.file("inside"), text])
        #expect(result.status == 1)
        let records = try result.objects()
        #expect(records.count == 2)
        #expect(records[0]["id"] as? String == folder.file("inside"))
        #expect(error(records[0]).code == "GZ105")
        #expect(error(records[0]).message?.contains("folder") == true)
        #expect(records[0]["entities"] == nil)
        #expect(records[1]["error"] == nil)
    }

    @Test func aBinaryFileIsNotAnnotated() throws {
        let folder = try TemporaryFolder()
        let binary = try folder.write("tool", Array("\u{7F}ELF".utf8) + [2, 1, 1, 0, 0, 0, 0, 0] + Array("Acme Corp".utf8))
        let result = try CommandRunner.run([binary])
        #expect(result.status == 1)
        let record = try #require(try result.objects().first)
        #expect(error(record).code == "GZ107")
        #expect(record["entities"] == nil && record["topics"] == nil)
        #expect(!result.stderr.contains("GZ104"))
    }

    @Test func emptyInputIsAnEmptyDocumentWithNoTopic() throws {
        for (arguments, input) in [([String](), ""), ([], "  \n\n"), (["--input", "text"], ""), ([], #"{"id":7,"text":""}"#), ([], "{\"text\":\" \\n\"}\n")] {
            let result = try CommandRunner.run(arguments, stdin: input)
            #expect(result.status == 1, "\(input)")
            let records = try result.objects()
            #expect(records.count == 1, "\(input)")
            #expect(error(records[0]).code == "GZ109", "\(input)")
            #expect(records[0]["topics"] == nil, "\(input)")
        }
        // An empty JSON Lines input has no records at all.
        let none = try CommandRunner.run(["--input", "jsonl"], stdin: "")
        #expect(none.status == 0 && none.stdout.isEmpty)
    }

    @Test func aByteOrderMarkDoesNotHideJSONLines() throws {
        let input = Data([0xEF, 0xBB, 0xBF] + Array("{\"id\":\"b\",\"text\":\"Talks in Oslo.\"}\n{\"text\":\"Lima\"}\n".utf8))
        for arguments in [[], ["--input", "jsonl"], ["--input", "auto", "--jobs", "2"]] {
            let result = try CommandRunner.run(arguments, stdin: input)
            #expect(result.status == 0, "\(arguments)")
            let records = try result.objects()
            #expect(records.count == 2, "\(arguments)")
            #expect(records.first?["id"] as? String == "b", "\(arguments)")
            #expect(records.first?["error"] == nil, "\(arguments)")
        }
        let lines = try CommandRunner.run(["--input", "lines"], stdin: Data([0xEF, 0xBB, 0xBF] + Array("Oslo\n".utf8)))
        let entity = try #require((try lines.objects().first?["entities"] as? [[String: Any]])?.first)
        #expect(entity["start"] as? Int == 0)
    }

    @Test func errorsInSeveralFilesNameTheFileAndTheLine() throws {
        let folder = try TemporaryFolder()
        let first = try folder.write("f1.jsonl", "{\"text\":\"Oslo\"}\n{\"text\":\n")
        let second = try folder.write("f2.jsonl", "{\"text\":\"Lima\"}\n{\"text\":7}\n")
        let result = try CommandRunner.run([first, second])
        #expect(result.status == 1)
        let records = try result.objects()
        #expect(records.count == 4)
        #expect(error(records[1]).code == "GZ101")
        #expect(error(records[1]).message?.hasPrefix("\(first) line 2: ") == true)
        #expect(error(records[3]).code == "GZ103")
        #expect(error(records[3]).message?.hasPrefix("\(second) line 2: ") == true)
    }

    @Test func recordsWithoutTheTextFieldGiveOneHint() throws {
        let input = (1...20).map { #"{"id":\#($0),"headline":"h","body":"Talks in Oslo."}"# }.joined(separator: "\n") + "\n"
        let result = try CommandRunner.run([], stdin: input)
        #expect(result.status == 1)
        #expect(try result.objects().allSatisfy { error($0).code == "GZ102" })
        let hints = result.stderr.split(separator: "\n").filter { $0.contains("--text-field") }
        #expect(hints.count == 1)
        #expect(hints.first?.contains("id, headline, body") == true)
        // Named, the field is found, nested too.
        let named = try CommandRunner.run(["--text-field", "body"], stdin: input)
        #expect(named.status == 0 && !named.stderr.contains("--text-field"))
        let nested = try CommandRunner.run(["--text-field", "doc.body"], stdin: #"{"doc":{"body":"Talks in Oslo."}}"#)
        #expect(nested.status == 0)
        #expect((try nested.objects().first?["entities"] as? [[String: Any]])?.first?["text"] as? String == "Oslo")
    }

    @Test func replacedInputFieldsAreWarnedAboutOnce() throws {
        let input = (1...5).map { #"{"id":\#($0),"entities":["mine"],"topics":[],"text":"Talks in Oslo."}"# }.joined(separator: "\n")
        let result = try CommandRunner.run([], stdin: input)
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("replaced by Gazette's own") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains(#""entities", "topics""#) == true)
        let plain = try CommandRunner.run([], stdin: #"{"text":"Talks in Oslo.","note":1}"#)
        #expect(!plain.stderr.contains("replaced"))
    }

    @Test func aLoneSurrogateEscapeIsRepairedWithAWarning() throws {
        let result = try CommandRunner.run([], stdin: "{\"text\":\"ok\"}\n{\"id\":\"s\",\"text\":\"Talks in Oslo \\udc00.\"}\n")
        #expect(result.status == 0)
        // The input's own text passes through byte for byte (lone escape included): read the warning from the line.
        let records = try BadInputTableTests.records(result.stdout)
        let warning = try #require((records[1]["warnings"] as? [[String: Any]])?.first)
        #expect(warning["code"] as? String == "GZ104")
        #expect((warning["message"] as? String)?.hasPrefix("line 2: ") == true)
    }

    @Test func documentsOverTheLimitAreErrorRecordsAndTheStreamGoesOn() throws {
        let long = String(repeating: "Talks in Oslo. ", count: 200)
        let jsonl = "{\"text\":\"\(long)\"}\n{\"text\":\"Lima\"}\n"
        let result = try CommandRunner.run(["--max-document-bytes", "1K"], stdin: jsonl)
        #expect(result.status == 1)
        let records = try result.objects()
        #expect(records.count == 2)
        #expect(error(records[0]).code == "GZ108")
        #expect(error(records[0]).message?.contains("line 1") == true)
        #expect(records[1]["error"] == nil)

        let text = try CommandRunner.run(["--max-document-bytes", "1K"], stdin: long)
        #expect(text.status == 1)
        #expect(error(try text.objects()[0]).code == "GZ108")
        let lines = try CommandRunner.run(["--input", "lines", "--max-document-bytes", "1K"], stdin: long + "\nOslo\n")
        #expect(try lines.objects().map { error($0).code } == ["GZ108", nil])
        #expect(try lines.objects().map { $0["id"] as? String } == ["1", "2"])
        // Under the limit nothing changes.
        let fits = try CommandRunner.run(["--max-document-bytes", "4K"], stdin: long)
        #expect(fits.status == 0)
        let invalid = try CommandRunner.run(["--max-document-bytes", "0"], stdin: long)
        #expect(invalid.status != 0 && invalid.status != 1)
    }

    @Test func helpListsTheDefaultCommandsOptions() throws {
        for flag in ["--help", "-h"] {
            let help = try CommandRunner.run([flag])
            #expect(help.status == 0)
            for option in ["SUBCOMMANDS:", "batch", "--text-field", "--max-document-bytes", "--offsets", "--jobs", "--topics", "--emit-text"] {
                #expect(help.stdout.contains(option), "\(flag) lacks \(option)")
            }
        }
    }

    @Test func resourcesNamedByTheEnvironmentMustBeThere() throws {
        let folder = try TemporaryFolder()
        try folder.write("README.txt", "no resources here")
        let result = try CommandRunner.run([], stdin: "Talks in Oslo.", environment: ["GAZETTE_RESOURCES": folder.path])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("GZ201") && result.stderr.contains(folder.path))
    }
}
