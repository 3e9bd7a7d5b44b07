// zlib and iconv helpers: HTTP content decoding, gzip output and charset conversion.

#include "gazette_batch.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <sys/prctl.h>

void gazette_name_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }

static int inflate_with(const uint8_t *input, size_t length, size_t limit, int window_bits, uint8_t **out,
                        size_t *out_length) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (inflateInit2(&stream, window_bits) != Z_OK) return GZB_NO_MEMORY;
    size_t capacity = length * 4 + 1024;
    if (capacity > limit + 1) capacity = limit + 1;
    uint8_t *buffer = malloc(capacity);
    if (!buffer) { inflateEnd(&stream); return GZB_NO_MEMORY; }
    size_t produced = 0;
    size_t consumed = 0;
    int status = GZB_OK;
    for (;;) {
        // zlib counts in uInt: feed and drain in slices that fit.
        size_t in_slice = length - consumed;
        if (in_slice > (1u << 30)) in_slice = 1u << 30;
        stream.next_in = (Bytef *)(input + consumed);
        stream.avail_in = (uInt)in_slice;
        if (produced == capacity) {
            if (capacity > limit) { status = GZB_TOO_LARGE; break; }
            size_t grown = capacity * 2;
            if (grown > limit + 1) grown = limit + 1;
            uint8_t *bigger = realloc(buffer, grown);
            if (!bigger) { status = GZB_NO_MEMORY; break; }
            buffer = bigger;
            capacity = grown;
        }
        size_t out_slice = capacity - produced;
        if (out_slice > (1u << 30)) out_slice = 1u << 30;
        stream.next_out = buffer + produced;
        stream.avail_out = (uInt)out_slice;
        int result = inflate(&stream, Z_NO_FLUSH);
        consumed += in_slice - stream.avail_in;
        produced += out_slice - stream.avail_out;
        if (result == Z_STREAM_END) {
            // Concatenated gzip members (allowed by RFC 1952) continue after the first.
            if (window_bits == 47 && consumed < length && input[consumed] == 0x1f) {
                inflateReset(&stream);
                continue;
            }
            break;
        }
        if (result == Z_BUF_ERROR && consumed == length && stream.avail_out > 0) { status = GZB_CORRUPT; break; }
        if (result != Z_OK && result != Z_BUF_ERROR) { status = GZB_CORRUPT; break; }
        if (produced > limit) { status = GZB_TOO_LARGE; break; }
    }
    if (status == GZB_OK && produced > limit) status = GZB_TOO_LARGE;
    inflateEnd(&stream);
    if (status != GZB_OK) { free(buffer); return status; }
    *out = buffer;
    *out_length = produced;
    return GZB_OK;
}

int gazette_inflate(const uint8_t *input, size_t length, size_t limit, uint8_t **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    // 15 + 32: a gzip or zlib header, detected automatically.
    int status = inflate_with(input, length, limit, 47, out, out_length);
    // Some servers send "deflate" as a raw deflate stream without the zlib header.
    if (status == GZB_CORRUPT) status = inflate_with(input, length, limit, -15, out, out_length);
    return status;
}

int gazette_to_utf8(const char *input, size_t length, const char *charset, char **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    iconv_t converter = iconv_open("UTF-8", charset);
    if (converter == (iconv_t)-1) return GZB_UNSUPPORTED;
    size_t capacity = length * 3 + 16;
    char *buffer = malloc(capacity);
    if (!buffer) { iconv_close(converter); return GZB_NO_MEMORY; }
    char *in = (char *)input;
    size_t in_left = length;
    char *cursor = buffer;
    size_t out_left = capacity;
    while (in_left > 0) {
        size_t result = iconv(converter, &in, &in_left, &cursor, &out_left);
        if (result != (size_t)-1) break;
        if (errno == E2BIG) {
            size_t used = (size_t)(cursor - buffer);
            capacity *= 2;
            char *bigger = realloc(buffer, capacity);
            if (!bigger) { free(buffer); iconv_close(converter); return GZB_NO_MEMORY; }
            buffer = bigger;
            cursor = buffer + used;
            out_left = capacity - used;
        } else {
            // An invalid or truncated sequence: write U+FFFD and skip one byte.
            if (out_left < 3) {
                size_t used = (size_t)(cursor - buffer);
                capacity = capacity * 2 + 3;
                char *bigger = realloc(buffer, capacity);
                if (!bigger) { free(buffer); iconv_close(converter); return GZB_NO_MEMORY; }
                buffer = bigger;
                cursor = buffer + used;
                out_left = capacity - used;
            }
            memcpy(cursor, "\xEF\xBF\xBD", 3);
            cursor += 3;
            out_left -= 3;
            in++;
            in_left--;
        }
    }
    iconv_close(converter);
    *out = buffer;
    *out_length = (size_t)(cursor - buffer);
    return GZB_OK;
}

struct gazette_gzip_writer {
    int descriptor;
    z_stream stream;
    uint8_t buffer[1 << 16];
};

gazette_gzip_writer *gazette_gzip_open(int descriptor, int level) {
    gazette_gzip_writer *writer = calloc(1, sizeof *writer);
    if (!writer) return NULL;
    writer->descriptor = descriptor;
    // 15 + 16: a gzip header and trailer around the deflate stream.
    if (deflateInit2(&writer->stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(writer);
        return NULL;
    }
    return writer;
}

static int write_all(int descriptor, const uint8_t *bytes, size_t length) {
    while (length > 0) {
        ssize_t written = write(descriptor, bytes, length);
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        bytes += written;
        length -= (size_t)written;
    }
    return 0;
}

static int deflate_step(gazette_gzip_writer *writer, int flush) {
    do {
        writer->stream.next_out = writer->buffer;
        writer->stream.avail_out = sizeof writer->buffer;
        int result = deflate(&writer->stream, flush);
        if (result == Z_STREAM_ERROR) return EIO;
        size_t produced = sizeof writer->buffer - writer->stream.avail_out;
        int error = write_all(writer->descriptor, writer->buffer, produced);
        if (error) return error;
        if (flush == Z_FINISH && result == Z_STREAM_END) return 0;
    } while (writer->stream.avail_out == 0 || (flush == Z_FINISH));
    return 0;
}

int gazette_gzip_write(gazette_gzip_writer *writer, const void *bytes, size_t length) {
    const uint8_t *cursor = bytes;
    while (length > 0) {
        size_t slice = length > (1u << 30) ? (1u << 30) : length;
        writer->stream.next_in = (Bytef *)cursor;
        writer->stream.avail_in = (uInt)slice;
        int error = deflate_step(writer, Z_NO_FLUSH);
        if (error) return error;
        cursor += slice;
        length -= slice;
    }
    return 0;
}

int gazette_gzip_close(gazette_gzip_writer *writer) {
    writer->stream.next_in = NULL;
    writer->stream.avail_in = 0;
    int error = deflate_step(writer, Z_FINISH);
    deflateEnd(&writer->stream);
    free(writer);
    return error;
}
