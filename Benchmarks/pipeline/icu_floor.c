// The ICU-only floor: ICU's word and sentence break iterators over every document of a benchmark input, and
// nothing else. This is the least any ICU-based segmenter, Gazette's included, can cost.
//
//   icu_floor utf8|utf16 FILE
//
// FILE holds documents separated by blank lines. utf8 feeds ICU the bytes through utext_openUTF8; utf16 converts
// each document with u_strFromUTF8 first (conversion included in the time). Prints one JSON object: documents,
// text bytes, words (segments with a letter or number rule status), non-space tokens, sentences and seconds
// spent segmenting (the file read excluded; the harness times the whole process as well).

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>
#include <unicode/utf16.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc((size_t)size + 1);
    if (!bytes || fread(bytes, 1, (size_t)size, f) != (size_t)size) { fclose(f); free(bytes); return NULL; }
    fclose(f);
    bytes[size] = 0;
    *length = (size_t)size;
    return bytes;
}

struct counts { long documents, bytes, words, tokens, sentences; };

static void count_utf8(UBreakIterator *words, UBreakIterator *sentences, UText **text, const char *doc, int32_t length, struct counts *c) {
    UErrorCode status = U_ZERO_ERROR;
    *text = utext_openUTF8(*text, doc, length, &status);
    ubrk_setUText(words, *text, &status);
    ubrk_setUText(sentences, *text, &status);
    if (U_FAILURE(status)) { fprintf(stderr, "icu_floor: %s\n", u_errorName(status)); exit(2); }
    int32_t start = ubrk_first(words);
    for (int32_t end = ubrk_next(words); end != UBRK_DONE; start = end, end = ubrk_next(words)) {
        if (ubrk_getRuleStatus(words) != UBRK_WORD_NONE) c->words++;
        UChar32 first;
        int32_t i = start;
        U8_NEXT(doc, i, end, first);
        if (!u_isUWhiteSpace(first)) c->tokens++;
    }
    ubrk_first(sentences);
    while (ubrk_next(sentences) != UBRK_DONE) c->sentences++;
}

static void count_utf16(UBreakIterator *words, UBreakIterator *sentences, UChar **buffer, int32_t *capacity, const char *doc, int32_t length, struct counts *c) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t units = 0;
    if (*capacity < length + 1) {
        *capacity = length + 1;  // UTF-16 never needs more units than UTF-8 has bytes
        *buffer = realloc(*buffer, sizeof(UChar) * (size_t)*capacity);
    }
    u_strFromUTF8WithSub(*buffer, *capacity, &units, doc, length, 0xFFFD, NULL, &status);
    ubrk_setText(words, *buffer, units, &status);
    ubrk_setText(sentences, *buffer, units, &status);
    if (U_FAILURE(status)) { fprintf(stderr, "icu_floor: %s\n", u_errorName(status)); exit(2); }
    const UChar *s = *buffer;
    int32_t start = ubrk_first(words);
    for (int32_t end = ubrk_next(words); end != UBRK_DONE; start = end, end = ubrk_next(words)) {
        if (ubrk_getRuleStatus(words) != UBRK_WORD_NONE) c->words++;
        UChar32 first;
        int32_t i = start;
        U16_NEXT(s, i, end, first);
        if (!u_isUWhiteSpace(first)) c->tokens++;
    }
    ubrk_first(sentences);
    while (ubrk_next(sentences) != UBRK_DONE) c->sentences++;
}

int main(int argc, char **argv) {
    if (argc != 3 || (strcmp(argv[1], "utf8") != 0 && strcmp(argv[1], "utf16") != 0)) {
        fprintf(stderr, "usage: icu_floor utf8|utf16 FILE\n");
        return 2;
    }
    int utf16 = strcmp(argv[1], "utf16") == 0;
    size_t length = 0;
    char *all = read_file(argv[2], &length);
    if (!all) { perror(argv[2]); return 2; }

    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *words = ubrk_open(UBRK_WORD, "en", NULL, 0, &status);
    UBreakIterator *sentences = ubrk_open(UBRK_SENTENCE, "en@ss=standard", NULL, 0, &status);
    if (U_FAILURE(status)) { fprintf(stderr, "icu_floor: %s\n", u_errorName(status)); return 2; }
    UText *text = NULL;
    UChar *buffer = NULL;
    int32_t capacity = 0;
    struct counts c = {0};

    double started = now();
    char *doc = all, *end = all + length;
    while (doc < end) {
        char *gap = strstr(doc, "\n\n");
        char *doc_end = gap ? gap : end;
        while (doc_end > doc && doc_end[-1] == '\n') doc_end--;
        int32_t n = (int32_t)(doc_end - doc);
        if (n > 0) {
            c.documents++;
            c.bytes += n;
            if (utf16) count_utf16(words, sentences, &buffer, &capacity, doc, n, &c);
            else count_utf8(words, sentences, &text, doc, n, &c);
        }
        if (!gap) break;
        doc = gap + 2;
        while (doc < end && *doc == '\n') doc++;
    }
    double seconds = now() - started;

    printf("{\"variant\":\"%s\",\"documents\":%ld,\"bytes\":%ld,\"words\":%ld,\"tokens\":%ld,\"sentences\":%ld,\"seconds\":%.6f}\n",
           argv[1], c.documents, c.bytes, c.words, c.tokens, c.sentences, seconds);
    utext_close(text);
    free(buffer);
    ubrk_close(words);
    ubrk_close(sentences);
    free(all);
    return 0;
}
