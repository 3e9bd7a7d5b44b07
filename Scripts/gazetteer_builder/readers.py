"""Readers for the staged sources and the curated lists: plain, gzip-compressed, TSV, CSV, comment-free lines."""
import csv
import gzip
import io
import lzma
import os


def _allow_long_fields():
    # Some source tables hold very long alternate-name fields.
    csv.field_size_limit(10_000_000)


def open_text(path, encoding="utf-8"):
    """A text file, decompressed when its name ends in .gz or .xz; newlines are left to the csv module."""
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=encoding, newline="")
    if path.endswith(".xz"):
        return io.TextIOWrapper(lzma.open(path, "rb"), encoding=encoding, newline="")
    return open(path, encoding=encoding, newline="")


def tsv_rows(path):
    """Rows of a tab-separated file with a header line, as dicts; short rows are padded with empty strings."""
    _allow_long_fields()
    with open_text(path) as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        for row in reader:
            row = row + [""] * (len(header) - len(row))
            yield dict(zip(header, row))


def csv_rows(path):
    """Rows of a comma-separated file with a header line, as dicts."""
    _allow_long_fields()
    with open_text(path) as f:
        yield from csv.DictReader(f)


def lines(path, encoding="utf-8"):
    """The lines of a file that are neither blank nor comments (`#`), without their line ends."""
    with open_text(path, encoding) as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


def tsv_rows_commented(path):
    """Rows of a Gazette TSV list (`#` comment lines, then a header), as dicts; no quoting rules at all."""
    with open(path, encoding="utf-8") as f:
        content = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = content[0].split("\t")
    for line in content[1:]:
        values = line.split("\t")
        values += [""] * (len(header) - len(values))
        yield dict(zip(header, values))


def comment_lines(path):
    """The `#` comment lines of a file, kept as they are (the header of a curated list)."""
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.startswith("#")]


def read_word_list(folder, file):
    """A curated word list: its `#` header lines and its words, in file order."""
    header, words = [], []
    with open(os.path.join(folder, file), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.append(line)
            elif line.strip():
                words.append(line.strip())
    return header, words
