// A lenient reader of multi-member gzip files (.warc.gz, .arc.gz): decompresses member after member as one stream,
// and where a member is corrupt or bytes between members are not gzip data, skips to the next gzip header and goes
// on, queueing a damage report. Whole-file gzip (one member over many records) reads as one member.
// Reference behaviour: `zcat` reads the same bytes up to the first damage; warcio reads member by member.
//
// A member cut short is followed at once by the next member's header. zlib would read on into that member's bytes as
// if they were more of the cut one, and what it makes of them (garbage, or now and then a whole record decoded through
// a lucky bit alignment) only fails at the cut member's checksum, after it was handed out. So a member is never
// inflated past a gzip header inside it without a check: where the header starts a sound member (one that inflates to
// its checksum) and the current member cannot go on (a copy of its state fails from there), the current member ends
// there, cut, and the next one is read. A sound member inside a sound one (a gzip payload kept in a stored block) is
// read as the data it is.
//
// A corrupt member's output is garbage from where the damage begins, which zlib finds later, often only at the
// checksum. So a member's output is held until the member ends sound, and dropped when it does not: what a WARC/ARC
// reader sees is sound members and damage reports between them. A member whose output outgrows HOLD_LIMIT (a whole
// file in one member, a huge record) is handed out as it comes, unchecked, as zlib does.

#include "gazette_batch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

enum { INPUT_SIZE = 1 << 16, MAX_DAMAGE = 64, SCRATCH_SIZE = 1 << 15, HOLD_LIMIT = 4 << 20 };

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
    uint64_t checked_until;   // gzip headers inside the current member before this file offset were checked
    uint64_t output_total;    // bytes released so far (where the held bytes not yet released begin in the stream)
    uint8_t *hold;            // the current member's output, held until it proves sound: [given..<released) can be
    size_t hold_capacity;     // handed out, [released..<held) waits for the member's checksum
    size_t given, released, held;
    int streaming;            // the current member outgrew the hold: its output is handed out unchecked
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

enum { INFLATE_FAILS = 0, INFLATE_ENDS_SOUND = 1, INFLATE_GOES_ON = 2 };

/// Inflates from file offset `offset` with `stream` (reading with pread, so the reader's input stays as it is) until
/// the member ends, or `limit` bytes (0: no limit) were read without either: INFLATE_ENDS_SOUND when it ends with
/// its checksum and length right, INFLATE_FAILS on invalid data, the end of the file or a read error, else
/// INFLATE_GOES_ON. The output is thrown away.
static int inflate_on(const gazette_gunzip *reader, z_stream *stream, uint64_t offset, uint64_t limit) {
    uint8_t *input = malloc(2 * SCRATCH_SIZE);
    if (!input) return INFLATE_FAILS;
    uint8_t *output = input + SCRATCH_SIZE;
    int outcome = INFLATE_FAILS;
    uint64_t consumed = 0;
    for (;;) {
        if (limit > 0 && consumed >= limit) { outcome = INFLATE_GOES_ON; break; }
        size_t want = SCRATCH_SIZE;
        if (limit > 0 && limit - consumed < want) want = (size_t)(limit - consumed);
        ssize_t count = pread(reader->descriptor, input, want, (off_t)(offset + consumed));
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) break;
        consumed += (uint64_t)count;
        stream->next_in = input;
        stream->avail_in = (uInt)count;
        int result = Z_OK;
        while (stream->avail_in > 0 && result == Z_OK) {
            stream->next_out = output;
            stream->avail_out = SCRATCH_SIZE;
            result = inflate(stream, Z_NO_FLUSH);
        }
        if (result == Z_STREAM_END) { outcome = INFLATE_ENDS_SOUND; break; }
        if (result != Z_OK && result != Z_BUF_ERROR) break;
    }
    free(input);
    return outcome;
}

/// Whether the gzip header at `offset`, inside the current member, is where that member was cut: a sound member
/// starts there, and the current member fails when read on from there. A cut member read on into the next member
/// fails within it or at the checksum after it (zlib took the next member's end for its own); so it is read on at
/// most that member's length and 4 KiB more, which keeps the check short when the current member is a whole file
/// holding many gzip payloads.
static int member_cut_at(gazette_gunzip *reader, uint64_t offset) {
    z_stream next = {0};
    if (inflateInit2(&next, 31) != Z_OK) return 0;
    int sound_next = inflate_on(reader, &next, offset, 0) == INFLATE_ENDS_SOUND;
    uint64_t next_length = next.total_in;
    inflateEnd(&next);
    if (!sound_next) return 0;
    z_stream current = {0};
    if (inflateCopy(&current, &reader->stream) != Z_OK) return 0;
    int outcome = inflate_on(reader, &current, offset, next_length + 4096);
    inflateEnd(&current);
    return outcome == INFLATE_FAILS;
}

