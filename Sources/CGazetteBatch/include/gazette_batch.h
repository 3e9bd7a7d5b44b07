#ifndef GAZETTE_BATCH_H
#define GAZETTE_BATCH_H

// Plain-C helpers for GazetteBatch: HTTP body decoding (zlib, brotli, zstd), gzip output (zlib), thread names,
// renaming without replacing. Only C types appear here (see ARCHITECTURE.md, "Modules"); web pages are decoded and
// parsed by GazetteWeb.

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
    GZB_NO_MEMORY = 4,
};

/// Decompresses a gzip, zlib or raw deflate stream (the HTTP content encodings "gzip" and "deflate") into at most
/// `limit` bytes. Release `*out` with `gazette_free`.
int gazette_inflate(const uint8_t *input, size_t length, size_t limit, uint8_t **out, size_t *out_length);

/// Decompresses a brotli stream (the HTTP content encoding "br") into at most `limit` bytes. A stream that ends
/// early gives what it holds. Release `*out` with `gazette_free`.
int gazette_unbrotli(const uint8_t *input, size_t length, size_t limit, uint8_t **out, size_t *out_length);

/// Decompresses zstd frames (the HTTP content encoding "zstd") into at most `limit` bytes. A stream that ends early
/// gives what it holds. Release `*out` with `gazette_free`.
int gazette_unzstd(const uint8_t *input, size_t length, size_t limit, uint8_t **out, size_t *out_length);

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

/// A lenient reader of a multi-member gzip file (.warc.gz): members are decompressed one after another as one
/// stream; a corrupt member, or bytes between members that are not gzip data, are skipped up to the next gzip header
/// and reported as damage (see `gazette_gunzip_next_damage`); a member cut short ends where the next one starts.
typedef struct gazette_gunzip gazette_gunzip;

/// Kinds of damage a `gazette_gunzip` skips.
enum {
    GZB_DAMAGE_GARBAGE = 1,   // bytes that are not a gzip member (between members or after the last)
    GZB_DAMAGE_CORRUPT = 2,   // a member whose compressed data is invalid: skipped to the next header
    GZB_DAMAGE_TRUNCATED = 3, // the last member ends before its end: what it held was kept
    GZB_DAMAGE_CUT = 4,       // a member cut short where the next member starts: what it held was kept
};

/// One damaged stretch of the file.
typedef struct {
    int kind;
    uint64_t compressed_offset; // where the skipped bytes begin in the file (a cut member: where it was cut)
    uint64_t skipped_bytes;     // how many (compressed) bytes were skipped
    uint64_t output_offset;     // where in the decompressed stream the damage sits
} gazette_gunzip_damage;

/// Opens `path`; NULL with `*error` set to an errno on failure.
gazette_gunzip *gazette_gunzip_open(const char *path, int *error);
/// Reads up to `capacity` decompressed bytes: the count, 0 at the end of the file, -1 on a read error (errno set).
/// Returns early where damage was found, so that the caller can place the report in the stream.
ptrdiff_t gazette_gunzip_read(gazette_gunzip *reader, uint8_t *out, size_t capacity);
/// Takes the oldest damage report not yet taken: 1, or 0 when there is none.
int gazette_gunzip_next_damage(gazette_gunzip *reader, gazette_gunzip_damage *damage);
/// Bytes of the file read so far.
uint64_t gazette_gunzip_compressed_offset(const gazette_gunzip *reader);
void gazette_gunzip_close(gazette_gunzip *reader);

/// Renames `from` to `to`, both in the folder open as `directory`, unless `to` exists: 0, or an errno (EEXIST when
/// `to` exists). Nothing is ever replaced.
int gazette_rename_noreplace(int directory, const char *from, const char *to);

#ifdef __cplusplus
}
#endif

#endif
