import CICU

/// The C boundary of segmentation: ICU's break iterators, through the C shim. The segmenter's only pointer code
/// lives here, where the shim needs it; offsets are UTF-8 byte offsets.
enum ICUBreaker {
    /// How many tokens or sentence ends one call into the shim hands back.
    private static let chunk = 1024

    /// The word tokens of `text` (white space left out, with kind and shape) and its sentence boundaries (the end
    /// offset of each sentence, the last one equal to `text.count`). The text is prepared for ICU once, for both.
    static func segments(of text: [UInt8], wordLocale: String = "en", sentenceLocale: String) throws(GazetteError) -> (words: [Token], sentenceEnds: [Int]) {
        guard !text.isEmpty else { return ([], []) }
        return try text.withUnsafeBufferPointer { (text) throws(GazetteError) in
            var status: gz_status = 0
            guard let prepared = gz_text_open(text.baseAddress, Int32(text.count), &status) else {
                throw GazetteError(.icuFailure, "could not prepare text for ICU (error \(-status))")
            }
            defer { gz_text_close(prepared) }
            guard let wordBreaker = gz_breaker_open(0, wordLocale, prepared, &status) else {
                throw GazetteError(.icuFailure, "could not open ICU word break iterator (error \(-status))")
            }
            defer { gz_breaker_close(wordBreaker) }
            guard let sentenceBreaker = gz_breaker_open(1, sentenceLocale, prepared, &status) else {
                throw GazetteError(.icuFailure, "could not open ICU sentence break iterator for '\(sentenceLocale)' (error \(-status))")
            }
            defer { gz_breaker_close(sentenceBreaker) }
            var words: [Token] = []
            words.reserveCapacity(text.count / 4)
            drain({ gz_breaker_next_words(wordBreaker, $0, $1) }) { words.append(Token($0)) }
            var sentenceEnds: [Int] = []
            drain({ gz_breaker_next_sentences(sentenceBreaker, $0, $1) }) { sentenceEnds.append(Int($0)) }
            return (words, sentenceEnds)
        }
    }

    /// Calls a C function that writes up to `capacity` elements and returns how many it wrote, until it writes
    /// none, handing each element to `body`.
    private static func drain<Element>(_ next: (_ into: UnsafeMutablePointer<Element>, _ capacity: Int32) -> Int32, _ body: (Element) -> Void) {
        withUnsafeTemporaryAllocation(of: Element.self, capacity: chunk) { buffer in
            while true {
                let filled = Int(next(buffer.baseAddress!, Int32(chunk)))
                if filled <= 0 { break }
                for element in buffer[..<filled] { body(element) }
            }
        }
    }

    /// The shape of some UTF-8 bytes.
    static func shape(of bytes: ArraySlice<UInt8>) -> TokenShape {
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return .uncased }
            return TokenShape(icuShape: gz_token_shape(base, Int32(bytes.count)))
        }
    }
}
