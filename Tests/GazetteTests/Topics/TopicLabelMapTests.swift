import Testing
@testable import Gazette
@testable import GazetteTraining

@Suite("Topic label maps and labelled data")
struct TopicLabelMapTests {
    func map(_ json: String) throws -> TopicLabelMap {
        try TopicLabelMap(json: Array(json.utf8), file: "map.json")
    }

    @Test func sectionsAndPairsMerge() throws {
        let map = try map(#"{"taxonomy": ["news", "sport"], "a": {"NEWS": "news", "SPORTS": "sport"}, "b": {"football": "sport"}, "World": "news"}"#)
        #expect(map.taxonomy == ["news", "sport"])
        #expect(map.map("NEWS") == "news" && map.map("football") == "sport" && map.map("World") == "news")
        #expect(map.map("sport") == "sport")  // already a target label
        #expect(map.map("weather") == nil)
    }

    @Test func contradictionsAndStrayTargetsAreErrors() {
        #expect { try map(#"{"a": {"X": "news"}, "b": {"X": "sport"}}"#) } throws: {
            ($0 as? GazetteError)?.message == "map.json: label 'X' maps to both 'news' and 'sport'"
        }
        #expect { try map(#"{"taxonomy": ["news"], "X": "sport"}"#) } throws: {
            ($0 as? GazetteError)?.message.contains("'sport' is a mapping target but not in 'taxonomy'") == true
        }
        #expect { try map("[1, 2]") } throws: { ($0 as? GazetteError)?.code == .resourceMalformed }
    }

    @Test func labelledDataIsMappedAndNumbered() throws {
        let data = """
        {"text": "The striker scored", "label": "SPORTS", "id": 1}

        {"text": "A new law", "label": "NEWS"}
        {"label": "football", "text": "The cup final"}
        """
        let items = try LabelledTopicData.parse(Array(data.utf8), file: "d.jsonl")
        #expect(items.map(\.line) == [1, 3, 4])
        let map = try map(#"{"taxonomy": ["news", "sport"], "NEWS": "news", "SPORTS": "sport", "football": "sport"}"#)
        let (labels, sources) = try LabelledTopicData.sources(files: ["d.jsonl"], items: [items], map: map, weights: [2])
        #expect(labels == ["news", "sport"])
        #expect(sources[0].labels == [1, 0, 1] && sources[0].weight == 2)
        // Without a map the data's own labels are the model's, sorted.
        #expect(try LabelledTopicData.sources(files: ["d.jsonl"], items: [items], map: nil).labels == ["NEWS", "SPORTS", "football"])
    }

    @Test func unmappedLabelsAndBadLinesNameTheFileAndLine() throws {
        let items = try LabelledTopicData.parse(Array(#"{"text": "x", "label": "WEATHER"}"#.utf8), file: "d.jsonl")
        #expect { try LabelledTopicData.sources(files: ["d.jsonl"], items: [items], map: try map(#"{"NEWS": "news"}"#)) } throws: {
            ($0 as? GazetteError)?.message == "d.jsonl line 1: label 'WEATHER' is not in the label map"
        }
        #expect { try LabelledTopicData.parse(Array("{\"text\": \"x\", \"label\": \"a\"}\n{\"text\": \"y\"".utf8), file: "d.jsonl") } throws: {
            ($0 as? GazetteError)?.code == .malformedJSON && ($0 as? GazetteError)?.message.hasPrefix("d.jsonl line 2:") == true
        }
        #expect { try LabelledTopicData.parse(Array(#"{"text": "x"}"#.utf8), file: "d.jsonl") } throws: {
            ($0 as? GazetteError)?.message == #"d.jsonl line 1: no string "label""#
        }
    }

    @Test func savedSplitLinesAreJSON() {
        let line = String(decoding: LabelledTopicData.line(text: "a \"quoted\"\nline", label: "news", source: 2), as: UTF8.self)
        #expect(line == #"{"text":"a \"quoted\"\nline","label":"news","source":2}"# + "\n")
    }
}
