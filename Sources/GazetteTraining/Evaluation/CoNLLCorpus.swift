import Gazette

/// A CoNLL-style NER file as documents, rebuilt as Gazette's evaluation protocol says (README, "Entity accuracy and
/// how to measure it"): a document starts at each `-DOCSTART-` line; its text is its tokens joined by one space, its
/// sentences joined by "\n". Gold entities are decoded from IOB1 (CoNLL-2003), IOB2 or IO tags with conlleval's
/// chunk rules.
public struct CoNLLCorpus: Sendable {
    /// One gold entity: a UTF-8 byte range in its document's text and a type (`PER`, `LOC`, `ORG`, `MISC`…).
    public struct Span: Sendable, Hashable {
        /// Offset of the entity's first byte.
        public var start: Int
        /// Offset just past the entity's last byte.
        public var end: Int
        /// The gold type, as tagged: `PER`, `LOC`, `ORG`, `MISC`…
        public var type: String
    }

    /// One document of the file: its text, rebuilt from the tokens, and its gold entities.
    public struct Document: Sendable {
        /// The tokens joined by one space, the sentences by a newline.
        public var text: String
        /// The gold entities, in text order.
        public var gold: [Span]
        /// 1-based line number of the document's first token in the file.
        public var line: Int
    }

    /// The file's documents, in file order.
    public var documents: [Document]

    /// Parses CoNLL text: one token per line with fields separated by spaces or tabs, the word first and the NER tag
    /// last; blank lines end sentences. Throws on a line whose tag is not `O`, `B-X`, `I-X` (or `E-`/`S-`, IOBES).
    public init(parsing text: String, file: String = "input") throws(GazetteError) {
        var documents: [Document] = []
        var words: [String] = []
        var tags: [String] = []
        var sentences: [(words: [String], tags: [String])] = []
        var firstLine = 0
        var lineNumber = 0

        func closeSentence() {
            if !words.isEmpty { sentences.append((words, tags)) }
            words = []
            tags = []
        }
        func closeDocument() {
            closeSentence()
            if !sentences.isEmpty { documents.append(Self.document(sentences, line: firstLine)) }
            sentences = []
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty {
                closeSentence()
                continue
            }
            if fields[0] == "-DOCSTART-" {
                closeDocument()
                continue
            }
            guard fields.count >= 2 else {
                throw GazetteError(.malformedCoNLL, "\(file) line \(lineNumber): expected a word and a tag")
            }
            let tag = String(fields[fields.count - 1])
            guard tag == "O" || (tag.count > 2 && ["B-", "I-", "E-", "S-"].contains(String(tag.prefix(2)))) else {
                throw GazetteError(.malformedCoNLL, "\(file) line \(lineNumber): '\(tag)' is not an IOB tag")
            }
            if words.isEmpty && sentences.isEmpty { firstLine = lineNumber }
            words.append(String(fields[0]))
            tags.append(tag)
        }
        closeDocument()
        self.documents = documents
    }

    private static func document(_ sentences: [(words: [String], tags: [String])], line: Int) -> Document {
        var text = ""
        var gold: [Span] = []
        for (sentenceIndex, sentence) in sentences.enumerated() {
            if sentenceIndex > 0 { text += "\n" }
            var offsets: [Range<Int>] = []
            for (index, word) in sentence.words.enumerated() {
                if index > 0 { text += " " }
                let start = text.utf8.count
                text += word
                offsets.append(start..<text.utf8.count)
            }
            for chunk in chunks(sentence.tags) {
                gold.append(Span(start: offsets[chunk.tokens.lowerBound].lowerBound, end: offsets[chunk.tokens.upperBound - 1].upperBound, type: chunk.type))
            }
        }
        return Document(text: text, gold: gold, line: line)
    }

    /// Chunks from IOB1, IOB2, IO or IOBES tags, by conlleval's start/end rules.
    static func chunks(_ tags: [String]) -> [(tokens: Range<Int>, type: String)] {
        var result: [(tokens: Range<Int>, type: String)] = []
        var start: Int?
        var currentType = ""
        var previousPrefix = "O"
        for (index, tag) in tags.enumerated() {
            let prefix = tag == "O" ? "O" : String(tag.prefix(1))
            let type = tag == "O" ? "" : String(tag.dropFirst(2))
            let startsChunk = prefix == "B" || prefix == "S"
                || (prefix == "I" || prefix == "E") && (previousPrefix == "O" || previousPrefix == "E" || previousPrefix == "S" || type != currentType)
            if let open = start, prefix == "O" || startsChunk {
                result.append((open..<index, currentType))
                start = nil
            }
            if startsChunk {
                start = index
                currentType = type
            }
            if prefix == "O" { currentType = "" }
            previousPrefix = prefix
            if let open = start, prefix == "E" || prefix == "S" {
                result.append((open..<(index + 1), currentType))
                start = nil
            }
        }
        if let open = start { result.append((open..<tags.count, currentType)) }
        return result
    }
}
