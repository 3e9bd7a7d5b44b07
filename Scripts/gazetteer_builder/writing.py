"""Writing the lists: every output is sorted, UTF-8 with LF line ends, so the same inputs give the same bytes."""
import json
import os

from .entries import COLUMNS, KIND_ORDER
from .matching_key import fold

#: The command the generated files name for rebuilding them. They still name the command as it was called before
#: the builder became a package: the header is part of each list's bytes, and so of the gazetteer content hash that
#: Gazette stamps on every output record. Change it together with the next rebuild that changes the data anyway.
REBUILD_COMMAND = "Scripts/build-gazetteers"
LICENSE_NOTE = f"Licences and attributions: Gazetteers/README.md and Gazetteers/NOTICE. Rebuild: {REBUILD_COMMAND}."


def write_entities(folder, file, entries, header_lines, columns=COLUMNS):
    """An entity list: `# ` header lines, the column header, one row per entry in kind and name order."""
    path = os.path.join(folder, file)
    rows = sorted(entries, key=lambda e: (KIND_ORDER.get(e.kind, 99), e.kind, fold(e.name), e.name, e.id or ""))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in header_lines:
            f.write("# " + line + "\n")
        f.write("\t".join(columns) + "\n")
        for entry in rows:
            f.write(entry.row(columns) + "\n")
    return len(rows)


def write_word_list(folder, file, header, words, extra_header=()):
    """A word list: the header lines as given, `extra_header` as `# ` lines, then the words without case-insensitive
    duplicates (the first spelling wins), sorted case-insensitively."""
    seen, unique = set(), []
    for word in words:
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(word)
    unique.sort(key=lambda w: (w.casefold(), w))
    with open(os.path.join(folder, file), "w", encoding="utf-8", newline="\n") as f:
        for line in list(header) + [f"# {line}" for line in extra_header]:
            f.write(line + "\n")
        for word in unique:
            f.write(word + "\n")
    return len(unique)


def write_table(folder, file, header, columns, rows):
    """A keyword table: the header lines as given, the column header, the rows in the order given."""
    with open(os.path.join(folder, file), "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(line + "\n")
        f.write("\t".join(columns) + "\n")
        for row in rows:
            f.write("\t".join(row[c] for c in columns) + "\n")
    return len(rows)


def write_counts(folder, counts):
    """counts.json: sorted keys, one-space indent, non-ASCII kept."""
    with open(os.path.join(folder, "counts.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(counts, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
