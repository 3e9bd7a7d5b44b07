// ICU calls live here, and only here (see gazette_icu.h for why).

#include "gazette_icu.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

struct gz_breaker {
    UBreakIterator *iterator;
    UText *text;
    const uint8_t *utf8;
    int32_t length;
    int32_t position;  // last boundary handed out
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

gz_breaker *gz_breaker_open(int sentence, const char *locale, const uint8_t *utf8, int32_t length, gz_status *result) {
    UErrorCode status = U_ZERO_ERROR;
    sentence = sentence ? 1 : 0;
    gz_breaker *breaker = calloc(1, sizeof *breaker);
    if (breaker == NULL) { *result = -(int32_t)U_MEMORY_ALLOCATION_ERROR; return NULL; }
    breaker->iterator = take_iterator(sentence, locale, &status);
    if (U_SUCCESS(status)) breaker->text = utext_openUTF8(NULL, (const char *)utf8, length, &status);
    if (U_SUCCESS(status)) ubrk_setUText(breaker->iterator, breaker->text, &status);
    if (U_FAILURE(status)) {
        if (breaker->text) utext_close(breaker->text);
        if (breaker->iterator) ubrk_close(breaker->iterator);
        free(breaker);
        *result = -(int32_t)status;
        return NULL;
    }
    strncpy(breaker->locale, locale, sizeof breaker->locale - 1);
    breaker->utf8 = utf8;
    breaker->length = length;
    breaker->position = ubrk_first(breaker->iterator);
    breaker->sentence = sentence;
    *result = 0;
    return breaker;
}

void gz_breaker_close(gz_breaker *breaker) {
    if (breaker == NULL) return;
    give_back_iterator(breaker->sentence, breaker->locale, breaker->iterator);
    utext_close(breaker->text);
    free(breaker);
}

static int is_emoji(UChar32 c) {
    return u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) || u_hasBinaryProperty(c, UCHAR_REGIONAL_INDICATOR);
}

uint8_t gz_token_shape(const uint8_t *s, int32_t length) {
    int32_t i = 0, upper = 0, lower = 0, digits = 0, later_upper = 0, cased_seen = 0, first_upper = 0;
    while (i < length) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) continue;
        if (u_isdigit(c)) { digits++; continue; }
        if (u_isupper(c) || u_istitle(c)) {
            upper++;
            if (cased_seen) later_upper++; else first_upper = 1;
            cased_seen = 1;
        } else if (u_islower(c)) {
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

static uint8_t token_kind(int32_t rule_status, const uint8_t *s, int32_t length) {
    if (rule_status >= UBRK_WORD_LETTER) return GZ_KIND_WORD;  // letters, kana, ideographs
    if (rule_status >= UBRK_WORD_NUMBER) return GZ_KIND_NUMBER;
    int32_t i = 0;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) return GZ_KIND_OTHER;
    if (u_isUWhiteSpace(c)) return GZ_KIND_SPACE;
    // Digits and '#' and '*' are Extended_Pictographic only as keycap bases; check them as ASCII first.
    if (c >= 0x80 && is_emoji(c)) return GZ_KIND_EMOJI;
    if (u_ispunct(c)) return GZ_KIND_PUNCTUATION;
    switch (u_charType(c)) {
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL:
        return GZ_KIND_SYMBOL;
    default:
        return GZ_KIND_OTHER;
    }
}

int32_t gz_breaker_next_words(gz_breaker *breaker, gz_token *tokens, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t next = ubrk_next(breaker->iterator);
        if (next == UBRK_DONE) break;
        int32_t start = breaker->position;
        breaker->position = next;
        const uint8_t *s = breaker->utf8 + start;
        int32_t length = next - start;
        gz_token *token = &tokens[count++];
        token->start = start;
        token->end = next;
        token->kind = token_kind(ubrk_getRuleStatus(breaker->iterator), s, length);
        token->shape = gz_token_shape(s, length);
    }
    return count;
}

int32_t gz_breaker_next_sentences(gz_breaker *breaker, int32_t *boundaries, int32_t capacity) {
    int32_t count = 0;
    while (count < capacity) {
        int32_t next = ubrk_next(breaker->iterator);
        if (next == UBRK_DONE) break;
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
    switch (u_charType(c)) {
    case U_MATH_SYMBOL: case U_CURRENCY_SYMBOL: case U_MODIFIER_SYMBOL: case U_OTHER_SYMBOL: return 6;
    default: return 0;
    }
}
