import CICU

/// A token: a word, number, punctuation mark, symbol, emoji, URL or e-mail address. White space is not a token.
public struct Token: Sendable, Hashable {
    /// UTF-8 byte offset of the first byte.
    public var start: Int
    /// UTF-8 byte offset just past the last byte.
    public var end: Int
    public var kind: TokenKind
    public var shape: TokenShape

    public init(start: Int, end: Int, kind: TokenKind, shape: TokenShape) {
        self.start = start
        self.end = end
        self.kind = kind
        self.shape = shape
    }

    /// A word token as the C shim reports it.
    @inline(__always)
    init(_ word: gz_token) {
        self.init(start: Int(word.start), end: Int(word.end), kind: TokenKind(icuKind: word.kind), shape: TokenShape(icuShape: word.shape))
    }

    public var utf8Range: Range<Int> { start..<end }

    /// Starts with an upper-case letter (Capitalized, ALLCAPS, or a mixed shape such as "McCarthy").
    public var isCapitalizedWord: Bool {
        kind == .word && (shape == .capitalized || shape == .allCaps || shape == .mixed)
    }
}

/// What a token is, from ICU's word-break rule status and the token's first code point.
public enum TokenKind: String, Sendable, Hashable {
    case word, number, punctuation, symbol, emoji, url, email, other

    init(icuKind: UInt8) {
        switch Int32(icuKind) {
        case Int32(GZ_KIND_WORD): self = .word
        case Int32(GZ_KIND_NUMBER): self = .number
        case Int32(GZ_KIND_PUNCTUATION): self = .punctuation
        case Int32(GZ_KIND_SYMBOL): self = .symbol
        case Int32(GZ_KIND_EMOJI): self = .emoji
        default: self = .other
        }
    }
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

    init(icuShape: UInt8) {
        switch Int32(icuShape) {
        case Int32(GZ_SHAPE_CAPITALIZED): self = .capitalized
        case Int32(GZ_SHAPE_ALLCAPS): self = .allCaps
        case Int32(GZ_SHAPE_LOWER): self = .lower
        case Int32(GZ_SHAPE_MIXED): self = .mixed
        case Int32(GZ_SHAPE_HAS_DIGIT): self = .hasDigit
        default: self = .uncased
        }
    }
}
