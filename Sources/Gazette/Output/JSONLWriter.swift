/// Writes documents as `gazette.doc/1` JSON Lines records (see DESIGN.md): one compact object per document,
/// newline-terminated. It only formats; the caller decides where the bytes go.
public struct JSONLWriter: Sendable {
    public var offsets: OffsetUnit
    /// The version stamp written as `gazette` (the pipeline's `stamp`).
    public var stamp: String

    /// Field names this writer owns: input fields with these names are replaced, not duplicated.
    public static let ownedFields: Set<String> = ["schema", "offsets", "sentences", "entities", "topics", "topic_model", "warnings", "error", "gazette"]

    public init(offsets: OffsetUnit = .codepoint, stamp: String) {
        self.offsets = offsets
        self.stamp = stamp
    }

    /// A field of an input record to copy to the output unchanged: its name and its raw JSON value.
    public struct PassthroughField: Sendable {
        public var name: String
        public var rawValue: [UInt8]

        public init(name: String, rawValue: [UInt8]) {
            self.name = name
            self.rawValue = rawValue
        }
    }

    /// The record of an annotated document. With `passthrough` (JSON Lines input), those fields come first,
    /// in their order, and `document.id` is not written again.
    public func record(for document: Document, passthrough: [PassthroughField]? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + document.entities.count * 160 + document.sentences.count * 16)
        out.append(UInt8(ascii: "{"))
        writeHead(id: document.id, passthrough: passthrough, to: &out)

        var boundaries: [Int] = []
        boundaries.reserveCapacity(document.sentences.count * 2 + document.entities.count * 2)
        for sentence in document.sentences { boundaries.append(sentence.lowerBound); boundaries.append(sentence.upperBound) }
        for entity in document.entities { boundaries.append(entity.utf8Range.lowerBound); boundaries.append(entity.utf8Range.upperBound) }
        let converter = OffsetConverter(text: document.text, utf8Offsets: boundaries, unit: offsets)

