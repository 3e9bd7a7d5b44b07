import CICU

/// Thin Swift wrappers over the ICU break iterators of the C shim. Offsets are UTF-8 byte offsets.
enum ICUBreaker {
    /// Calls `body` with the word tokens of `text` (white space left out, with kind and shape) and its sentence
    /// boundaries (the end offset of each sentence, the last one equal to `text.count`), both in scratch memory that
    /// lives only for the call. The text is prepared for ICU once, for both.
    static func withSegments<Result>(
        of text: UnsafeBufferPointer<UInt8>, wordLocale: String = "en", sentenceLocale: String,
        _ body: (_ words: UnsafeBufferPointer<gz_token>, _ sentenceEnds: UnsafeBufferPointer<Int32>) -> Result
    ) throws(GazetteError) -> Result {
        guard let base = text.baseAddress, !text.isEmpty else {
            return body(UnsafeBufferPointer(start: nil, count: 0), UnsafeBufferPointer(start: nil, count: 0))
        }
        var status: gz_status = 0
        guard let prepared = gz_text_open(base, Int32(text.count), &status) else {
            throw GazetteError(.icuFailure, "could not prepare text for ICU (error \(-status))")
        }
        defer { gz_text_close(prepared) }
        guard let words = gz_breaker_open(0, wordLocale, prepared, &status) else {
            throw GazetteError(.icuFailure, "could not open ICU word break iterator (error \(-status))")
        }
        defer { gz_breaker_close(words) }
        guard let sentences = gz_breaker_open(1, sentenceLocale, prepared, &status) else {
            throw GazetteError(.icuFailure, "could not open ICU sentence break iterator for '\(sentenceLocale)' (error \(-status))")
        }
        defer { gz_breaker_close(sentences) }
        // A text of n bytes has at most n tokens and n sentences.
        return withUnsafeTemporaryAllocation(of: gz_token.self, capacity: text.count) { tokenBuffer in
            let tokenCount = fill(tokenBuffer) { gz_breaker_next_words(words, $0, $1) }
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: text.count) { endBuffer in
                let endCount = fill(endBuffer) { gz_breaker_next_sentences(sentences, $0, $1) }
                return body(UnsafeBufferPointer(rebasing: tokenBuffer[..<tokenCount]), UnsafeBufferPointer(rebasing: endBuffer[..<endCount]))
            }
        }
    }

    /// Fills `buffer` from a C function that writes up to `capacity` elements and returns how many it wrote.
    private static func fill<Element>(
        _ buffer: UnsafeMutableBufferPointer<Element>, from next: (_ into: UnsafeMutablePointer<Element>, _ capacity: Int32) -> Int32
    ) -> Int {
        var count = 0
        while count < buffer.count {
            let filled = Int(next(buffer.baseAddress! + count, Int32(buffer.count - count)))
            if filled == 0 { break }
            count += filled
        }
        return count
    }

    /// The shape of a UTF-8 byte range.
    static func shape(of bytes: UnsafeBufferPointer<UInt8>) -> TokenShape {
        guard let base = bytes.baseAddress else { return .uncased }
        return TokenShape(icuShape: gz_token_shape(base, Int32(bytes.count)))
    }
}
