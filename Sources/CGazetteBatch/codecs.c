// zlib, brotli and zstd helpers: HTTP content decoding and gzip output.

#include "gazette_batch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <sys/prctl.h>
#include <brotli/decode.h>
#include <zstd.h>

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
        if (result == Z_BUF_ERROR && consumed == length && stream.avail_out > 0) {
            // The input ends before the stream does (a truncated record): keep what it held, as browsers do.
            if (produced == 0) status = GZB_CORRUPT;
            break;
        }
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

/// A growing output buffer bounded by `limit` (+1, to tell "exactly limit" from "more").
typedef struct {
    uint8_t *bytes;
    size_t length, capacity, limit;
} output_buffer;

static int output_reserve(output_buffer *output, size_t wanted) {
    if (output->capacity >= wanted) return GZB_OK;
    if (output->capacity > output->limit) return GZB_TOO_LARGE;
    size_t grown = output->capacity ? output->capacity * 2 : 4096;
    if (grown < wanted) grown = wanted;
    if (grown > output->limit + 1) grown = output->limit + 1;
    uint8_t *bigger = realloc(output->bytes, grown);
    if (!bigger) return GZB_NO_MEMORY;
    output->bytes = bigger;
    output->capacity = grown;
    return GZB_OK;
}

static int output_finish(output_buffer *output, int status, uint8_t **out, size_t *out_length) {
    if (status == GZB_OK && output->length > output->limit) status = GZB_TOO_LARGE;
    if (status != GZB_OK) { free(output->bytes); return status; }
    *out = output->bytes;
    *out_length = output->length;
    return GZB_OK;
}

int gazette_unbrotli(const uint8_t *input, size_t length, size_t limit, uint8_t **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    BrotliDecoderState *state = BrotliDecoderCreateInstance(NULL, NULL, NULL);
    if (!state) return GZB_NO_MEMORY;
    output_buffer output = {.limit = limit};
    size_t available_in = length;
    const uint8_t *next_in = input;
    int status = GZB_OK;
    for (;;) {
        status = output_reserve(&output, output.length + (output.length < 4096 ? 4096 : output.length));
        if (status != GZB_OK) break;
        size_t available_out = output.capacity - output.length;
        uint8_t *next_out = output.bytes + output.length;
        BrotliDecoderResult result = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out, &next_out, NULL);
        output.length = (size_t)(next_out - output.bytes);
        if (output.length > limit) { status = GZB_TOO_LARGE; break; }
        if (result == BROTLI_DECODER_RESULT_SUCCESS) break;
        if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
        if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
            // Truncated: keep what was decoded, if anything.
            if (output.length == 0) status = GZB_CORRUPT;
            break;
        }
        status = GZB_CORRUPT;
        break;
    }
    BrotliDecoderDestroyInstance(state);
    return output_finish(&output, status, out, out_length);
}

int gazette_unzstd(const uint8_t *input, size_t length, size_t limit, uint8_t **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    ZSTD_DStream *stream = ZSTD_createDStream();
    if (!stream) return GZB_NO_MEMORY;
    ZSTD_initDStream(stream);
    output_buffer output = {.limit = limit};
    ZSTD_inBuffer in = {.src = input, .size = length, .pos = 0};
    int status = GZB_OK;
    size_t hint = 1;
    for (;;) {
        status = output_reserve(&output, output.length + (output.length < 4096 ? 4096 : output.length));
        if (status != GZB_OK) break;
        ZSTD_outBuffer chunk = {.dst = output.bytes + output.length, .size = output.capacity - output.length, .pos = 0};
        hint = ZSTD_decompressStream(stream, &chunk, &in);
        output.length += chunk.pos;
        if (ZSTD_isError(hint)) { status = output.length > 0 ? GZB_OK : GZB_CORRUPT; break; }
        if (output.length > limit) { status = GZB_TOO_LARGE; break; }
        if (in.pos == in.size && chunk.pos < chunk.size) {
            // All input used and the output not full: done (hint > 0 means a truncated frame; kept as is).
            if (hint != 0 && output.length == 0) status = GZB_CORRUPT;
            break;
        }
    }
    ZSTD_freeDStream(stream);
    return output_finish(&output, status, out, out_length);
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
