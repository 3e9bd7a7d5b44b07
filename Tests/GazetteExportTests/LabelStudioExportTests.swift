import Foundation
import Gazette
@testable import GazetteExport
import Testing

@Suite struct LabelStudioExportTests {
    @Test(arguments: OffsetUnit.allCases)
    func predictionsCarryCharacterOffsetsLabelsAndScores(unit: OffsetUnit) throws {
        let record = try ExportSamples.record(unit: unit)
        let task = try #require(try JSONSerialization.jsonObject(with: Data(LabelStudioExport.task(record, modelVersion: "m1"))) as? [String: Any])
        let data = try #require(task["data"] as? [String: Any])
        #expect(data["text"] as? String == ExportSamples.text && data["id"] as? String == "sample-1")
        let prediction = try #require((task["predictions"] as? [[String: Any]])?.first)
        #expect(prediction["model_version"] as? String == "m1")
        #expect((prediction["score"] as? Double).map { abs($0 - 0.9) < 1e-9 } == true)
        let results = try #require(prediction["result"] as? [[String: Any]])
        let scalars = Array(ExportSamples.text.unicodeScalars)
        for (result, mention) in zip(results, ExportSamples.mentions) {
            #expect(result["from_name"] as? String == "label" && result["to_name"] as? String == "text")
            #expect(result["type"] as? String == "labels")
            let value = try #require(result["value"] as? [String: Any])
            let start = try #require(value["start"] as? Int), end = try #require(value["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == mention.mention)
            #expect(value["text"] as? String == mention.mention)
            #expect(value["labels"] as? [String] == [mention.label])
            #expect(result["score"] as? Double == 0.9)
        }
        #expect(results.count == ExportSamples.mentions.count)
        #expect(Set(results.compactMap { $0["id"] as? String }).count == results.count)
    }

    @Test func theLabelingConfigurationNamesTheControlAndEveryLabel() {
        let configuration = LabelStudioExport.labelingConfig(labels: ["LOC", "A&B"])
        #expect(configuration.contains(#"<Labels name="label" toName="text">"#))
        #expect(configuration.contains(#"<Text name="text" value="$text"/>"#))
        for label in ["PERSON", "ORG", "LOC", "NORP", "A&amp;B"] { #expect(configuration.contains(#"<Label value="\#(label)"/>"#)) }
    }
}
