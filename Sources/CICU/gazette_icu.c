// ICU calls live here, and only here (see gazette_icu.h for why).

#include "gazette_icu.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

// Where UTF-16 and UTF-8 offsets part: the end of a non-ASCII code point in both. Between two anchors the text is
// ASCII, so an offset maps by adding the difference of the anchor before it.
typedef struct {
    int32_t utf16;
    int32_t utf8;
} anchor;

struct gz_text {
    const uint8_t *utf8;
    int32_t length;
    UChar *utf16;          // NULL: walk the UTF-8 itself (the text was not valid UTF-8)
    int32_t utf16_length;
    int32_t utf16_capacity;
    anchor *anchors;
    int32_t anchor_count;
    int32_t anchor_capacity;
};

struct gz_breaker {
    UBreakIterator *iterator;
    UText *text;           // over UTF-8 only; UTF-16 goes through ubrk_setText
    const gz_text *source;
    int32_t position;      // last boundary handed out (UTF-8)
    // Boundaries only move forward. Before the next anchor, a UTF-8 offset is the UTF-16 one plus `delta`.
    int32_t anchors_passed;
    int32_t next_anchor;   // UTF-16 offset of the first anchor not passed; INT32_MAX after the last
    int32_t delta;
    int sentence;
    char locale[32];
};

// Opening a break iterator loads and compiles rules; one cached iterator per kind and thread makes
// per-document segmentation cheap. A thread's cache is freed only at process exit.
static __thread UBreakIterator *cached_iterators[2];
static __thread char cached_locales[2][32];

static UBreakIterator *take_iterator(int sentence, const char *locale, UErrorCode *status) {
    UBreakIterator *cached = cached_iterators[sentence];
    if (cached != NULL && strncmp(cached_locales[sentence], locale, sizeof cached_locales[0]) == 0) {
        cached_iterators[sentence] = NULL;
        return cached;
    }
    return ubrk_open(sentence ? UBRK_SENTENCE : UBRK_WORD, locale, NULL, 0, status);
}

static void give_back_iterator(int sentence, const char *locale, UBreakIterator *iterator) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(iterator, NULL, 0, &status);  // drop the reference to the caller's text
    if (cached_iterators[sentence] == NULL && strlen(locale) < sizeof cached_locales[0]) {
        cached_iterators[sentence] = iterator;
        strcpy(cached_locales[sentence], locale);
    } else {
        ubrk_close(iterator);
    }
}

// The buffers of one text are kept for the thread's next text (until process exit, like the iterators), unless
// they grew past these sizes (a few MB).
enum { CACHED_TEXT_UNITS = 1 << 20, CACHED_TEXT_ANCHORS = 1 << 18 };
static __thread gz_text *cached_text;

static void free_text(gz_text *text) {
    free(text->utf16);
    free(text->anchors);
    free(text);
}

static int add_anchor(gz_text *text, int32_t utf16, int32_t utf8) {
    if (text->anchor_count == text->anchor_capacity) {
        int32_t capacity = text->anchor_capacity ? text->anchor_capacity * 2 : 64;
        anchor *grown = realloc(text->anchors, sizeof(anchor) * (size_t)capacity);
        if (grown == NULL) return 0;
        text->anchors = grown;
        text->anchor_capacity = capacity;
    }
    text->anchors[text->anchor_count++] = (anchor){utf16, utf8};
    return 1;
}

typedef uint8_t ascii_bytes __attribute__((vector_size(16)));
typedef UChar ascii_units __attribute__((vector_size(32)));

// Converts the UTF-8 to UTF-16 and notes an anchor after each non-ASCII code point. Returns 1, 0 if the text is
// not well-formed UTF-8 (U8_NEXT rejects what u_strFromUTF8 would replace), or -1 if memory ran out.
static int convert(gz_text *text) {
    const uint8_t *s = text->utf8;
    UChar *out = text->utf16;
    int32_t n = text->length, i = 0, j = 0;
    text->anchor_count = 0;
    while (i < n) {
        // News text is mostly ASCII: widen it sixteen bytes at a time.
        while (i + 16 <= n) {
            uint64_t halves[2];
            memcpy(halves, s + i, sizeof halves);
            if ((halves[0] | halves[1]) & 0x8080808080808080ULL) break;
            ascii_bytes bytes;
            memcpy(&bytes, s + i, sizeof bytes);
            ascii_units units = __builtin_convertvector(bytes, ascii_units);
            memcpy(out + j, &units, sizeof units);
            i += 16;
            j += 16;
        }
        if (i == n) break;
        if (s[i] < 0x80) {
            out[j++] = s[i++];
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0) return 0;
        U16_APPEND_UNSAFE(out, j, c);
        if (!add_anchor(text, j, i)) return -1;
    }
    text->utf16_length = j;
    return 1;
}

