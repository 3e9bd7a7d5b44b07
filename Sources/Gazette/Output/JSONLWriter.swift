/// Writes documents as `gazette.doc/1` JSON Lines records (see <doc:OutputSchema>, or README's "Output" section):
/// one compact object per document, newline-terminated. It only formats; the caller decides where the bytes go.
public struct JSONLWriter: Sendable {
    /// The unit of every offset written.
    public var offsets: OffsetUnit
    /// The version stamp written as `gazette` (the pipeline's `stamp`).
    public var stamp: String

    /// Field names this writer owns: input fields with these names are replaced, not duplicated.
    public static let ownedFields: Set<String> = ["schema", "offsets", "sentences", "entities", "topics", "topic_model", "warnings", "error", "gazette"]

    /// A writer of offsets in `offsets`, stamping records with `stamp`.
    public init(offsets: OffsetUnit = .codepoint, stamp: String) {
        self.offsets = offsets
        self.stamp = stamp
    }

    /// A field of an input record to copy to the output unchanged: its name and its raw JSON value.
    public struct PassthroughField: Sendable {
        /// The field's name.
        public var name: String
        /// Its JSON value, exactly as it was read.
        public var rawValue: [UInt8]

        /// A field to copy into the output record.
        public init(name: String, rawValue: [UInt8]) {
            self.name = name
            self.rawValue = rawValue
        }
    }

