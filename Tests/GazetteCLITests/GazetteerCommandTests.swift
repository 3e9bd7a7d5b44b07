import Foundation
import GazetteTestSupport
import Testing

/// `gazette gazetteer …` and `--gazetteer FILE`, run as users run them.
@Suite("gazette gazetteer")
struct GazetteerCommandTests {
    @Test func lookupPrintsWhatTheListsKnow() throws {
        let result = try CommandRunner.run(["gazetteer", "lookup", "Xinjiang", "no such place at all"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Xinjiang:\n  LOC\t"))
        #expect(result.stdout.contains("source gazetteer:places"))
        #expect(result.stdout.contains("no such place at all: not in the gazetteers"))
    }

    @Test func statsCountsEntries() throws {
        let result = try CommandRunner.run(["gazetteer", "stats"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("by label:") && result.stdout.contains("LOC") && result.stdout.contains("names by case policy:"))
    }

    @Test func userGazetteersTagAndReportErrorsByLine() throws {
        let folder = try TemporaryFolder()
        let list = try folder.write("companies.jsonl", #"{"label": "ORG", "pattern": [{"LOWER": "zorblax"}, {"LOWER": "industries"}], "id": "zorblax"}"# + "\n")
        let result = try CommandRunner.run(["--gazetteer", list], stdin: "Shares of Zorblax Industries rose.")
        let entity = try #require((try result.objects().first?["entities"] as? [[String: Any]])?.first)
        #expect(entity["text"] as? String == "Zorblax Industries" && entity["id"] as? String == "zorblax")
        #expect(entity["source"] as? String == "gazetteer:companies")
        let bad = try folder.write("bad.tsv", "name\tlabel\nZorblax\n")
        let failed = try CommandRunner.run(["--gazetteer", bad], stdin: "Text.")
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("bad.tsv line 2: 'Zorblax' has no label"))
    }
}
