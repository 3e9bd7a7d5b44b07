/// A token: a word, number, punctuation mark, symbol, emoji, URL or e-mail address. White space is not a token.
public struct Token: Sendable, Hashable {
    /// UTF-8 byte offset of the first byte.
    public var start: Int
    /// UTF-8 byte offset just past the last byte.
    public var end: Int
    /// What the token is: a word, a number, a punctuation mark, a link...
    public var kind: TokenKind
    /// The case pattern of its letters.
    public var shape: TokenShape

    /// A token over the UTF-8 bytes `start..<end`.
    public init(start: Int, end: Int, kind: TokenKind, shape: TokenShape) {
        self.start = start
        self.end = end
        self.kind = kind
        self.shape = shape
    }

    /// The token's UTF-8 byte range in the document's text.
    public var utf8Range: Range<Int> { start..<end }

    /// Starts with an upper-case letter (Capitalized, ALLCAPS, or a mixed shape such as "McCarthy").
    public var isCapitalizedWord: Bool {
        kind == .word && (shape == .capitalized || shape == .allCaps || shape == .mixed)
    }
}

/// What a token is, from ICU's word-break rule status and the token's first code point.
public enum TokenKind: String, Sendable, Hashable {
    /// Letters (with inner apostrophes or periods): "Blinken", "U.S.", "don't".
    case word
    /// Digits, possibly with separators: "2,500", "10:30", "1996-08-30".
    case number
    /// A punctuation mark.
    case punctuation
    /// A symbol such as "$" or "%".
    case symbol
    /// An emoji.
    case emoji
    /// A URL, kept whole.
    case url
    /// An e-mail address, kept whole.
    case email
    /// Anything else.
    case other
}

/// The case pattern of a token's letters.
public enum TokenShape: String, Sendable, Hashable {
    /// First letter upper case, the others lower case: "Blinken", "A".
    case capitalized
    /// Two or more letters, all upper case: "NATO", "U.S.".
    case allCaps
    /// All letters lower case.
    case lower
    /// Any other mix of cases: "iPhone", "McCarthy".
    case mixed
    /// Contains a digit: "2021", "COVID19".
    case hasDigit
    /// No cased letters: punctuation, CJK, Arabic, Devanagari.
    case uncased
}