    /// The record of an annotated document. With `passthrough` (JSON Lines input), those fields come first,
    /// in their order, and `document.id` is not written again. After `offsets` come the fields of
    /// `document.metadata` that are set, then, with `includingText`, the text as `text` (exactly the string the
    /// offsets index); passed-through fields of these names are left out.
    public func record(for document: Document, passthrough: [PassthroughField]? = nil, includingText: Bool = false) -> [UInt8] {
        // Sized once for the whole record, passed-through fields (the text above all) included, so that it seldom
        // grows by copying.
        var passthroughBytes = 0
        for field in passthrough ?? [] { passthroughBytes += field.name.utf8.count + field.rawValue.count + 4 }
        if includingText { passthroughBytes += document.text.utf8.count + 16 }
        var out = RecordBuffer(capacity: 256 + passthroughBytes + stamp.utf8.count + document.entities.count * 160
                                   + document.sentences.count * 16 + document.topics.count * 64)
        out.append(UInt8(ascii: "{"))
        let metadata = document.metadata
        var written: [String] = []
        if metadata != DocumentMetadata() { written = metadata.fieldNames }
        if includingText { written.append("text") }
        writeHead(id: document.id, passthrough: passthrough, replaced: written, to: &out)
        appendMetadata(metadata, to: &out)
        if includingText {
            out.append(#","text":"#)
            JSONString.appendQuoted(document.text, to: &out)
        }

        // Every offset in the output unit, counted in one forward pass over the text: sentence bounds and entity
        // bounds are each ascending, so merging the two needs no sort and no search.
        let sentences = document.sentences, entities = document.entities
        var sentenceUnits = [Int](repeating: 0, count: sentences.count * 2)
        var entityUnits = [Int](repeating: 0, count: entities.count * 2)
        var counter = OffsetConverter.ForwardCounter(text: document.text, unit: offsets)
        var s = 0, e = 0
        while s < sentenceUnits.count || e < entityUnits.count {
            let sentenceOffset = s < sentenceUnits.count
                ? (s & 1 == 0 ? sentences[s >> 1].lowerBound : sentences[s >> 1].upperBound) : Int.max
            let entityOffset = e < entityUnits.count
                ? (e & 1 == 0 ? entities[e >> 1].utf8Range.lowerBound : entities[e >> 1].utf8Range.upperBound) : Int.max
            if sentenceOffset <= entityOffset {
                sentenceUnits[s] = counter.convert(sentenceOffset)
                s += 1
            } else {
                entityUnits[e] = counter.convert(entityOffset)
                e += 1
            }
        }

        out.append(#","sentences":["#)
        for index in sentences.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            appendInt(sentenceUnits[2 * index], to: &out)
            out.append(UInt8(ascii: ","))
            appendInt(sentenceUnits[2 * index + 1], to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(#"],"entities":["#)
        for index in entities.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(#"{"start":"#)
            appendInt(entityUnits[2 * index], to: &out)
            out.append(#","end":"#)
            appendInt(entityUnits[2 * index + 1], to: &out)
            out.append(#","text":"#)
            JSONString.appendQuoted(entities[index].text, to: &out)
            out.append(#","label":"#)
            JSONString.appendQuoted(entities[index].label.rawValue, to: &out)
            if let id = entities[index].id {
                out.append(#","id":"#)
                JSONString.appendQuoted(id, to: &out)
            }
            if let name = entities[index].name {
                out.append(#","name":"#)
                JSONString.appendQuoted(name, to: &out)
            }
            out.append(#","score":"#)
            appendScore(entities[index].score, to: &out)
            out.append(#","source":"#)
            JSONString.appendQuoted(entities[index].source, to: &out)
            out.append(#","sentence":"#)
            appendInt(entities[index].sentence, to: &out)
            if let title = entities[index].title {
                out.append(#","title":"#)
                JSONString.appendQuoted(title, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(#"],"topics":["#)
        for (index, topic) in document.topics.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(#"{"label":"#)
            JSONString.appendQuoted(topic.label, to: &out)
            out.append(#","score":"#)
            appendScore(topic.score, to: &out)
            if !topic.evidence.isEmpty {
                out.append(#","evidence":["#)
                for (position, evidence) in topic.evidence.enumerated() {
                    if position > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(#"{"feature":"#)
                    JSONString.appendQuoted(evidence.feature, to: &out)
                    out.append(#","weight":"#)
                    appendDecimal(evidence.weight, to: &out)
                    out.append(UInt8(ascii: "}"))
                }
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        if let model = document.topicModel {
            out.append(#","topic_model":"#)
            JSONString.appendQuoted(model, to: &out)
        }
        appendWarnings(document.warnings, to: &out)
        appendTail(to: &out)
        return out.bytes()
    }

    /// The record of an input that could not be annotated: its id and fields where known, and an `error` object.
    public func errorRecord(id: String?, passthrough: [PassthroughField]? = nil, error: GazetteError, line: Int? = nil,
                            warnings: [Warning] = []) -> [UInt8] {
        var out = RecordBuffer(capacity: 512)
        out.append(UInt8(ascii: "{"))
        writeHead(id: id, passthrough: passthrough, replaced: [], to: &out)
        out.append(#","error":{"code":"#)
        JSONString.appendQuoted(error.code.rawValue, to: &out)
        out.append(#","message":"#)
        JSONString.appendQuoted(error.message, to: &out)
        if let line {
            out.append(#","line":"#)
            appendInt(line, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        appendWarnings(warnings, to: &out)
        appendTail(to: &out)
        return out.bytes()
    }

    /// The id or the passed-through fields (but those the writer owns or writes in this record, `replaced`), then
    /// `schema` and `offsets`.
    private func writeHead(id: String?, passthrough: [PassthroughField]?, replaced: [String], to out: inout RecordBuffer) {
        if let passthrough {
            for field in passthrough where !Self.ownedFields.contains(field.name) && !replaced.contains(field.name) {
                JSONString.appendQuoted(field.name, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: field.rawValue)
                out.append(UInt8(ascii: ","))
            }
        } else if let id {
            out.append(#""id":"#)
            JSONString.appendQuoted(id, to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(#""schema":"#)
        JSONString.appendQuoted(GazetteLibrary.schema, to: &out)
        out.append(#","offsets":"#)
        JSONString.appendQuoted(offsets.rawValue, to: &out)
    }

    /// The metadata fields that are set, each after a comma.
    private func appendMetadata(_ metadata: DocumentMetadata, to out: inout RecordBuffer) {
        appendField(#","language":"#, metadata.language, to: &out)
        if let confidence = metadata.languageConfidence {
            out.append(#","language_confidence":"#)
            appendScore(confidence, to: &out)
        }
        appendField(#","title":"#, metadata.title, to: &out)
        appendField(#","published":"#, metadata.published, to: &out)
        if !metadata.authors.isEmpty {
            out.append(#","authors":["#)
            for (index, author) in metadata.authors.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONString.appendQuoted(author, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        appendField(#","canonical_url":"#, metadata.canonicalURL, to: &out)
        appendField(#","site_name":"#, metadata.siteName, to: &out)
    }

    private func appendField(_ name: StaticString, _ value: String?, to out: inout RecordBuffer) {
        guard let value else { return }
        out.append(name)
        JSONString.appendQuoted(value, to: &out)
    }

    private func appendWarnings(_ warnings: [Warning], to out: inout RecordBuffer) {
        guard !warnings.isEmpty else { return }
        out.append(#","warnings":["#)
        for (index, warning) in warnings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(#"{"code":"#)
            JSONString.appendQuoted(warning.code.rawValue, to: &out)
            out.append(#","message":"#)
            JSONString.appendQuoted(warning.message, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
    }

    private func appendTail(to out: inout RecordBuffer) {
        out.append(#","gazette":"#)
        JSONString.appendQuoted(stamp, to: &out)
        out.append("}\n")
    }

    private func appendInt(_ value: Int, to out: inout RecordBuffer) {
        out.append(decimal: value)
    }

    /// A finite number with at most three decimals: "1.25", "-0.5", "0".
    private func appendDecimal(_ value: Double, to out: inout RecordBuffer) {
        guard value.isFinite else { out.append(UInt8(ascii: "0")); return }
        let thousandths = Int((value * 1000).rounded())
        if thousandths < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = thousandths.magnitude
        out.append(decimal: Int(magnitude / 1000))
        var fraction = Int(magnitude % 1000), digits = 3
        guard fraction != 0 else { return }
        while fraction % 10 == 0 {  // no trailing zeros: "1.5", not "1.500"
            fraction /= 10
            digits -= 1
        }
        out.append(UInt8(ascii: "."))
        var scale = 1
        for _ in 1..<digits { scale *= 10 }
        while scale > 0 {  // leading zeros kept: "0.05"
            out.append(UInt8(ascii: "0") + UInt8(fraction / scale % 10))
            scale /= 10
        }
    }

    /// Scores in [0, 1] with at most three decimals: "0.85", "1", "0". Values outside are clamped, and a NaN (which
    /// no loaded model can produce: loaders reject non-finite numbers) is written as 0 rather than trapping.
    private func appendScore(_ value: Double, to out: inout RecordBuffer) {
        let clamped = value.isNaN ? 0 : min(max(value, 0), 1)
        let thousandths = Int((clamped * 1000).rounded())
        if thousandths == 1000 { out.append(UInt8(ascii: "1")); return }
        if thousandths == 0 { out.append(UInt8(ascii: "0")); return }
        let tenths = thousandths / 100, hundredths = thousandths / 10 % 10, last = thousandths % 10
        out.append("0.")
        out.append(UInt8(ascii: "0") + UInt8(tenths))
        if hundredths != 0 || last != 0 { out.append(UInt8(ascii: "0") + UInt8(hundredths)) }
        if last != 0 { out.append(UInt8(ascii: "0") + UInt8(last)) }
    }
}