gz_text *gz_text_open(const uint8_t *utf8, int32_t length, gz_status *result) {
    gz_text *text = cached_text;
    cached_text = NULL;
    if (text == NULL) text = calloc(1, sizeof *text);
    if (text == NULL) { *result = -(int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    text->utf8 = utf8;
    text->length = length;
    // UTF-16 never needs more code units than UTF-8 has bytes.
    if (text->utf16 == NULL || text->utf16_capacity < length) {
        int32_t capacity = length > 1024 ? length : 1024;
        free(text->utf16);
        text->utf16 = malloc(sizeof(UChar) * (size_t)capacity);
        text->utf16_capacity = text->utf16 ? capacity : 0;
    }
    int converted = text->utf16 ? convert(text) : -1;
    if (converted < 0) { free_text(text); *result = -(int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    if (converted == 0) {
        // Invalid UTF-8: a replacement character would not take the bytes it replaced, so walk the UTF-8 itself.
        free(text->utf16);
        text->utf16 = NULL;
        text->utf16_capacity = 0;
    }
    *result = 0;
    return text;
}

void gz_text_close(gz_text *text) {
    if (text == NULL) return;
    if (cached_text == NULL && text->utf16_capacity <= CACHED_TEXT_UNITS && text->anchor_capacity <= CACHED_TEXT_ANCHORS) {
        text->utf8 = NULL;
        cached_text = text;
    } else {
        free_text(text);
    }
}

gz_breaker *gz_breaker_open(int sentence, const char *locale, const gz_text *source, gz_status *result) {
    UErrorCode status = U_ZERO_ERROR;
    sentence = sentence ? 1 : 0;
    gz_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) { *result = -(int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    breaker->iterator = take_iterator(sentence, locale, &status);
    if (U_SUCCESS(status)) {
        if (source->utf16 != NULL) {
            ubrk_setText(breaker->iterator, source->utf16, source->utf16_length, &status);
        } else {
            breaker->text = utext_openUTF8(NULL, (const char *)source->utf8, source->length, &status);
            if (U_SUCCESS(status)) ubrk_setUText(breaker->iterator, breaker->text, &status);
        }
    }
    if (U_FAILURE(status)) {
        if (breaker->text) utext_close(breaker->text);
        if (breaker->iterator) ubrk_close(breaker->iterator);
        free(breaker);
        *result = -(int32_t)status;
        return NULL;
    }
    strncpy(breaker->locale, locale, sizeof breaker->locale - 1);
    breaker->source = source;
    breaker->next_anchor = source->utf16 != NULL && source->anchor_count > 0 ? source->anchors[0].utf16 : INT32_MAX;
    breaker->position = ubrk_first(breaker->iterator);
    breaker->sentence = sentence;
    *result = 0;
    return breaker;
}

void gz_breaker_close(gz_breaker *breaker) {
    if (breaker == NULL) return;
    give_back_iterator(breaker->sentence, breaker->locale, breaker->iterator);
    if (breaker->text) utext_close(breaker->text);
    free(breaker);
}

// The UTF-8 offset of a boundary ICU reported in the text it walks, once the boundary has reached the next anchor.
static int32_t utf8_offset_past_anchor(gz_breaker *breaker, int32_t offset) {
    const gz_text *source = breaker->source;
    const anchor *anchors = source->anchors;
    int32_t passed = breaker->anchors_passed;
    while (passed < source->anchor_count && anchors[passed].utf16 <= offset) passed++;
    breaker->anchors_passed = passed;
    breaker->delta = anchors[passed - 1].utf8 - anchors[passed - 1].utf16;
    breaker->next_anchor = passed < source->anchor_count ? anchors[passed].utf16 : INT32_MAX;
    return offset + breaker->delta;
}

// The UTF-8 offset of a boundary ICU reported in the text it walks (UTF-8 itself when the text was not valid).
static inline int32_t utf8_offset(gz_breaker *breaker, int32_t offset) {
    return offset < breaker->next_anchor ? offset + breaker->delta : utf8_offset_past_anchor(breaker, offset);
}

// Classes of the bytes, taken from ICU itself once, so that the ASCII fast paths below agree with it exactly.
enum {
    CLASS_DIGIT = 1,      // u_isdigit
    CLASS_UPPER = 2,      // u_isupper || u_istitle
    CLASS_LOWER = 4,      // u_islower
    CLASS_SPACE = 8,      // u_isUWhiteSpace
    CLASS_PUNCT = 16,     // u_ispunct
    CLASS_SYMBOL = 32,    // math, currency, modifier or other symbol
    CLASS_LETTER = 64,    // upper or lower case: A-Z, a-z
    CLASS_NON_ASCII = 128 // a byte of a multi-byte character
};
static uint8_t byte_classes[256];
static pthread_once_t byte_classes_once = PTHREAD_ONCE_INIT;

// Internal kind of white space, which is never reported.
enum { KIND_SPACE = 255 };

static int is_symbol(UChar32 c) {
    switch (u_charType(c)) {
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
        return 1;
    default:
        return 0;
    }
}

static void compute_byte_classes(void) {
    for (UChar32 c = 0; c < 128; c++) {
        uint8_t classes = 0;
        if (u_isdigit(c)) classes |= CLASS_DIGIT;
        if (u_isupper(c) || u_istitle(c)) classes |= CLASS_UPPER | CLASS_LETTER;
        if (u_islower(c)) classes |= CLASS_LOWER | CLASS_LETTER;
        if (u_isUWhiteSpace(c)) classes |= CLASS_SPACE;
        if (u_ispunct(c)) classes |= CLASS_PUNCT;
        if (is_symbol(c)) classes |= CLASS_SYMBOL;
        byte_classes[c] = classes;
    }
    for (int byte = 128; byte < 256; byte++) byte_classes[byte] = CLASS_NON_ASCII;
}

static const uint8_t *byte_class_table(void) {
    pthread_once(&byte_classes_once, compute_byte_classes);
    return byte_classes;
}

static int is_emoji(UChar32 c) {
    return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) || u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
}

// The shape of an ASCII token from the union of its byte classes and its count of upper-case letters.
static uint8_t ascii_shape(const uint8_t *classes, uint8_t any, int32_t uppers, const uint8_t *s) {
    if (any & CLASS_DIGIT) return GZ_SHAPE_HAS_DIGIT;
    if (!(any & CLASS_UPPER)) return (any & CLASS_LOWER) ? GZ_SHAPE_LOWER : GZ_SHAPE_UNCASED;
    if (!(any & CLASS_LOWER)) return uppers >= 2 ? GZ_SHAPE_ALLCAPS : GZ_SHAPE_CAPITALIZED;
    if (uppers > 1) return GZ_SHAPE_MIXED;
    // One upper-case letter among lower-case ones: Capitalized if it is the first letter.
    for (;; s++) {
        uint8_t c = classes[*s];
        if (c & CLASS_UPPER) return GZ_SHAPE_CAPITALIZED;
        if (c & CLASS_LOWER) return GZ_SHAPE_MIXED;
    }
}

static uint8_t unicode_shape(const uint8_t *classes, const uint8_t *s, int32_t length) {
    int32_t i = 0, upper = 0, lower = 0, digits = 0, later_upper = 0, cased_seen = 0, first_upper = 0;
    while (i < length) {
        int is_digit, is_upper, is_lower;
        if (s[i] < 0x80) {
            uint8_t c = classes[s[i++]];
            is_digit = c & CLASS_DIGIT;
            is_upper = c & CLASS_UPPER;
            is_lower = c & CLASS_LOWER;
        } else {
            UChar32 c;
            U8_NEXT(s, i, length, c);
            if (c < 0) continue;
            is_digit = u_isdigit(c);
            is_upper = !is_digit && (u_isupper(c) || u_istitle(c));
            is_lower = !is_digit && !is_upper && u_islower(c);
        }
        if (is_digit) { digits++; continue; }
        if (is_upper) {
            upper++;
            if (cased_seen) later_upper++; else first_upper = 1;
            cased_seen = 1;
        } else if (is_lower) {
            lower++;
            cased_seen = 1;
        }
    }
    if (digits) return GZ_SHAPE_HAS_DIGIT;
    if (upper == 0 && lower == 0) return GZ_SHAPE_UNCASED;
    if (upper == 0) return GZ_SHAPE_LOWER;
    if (lower == 0) return upper >= 2 ? GZ_SHAPE_ALLCAPS : GZ_SHAPE_CAPITALIZED;
    if (first_upper && later_upper == 0) return GZ_SHAPE_CAPITALIZED;
    return GZ_SHAPE_MIXED;
}

uint8_t gz_token_shape(const uint8_t *s, int32_t length) {
    const uint8_t *classes = byte_class_table();
    uint8_t any = 0;
    int32_t uppers = 0;
    for (int32_t i = 0; i < length; i++) {
        uint8_t c = classes[s[i]];
        any |= c;
        uppers += (c & CLASS_UPPER) != 0;
    }
    return (any & CLASS_NON_ASCII) ? unicode_shape(classes, s, length) : ascii_shape(classes, any, uppers, s);
}

static uint8_t token_kind(const uint8_t *classes, int32_t rule_status, const uint8_t *s, int32_t length) {
    if (rule_status >= UBRK_WORD_LETTER) return GZ_KIND_WORD;  // letters, kana, ideographs
    if (rule_status >= UBRK_WORD_NUMBER) return GZ_KIND_NUMBER;
    if (length > 0 && s[0] < 0x80) {
        uint8_t c = classes[s[0]];
        if (c & CLASS_SPACE) return KIND_SPACE;
        // Digits and '#' and '*' are Extended_Pictographic only as keycap bases: never emoji on their own here.
        if (c & CLASS_PUNCT) return GZ_KIND_PUNCTUATION;
        return (c & CLASS_SYMBOL) ? GZ_KIND_SYMBOL : GZ_KIND_OTHER;
    }
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return GZ_KIND_OTHER;
    if (u_isUWhiteSpace(c)) return KIND_SPACE;
    if (is_emoji(c)) return GZ_KIND_EMOJI;
    if (u_ispunct(c)) return GZ_KIND_PUNCTUATION;
    return is_symbol(c) ? GZ_KIND_SYMBOL : GZ_KIND_OTHER;
}

int32_t gz_breaker_next_words(gz_breaker *breaker, gz_token *tokens, int32_t capacity) {
    const uint8_t *utf8 = breaker->source->utf8;
    const uint8_t *classes = byte_class_table();
    int32_t count = 0;
    while (count < capacity) {
        int32_t next = ubrk_next(breaker->iterator);
        if (next == UBRK_DONE) break;
        next = utf8_offset(breaker, next);
        int32_t start = breaker->position;
        breaker->position = next;
        const uint8_t *s = utf8 + start;
        int32_t length = next - start;
        if (length == 1 && s[0] == ' ') continue;  // nearly half of ICU's words
        // One pass over the bytes: the union and intersection of their classes, and the upper-case count.
        uint8_t any = 0, every = 0xFF;
        int32_t uppers = 0;
        for (int32_t i = 0; i < length; i++) {
            uint8_t c = classes[s[i]];
            any |= c;
            every &= c;
            uppers += (c & CLASS_UPPER) != 0;
        }
        uint8_t kind, shape;
        if (any & CLASS_NON_ASCII) {
            kind = token_kind(classes, ubrk_getRuleStatus(breaker->iterator), s, length);
            shape = unicode_shape(classes, s, length);
        } else {
            // ICU's word rules give ASCII letters a letter status, ASCII digits a number status and white space
            // none; only other tokens need the rule status.
            if (every & CLASS_SPACE) continue;
            if (every & CLASS_LETTER) kind = GZ_KIND_WORD;
            else if (every & CLASS_DIGIT) kind = GZ_KIND_NUMBER;
            else kind = token_kind(classes, ubrk_getRuleStatus(breaker->iterator), s, length);
            shape = ascii_shape(classes, any, uppers, s);
        }
        if (kind == KIND_SPACE) continue;
        gz_token *token = &tokens[count++];
        token->start = start;
        token->end = next;
        token->kind = kind;
        token->shape = shape;
    }
    return count;
}

int32_t gz_breaker_next_sentences(gz_breaker *breaker, int32_t *boundaries, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t next = ubrk_next(breaker->iterator);
        if (next == UBRK_DONE) break;
        next = utf8_offset(breaker, next);
        breaker->position = next;
        boundaries[count++] = next;
    }
    return count;
}

// Runs `normalizer` over src into a growing buffer (*dst, capacity *dst_capacity). Returns the length or -error.
static int32_t normalize(const UNormalizer2 *normalizer, const UChar *src, int32_t length, UChar **dst, int32_t *dst_capacity) {
    for (;;) {
        UErrorCode status = U_ZERO_ERROR;
        int32_t n = unorm2_normalize(normalizer, src, length, *dst, *dst_capacity, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            UChar *grown = realloc(*dst, sizeof(UChar) * (size_t)(n + 1));
            if (grown == NULL) return -(int32_t)U_MEMORY_ALLOCATION_ERROR;
            *dst = grown;
            *dst_capacity = n + 1;
            continue;
        }
        if (U_FAILURE(status)) return -(int32_t)status;
        return n;
    }
}

static UChar fold_punctuation(UChar c) {
    switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0xFF07:
        return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return '-';
    default:
        return c;
    }
}

int32_t gz_fold_key(const uint8_t *utf8, int32_t length, int fold_diacritics, uint8_t *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t result = 0;
    int32_t utf16_capacity = length + 16;
    UChar *a = malloc(sizeof(UChar) * (size_t)utf16_capacity);
    UChar *b = malloc(sizeof(UChar) * (size_t)utf16_capacity);
    int32_t a_capacity = utf16_capacity, b_capacity = utf16_capacity, n = 0;
    if (a == NULL || b == NULL) { result = -(int32_t)U_MEMORY_ALLOCATION_ERROR; goto done; }

    u_strFromUTF8WithSub(a, a_capacity, &n, (const char *)utf8, length, 0xFFFD, NULL, &status);
    if (U_FAILURE(status)) { result = -(int32_t)status; goto done; }

    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
    if (U_FAILURE(status)) { result = -(int32_t)status; goto done; }
    n = normalize(nfkc_cf, a, n, &b, &b_capacity);
    if (n < 0) { result = n; goto done; }

    if (fold_diacritics) {
        const UNormalizer2 *nfd = unorm2_getNFDInstance(&status);
        const UNormalizer2 *nfc = unorm2_getNFCInstance(&status);
        if (U_FAILURE(status)) { result = -(int32_t)status; goto done; }
        n = normalize(nfd, b, n, &a, &a_capacity);
        if (n < 0) { result = n; goto done; }
        int32_t kept = 0;
        for (int32_t i = 0; i < n; i++) {
            if (a[i] >= 0x0300 && a[i] <= 0x036F) continue;
            a[kept++] = a[i];
        }
        n = normalize(nfc, a, kept, &b, &b_capacity);
        if (n < 0) { result = n; goto done; }
    }
    for (int32_t i = 0; i < n; i++) b[i] = fold_punctuation(b[i]);

    int32_t written = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8WithSub((char *)out, capacity, &written, b, n, 0xFFFD, NULL, &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) status = U_ZERO_ERROR;
    result = U_FAILURE(status) ? -(int32_t)status : written;
done:
    free(a);
    free(b);
    return result;
}

int32_t gz_char_class(int32_t c) {
    if (u_isupper(c) || u_istitle(c)) return 1;
    if (u_islower(c)) return 2;
    if (u_isalpha(c)) return 3;
    if (u_isdigit(c)) return 4;
    if (u_ispunct(c)) return 5;
    if (u_isUWhiteSpace(c)) return 7;
    return is_symbol(c) ? 6 : 0;
}
