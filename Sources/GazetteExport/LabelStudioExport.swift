/// Label Studio tasks with pre-annotations for its named-entity labelling template (a `Labels` control named
/// `label` over a `Text` object named `text`): each record becomes
///
/// `{"data":{"text":…,"id":…},"predictions":[{"model_version":…,"score":…,"result":[{"id":"e1","from_name":"label","to_name":"text","type":"labels","value":{"start":19,"end":33,"text":"Antony Blinken","labels":["PERSON"]},"score":0.98},…]}]}`
///
/// with offsets in characters: code points, as Python counts a `str` and as Label Studio stores Text regions since
/// it stopped counting UTF-16 units (label-studio#1559). A file of tasks is a JSON array; `labelingConfig(labels:)`
/// is the project's labelling interface.
public enum LabelStudioExport {
    /// The name of the `Labels` control.
    public static let controlName = "label"
    /// The name of the `Text` object.
    public static let objectName = "text"
    /// The labels Gazette writes; a project's interface lists these and any other label the tasks use.
    public static let standardLabels = ["PERSON", "ORG", "LOC", "NORP"]

    /// One task: the record's text (and id) with its entities as one prediction named `modelVersion`, whose score
    /// is the mean of its entities' scores.
    public static func task(_ record: ExportRecord, modelVersion: String) -> [UInt8] {
        let offsets = record.offsets
        func characters(_ utf8: Int) -> Int { offsets.offset(ofUTF8: utf8, in: .codepoint) }
        var json = ExportJSON()
        json.raw("{")
        json.key("data")
        json.raw("{")
        json.key(objectName)
        json.string(record.text)
        json.optionalMembers([("id", record.id)])
        json.raw("},")
        json.key("predictions")
        json.raw("[{")
        json.key("model_version")
        json.string(modelVersion)
        let scores = record.entities.compactMap(\.score)
        if !scores.isEmpty {
            json.raw(",")
            json.key("score")
            json.number(scores.reduce(0, +) / Double(scores.count))
        }
        json.raw(",")
        json.key("result")
        json.raw("[")
        for (index, entity) in record.entities.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"id\":\"e\(index + 1)\",\"from_name\":")
            json.string(controlName)
            json.raw(",\"to_name\":")
            json.string(objectName)
            json.raw(",\"type\":\"labels\",\"value\":{\"start\":\(characters(entity.utf8Range.lowerBound)),\"end\":\(characters(entity.utf8Range.upperBound)),\"text\":")
            json.string(entity.text)
            json.raw(",\"labels\":[")
            json.string(entity.label)
            json.raw("]}")
            if let score = entity.score {
                json.raw(",\"score\":")
                json.number(score)
            }
            json.raw("}")
        }
        json.raw("]}]}")
        return json.bytes
    }

    /// The labelling interface for tasks using `labels` (the standard ones first, then others in the order given).
    public static func labelingConfig(labels: [String]) -> String {
        var all = standardLabels
        for label in labels where !all.contains(label) { all.append(label) }
        let items = all.map { "    <Label value=\"\(escaped($0))\"/>" }.joined(separator: "\n")
        return """
            <View>
              <Labels name="\(controlName)" toName="\(objectName)">
            \(items)
              </Labels>
              <Text name="\(objectName)" value="$\(objectName)"/>
            </View>

            """
    }

    /// `text` as an XML attribute value.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }
}
