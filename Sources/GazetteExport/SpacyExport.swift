/// spaCy's `Doc.to_json` format, one document per line, which `Doc(nlp.vocab).from_json(data)` (spaCy 3.8) turns
/// back into a `Doc` with the same tokens, sentences and entities:
///
/// `{"text":…,"ents":[{"start":0,"end":14,"label":"PERSON"}],"sents":[{"start":0,"end":40}],"tokens":[{"id":0,"start":0,"end":6},…],"spans":{"gazette":[{…,"kb_id":"gz:person/…"}]}}`
///
/// Offsets are characters (code points, as Python counts a `str`). Sentences are the record's, except that the first
/// starts at 0 (spaCy's first token always starts a sentence, even white space before the first word). The tokens are Gazette's, plus the white space
/// spaCy keeps as tokens of their own: `from_json` rebuilds its words from the text and requires exactly those,
/// that is every stretch between two tokens except one trailing space. Each entity is also in the span group
/// `gazette` with its linked id as `kb_id` (`doc.ents` does not keep it through `from_json`). Documents are written
/// in input order; the record's id is not written, since `from_json` cannot take custom attributes (`_`) unless the
/// reader registered them first.
public enum SpacyExport {
    /// The name of the span group that carries entities with their linked ids.
    public static let spanGroup = "gazette"

    /// The JSON line of one document.
    public static func document(_ record: TokenizedRecord) -> [UInt8] {
        let offsets = record.record.offsets
        func characters(_ utf8: Int) -> Int { offsets.offset(ofUTF8: utf8, in: .codepoint) }
        var json = ExportJSON()
        json.raw("{")
        json.key("text")
        json.string(record.record.text)
        json.raw(",")
        json.key("ents")
        json.raw("[")
        for (index, (entity, _)) in record.entities.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"start\":\(characters(entity.utf8Range.lowerBound)),\"end\":\(characters(entity.utf8Range.upperBound)),\"label\":")
            json.string(entity.label)
            json.raw("}")
        }
        json.raw("],")
        json.key("sents")
        json.raw("[")
        for (index, sentence) in record.sentences.enumerated() {
            if index > 0 { json.raw(",") }
            // spaCy's first token always starts a sentence, white space before the text's first word included.
            let start = index == 0 ? 0 : record.tokens[sentence.lowerBound].lowerBound
            let end = record.tokens[sentence.upperBound - 1].upperBound
            json.raw("{\"start\":\(characters(start)),\"end\":\(characters(end))}")
        }
        json.raw("],")
        json.key("tokens")
        json.raw("[")
        for (index, word) in words(record).enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"id\":\(index),\"start\":\(characters(word.lowerBound)),\"end\":\(characters(word.upperBound))}")
        }
        json.raw("],")
        json.key("spans")
        json.raw("{")
        json.key(spanGroup)
        json.raw("[")
        for (index, (entity, _)) in record.entities.enumerated() {
            if index > 0 { json.raw(",") }
            json.raw("{\"start\":\(characters(entity.utf8Range.lowerBound)),\"end\":\(characters(entity.utf8Range.upperBound)),\"label\":")
            json.string(entity.label)
            json.raw(",")
            json.key("kb_id")
            json.string(entity.linkID ?? "")
            json.raw("}")
        }
        json.raw("]}}\n")
        return json.bytes
    }

    /// spaCy's words over the text, as UTF-8 ranges: the tokens, and each stretch between them (or before the first
    /// and after the last) as a word of its own, less one space that follows a token (spaCy's `whitespace_`).
    static func words(_ record: TokenizedRecord) -> [Range<Int>] {
        let utf8 = record.record.offsets.utf8
        var words: [Range<Int>] = []
        words.reserveCapacity(record.tokens.count * 2)
        var position = 0
        func gap(upTo end: Int) {
            var start = position
            if !words.isEmpty, start < end, utf8[start] == UInt8(ascii: " ") { start += 1 }
            if start < end { words.append(start..<end) }
        }
        for token in record.tokens {
            gap(upTo: token.lowerBound)
            words.append(token)
            position = token.upperBound
        }
        gap(upTo: utf8.count)
        return words
    }
}
