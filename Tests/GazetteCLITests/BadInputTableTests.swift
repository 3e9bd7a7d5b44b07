import Foundation
import Gazette
import GazetteTestSupport
import Testing

/// Walks README's bad-input table ("Bad input: one policy for the filter, batch and the library"): each row's input
/// goes through the filter, `gazette batch` and `RecordAnnotator`, and what comes out (code, kind of record, exit
/// status) must be what the table says. The expectations live in README only; this file knows how to make each
/// class of input.
@Suite("README's bad-input table", .serialized)
struct BadInputTableTests {
    /// What one cell of the table says happens.
    struct Outcome: Equatable, CustomStringConvertible {
        enum Kind: String { case error, record, skipped, refused }
        var kind: Kind
        var code: String?
        var exit: Int32?

        var description: String { "\(kind.rawValue)\(code.map { " \($0)" } ?? "")\(exit.map { ", exit \($0)" } ?? "")" }

        /// Parses "error GZ109, exit 1", "record, warning GZ104, exit 0", "skipped, exit 0", "refused GZ401, exit 2",
        /// "record"; nil for "—".
        init?(cell: String) {
            let text = cell.trimmingCharacters(in: .whitespaces)
            guard text != "—" else { return nil }
            guard let first = text.split(whereSeparator: { $0 == " " || $0 == "," }).first, let kind = Kind(rawValue: String(first)) else {
                Issue.record("README cell not understood: \(cell)")
                return nil
            }
            self.kind = kind
            code = text.firstMatch(of: /GZ[0-9]{3}/).map { String($0.output) }
            exit = text.firstMatch(of: /exit ([0-9]+)/).flatMap { Int32($0.output.1) }
        }

        init(kind: Kind, code: String?, exit: Int32?) {
            self.kind = kind
            self.code = code
            self.exit = exit
        }
    }

    /// One row of the table.
    struct Row {
        var inputClass: String
        var filter: Outcome?
        var batch: Outcome?
        var library: Outcome?
    }