        out.append(contentsOf: #","sentences":["#.utf8)
        for (index, sentence) in document.sentences.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            appendInt(converter.convert(sentence.lowerBound), to: &out)
            out.append(UInt8(ascii: ","))
            appendInt(converter.convert(sentence.upperBound), to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(contentsOf: #"],"entities":["#.utf8)
        for (index, entity) in document.entities.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"start":"#.utf8)
            appendInt(converter.convert(entity.utf8Range.lowerBound), to: &out)
            out.append(contentsOf: #","end":"#.utf8)
            appendInt(converter.convert(entity.utf8Range.upperBound), to: &out)
            out.append(contentsOf: #","text":"#.utf8)
            JSONString.appendQuoted(entity.text, to: &out)
            out.append(contentsOf: #","label":"#.utf8)
            JSONString.appendQuoted(entity.label.rawValue, to: &out)
            if let id = entity.id {
                out.append(contentsOf: #","id":"#.utf8)
                JSONString.appendQuoted(id, to: &out)
            }
            if let name = entity.name {
                out.append(contentsOf: #","name":"#.utf8)
                JSONString.appendQuoted(name, to: &out)
            }
            out.append(contentsOf: #","score":"#.utf8)
            appendScore(entity.score, to: &out)
            out.append(contentsOf: #","source":"#.utf8)
            JSONString.appendQuoted(entity.source, to: &out)
            out.append(contentsOf: #","sentence":"#.utf8)
            appendInt(entity.sentence, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"topics":["#.utf8)
        for (index, topic) in document.topics.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"label":"#.utf8)
            JSONString.appendQuoted(topic.label, to: &out)
            out.append(contentsOf: #","score":"#.utf8)
            appendScore(topic.score, to: &out)
            if !topic.evidence.isEmpty {
                out.append(contentsOf: #","evidence":["#.utf8)
                for (position, evidence) in topic.evidence.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(contentsOf: #"{"feature":"#.utf8)
                    JSONString.appendQuoted(evidence.feature, to: &out)
                    out.append(contentsOf: #","weight":"#.utf8)
                    appendDecimal(evidence.weight, to: &out)
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let model = document.topicModel {
            out.append(contentsOf: #","topic_model":"#.utf8)
            JSONString.appendQuoted(model, to: &out)
        }
        appendWarnings(document.warnings, to: &out)
        appendTail(to: &out)
        return out
    }

    /// The record of an input that could not be annotated: its id and fields where known, and an `error` object.
    public func errorRecord(id: String?, passthrough: [PassthroughField]? = nil, error: GazetteError, line: Int? = nil,
                            warnings: [Warning] = []) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        writeHead(id: id, passthrough: passthrough, to: &out)
        out.append(contentsOf: #","error":{"code":"#.utf8)
        JSONString.appendQuoted(error.code.rawValue, to: &out)
        out.append(contentsOf: #","message":"#.utf8)
        JSONString.appendQuoted(error.message, to: &out)
        if let line {
            out.append(contentsOf: #","line":"#.utf8)
            appendInt(line, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        appendWarnings(warnings, to: &out)
        appendTail(to: &out)
        return out
    }

    private func writeHead(id: String?, passthrough: [PassthroughField]?, to out: inout [UInt8]) {
        if let passthrough {
            for field in passthrough where !Self.ownedFields.contains(field.name) {
                JSONString.appendQuoted(field.name, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: field.rawValue)
                out.append(UInt8(ascii: ","))
            }
        } else if let id {
            out.append(contentsOf: #""id":"#.utf8)
            JSONString.appendQuoted(id, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(contentsOf: #""schema":"#.utf8)
        JSONString.appendQuoted(GazetteLibrary.schema, to: &out)
        out.append(contentsOf: #","offsets":"#.utf8)
        JSONString.appendQuoted(offsets.rawValue, to: &out)
    }

    private func appendWarnings(_ warnings: [Warning], to out: inout [UInt8]) {
        guard !warnings.isEmpty else { return }
        out.append(contentsOf: #","warnings":["#.utf8)
        for (index, warning) in warnings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"code":"#.utf8)
            JSONString.appendQuoted(warning.code.rawValue, to: &out)
            out.append(contentsOf: #","message":"#.utf8)
            JSONString.appendQuoted(warning.message, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func appendTail(to out: inout [UInt8]) {
        out.append(contentsOf: #","gazette":"#.utf8)
        JSONString.appendQuoted(stamp, to: &out)
        out.append(contentsOf: "}\n".utf8)
    }

    // Digits are written straight into the record: formatting through `String` cost a small string per number.
    private func appendInt(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    /// A finite number with at most three decimals: "1.25", "-0.5", "0".
    private func appendDecimal(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { out.append(UInt8(ascii: "0")); return }
        let thousandths = Int((value * 1000).rounded())
        if thousandths < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = thousandths.magnitude
        out.append(contentsOf: String(magnitude / 1000).utf8)
        var fraction = String(magnitude % 1000)
        guard fraction != "0" else { return }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        out.append(contentsOf: ".\(fraction)".utf8)
    }

    /// Scores in [0, 1] with at most three decimals: "0.85", "1", "0".
    private func appendScore(_ value: Double, to out: inout [UInt8]) {
        let thousandths = Int((min(max(value, 0), 1) * 1000).rounded())
        if thousandths == 1000 { out.append(UInt8(ascii: "1")); return }
        if thousandths == 0 { out.append(UInt8(ascii: "0")); return }
        let tenths = thousandths / 100, hundredths = thousandths / 10 % 10, last = thousandths % 10
        out.append(contentsOf: "0.".utf8)
        out.append(UInt8(ascii: "0") + UInt8(tenths))
        if hundredths != 0 || last != 0 { out.append(UInt8(ascii: "0") + UInt8(hundredths)) }
        if last != 0 { out.append(UInt8(ascii: "0") + UInt8(last)) }
    }
}
