import Testing
@testable import Gazette

@Suite("User gazetteers")
struct UserGazetteerTests {
    typealias F = GazetteerFixture

    private func gazetteer(adding user: String, named file: String) throws -> Gazetteer {
        let list = GazetteerList.user(path: "/tmp/lists/" + file, bytes: Array(user.utf8))
        return try F.gazetteer([F.list(F.places, "places"), F.list(F.organizations, "organizations"), list])
    }

    private func error(adding user: String, named file: String) -> String? {
        do {
            _ = try gazetteer(adding: user, named: file)
            return nil
        } catch let error as GazetteError {
            #expect(error.code == .resourceMalformed)
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func tsvListsAddEntriesAndTakePrecedence() throws {
        let tsv = """
        name\tlabel\tid
        Acme Widgets\tORG\tacme
        Paris\tPERSON\tparis-the-cat
        """
        let g = try gazetteer(adding: tsv, named: "my-list.tsv")
        let found = try F.candidates("Acme Widgets hired Paris yesterday.", g)
        #expect(found.map(\.text) == ["Acme Widgets", "Paris"])
        // The user's "Paris" shadows the shipped places of that name.
        #expect(found.map(\.label) == ["ORG", "PERSON"] && found.map(\.id) == ["acme", "paris-the-cat"])
        #expect(try g.lookup("acme widgets", segmenter: F.segmenter).first?.entry.source == "gazetteer:my-list")
    }

    @Test func spacyPhrasePatternsMatchTheirExactText() throws {
        let jsonl = """
        {"label": "ORG", "pattern": "Acme Corp", "id": "acme"}
        {"label": "ORG", "pattern": "ACME", "id": "acme"}
        {"label": "GPE", "pattern": "Springfield"}

        """
        let g = try gazetteer(adding: jsonl, named: "patterns.jsonl")
        #expect(try F.candidates("Acme Corp and ACME moved to Springfield.", g).map { "\($0.text) \($0.label) \($0.id ?? "-")" }
                == ["Acme Corp ORG acme", "ACME ORG acme", "Springfield LOC -"])
        #expect(try F.texts("acme corp and Acme moved.", g).isEmpty)
        // Patterns sharing an id are one entry.
        #expect(g.entries(withID: "acme").map(\.aliases) == [["ACME"]])
    }

    @Test func spacyTokenPatternsHonourLowerAndOrth() throws {
        let jsonl = """
        {"label": "LOC", "pattern": [{"LOWER": "new"}, {"lower": "amsterdam"}], "id": "new-amsterdam"}
        {"label": "ORG", "pattern": [{"LOWER": "acme"}, {"ORTH": "Corp"}], "id": "acme"}
        {"label": "PERSON", "pattern": [{"TEXT": "Jane"}, {"TEXT": "Roe"}]}
        """
        let g = try gazetteer(adding: jsonl, named: "tokens.jsonl")
        #expect(try F.texts("From NEW AMSTERDAM to new amsterdam.", g) == ["NEW AMSTERDAM", "new amsterdam"])
        #expect(try F.texts("ACME Corp and acme Corp, not Acme CORP.", g) == ["ACME Corp", "acme Corp"])
        #expect(try F.texts("Jane Roe met JANE ROE.", g) == ["Jane Roe"])
    }

    @Test func malformedTSVRowsNameFileAndLine() {
        #expect(error(adding: "name\tlabel\nAcme\tORG\textra\tfields\n", named: "bad.tsv")?.contains("/tmp/lists/bad.tsv line 2: 4 tab-separated fields") == true)
        #expect(error(adding: "# comment\nname\tlabel\tprior\n\nAcme\tORG\t1.5\n", named: "bad.tsv")?.contains("bad.tsv line 4: prior '1.5'") == true)
        #expect(error(adding: "name\tlabel\n\tORG\n", named: "bad.tsv")?.contains("bad.tsv line 2: the name is empty") == true)
        #expect(error(adding: "name\tlabel\nAcme\n", named: "bad.tsv")?.contains("bad.tsv line 2: 'Acme' has no label") == true)
        #expect(error(adding: "title\ttype\nAcme\tORG\n", named: "bad.tsv")?.contains("bad.tsv line 1: the header must name the columns 'name' and 'label'") == true)
        #expect(error(adding: "name\tlabel\tflags\nAcme\tORG\tshiny\n", named: "bad.tsv")?.contains("line 2: unknown flag 'shiny'") == true)
        #expect(error(adding: "", named: "empty.tsv")?.contains("empty.tsv: no header line") == true)
    }

    @Test func malformedJSONLRowsNameFileAndLine() {
        let good = #"{"label": "ORG", "pattern": "Acme"}"#
        #expect(error(adding: good + "\n{\"label\": \"ORG\", \n", named: "bad.jsonl")?.contains("/tmp/lists/bad.jsonl line 2: not a JSON object") == true)
        #expect(error(adding: good + "\n" + #"{"pattern": "Acme"}"#, named: "bad.jsonl")?.contains("bad.jsonl line 2: missing \"label\"") == true)
        #expect(error(adding: #"{"label": "ORG"}"#, named: "bad.jsonl")?.contains("bad.jsonl line 1: missing \"pattern\"") == true)
        #expect(error(adding: #"{"label": "ORG", "pattern": 7}"#, named: "bad.jsonl")?.contains("line 1: \"pattern\" must be a string or a list of token objects") == true)
        #expect(error(adding: #"{"label": "ORG", "pattern": [{"POS": "NOUN"}]}"#, named: "bad.jsonl")?.contains("line 1: token 1 of the pattern has attributes POS") == true)
        #expect(error(adding: #"{"label": "ORG", "pattern": [{"LOWER": {"IN": ["a"]}}]}"#, named: "bad.jsonl")?.contains("line 1: token 1 of the pattern: LOWER must be a non-empty string") == true)
        #expect(error(adding: #"{"label": "ORG", "pattern": "Acme", "id": "a"}"# + "\n" + #"{"label": "LOC", "pattern": "Acme Town", "id": "a"}"#, named: "bad.jsonl")?.contains("line 2: id 'a' has label LOC here but ORG on line 1") == true)
    }
}
