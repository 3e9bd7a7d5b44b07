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

        // Every offset in the output unit, counted in one forward pass over the text: sentence bounds and entity
        // bounds are each ascending, so merging the two needs no sort and no search.
        let sentences = document.sentences, entities = document.entities
        var sentenceUnits = [Int](repeating: 0, count: sentences.count * 2)
        var entityUnits = [Int](repeating: 0, count: entities.count * 2)
        let counted: Void? = document.text.utf8.withContiguousStorageIfAvailable { bytes in
            var counter = OffsetConverter.ForwardCounter(unit: offsets)
            var s = 0, e = 0
            while s < sentenceUnits.count || e < entityUnits.count {
                let sentenceOffset = s < sentenceUnits.count
                    ? (s & 1 == 0 ? sentences[s >> 1].lowerBound : sentences[s >> 1].upperBound) : Int.max
                let entityOffset = e < entityUnits.count
                    ? (e & 1 == 0 ? entities[e >> 1].utf8Range.lowerBound : entities[e >> 1].utf8Range.upperBound) : Int.max
                if sentenceOffset <= entityOffset {
                    sentenceUnits[s] = counter.convert(sentenceOffset, in: bytes)
                    s += 1
                } else {
                    entityUnits[e] = counter.convert(entityOffset, in: bytes)
                    e += 1
                }
            }
        }
        if counted == nil {  // a text without contiguous UTF-8 (bridged)
            var boundaries: [Int] = []
            for sentence in sentences { boundaries += [sentence.lowerBound, sentence.upperBound] }
            for entity in entities { boundaries += [entity.utf8Range.lowerBound, entity.utf8Range.upperBound] }
            let converter = OffsetConverter(text: document.text, utf8Offsets: boundaries, unit: offsets)
            for i in sentenceUnits.indices { sentenceUnits[i] = converter.convert(boundaries[i]) }
            for i in entityUnits.indices { entityUnits[i] = converter.convert(boundaries[sentenceUnits.count + i]) }
        }

        out.appendStatic(#","sentences":["#)
        for index in sentences.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            appendInt(sentenceUnits[2 * index], to: &out)
            out.append(UInt8(ascii: ","))
            appendInt(sentenceUnits[2 * index + 1], to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.appendStatic(#"],"entities":["#)
        for index in entities.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.appendStatic(#"{"start":"#)
            appendInt(entityUnits[2 * index], to: &out)
            out.appendStatic(#","end":"#)
            appendInt(entityUnits[2 * index + 1], to: &out)
            out.appendStatic(#","text":"#)
            JSONString.appendQuoted(entities[index].text, to: &out)
            out.appendStatic(#","label":"#)
            JSONString.appendQuoted(entities[index].label.rawValue, to: &out)
            if let id = entities[index].id {
                out.appendStatic(#","id":"#)
                JSONString.appendQuoted(id, to: &out)
            }
            if let name = entities[index].name {
                out.appendStatic(#","name":"#)
                JSONString.appendQuoted(name, to: &out)
            }
            out.appendStatic(#","score":"#)
            appendScore(entities[index].score, to: &out)
            out.appendStatic(#","source":"#)
            JSONString.appendQuoted(entities[index].source, to: &out)
            out.appendStatic(#","sentence":"#)
            appendInt(entities[index].sentence, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.appendStatic(#"],"topics":["#)
        for (index, topic) in document.topics.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.appendStatic(#"{"label":"#)
            JSONString.appendQuoted(topic.label, to: &out)
            out.appendStatic(#","score":"#)
            appendScore(topic.score, to: &out)
            if !topic.evidence.isEmpty {
                out.appendStatic(#","evidence":["#)
                for (position, evidence) in topic.evidence.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    out.appendStatic(#"{"feature":"#)
                    JSONString.appendQuoted(evidence.feature, to: &out)
                    out.appendStatic(#","weight":"#)
                    appendDecimal(evidence.weight, to: &out)
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let model = document.topicModel {
            out.appendStatic(#","topic_model":"#)
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
        out.appendStatic(#","error":{"code":"#)
        JSONString.appendQuoted(error.code.rawValue, to: &out)
        out.appendStatic(#","message":"#)
        JSONString.appendQuoted(error.message, to: &out)
        if let line {
            out.appendStatic(#","line":"#)
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
            out.appendStatic(#""id":"#)
            JSONString.appendQuoted(id, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.appendStatic(#""schema":"#)
        JSONString.appendQuoted(GazetteLibrary.schema, to: &out)
        out.appendStatic(#","offsets":"#)
        JSONString.appendQuoted(offsets.rawValue, to: &out)
    }

    private func appendWarnings(_ warnings: [Warning], to out: inout [UInt8]) {
        guard !warnings.isEmpty else { return }
        out.appendStatic(#","warnings":["#)
        for (index, warning) in warnings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.appendStatic(#"{"code":"#)
            JSONString.appendQuoted(warning.code.rawValue, to: &out)
            out.appendStatic(#","message":"#)
            JSONString.appendQuoted(warning.message, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func appendTail(to out: inout [UInt8]) {
        out.appendStatic(#","gazette":"#)
        JSONString.appendQuoted(stamp, to: &out)
        out.appendStatic("}\n")
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
        out.appendStatic("0.")
        out.append(UInt8(ascii: "0") + UInt8(tenths))
        if hundredths != 0 || last != 0 { out.append(UInt8(ascii: "0") + UInt8(hundredths)) }
        if last != 0 { out.append(UInt8(ascii: "0") + UInt8(last)) }
    }
}

extension [UInt8] {
    /// Appends a literal's bytes (a `StaticString` needs no retain and no UTF-8 view, unlike a `String`'s).
    @inline(__always)
    mutating func appendStatic(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
