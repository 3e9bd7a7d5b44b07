import CICU

/// Thin Swift wrappers over the ICU break iterators of the C shim. Offsets are UTF-8 byte offsets.
enum ICUBreaker {
    /// Word tokens of `text` (white space left out), with kind and shape.
    static func words(in text: UnsafeBufferPointer<UInt8>, locale: String = "en") throws(GazetteError) -> [Token] {
        guard let base = text.baseAddress, !text.isEmpty else { return [] }
        var status: gz_status = 0
        guard let breaker = gz_breaker_open(0, locale, base, Int32(text.count), &status) else {
            throw GazetteError(.icuFailure, "could not open ICU word break iterator (error \(-status))")
        }
        defer { gz_breaker_close(breaker) }
        var tokens: [Token] = []
        tokens.reserveCapacity(text.count / 5)
        let capacity = 1024
        var chunk = [gz_token](repeating: gz_token(), count: capacity)
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { gz_breaker_next_words(breaker, $0.baseAddress, Int32(capacity)) }
            if count == 0 { break }
            for raw in chunk[0..<Int(count)] where Int32(raw.kind) != Int32(GZ_KIND_SPACE) {
                tokens.append(Token(start: Int(raw.start), end: Int(raw.end), kind: TokenKind(icuKind: raw.kind), shape: TokenShape(icuShape: raw.shape)))
            }
        }
        return tokens
    }

    /// Sentence boundaries of `text`: the end offset of each sentence, the last one equal to `text.count`.
    static func sentenceBoundaries(in text: UnsafeBufferPointer<UInt8>, locale: String) throws(GazetteError) -> [Int] {
        guard let base = text.baseAddress, !text.isEmpty else { return [] }
        var status: gz_status = 0
        guard let breaker = gz_breaker_open(1, locale, base, Int32(text.count), &status) else {
            throw GazetteError(.icuFailure, "could not open ICU sentence break iterator for '\(locale)' (error \(-status))")
        }
        defer { gz_breaker_close(breaker) }
        var boundaries: [Int] = []
        let capacity = 256
        var chunk = [Int32](repeating: 0, count: capacity)
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { gz_breaker_next_sentences(breaker, $0.baseAddress, Int32(capacity)) }
            if count == 0 { break }
            boundaries.append(contentsOf: chunk[0..<Int(count)].lazy.map { Int($0) })
        }
        return boundaries
    }

    /// The shape of a UTF-8 byte range.
    static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> TokenShape {
        guard let base = bytes.baseAddress else { return .uncased }
        return TokenShape(icuShape: gz_token_shape(base, Int32(bytes.count)))
    }
}
