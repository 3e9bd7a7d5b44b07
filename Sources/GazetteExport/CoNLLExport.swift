/// CoNLL columns: one token per line with its IOB2 tag (`Blinken B-PERSON`), a blank line after each sentence, and
/// `-DOCSTART- O` and a blank line before each document, as CoNLL-2003 files begin their documents. The tokens are
/// Gazette's own (`TokenizedRecord`); the tags are Gazette's labels.
public enum CoNLLExport {
    /// The line that starts each document.
    public static let documentStart = "-DOCSTART- O"

    /// The lines of one document, ending in a blank line.
    public static func document(_ record: TokenizedRecord) -> [UInt8] {
        var tags = [String](repeating: "O", count: record.tokens.count)
        for (entity, tokens) in record.entities {
            for index in tokens { tags[index] = (index == tokens.lowerBound ? "B-" : "I-") + entity.label }
        }
        var out = Array("\(documentStart)\n\n".utf8)
        for sentence in record.sentences {
            for index in sentence {
                out.append(contentsOf: column(record.record.offsets.text(record.tokens[index])).utf8)
                out.append(UInt8(ascii: " "))
                out.append(contentsOf: tags[index].utf8)
                out.append(UInt8(ascii: "\n"))
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// A token as a column: CoNLL readers split lines at white space, so any inside a token (a no-break space in a
    /// number, say) is written as `_`.
    static func column(_ token: String) -> String {
        guard token.unicodeScalars.contains(where: \.properties.isWhitespace) else { return token }
        return String(String.UnicodeScalarView(token.unicodeScalars.map { $0.properties.isWhitespace ? "_" : $0 }))
    }
}
