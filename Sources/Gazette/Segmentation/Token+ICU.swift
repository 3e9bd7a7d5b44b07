import CICU

extension Token {
    /// A word token as the C shim reports it.
    init(_ word: gz_token) {
        self.init(start: Int(word.start), end: Int(word.end), kind: TokenKind(icuKind: word.kind), shape: TokenShape(icuShape: word.shape))
    }
}

extension TokenKind {
    /// The kind the C shim reports (from ICU's word-break rule status and the first code point).
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

extension TokenShape {
    /// The shape the C shim reports.
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