/// The offset in the input buffer of the first gzip header inside the current member not yet checked, or `end`.
/// Stricter than `looks_like_header` (the extra flags and OS bytes that gzip writers use) so that the check is rare.
static size_t next_inner_header(gazette_gunzip *reader) {
    size_t from = reader->start;
    if (reader->checked_until > reader->input_offset + from) {
        uint64_t skip = reader->checked_until - reader->input_offset;
        from = skip > reader->end ? reader->end : (size_t)skip;
    }
    for (size_t index = from; index + 10 <= reader->end; index++) {
        const uint8_t *bytes = reader->input + index;
        if (bytes[0] != 0x1f) {
            const uint8_t *found = memchr(bytes, 0x1f, reader->end - index);
            if (!found) break;
            index = (size_t)(found - reader->input) - 1;
            continue;
        }
        if (looks_like_header(bytes) && (bytes[8] == 0 || bytes[8] == 2 || bytes[8] == 4) && (bytes[9] <= 13 || bytes[9] == 255))
            return index;
    }
    return reader->end;
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
    free(reader->hold);
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

/// Hands the held bytes of the current member out: it ended sound, or was cut (what it gave is a true prefix), or is
/// too long to hold.
static void release(gazette_gunzip *reader) {
    reader->output_total += reader->held - reader->released;
    reader->released = reader->held;
}

/// Room for more output in `hold`, after dropping what was handed out and growing it up to HOLD_LIMIT; -1 when
/// growing fails.
static ptrdiff_t hold_room(gazette_gunzip *reader) {
    if (reader->given > 0) {
        memmove(reader->hold, reader->hold + reader->given, reader->held - reader->given);
        reader->released -= reader->given;
        reader->held -= reader->given;
        reader->given = 0;
    }
    if (reader->held == reader->hold_capacity && reader->hold_capacity < HOLD_LIMIT) {
        size_t capacity = reader->hold_capacity == 0 ? INPUT_SIZE : reader->hold_capacity * 2;
        if (capacity > HOLD_LIMIT) capacity = HOLD_LIMIT;
        uint8_t *grown = realloc(reader->hold, capacity);
        if (!grown) return -1;
        reader->hold = grown;
        reader->hold_capacity = capacity;
    }
    return (ptrdiff_t)(reader->hold_capacity - reader->held);
}

ptrdiff_t gazette_gunzip_read(gazette_gunzip *reader, uint8_t *out, size_t capacity) {
    size_t produced = 0;
    int reports_before = reader->damage_count;
    while (produced < capacity) {
        if (reader->given < reader->released) {
            size_t count = reader->released - reader->given;
            if (count > capacity - produced) count = capacity - produced;
            memcpy(out + produced, reader->hold + reader->given, count);
            reader->given += count;
            produced += count;
            continue;
        }
        // Stop at a new report so that the caller can place it in the output.
        if (reader->damage_count > reports_before && produced > 0) break;
        if (!reader->in_member) {
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
            reader->streaming = 0;
            reader->member_start = position(reader);
            reader->checked_until = reader->member_start + 1;
        }
        if (reader->end - reader->start < 10 && !reader->at_eof) {
            // A header inside the member is looked for whole: keep ten bytes ahead.
            int error = refill(reader);
            if (error) { errno = error; return -1; }
        }
        size_t inner = next_inner_header(reader);
        if (inner == reader->start) {
            uint64_t offset = position(reader);
            reader->checked_until = offset + 1;
            if (member_cut_at(reader, offset)) {
                // The member ends early, where the next one starts: what it gave is kept.
                release(reader);
                report(reader, GZB_DAMAGE_CUT, offset, 0);
                reader->in_member = 0;
                continue;
            }
            inner = next_inner_header(reader);
        }
        ptrdiff_t room = hold_room(reader);
        if (room < 0) { errno = ENOMEM; return -1; }
        if (room == 0) {
            // Too long to hold until its checksum: handed out as it comes, unchecked.
            reader->streaming = 1;
            release(reader);
            continue;
        }
        // Up to the next header inside the member, and short of the last bytes, which may begin one.
        size_t limit = inner;
        if (limit == reader->end && !reader->at_eof && reader->end - reader->start >= 10) limit = reader->end - 9;
        size_t available = limit - reader->start;
        reader->stream.next_in = reader->input + reader->start;
        reader->stream.avail_in = (uInt)available;
        reader->stream.next_out = reader->hold + reader->held;
        reader->stream.avail_out = (uInt)room;
        int result = inflate(&reader->stream, Z_NO_FLUSH);
        reader->start += available - reader->stream.avail_in;
        reader->held += (size_t)room - reader->stream.avail_out;
        if (reader->streaming) release(reader);
        if (result == Z_STREAM_END) {
            release(reader);
            reader->in_member = 0;
            continue;
        }
        if (result == Z_OK) continue;
        if (result == Z_BUF_ERROR) {
            if (reader->stream.avail_out == 0) continue;
            if (reader->start == reader->end && reader->at_eof) {
                // The last member ends early: what it gave is kept.
                release(reader);
                report(reader, GZB_DAMAGE_TRUNCATED, reader->member_start, position(reader) - reader->member_start);
                reader->in_member = 0;
            }
            continue;
        }
        if (result == Z_MEM_ERROR) { errno = ENOMEM; return -1; }
        // A corrupt member: what it gave is dropped (unless it was too long to hold), and the next header is looked
        // for from just after this one's.
        reader->held = reader->released;
        uint64_t damaged = reader->member_start;
        reader->in_member = 0;
        int error = seek_to(reader, damaged + 1);
        if (error) { errno = error; return -1; }
        error = skip_to_header(reader);
        if (error) { errno = error; return -1; }
        reader->garbage_length = 0;
        report(reader, GZB_DAMAGE_CORRUPT, damaged, position(reader) - damaged);
    }
    return (ptrdiff_t)produced;
}
