#ifndef GAZETTE_WEB_HTML_H
#define GAZETTE_WEB_HTML_H

// Plain-C adapter over libxml2's HTML parser for GazetteWeb (see Sources/GazetteWeb/Extraction/HTMLParser.swift).
// Only C types appear here: libxml2's headers include ICU's on Debian, which must stay out of any Swift module that
// imports Foundation (ARCHITECTURE.md, "Modules"), so html_events.c includes them.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes of `gazette_web_html_events`.
enum {
    GZW_HTML_OK = 0,
    GZW_HTML_TOO_LARGE = 1, // more than INT32_MAX bytes: libxml2 takes an int length
    GZW_HTML_NO_MEMORY = 2,
};

/// Event kinds in the stream that `gazette_web_html_events` writes.
enum {
    GZW_HTML_OPEN = 1,  // u32 name length, name, u32 attribute count, then per attribute u32 length + name, u32 length + value
    GZW_HTML_TEXT = 2,  // u32 length, text
    GZW_HTML_CLOSE = 3, // closes the innermost open element
};

/// Parses UTF-8 HTML with libxml2's forgiving HTML parser (XML_PARSE_HUGE: no 256-level depth limit) and writes the
/// document as a flat stream of events: element opened (lower-case name and the attributes extraction reads), text,
/// element closed; integers are little-endian. Comments, processing instructions and the text of <script> (but JSON-LD
/// data blocks) and <style> are left out; elements nested deeper than `max_depth` are flattened into their ancestor at
/// that depth (their text is kept), so that readers of the stream may recurse. On GZW_HTML_OK `*out` holds `*out_length`
/// bytes that the caller releases with `gazette_web_html_free`.
int gazette_web_html_events(const char *html, size_t length, int max_depth, uint8_t **out, size_t *out_length);

/// The same stream as `gazette_web_html_events`, made the plain way: libxml2 builds its document tree, which is then
/// walked. The reference of a differential test; slower.
int gazette_web_html_events_reference(const char *html, size_t length, int max_depth, uint8_t **out, size_t *out_length);

/// Releases a buffer returned by `gazette_web_html_events`.
void gazette_web_html_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