    /// The checkout's README.
    static var readme: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
    }

    /// The rows of the bad-input table.
    static func rows() throws -> [Row] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.range(of: "### Bad input: one policy"))
        var rows: [Row] = []
        var inTable = false
        for line in text[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| input class") { inTable = true; continue }
            guard inTable else { continue }
            guard line.hasPrefix("|") else { break }
            if line.hasPrefix("|---") { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5 else { Issue.record("README row has \(cells.count) cells: \(line)"); continue }
            rows.append(Row(inputClass: cells[0], filter: Outcome(cell: cells[2]), batch: Outcome(cell: cells[3]), library: Outcome(cell: cells[4])))
        }
        return rows
    }

    /// How one class of input is made: files (name → bytes) and the arguments naming them, for the filter and for
    /// batch, and the record the library is given.
    struct Recipe: Sendable {
        /// Files to write into a temporary folder ("dir/" + name makes a folder).
        var files: [String: [UInt8]]
        /// The filter's arguments; "@name" is the path of a written file (or folder).
        var filterArguments: [String]
        /// Batch's inputs, "@name" as above (options may follow).
        var batchArguments: [String]
        /// The library's input record, when the class applies to it.
        var library: InputRecord?
    }

    static let smallLimit = ["--max-document-bytes", "1K"]

    /// Each class of the table, made with inputs of our own.
    static let recipes: [String: Recipe] = {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let binary: [UInt8] = Array("\u{7F}ELF".utf8) + [2, 1, 1, 0, 0, 0, 0, 0] + Array(" Acme Corp in Oslo".utf8)
        let invalid: [UInt8] = Array(#"{"text":"Talks in Oslo "#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8) + [0x0A]
        let large = Array(String(repeating: "Talks in Oslo. ", count: 140).utf8)
        func jsonl(_ line: String) -> Recipe {
            Recipe(files: ["in.jsonl": Array((line + "\n").utf8)], filterArguments: ["@in.jsonl"], batchArguments: ["@in.jsonl"],
                   library: .jsonLine(line: 1, bytes: Array(line.utf8)))
        }
        return [
            "empty": Recipe(files: ["empty": []], filterArguments: ["@empty"], batchArguments: ["@empty"],
                            library: .text(id: "empty", bytes: Array(" \n\t".utf8))),
            "empty text": jsonl(#"{"text":" "}"#),
            "binary": Recipe(files: ["tool": binary], filterArguments: ["@tool"], batchArguments: ["@tool"],
                             library: .text(id: "tool", bytes: binary)),
            "undecodable": Recipe(files: ["in.jsonl": invalid], filterArguments: ["@in.jsonl"], batchArguments: ["@in.jsonl"],
                                  library: .jsonLine(line: 1, bytes: Array(invalid.dropLast()))),
            "lone surrogate": jsonl(#"{"text":"Talks in Oslo \ud800 today."}"#),
            "too large": Recipe(files: ["big.txt": large], filterArguments: smallLimit + ["@big.txt"],
                                batchArguments: ["@big.txt"] + smallLimit, library: nil),
            "unreadable": Recipe(files: [:], filterArguments: ["@missing.txt"], batchArguments: ["@missing.txt"], library: nil),
            "malformed JSON": jsonl(#"{"text":"#),
            "missing text": jsonl(#"{"body":"Talks in Oslo."}"#),
            "non-string text": jsonl(#"{"text":7}"#),
            "BOM": Recipe(files: ["in.jsonl": bom + Array("{\"text\":\"Talks in Oslo.\"}\n".utf8)], filterArguments: ["@in.jsonl"],
                          batchArguments: ["@in.jsonl"], library: .jsonLine(line: 1, bytes: bom + Array(#"{"text":"Talks in Oslo."}"#.utf8))),
            "blank line": Recipe(files: ["in.jsonl": Array("\n  \n".utf8)], filterArguments: ["--input", "jsonl", "@in.jsonl"],
                                 batchArguments: ["@in.jsonl"], library: nil),
            "directory": Recipe(files: ["dir/a.txt": Array("Talks in Oslo.".utf8)], filterArguments: ["@dir"], batchArguments: ["@dir"],
                                library: nil),
            "duplicate input": Recipe(files: ["a.txt": Array("Talks in Oslo.".utf8)], filterArguments: ["@a.txt", "@a.txt"],
                                      batchArguments: ["@a.txt", "@a.txt"], library: nil),
        ]
    }()

    /// Batch cells that describe a change being made on another branch: not checked until it is merged. (Inputs named
    /// twice, refused with GZ406, are merged: none is pending.)
    static let pendingBatchRows: Set<String> = []

    /// What a run wrote: the kind of its first record (or none), the first code in it (an error's, else a
    /// warning's), and the exit status.
    static func observe(records: [[String: Any]], status: Int32, refusedCode: String?) -> Outcome {
        if status == 2 { return Outcome(kind: .refused, code: refusedCode, exit: status) }
        guard let record = records.first else { return Outcome(kind: .skipped, code: nil, exit: status) }
        if let error = record["error"] as? [String: Any] {
            return Outcome(kind: .error, code: error["code"] as? String, exit: status)
        }
        let warning = (record["warnings"] as? [[String: Any]])?.first?["code"] as? String
        return Outcome(kind: .record, code: warning, exit: status)
    }

    /// The records of JSON Lines output. Input fields pass through byte for byte, lone surrogate escapes included,
    /// which Foundation's parser refuses: those are read as U+FFFD here.
    static func records(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            let line = String($0).replacing(/\\u[dD][89a-fA-F][0-9a-fA-F]{2}/, with: "\\ufffd")
            return try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    static func arguments(_ arguments: [String], in folder: TemporaryFolder) -> [String] {
        arguments.map { $0.hasPrefix("@") ? folder.file(String($0.dropFirst())) : $0 }
    }

    static func folder(for recipe: Recipe) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for (name, bytes) in recipe.files { try folder.write(name, bytes) }
        return folder
    }

    @Test func everyRowHasARecipeAndEveryRecipeARow() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 10)
        #expect(Set(rows.map(\.inputClass)) == Set(Self.recipes.keys))
    }

    @Test func theFilterDoesWhatTheTableSays() throws {
        for row in try Self.rows() {
            let recipe = try #require(Self.recipes[row.inputClass], "no recipe for \(row.inputClass)")
            let folder = try Self.folder(for: recipe)
            let result = try CommandRunner.run(Self.arguments(recipe.filterArguments, in: folder))
            let code = result.stderr.firstMatch(of: /GZ[0-9]{3}/).map { String($0.output) }
            let seen = Self.observe(records: try Self.records(result.stdout), status: result.status, refusedCode: code)
            #expect(seen == row.filter, "filter, \(row.inputClass): \(result.stdout) \(result.stderr)")
        }
    }

    @Test func batchDoesWhatTheTableSays() throws {
        for row in try Self.rows() where !Self.pendingBatchRows.contains(row.inputClass) {
            let recipe = try #require(Self.recipes[row.inputClass], "no recipe for \(row.inputClass)")
            let folder = try Self.folder(for: recipe)
            let output = folder.file("out")
            let result = try CommandRunner.run(["batch"] + Self.arguments(recipe.batchArguments, in: folder) + ["-o", output, "--jobs", "1"])
            let part = output + "/part-000000.jsonl"
            let records = try Self.records(FileManager.default.contents(atPath: part).map { String(decoding: $0, as: UTF8.self) } ?? "")
            let code = result.stderr.firstMatch(of: /GZ[0-9]{3}/).map { String($0.output) }
            let seen = Self.observe(records: records, status: result.status, refusedCode: code)
            #expect(seen == row.batch, "batch, \(row.inputClass): \(result.stderr)")
        }
    }

    @Test func theLibraryDoesWhatTheTableSays() throws {
        let pipeline = try Pipeline.standard()
        let annotator = RecordAnnotator(pipeline: pipeline, writer: JSONLWriter(stamp: pipeline.stamp))
        for row in try Self.rows() {
            let recipe = try #require(Self.recipes[row.inputClass])
            guard let input = recipe.library else {
                #expect(row.library == nil, "\(row.inputClass): the table gives the library an outcome, the test no input")
                continue
            }
            let output = annotator.annotate(input)
            let record = try #require(try Self.records(String(decoding: output.bytes, as: UTF8.self)).first)
            var seen = Self.observe(records: [record], status: 0, refusedCode: nil)
            seen.exit = nil
            #expect(seen == row.library, "library, \(row.inputClass): \(String(decoding: output.bytes, as: UTF8.self))")
            #expect(output.failed == (seen.kind == .error))
        }
    }
}
