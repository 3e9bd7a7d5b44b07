// A lenient reader of multi-member gzip files (.warc.gz, .arc.gz): decompresses member after member as one stream,
// and where a member is corrupt or bytes between members are not gzip data, skips to the next gzip header and goes
// on, queueing a damage report. Whole-file gzip (one member over many records) reads as one member.
// Reference behaviour: `zcat` reads the same bytes up to the first damage; warcio reads member by member.

#include "gazette_batch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { INPUT_SIZE = 1 << 16, MAX_DAMAGE = 64 };

struct gazette_gunzip {
    int descriptor;
    uint8_t input[INPUT_SIZE];
    size_t start, end;        // unread input is input[start..<end]
    uint64_t input_offset;    // file offset of input[0]
    int at_eof;               // the file has no more bytes to read
    z_stream stream;
    int stream_ready;
    int in_member;
    uint64_t member_start;    // file offset of the current member's header
    uint64_t output_total;    // bytes produced so far
    uint64_t garbage_start;   // file offset where the current run of non-gzip bytes began
    uint64_t garbage_length;
    gazette_gunzip_damage damage[MAX_DAMAGE];
    int damage_count;
    uint64_t damage_dropped;  // reports that did not fit the queue
};

static uint64_t position(const gazette_gunzip *reader) { return reader->input_offset + reader->start; }

static void report(gazette_gunzip *reader, int kind, uint64_t offset, uint64_t length) {
    // Damage right after damage (nothing decompressed in between) is one report.
    if (reader->damage_count > 0) {
        gazette_gunzip_damage *last = &reader->damage[reader->damage_count - 1];
        if (last->output_offset == reader->output_total && last->compressed_offset + last->skipped_bytes >= offset) {
            uint64_t end = offset + length;
            if (end > last->compressed_offset + last->skipped_bytes) last->skipped_bytes = end - last->compressed_offset;
            if (kind == GZB_DAMAGE_CORRUPT) last->kind = kind;
            return;
        }
    }
    if (reader->damage_count == MAX_DAMAGE) { reader->damage_dropped++; return; }
    reader->damage[reader->damage_count++] =
        (gazette_gunzip_damage){.kind = kind, .compressed_offset = offset, .skipped_bytes = length, .output_offset = reader->output_total};
}

