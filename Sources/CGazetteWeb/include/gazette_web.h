#ifndef GAZETTE_WEB_H
#define GAZETTE_WEB_H

// Plain-C interface over ICU's converters and charset detector, libuchardet, glibc's iconv and CLD2, for GazetteWeb. Only C types
// appear here: ICU's and CLD2's own headers are included by the .c/.cpp files alone, because on Linux a Swift module
// that imports Foundation cannot also see <unicode/*.h> (Foundation carries its own ICU module).

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes: 0 is success; a negative value is an ICU error code (negated UErrorCode); GZW_NO_MEMORY when an
/// allocation failed; GZW_UNKNOWN_CHARSET when iconv has no such charset.
enum { GZW_OK = 0, GZW_NO_MEMORY = -10000, GZW_UNKNOWN_CHARSET = -10001 };

/// Decodes `bytes[0..<length]` from the ICU converter `converter` (e.g. "windows-1252", "windows-31j", "GB18030")
/// to UTF-16 in a buffer allocated with malloc (free it with `gzw_free`). Every malformed or unmapped sequence
/// becomes one U+FFFD and is counted in `*replaced`; decoding always goes on to the end. With `c1_passthrough` set,
/// an unmapped single byte 0x80–0x9F becomes the C1 control of the same value, as the Encoding Standard's
/// windows-1252 index has it, and is not counted. Returns GZW_OK or an error (unknown converter, no memory).
int32_t gzw_decode(const char *converter, const uint8_t *bytes, int32_t length, int c1_passthrough,
                   uint16_t **utf16, int32_t *utf16_length, int32_t *replaced);

/// As `gzw_decode`, through glibc's iconv with `charset` (an iconv name), for the few encodings missing from ICU's
/// data (ISO-8859-16). Every byte iconv cannot decode becomes one U+FFFD and is counted in `*replaced`.
int32_t gzw_decode_iconv(const char *charset, const uint8_t *bytes, int32_t length, uint16_t **utf16,
                         int32_t *utf16_length, int32_t *replaced);

/// Frees a buffer from `gzw_decode` or `gzw_decode_iconv`.
void gzw_free(void *pointer);

/// ICU's charset detector (ucsdet) on `bytes[0..<length]`: writes the best match's name (NUL-terminated, e.g.
/// "ISO-8859-1", "Shift_JIS") into `name` and returns its confidence 0–100; with `strip_markup` set ICU ignores
/// what looks like HTML tags. Returns 0 with an empty name when nothing matched, a negative ICU error on failure.
int32_t gzw_icu_detect(const uint8_t *bytes, int32_t length, int strip_markup, char *name, int32_t capacity);

/// libuchardet on `bytes[0..<length]`: writes the detected charset's name (NUL-terminated, e.g. "WINDOWS-1252",
/// "SHIFT_JIS"; empty when unknown) into `name`. Returns GZW_OK, or GZW_NO_MEMORY.
int32_t gzw_uchardet_detect(const uint8_t *bytes, int32_t length, char *name, int32_t capacity);

/// CLD2 on the UTF-8 text `utf8[0..<length]` (plain text when `is_plain_text`, else HTML whose tags CLD2 skips).
/// Writes the top language's code (NUL-terminated: ISO 639-1 where one exists, e.g. "en", "zh", "zh-Hant";
/// "un" when unknown) into `code`, its share of the text's letters (0–100) into `percent`, the number of letter
/// bytes scored into `text_bytes`, and whether CLD2 deems the answer reliable into `reliable`. Returns GZW_OK, or
/// 1 when the text is not valid UTF-8 (nothing detected).
int32_t gzw_cld2_detect(const char *utf8, int32_t length, int is_plain_text, char *code, int32_t capacity,
                        int32_t *percent, int32_t *text_bytes, int32_t *reliable);

#ifdef __cplusplus
}
#endif

#endif
