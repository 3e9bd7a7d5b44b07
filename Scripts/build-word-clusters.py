#!/usr/bin/env python3
"""Clusters the rows of Gazette's word-vector file, for the topic model's word-cluster features.

    .build-python/venv/bin/python Scripts/build-word-clusters.py --vectors Models/news-topics.wordvectors \
        --clusters 128,1024 --output Models/news-topics.wordclusters

Each level is a spherical k-means of the vector rows (cosine similarity; the rows scaled to unit length): the first
centres are rows drawn by a seeded generator, then `--iterations` rounds of assigning each row to its nearest centre
and moving each centre to its rows' normalised mean. A headline's words then carry, besides themselves, the clusters
of their vectors: "mortgage" and "refinancing" share a cluster even when only one of them was seen in training.

The output is a plain little-endian file that `gazette train topics --word-clusters FILE` reads and copies into the
topic model. Needs numpy. Deterministic on one machine: the same vectors and options give the same file.

Format (all little-endian): magic "GZWCLU01", u32 row count, u32 level count, u32 clusters per level, then per
level (in order) one u16 cluster per row.
"""
import argparse, os, struct

import numpy as np


def read_rows(path):
    """The vector rows of a GZWVEC01 file (Scripts/build-word-vectors.py), as floats."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"GZWVEC01":
        raise SystemExit("%s: not a word-vector file (no GZWVEC01 signature)" % path)
    words, rows, dimensions, _scale = struct.unpack_from("<IIIf", data, 8)
    start = 24 + 12 * words
    if len(data) != start + rows * dimensions:
        raise SystemExit("%s: size does not match its header" % path)
    return np.frombuffer(data, dtype=np.int8, count=rows * dimensions, offset=start).reshape(rows, dimensions).astype(np.float32)


def spherical_kmeans(unit_rows, k, iterations, rng):
    centres = unit_rows[rng.choice(len(unit_rows), k, replace=False)].copy()
    for _ in range(iterations):
        assignment = np.argmax(unit_rows @ centres.T, axis=1)
        for cluster in range(k):
            members = assignment == cluster
            if members.any():
                centre = unit_rows[members].mean(axis=0)
                centres[cluster] = centre / max(np.linalg.norm(centre), 1e-6)
    return np.argmax(unit_rows @ centres.T, axis=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vectors", default="Models/news-topics.wordvectors")
    parser.add_argument("--clusters", default="128,1024", help="clusters per level, coarsest first")
    parser.add_argument("--iterations", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", default="Models/news-topics.wordclusters")
    args = parser.parse_args()
    counts = [int(k) for k in args.clusters.split(",")]
    rows = read_rows(args.vectors)
    if not counts or any(k < 1 or k > min(65536, len(rows)) for k in counts) or len(counts) > 8:
        raise SystemExit("--clusters: 1 to 8 levels of 1 to min(65,536, %d rows) clusters each" % len(rows))
    unit_rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-6)
    rng = np.random.default_rng(args.seed)
    levels = [spherical_kmeans(unit_rows, k, args.iterations, rng) for k in counts]
    with open(args.output, "wb") as f:
        f.write(b"GZWCLU01")
        f.write(struct.pack("<II", len(rows), len(counts)))
        f.write(struct.pack("<%dI" % len(counts), *counts))
        for assignment in levels:
            f.write(assignment.astype("<u2").tobytes())
    print("wrote %s: %d rows, %s clusters, %d bytes" % (args.output, len(rows), " and ".join(map(str, counts)), os.path.getsize(args.output)))


if __name__ == "__main__":
    main()
