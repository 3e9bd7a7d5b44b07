// CLD2 (C++) behind the plain C interface of gazette_web.h.

#include "gazette_web.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cstring>

static void copy_text(const char *source, char *out, int32_t capacity) {
    if (capacity <= 0) return;
    size_t length = source == nullptr ? 0 : std::strlen(source);
    if (length >= static_cast<size_t>(capacity)) length = static_cast<size_t>(capacity) - 1;
    if (length > 0) std::memcpy(out, source, length);
    out[length] = 0;
}

extern "C" int32_t gzw_cld2_detect(const char *utf8, int32_t length, int is_plain_text, char *code,
                                   int32_t capacity, int32_t *percent, int32_t *text_bytes, int32_t *reliable) {
    CLD2::Language languages[3];
    int percents[3] = {0, 0, 0};
    double scores[3];
    int bytes = 0;
    bool isReliable = false;
    int validPrefix = 0;
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        utf8, length, is_plain_text != 0, &hints, 0, languages, percents, scores, nullptr, &bytes, &isReliable,
        &validPrefix);
    copy_text(CLD2::LanguageCode(language), code, capacity);
    *percent = percents[0];
    *text_bytes = bytes;
    *reliable = isReliable ? 1 : 0;
    return validPrefix < length ? 1 : GZW_OK;
}
