import CICU

/// Thin Swift wrappers over the ICU break iterators of the C shim. Offsets are UTF-8 byte offsets.
enum ICUBreaker {
    /// Word tokens of `text` (white space left out), with kind and shape, and its sentence boundaries (the end
    /// offset of each sentence, the last one equal to `text.count`). The text is prepared for ICU once, for both.
    static func segment(_ text: UnsafeBufferPointer<UInt8>, wordLocale: String = "en", sentenceLocale: String) throws(GazetteError)
        -> (tokens: [Token], sentenceBoundaries: [Int]) {
        guard let base = text.baseAddress, !text.isEmpty else { return ([], []) }
        var status: gz_status = 0
        guard let prepared = gz_text_open(base, Int32(text.count), &status) else {
            throw GazetteError(.icuFailure, "could not prepare text for ICU (error \(-status))")
        }
        defer { gz_text_close(prepared) }
        return (try words(in: prepared, count: text.count, locale: wordLocale),
                try sentenceBoundaries(in: prepared, locale: sentenceLocale))
    }

    private static func words(in text: OpaquePointer, count: Int, locale: String) throws(GazetteError) -> [Token] {
        var status: gz_status = 0
        guard let breaker = gz_breaker_open(0, locale, text, &status) else {
            throw GazetteError(.icuFailure, "could not open ICU word break iterator (error \(-status))")
        }
        defer { gz_breaker_close(breaker) }
        var tokens: [Token] = []
        tokens.reserveCapacity(count / 5)
        let capacity = 1024
        withUnsafeTemporaryAllocation(of: gz_token.self, capacity: capacity) { chunk in
            while true {
                let filled = Int(gz_breaker_next_words(breaker, chunk.baseAddress, Int32(capacity)))
                if filled == 0 { break }
                for raw in UnsafeBufferPointer(rebasing: chunk[0..<filled]) where Int32(raw.kind) != Int32(GZ_KIND_SPACE) {
                    tokens.append(Token(start: Int(raw.start), end: Int(raw.end), kind: TokenKind(icuKind: raw.kind), shape: TokenShape(icuShape: raw.shape)))
                }
            }
        }
        return tokens
    }

    private static func sentenceBoundaries(in text: OpaquePointer, locale: String) throws(GazetteError) -> [Int] {
        var status: gz_status = 0
        guard let breaker = gz_breaker_open(1, locale, text, &status) else {
            throw GazetteError(.icuFailure, "could not open ICU sentence break iterator for '\(locale)' (error \(-status))")
        }
        defer { gz_breaker_close(breaker) }
        var boundaries: [Int] = []
        let capacity = 256
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { chunk in
            while true {
                let filled = Int(gz_breaker_next_sentences(breaker, chunk.baseAddress, Int32(capacity)))
                if filled == 0 { break }
                for boundary in UnsafeBufferPointer(rebasing: chunk[0..<filled]) { boundaries.append(Int(boundary)) }
            }
        }
        return boundaries
    }

    /// The shape of a UTF-8 byte range.
    static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> TokenShape {
        guard let base = bytes.baseAddress else { return .uncased }
        return TokenShape(icuShape: gz_token_shape(base, Int32(bytes.count)))
    }
}
