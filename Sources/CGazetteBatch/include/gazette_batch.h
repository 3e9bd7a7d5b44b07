#ifndef GAZETTE_BATCH_H
#define GAZETTE_BATCH_H

// Plain-C helpers for GazetteBatch: HTML to text (libxml2), HTTP body decoding and gzip output (zlib), charset
// conversion (iconv). Only C types appear here: libxml2's headers include ICU's, which must stay out of any Swift
// module that imports Foundation (see ARCHITECTURE.md, "Modules"), so they are included by the .c files.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Status codes of the functions below.
enum {
    GZB_OK = 0,
    GZB_TOO_LARGE = 1,   // the result would exceed the caller's limit
    GZB_CORRUPT = 2,     // the input is not valid for the format
    GZB_UNSUPPORTED = 3, // unknown charset
    GZB_NO_MEMORY = 4,
};

/// Decompresses a gzip, zlib or raw deflate stream (the HTTP content encodings "gzip" and "deflate") into at most
/// `limit` bytes. Release `*out` with `gazette_free`.
int gazette_inflate(const uint8_t *input, size_t length, size_t limit, uint8_t **out, size_t *out_length);

/// Converts text in `charset` to UTF-8 (invalid sequences become U+FFFD). Release `*out` with `gazette_free`.
int gazette_to_utf8(const char *input, size_t length, const char *charset, char **out, size_t *out_length);

void gazette_free(void *pointer);

/// Names the calling thread (as `ps -L` and profilers show it; at most 15 bytes are kept).
void gazette_name_thread(const char *name);

/// A gzip stream written to a file descriptor that stays open (the caller fsyncs and closes it).
typedef struct gazette_gzip_writer gazette_gzip_writer;

/// Starts a gzip stream on `descriptor` with compression `level` (1-9). NULL when out of memory.
gazette_gzip_writer *gazette_gzip_open(int descriptor, int level);
/// Compresses and writes `length` bytes. Returns 0, or the errno of a failed write.
int gazette_gzip_write(gazette_gzip_writer *writer, const void *bytes, size_t length);
/// Ends the stream, writes what is left and frees the writer. Returns 0, or the errno of a failed write.
int gazette_gzip_close(gazette_gzip_writer *writer);

#ifdef __cplusplus
}
#endif

#endif
