import Gazette

/// Labelled texts for training and evaluating topic models: JSON Lines with a text and a label per line
/// (`{"text": "...", "label": "sport"}`; other fields are ignored).
public struct LabelledText: Sendable, Hashable {
    /// The text to classify.
    public var text: String
    /// Its label, as the data names it.
    public var label: String
    /// 1-based line number in its file.
    public var line: Int

    /// An example from line `line` of its file.
    public init(text: String, label: String, line: Int) {
        self.text = text
        self.label = label
        self.line = line
    }
}

/// Reads and writes labelled topic examples as JSON Lines (`{"text":...,"label":...}`).
public enum LabelledTopicData {
    /// Parses JSON Lines. Blank lines are skipped; a malformed line, or one without a string text or label, is an
    /// error naming `file` and the line.
    public static func parse(_ bytes: [UInt8], file: String, textField: String = "text", labelField: String = "label") throws(GazetteError) -> [LabelledText] {
        var items: [LabelledText] = []
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            start = end + 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            items.append(try parseLine(Array(line), file: file, line: lineNumber, textField: textField, labelField: labelField))
        }
        return items
    }

    private static func parseLine(_ line: [UInt8], file: String, line lineNumber: Int, textField: String, labelField: String) throws(GazetteError) -> LabelledText {
        let members: [JSONMember]
        do {
            members = try JSONObjectScanner.members(of: line)
        } catch {
            throw GazetteError(.malformedJSON, "\(file) line \(lineNumber): \(error)")
        }
        func string(_ name: String) -> String? {
            guard let member = members.first(where: { $0.key == name }) else { return nil }
            switch member.kind {
            case .string:
                return (try? JSONString.decode(line[member.valueRange]))?.value
            case .number:
                return String(decoding: line[member.valueRange], as: UTF8.self)
            default:
                return nil
            }
        }
        guard let text = string(textField) else {
            throw GazetteError(.missingText, "\(file) line \(lineNumber): no string \"\(textField)\"")
        }
        guard let label = string(labelField) else {
            throw GazetteError(.missingText, "\(file) line \(lineNumber): no string \"\(labelField)\"")
        }
        return LabelledText(text: text, label: label, line: lineNumber)
    }
}

extension LabelledTopicData {
    /// One JSON Lines record `{"text":…,"label":…,"source":…}` (newline-terminated), as written for a saved split.
    public static func line(text: String, label: String, source: Int) -> [UInt8] {
        var out: [UInt8] = Array(#"{"text":"#.utf8)
        out += JSONString.quoted(text)
        out += Array(#","label":"#.utf8)
        out += JSONString.quoted(label)
        out += Array(#","source":\#(source)}"#.utf8)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// Maps each file's labels through `map` (when given) and numbers them: in the map's taxonomy order when it
    /// has one, else sorted. A label the map does not cover is an error naming the file and line.
    public static func sources(files: [String], items: [[LabelledText]], map: TopicLabelMap?, weights: [Double] = []) throws(GazetteError)
        -> (labels: [String], sources: [TopicTrainingRun.Source]) {
        precondition(files.count == items.count)
        var mapped: [[String]] = []
        for (file, fileItems) in zip(files, items) {
            var labels: [String] = []
            labels.reserveCapacity(fileItems.count)
            for item in fileItems {
                if let map {
                    guard let target = map.map(item.label) else {
                        throw GazetteError(.resourceMalformed, "\(file) line \(item.line): label '\(item.label)' is not in the label map")
                    }
                    labels.append(target)
                } else {
                    labels.append(item.label)
                }
            }
            mapped.append(labels)
        }
        let labels = map?.taxonomy ?? Array(Set(mapped.joined())).sorted()
        guard labels.count >= 2 else {
            throw GazetteError(.resourceMalformed, "\(files.joined(separator: ", ")): a topic model needs at least two labels")
        }
        let indexOf = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let sources = files.indices.map { index in
            TopicTrainingRun.Source(name: files[index], texts: items[index].map(\.text), labels: mapped[index].map { indexOf[$0]! },
                                    weight: weights.isEmpty ? 1 : weights[index])
        }
        return (labels, sources)
    }

    /// The data's own labels as finer classes of the labels they map to (`sources`' labels): one class per
    /// distinct data label, ordered by label and then name, with each source's texts' classes filled in.
    /// `classMap` renames data labels before that, so that labels of several sources share a class (e.g. BBC's
    /// `tech` and HuffPost's `TECH`); labels it does not name are their own class. A class whose data labels map
    /// to different labels is an error.
    public static func finerClasses(items: [[LabelledText]], labels: [String], sources: inout [TopicTrainingRun.Source],
                                    classMap: [String: String] = [:]) throws(GazetteError) -> [(name: String, topic: Int)] {
        func className(_ label: String) -> String { classMap[label] ?? label }
        var topicOf: [String: Int] = [:]
        for (fileItems, source) in zip(items, sources) {
            for (item, label) in zip(fileItems, source.labels) {
                let name = className(item.label)
                if let existing = topicOf[name], existing != label {
                    throw GazetteError(.resourceMalformed, "\(source.name) line \(item.line): class '\(name)' (from label '\(item.label)') is under both '\(labels[existing])' and '\(labels[label])'")
                }
                topicOf[name] = label
            }
        }
        let classes = topicOf.map { (name: $0.key, topic: $0.value) }.sorted { $0.topic != $1.topic ? $0.topic < $1.topic : $0.name < $1.name }
        let classOf = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.name, $0) })
        for index in sources.indices { sources[index].classes = items[index].map { classOf[className($0.label)]! } }
        return classes
    }
}