/// Moves unread input to the front and reads more. Returns 0, or an errno.
static int refill(gazette_gunzip *reader) {
    if (reader->at_eof) return 0;
    if (reader->start > 0) {
        memmove(reader->input, reader->input + reader->start, reader->end - reader->start);
        reader->input_offset += reader->start;
        reader->end -= reader->start;
        reader->start = 0;
    }
    while (reader->end < INPUT_SIZE) {
        ssize_t count = read(reader->descriptor, reader->input + reader->end, INPUT_SIZE - reader->end);
        if (count < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        if (count == 0) { reader->at_eof = 1; break; }
        reader->end += (size_t)count;
        break;
    }
    return 0;
}

/// Drops buffered input and goes on reading at `offset` (a file offset).
static int seek_to(gazette_gunzip *reader, uint64_t offset) {
    if (offset >= reader->input_offset && offset <= reader->input_offset + reader->end) {
        reader->start = (size_t)(offset - reader->input_offset);
        return 0;
    }
    if (lseek(reader->descriptor, (off_t)offset, SEEK_SET) < 0) return errno;
    reader->input_offset = offset;
    reader->start = reader->end = 0;
    reader->at_eof = 0;
    return 0;
}

static int looks_like_header(const uint8_t *bytes) {
    // ID1 ID2, CM = deflate, no reserved flag bits.
    return bytes[0] == 0x1f && bytes[1] == 0x8b && bytes[2] == 8 && (bytes[3] & 0xe0) == 0;
}

gazette_gunzip *gazette_gunzip_open(const char *path, int *error) {
    gazette_gunzip *reader = calloc(1, sizeof *reader);
    if (!reader) { *error = ENOMEM; return NULL; }
    reader->descriptor = open(path, O_RDONLY | O_CLOEXEC);
    if (reader->descriptor < 0) {
        *error = errno;
        free(reader);
        return NULL;
    }
    *error = 0;
    return reader;
}

void gazette_gunzip_close(gazette_gunzip *reader) {
    if (!reader) return;
    if (reader->stream_ready) inflateEnd(&reader->stream);
    close(reader->descriptor);
    free(reader);
}

uint64_t gazette_gunzip_compressed_offset(const gazette_gunzip *reader) { return position(reader); }

int gazette_gunzip_next_damage(gazette_gunzip *reader, gazette_gunzip_damage *damage) {
    if (reader->damage_count == 0) return 0;
    *damage = reader->damage[0];
    memmove(reader->damage, reader->damage + 1, (size_t)(reader->damage_count - 1) * sizeof *damage);
    reader->damage_count--;
    return 1;
}

/// Ends a run of skipped non-gzip bytes, if one is open, with a report.
static void end_garbage(gazette_gunzip *reader) {
    if (reader->garbage_length == 0) return;
    report(reader, GZB_DAMAGE_GARBAGE, reader->garbage_start, reader->garbage_length);
    reader->garbage_length = 0;
}

/// Skips input up to the next plausible gzip header (or the end), counting the bytes as garbage.
static int skip_to_header(gazette_gunzip *reader) {
    for (;;) {
        if (reader->end - reader->start < 4) {
            int error = refill(reader);
            if (error) return error;
            if (reader->end - reader->start < 4 && reader->at_eof) {
                size_t left = reader->end - reader->start;
                if (left > 0) {
                    if (reader->garbage_length == 0) reader->garbage_start = position(reader);
                    reader->garbage_length += left;
                    reader->start = reader->end;
                }
                return 0;
            }
            continue;
        }
        if (looks_like_header(reader->input + reader->start)) return 0;
        const uint8_t *found = memchr(reader->input + reader->start + 1, 0x1f, reader->end - reader->start - 1);
        size_t skip = found ? (size_t)(found - (reader->input + reader->start)) : reader->end - reader->start - 3;
        if (skip == 0) skip = 1;
        if (reader->garbage_length == 0) reader->garbage_start = position(reader);
        reader->garbage_length += skip;
        reader->start += skip;
    }
}

ptrdiff_t gazette_gunzip_read(gazette_gunzip *reader, uint8_t *out, size_t capacity) {
    size_t produced = 0;
    int reports_before = reader->damage_count;
    while (produced < capacity) {
        if (!reader->in_member) {
            // Stop at a new report so that the caller can place it in the output.
            if (reader->damage_count > reports_before && produced > 0) break;
            int error = skip_to_header(reader);
            if (error) { errno = error; return -1; }
            if (reader->end - reader->start < 4) {
                end_garbage(reader);
                break; // the end of the file
            }
            end_garbage(reader);
            if (reader->damage_count > reports_before && produced > 0) break;
            if (!reader->stream_ready) {
                if (inflateInit2(&reader->stream, 31) != Z_OK) { errno = ENOMEM; return -1; }
                reader->stream_ready = 1;
            } else {
                inflateReset2(&reader->stream, 31);
            }
            reader->in_member = 1;
            reader->member_start = position(reader);
        }
        if (reader->start == reader->end) {
            int error = refill(reader);
            if (error) { errno = error; return -1; }
        }
        size_t available = reader->end - reader->start;
        size_t room = capacity - produced;
        reader->stream.next_in = reader->input + reader->start;
        reader->stream.avail_in = (uInt)available;
        reader->stream.next_out = out + produced;
        reader->stream.avail_out = room > (1u << 30) ? (1u << 30) : (uInt)room;
        uInt out_before = reader->stream.avail_out;
        int result = inflate(&reader->stream, Z_NO_FLUSH);
        reader->start += available - reader->stream.avail_in;
        size_t made = out_before - reader->stream.avail_out;
        produced += made;
        reader->output_total += made;
        if (result == Z_STREAM_END) {
            reader->in_member = 0;
            continue;
        }
        if (result == Z_OK) continue;
        if (result == Z_BUF_ERROR) {
            if (reader->stream.avail_out == 0) break;
            if (reader->start == reader->end && reader->at_eof) {
                // The last member ends early: what it gave is kept.
                report(reader, GZB_DAMAGE_TRUNCATED, reader->member_start, position(reader) - reader->member_start);
                reader->in_member = 0;
            }
            continue;
        }
        if (result == Z_MEM_ERROR) { errno = ENOMEM; return -1; }
        // A corrupt member: look for the next header from just after this one's.
        uint64_t damaged = reader->member_start;
        reader->in_member = 0;
        int error = seek_to(reader, damaged + 1);
        if (error) { errno = error; return -1; }
        error = skip_to_header(reader);
        if (error) { errno = error; return -1; }
        reader->garbage_length = 0;
        report(reader, GZB_DAMAGE_CORRUPT, damaged, position(reader) - damaged);
        if (produced > 0) break;
    }
    return (ptrdiff_t)produced;
}
