// ICU converters, ICU's charset detector and libuchardet (see gazette_web.h for why they are behind plain C).

#include "gazette_web.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <uchardet/uchardet.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

typedef struct {
    int32_t replaced;
    int c1_passthrough;
} decode_context;

// Replaces each malformed or unmapped sequence with one U+FFFD (ICU's own substitute callback may write U+001A
// instead for converters with a one-byte substitution character) and counts it.
static void substitute(const void *context, UConverterToUnicodeArgs *args, const char *units, int32_t length,
                       UConverterCallbackReason reason, UErrorCode *error) {
    if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to write
    decode_context *state = (decode_context *)context;
    UChar replacement = 0xFFFD;
    if (state->c1_passthrough && reason == UCNV_UNASSIGNED && length == 1 && (uint8_t)units[0] >= 0x80 &&
        (uint8_t)units[0] <= 0x9F) {
        replacement = (UChar)(uint8_t)units[0];
    } else {
        state->replaced += 1;
    }
    *error = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, &replacement, 1, 0, error);
}

int32_t gzw_decode(const char *converter, const uint8_t *bytes, int32_t length, int c1_passthrough,
                   uint16_t **utf16, int32_t *utf16_length, int32_t *replaced) {
    *utf16 = NULL;
    *utf16_length = 0;
    *replaced = 0;
    UErrorCode status = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(converter, &status);
    if (U_FAILURE(status)) return -(int32_t)status;
    decode_context context = {0, c1_passthrough};
    ucnv_setToUCallBack(cnv, substitute, &context, NULL, NULL, &status);
    // Every supported encoding yields at most one UTF-16 unit per input byte (a replacement stands for one byte or
    // more), plus what the converter may hold back until the flush.
    int32_t capacity = length + 16;
    UChar *buffer = malloc(sizeof(UChar) * (size_t)capacity);
    if (buffer == NULL) {
        ucnv_close(cnv);
        return GZW_NO_MEMORY;
    }
    UChar *target = buffer;
    const char *source = (const char *)bytes;
    for (;;) {
        status = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &target, buffer + capacity, &source, (const char *)bytes + length, NULL, 1, &status);
        if (status != U_BUFFER_OVERFLOW_ERROR) break;
        int32_t written = (int32_t)(target - buffer);
        capacity *= 2;
        UChar *larger = realloc(buffer, sizeof(UChar) * (size_t)capacity);
        if (larger == NULL) {
            free(buffer);
            ucnv_close(cnv);
            return GZW_NO_MEMORY;
        }
        buffer = larger;
        target = buffer + written;
    }
    ucnv_close(cnv);
    if (U_FAILURE(status)) {
        free(buffer);
        return -(int32_t)status;
    }
    *utf16 = buffer;
    *utf16_length = (int32_t)(target - buffer);
    *replaced = context.replaced;
    return GZW_OK;
}

int32_t gzw_decode_iconv(const char *charset, const uint8_t *bytes, int32_t length, uint16_t **utf16,
                         int32_t *utf16_length, int32_t *replaced) {
    *utf16 = NULL;
    *utf16_length = 0;
    *replaced = 0;
    iconv_t converter = iconv_open("UTF-16LE", charset);
    if (converter == (iconv_t)-1) return GZW_UNKNOWN_CHARSET;
    // Two UTF-16 units per byte at most (the encodings iconv stands in for are single-byte: one unit).
    size_t capacity = 2 * (size_t)length + 2;
    uint16_t *buffer = malloc(sizeof(uint16_t) * capacity);
    if (buffer == NULL) {
        iconv_close(converter);
        return GZW_NO_MEMORY;
    }
    char *in = (char *)bytes;
    size_t in_left = (size_t)length;
    char *out = (char *)buffer;
    size_t out_left = sizeof(uint16_t) * capacity;
    while (in_left > 0) {
        if (iconv(converter, &in, &in_left, &out, &out_left) != (size_t)-1) break;
        if (errno != EILSEQ && errno != EINVAL) break;  // E2BIG cannot happen with this capacity
        // One undecodable byte: U+FFFD, and on.
        uint16_t replacement = 0xFFFD;
        memcpy(out, &replacement, sizeof replacement);
        out += sizeof replacement;
        out_left -= sizeof replacement;
        in += 1;
        in_left -= 1;
        *replaced += 1;
    }
    iconv(converter, NULL, NULL, &out, &out_left);
    iconv_close(converter);
    *utf16 = buffer;
    *utf16_length = (int32_t)((out - (char *)buffer) / 2);
    return GZW_OK;
}

void gzw_free(void *pointer) { free(pointer); }

static void copy_name(const char *source, char *name, int32_t capacity) {
    if (capacity <= 0) return;
    size_t length = source == NULL ? 0 : strlen(source);
    if (length >= (size_t)capacity) length = (size_t)capacity - 1;
    if (length > 0) memcpy(name, source, length);
    name[length] = 0;
}

int32_t gzw_icu_detect(const uint8_t *bytes, int32_t length, int strip_markup, char *name, int32_t capacity) {
    copy_name(NULL, name, capacity);
    UErrorCode status = U_ZERO_ERROR;
    UCharsetDetector *detector = ucsdet_open(&status);
    if (U_FAILURE(status)) return -(int32_t)status;
    ucsdet_enableInputFilter(detector, strip_markup ? 1 : 0);
    ucsdet_setText(detector, (const char *)bytes, length, &status);
    const UCharsetMatch *match = ucsdet_detect(detector, &status);
    int32_t confidence = 0;
    if (U_SUCCESS(status) && match != NULL) {
        copy_name(ucsdet_getName(match, &status), name, capacity);
        confidence = ucsdet_getConfidence(match, &status);
    }
    ucsdet_close(detector);
    return U_FAILURE(status) ? -(int32_t)status : confidence;
}

int32_t gzw_uchardet_detect(const uint8_t *bytes, int32_t length, char *name, int32_t capacity) {
    copy_name(NULL, name, capacity);
    uchardet_t detector = uchardet_new();
    if (detector == NULL) return GZW_NO_MEMORY;
    int failed = uchardet_handle_data(detector, (const char *)bytes, (size_t)length);
    uchardet_data_end(detector);
    if (failed == 0) copy_name(uchardet_get_charset(detector), name, capacity);
    uchardet_delete(detector);
    return failed == 0 ? GZW_OK : GZW_NO_MEMORY;
}
