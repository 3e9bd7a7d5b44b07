#!/usr/bin/env python3
"""Damages one gzip member of small WARC and ARC files in many ways and checks what `gazette batch` keeps.

Each file holds five records, one gzip member each (our own text). The middle record's member is either cut short
(10% to 95% of its bytes kept) or scrambled (a run of 1 to 40 bytes XORed somewhere in its compressed data). What zlib
makes of the bytes after the damage depends on every byte there, including the next member's header, whose
modification time varies from file to file; so every case runs over many header times.

    Benchmarks/warc/damage_sweep.py [--gazette .build/release/gazette] [--variants 1000] [--seed 1] [--jobs 2]

Prints, per format and damage, how many files gave exactly the four sound records, each once (the damaged record
itself may be read when the damage left it whole), and the other outcomes with an example file name.
"""
import argparse
import collections
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

WORDS = " ".join("word%d" % (i * 7919 % 1000) for i in range(60))


def member(data, modified):
    """One gzip member of `data`, as libarchive and gzip write it, with the given modification time."""
    deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = deflate.compress(data) + deflate.flush()
    return (bytes([0x1F, 0x8B, 8, 0]) + struct.pack("<I", modified) + bytes([0, 3]) + body
            + struct.pack("<II", zlib.crc32(data) & 0xFFFFFFFF, len(data) & 0xFFFFFFFF))


def page(index):
    return "<html><body><p>Story number %d: %s.</p></body></html>" % (index, WORDS)


def warc_records():
    records = []
    for index in range(5):
        block = ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page(index)).encode()
        header = "\r\n".join(["WARC/1.0", "WARC-Type: response", "WARC-Record-ID: <urn:uuid:r%d>" % index,
                              "WARC-Target-URI: https://news.example/r%d" % index,
                              "Content-Type: application/http; msgtype=response", "Content-Length: %d" % len(block)])
        records.append((header + "\r\n\r\n").encode() + block + b"\r\n\r\n")
    return records, ["urn:uuid:r%d" % i for i in range(5)], 2


def arc_records():
    version = "1 0 Test\nURL IP-address Archive-date Content-type Archive-length\n"
    records = [("filedesc://sweep.arc 127.0.0.1 20240501100000 text/plain %d\n%s\n" % (len(version), version)).encode()]
    for index in range(5):
        http = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page(index)).encode()
        records.append(("http://news.example/%d 192.0.2.1 2024050110000%d text/html %d\n" % (index, index, len(http))).encode()
                       + http + b"\n")
    return records, ["2024050110000%d/http://news.example/%d" % (i, i) for i in range(5)], 3


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gazette", default=os.path.join(ROOT, ".build/release/gazette"))
    parser.add_argument("--variants", type=int, default=1000, help="header times per case (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = {}  # file name -> (format, damage, expected ids, damaged id)
    with tempfile.TemporaryDirectory(prefix="gazette-damage-sweep-") as work:
        inputs = os.path.join(work, "in")
        os.mkdir(inputs)
        for name, (records, ids, damaged) in (("warc", warc_records()), ("arc", arc_records())):
            for variant in range(args.variants):
                modified = rng.randrange(1_700_000_000, 1_900_000_000)
                members = [member(record, modified) for record in records]
                target = members[damaged]
                for percent in range(10, 96, 5):
                    cut = members[:damaged] + [target[: len(target) * percent // 100]] + members[damaged + 1:]
                    file = "%s-cut%d-%d.%s.gz" % (name, percent, variant, name)
                    with open(os.path.join(inputs, file), "wb") as out:
                        out.write(b"".join(cut))
                    cases[file] = (name, "cut short", ids, ids[damaged - (len(records) - 5)])
                scrambled = bytearray(target)
                start = rng.randrange(12, len(scrambled) - 20)
                for index in range(start, min(start + rng.randrange(1, 40), len(scrambled) - 8)):
                    scrambled[index] ^= rng.randrange(1, 256)
                file = "%s-scrambled-%d.%s.gz" % (name, variant, name)
                with open(os.path.join(inputs, file), "wb") as out:
                    out.write(b"".join(members[:damaged] + [bytes(scrambled)] + members[damaged + 1:]))
                cases[file] = (name, "scrambled", ids, ids[damaged - (len(records) - 5)])
        output = os.path.join(work, "out")
        run = subprocess.run([args.gazette, "batch", inputs, "-o", output, "--jobs", str(args.jobs)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode not in (0, 1):
            sys.exit("gazette batch failed (%d): %s" % (run.returncode, run.stderr[-2000:]))
        read = collections.defaultdict(list)
        errors = collections.Counter()
        for shard in sorted(os.listdir(output)):
            if not shard.startswith("part-"):
                continue
            with open(os.path.join(output, shard)) as lines:
                for line in lines:
                    record = json.loads(line)
                    source = os.path.basename(record.get("source", ""))
                    if "error" in record:
                        errors[source] += 1
                    else:
                        read[source].append(record["id"])
    outcomes = collections.defaultdict(collections.Counter)
    examples = {}
    for file, (name, damage, ids, damaged_id) in sorted(cases.items()):
        got = read[os.path.basename(file)]
        sound = [i for i in ids if i != damaged_id]
        if [i for i in got if i != damaged_id] == sound and got.count(damaged_id) <= 1 and errors[file] > 0:
            outcome = "sound records kept, each once" + (" (the damaged one read too)" if damaged_id in got else "")
        else:
            outcome = "read: " + ", ".join(i.rsplit("/", 1)[-1] for i in got) + ("" if errors[file] else "; no error record")
        outcomes[(name, damage)][outcome] += 1
        examples.setdefault((name, damage, outcome), file)
    for (name, damage), counter in sorted(outcomes.items()):
        total = sum(counter.values())
        print("%s, member %s: %d files" % (name.upper(), damage, total))
        for outcome, count in counter.most_common():
            example = "" if outcome.startswith("sound") else "  (e.g. %s)" % examples[(name, damage, outcome)]
            print("  %6d  %s%s" % (count, outcome, example))


if __name__ == "__main__":
    main()
