import Foundation
import GazetteTestSupport
import Testing

/// `gazette eval ner` on a small CoNLL file written here, in IOB1, IOB2 and IO: the same spans must give the same
/// table, and the gold counts must be those of the file.
@Suite("gazette eval ner", .serialized)
struct EvalNERTests {
    /// (word, type or nil, starts a new entity of the same type right after another)
    static let sentences: [[(String, String?, Bool)]] = [
        [("Maria", "PER", false), ("Lopez", "PER", false), ("met", nil, false), ("officials", nil, false), ("in", nil, false),
         ("Lima", "LOC", false), ("and", nil, false), ("Quito", "LOC", false), (".", nil, false)],
        [("The", nil, false), ("Andean", "ORG", false), ("Trade", "ORG", false), ("Council", "ORG", false), ("backed", nil, false),
         ("Peru", "LOC", false), ("Ecuador", "LOC", true), ("talks", nil, false), (".", nil, false)],
    ]

    static func file(_ scheme: String) -> String {
        var lines = ["-DOCSTART- -X- O O", ""]
        for sentence in sentences {
            var previous: String?
            for (word, type, restart) in sentence {
                let tag: String
                if let type {
                    let begins = previous != type || restart
                    switch scheme {
                    case "IOB1": tag = (restart ? "B-" : "I-") + type
                    case "IOB2": tag = (begins ? "B-" : "I-") + type
                    default: tag = "I-" + type  // IO cannot mark two adjacent entities of one type
                    }
                } else {
                    tag = "O"
                }
                lines.append(scheme == "IOB2" ? "\(word)\tNNP\t\(tag)" : "\(word) NNP I-NP \(tag)")
                previous = type
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private func table(_ output: String) -> [String] {
        output.split(separator: "\n").prefix(6).map(String.init)
    }

    @Test func encodingsGiveTheSameSpans() throws {
        let folder = try TemporaryFolder()
        var tables: [String: [String]] = [:]
        for scheme in ["IOB1", "IOB2", "IO"] {
            let path = try folder.write("\(scheme).conll", Self.file(scheme))
            let result = try CommandRunner.run(["eval", "ner", "--conll", path])
            #expect(result.status == 0, "\(scheme): \(result.stderr)")
            tables[scheme] = table(result.stdout)
        }
        #expect(tables["IOB1"] == tables["IOB2"])
        let iob1 = try #require(tables["IOB1"])
        // Gold column: 1 PER, 4 LOC (Peru and Ecuador are two), 1 ORG, no NORP.
        let gold = iob1.dropFirst().map { $0.split(separator: " ").dropFirst(4).first.map(String.init) }
        #expect(gold == ["1", "4", "1", "0", "6"])
        // IO merges "Peru Ecuador" into one LOC: one fewer gold LOC.
        let io = try #require(tables["IO"])
        #expect(io.dropFirst().map { $0.split(separator: " ").dropFirst(4).first.map(String.init) } == ["1", "3", "1", "0", "5"])
    }

    @Test func errorsListMistakesWithContext() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("fixture.conll", Self.file("IOB2"))
        let result = try CommandRunner.run(["eval", "ner", "--conll", path, "--errors", "3"])
        #expect(result.status == 0)
        // Whatever Gazette gets wrong here is listed as "FP"/"FN" lines with the span in brackets.
        for line in result.stdout.split(separator: "\n") where line.hasPrefix("  doc ") {
            #expect(line.contains("[") && line.contains("]"))
        }
    }

    @Test func severalFilesGiveOneRowEachAndSources() throws {
        let folder = try TemporaryFolder()
        let iob2 = try folder.write("first.conll", Self.file("IOB2"))
        let io = try folder.write("second.conll", Self.file("IO"))
        let result = try CommandRunner.run(["eval", "ner", "--conll", iob2, "--conll", io, "--by-source"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("file") == true && lines.first?.contains("NORP P/R/F1") == true)
        #expect(lines.dropFirst().prefix(3).map { String($0.prefix(12)).trimmingCharacters(in: .whitespaces) } == ["first.conll", "second.conll", "mean"])
        // Neither file has NORP gold: a "-" in each row's NORP column.
        #expect(lines.dropFirst().prefix(2).allSatisfy { $0.contains(" - ") })
        #expect(lines.filter { $0.hasPrefix("by source: ") }.count == 2)
        #expect(lines.contains { $0.hasPrefix("source") && $0.hasSuffix("precision") })
    }

    @Test func aMalformedFileFailsWithItsLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.conll", "Word NNP I-NP Q-PER\n")
        let result = try CommandRunner.run(["eval", "ner", "--conll", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1"))
    }
}

/// `gazette train ner` with weighted files.
@Suite("gazette train ner", .serialized)
struct TrainNERTests {
    @Test func weightedFilesTrainAndTheRecipeNamesTheirWeights() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("fixture.conll", EvalNERTests.file("IOB2"))
        let model = folder.file("model.nermodel")
        let result = try CommandRunner.run(["train", "ner", "--conll", path + ":2", "--conll", path, "--output", model, "--epochs", "2", "--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("fixture.conll: 1 documents, weight 2.0"))
        #expect(result.stdout.contains("trained on 2 documents"))
        let scored = try CommandRunner.run(["eval", "ner", "--conll", path, "--entity-model", model])
        #expect(scored.status == 0, "\(scored.stderr)")
    }

    @Test func aBadWeightOrFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("fixture.conll", EvalNERTests.file("IOB2"))
        let zero = try CommandRunner.run(["train", "ner", "--conll", path + ":0", "--output", folder.file("m")])
        #expect(zero.status != 0 && zero.stderr.contains("positive"))
        let missing = try CommandRunner.run(["train", "ner", "--conll", folder.file("absent.conll") + ":1.5", "--output", folder.file("m")])
        #expect(missing.status != 0 && missing.stderr.contains("absent.conll"))
    }
}
