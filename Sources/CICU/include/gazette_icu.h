#ifndef GAZETTE_ICU_H
#define GAZETTE_ICU_H

// Plain-C interface over the parts of ICU4C that Gazette uses. Only C types appear here: ICU's own
// headers are included by the .c file alone, because on Linux a Swift module that imports Foundation
// cannot also see <unicode/*.h> (Foundation carries its own ICU module).

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Token kinds, decided from ICU's word-break rule status and the token's first code point. White space is never
/// reported.
enum {
    GZ_KIND_WORD = 0,
    GZ_KIND_NUMBER = 1,
    GZ_KIND_PUNCTUATION = 2,
    GZ_KIND_SYMBOL = 3,
    GZ_KIND_EMOJI = 4,
    GZ_KIND_OTHER = 6,
};

/// Token shapes, over the token's letters.
enum {
    GZ_SHAPE_CAPITALIZED = 0,  // first letter upper case, the rest lower case
    GZ_SHAPE_ALLCAPS = 1,      // every letter upper case (two letters or more)
    GZ_SHAPE_LOWER = 2,        // every letter lower case
    GZ_SHAPE_MIXED = 3,        // other mixes of cases ("iPhone", "McCarthy")
    GZ_SHAPE_HAS_DIGIT = 4,    // contains a digit
    GZ_SHAPE_UNCASED = 5,      // letters without case (CJK, Arabic, Devanagari) or no letters at all
};

typedef struct {
    int32_t start;  // UTF-8 byte offset, inclusive
    int32_t end;    // UTF-8 byte offset, exclusive
    uint8_t kind;   // GZ_KIND_*
    uint8_t shape;  // GZ_SHAPE_*
} gz_token;

/// Status codes: 0 is success; a negative value is an ICU error code (negated UErrorCode).
typedef int32_t gz_status;

/// A UTF-8 text prepared for ICU's break iterators: converted to UTF-16 once (ICU walks UTF-16 faster than
/// UTF-8, conversion included) and shared by the word and sentence iterators, which still report UTF-8 offsets.
/// Text that is not valid UTF-8 is walked as UTF-8, where offsets cannot drift. The buffers are reused by the
/// thread's next text. Not thread-safe.
typedef struct gz_text gz_text;

/// Prepares `utf8[0..<length]`, which must stay alive until `gz_text_close` (and every breaker over it is closed).
gz_text *gz_text_open(const uint8_t *utf8, int32_t length, gz_status *status);
void gz_text_close(gz_text *text);

/// An ICU break iterator over one text. Not thread-safe: one per thread.
typedef struct gz_breaker gz_breaker;

/// Opens a word (`sentence == 0`) or sentence (`sentence != 0`) break iterator for `locale`
/// (e.g. "en@ss=standard") over `text`. Close it before the text.
gz_breaker *gz_breaker_open(int sentence, const char *locale, const gz_text *text, gz_status *status);
void gz_breaker_close(gz_breaker *breaker);

/// Fills `tokens` with up to `capacity` next word tokens, white space left out. Returns the number written; 0 at
/// the end of the text. A text of n bytes has at most n tokens.
int32_t gz_breaker_next_words(gz_breaker *breaker, gz_token *tokens, int32_t capacity);

/// Fills `boundaries` with up to `capacity` next sentence boundaries (UTF-8 byte offsets, the end of each
/// sentence, the last one equal to the text length). Returns the number written; 0 at the end.
int32_t gz_breaker_next_sentences(gz_breaker *breaker, int32_t *boundaries, int32_t capacity);

/// Writes the matching key of `utf8[0..<length]` into `out` (UTF-8, not terminated): NFKC case folding,
/// combining diacritical marks (U+0300–U+036F) removed when `fold_diacritics` is set, typographic quotes
/// folded to ' and dashes to -. Returns the key's length in bytes; if that is larger than `capacity` nothing
/// useful was written and the caller retries with a larger buffer. A negative value is an ICU error.
int32_t gz_fold_key(const uint8_t *utf8, int32_t length, int fold_diacritics, uint8_t *out, int32_t capacity);

/// The shape (GZ_SHAPE_*) of the UTF-8 text `utf8[0..<length]`.
uint8_t gz_token_shape(const uint8_t *utf8, int32_t length);

/// The first code point's general-category class for simple decisions in Swift:
/// 1 upper-case letter, 2 lower-case letter, 3 other letter, 4 digit, 5 punctuation, 6 symbol, 7 space, 0 other.
int32_t gz_char_class(int32_t code_point);

/// Asks the processor to bring the cache line at `address` in ahead of a load that would miss (not ICU: this is
/// simply the one C module).
static inline void gz_prefetch(const void *address) {
    __builtin_prefetch(address);
}

#ifdef __cplusplus
}
#endif

#endif
