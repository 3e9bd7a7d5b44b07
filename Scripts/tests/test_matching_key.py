"""The builder's matching key (`fold`) on words of our own: what it folds, where it deliberately differs from the
Swift MatchingKey, and, when a `gazette` binary is at hand, that Gazette's own lookup agrees with it."""
import os
import subprocess

import pytest

from gazetteer_builder.matching_key import ascii_fold, fold
from conftest import ROOT

# (name, variant): fold gives both the same key, and so does Gazette's MatchingKey.
SAME_KEY = [
    ("Quillmoor", "QUILLMOOR"),
    ("Quillmoor", "quillmoor"),
    ("Zélandra", "Zelandra"),           # combining acute dropped
    ("Ørnvik", "ørnvik"),               # case only: ø is a letter, not ø + mark
    ("Straßholm", "STRASSHOLM"),        # ß case-folds to ss
    ("Vintry’s", "Vintry's"),           # right single quote
    ("Kel‐Aban", "Kel-Aban"),           # U+2010 hyphen
    ("Kel–Aban", "Kel-Aban"),           # en dash
    ("Q.R.T.", "QRT"),                  # periods of a word with letters
    ("ﬁnvale", "finvale"),              # ligature: NFKC
    ("Ｍarrow", "marrow"),              # full-width letter: NFKC
    ("Çelbrook", "celbrook"),
    ("Guinea - Tolvar", "guinea-tolvar"),  # fold removes the spaces; Gazette compares tokens and never sees them
]

# Where the keys differ (see matching_key's docstring). FOLD_ONLY: fold gives name and variant one key, Gazette
# does not; SWIFT_ONLY: the other way round.
FOLD_ONLY = [
    ("Route 7.25", "Route 725"),         # Gazette keeps periods in a token without letters
    ("“Harrowgate”", '"Harrowgate"'),     # Gazette does not fold double quotes
    ("Ab\u0902moor", "Abmoor"),          # fold drops every nonspacing mark, Gazette only U+0300-U+036F
]
SWIFT_ONLY = [
    ("Kel\u02bcaban", "Kel'aban"),       # modifier letter apostrophe: Gazette folds it, fold does not
    ("Soft\u00admoor", "Softmoor"),      # soft hyphen: ICU's NFKC_Casefold removes it, Python's does not
]


@pytest.mark.parametrize("name, variant", SAME_KEY)
def test_fold_gives_variants_one_key(name, variant):
    assert fold(name) == fold(variant)


def test_fold_keys_are_lower_case_and_single_spaced():
    assert fold("  The   Quill\tHarbour ") == "the quill harbour"
    assert fold("U.S.") == "us"


@pytest.mark.parametrize("name, variant", FOLD_ONLY)
def test_fold_only_differences_are_pinned(name, variant):
    assert fold(name) == fold(variant)


@pytest.mark.parametrize("name, variant", SWIFT_ONLY)
def test_swift_only_differences_are_pinned(name, variant):
    assert fold(name) != fold(variant)


def test_ascii_fold_keeps_case():
    assert ascii_fold("Zélandra Çelbrook") == "Zelandra Celbrook"


def _gazette_binary():
    for candidate in (os.environ.get("GAZETTE"), os.path.join(ROOT, ".build", "debug", "gazette"),
                      os.path.join(ROOT, ".build", "release", "gazette")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.mark.skipif(_gazette_binary() is None, reason="no gazette binary (set GAZETTE or build first)")
def test_gazette_lookup_agrees_with_fold(tmp_path):
    """Lists each name under an id of its own (a user list, --gazetteer), then asks `gazette gazetteer lookup` for
    each name and variant: Gazette must find every name as written, and a variant exactly where the tables above
    say its key equals the name's."""
    cases = SAME_KEY + FOLD_ONLY + SWIFT_ONLY
    names = sorted({name for name, _ in cases})
    ids = {name: f"test:{index}" for index, name in enumerate(names)}
    listing = tmp_path / "keys.tsv"
    listing.write_text("name\tlabel\tid\n" + "".join(f"{name}\tLOC\t{ids[name]}\n" for name in names), encoding="utf-8")
    queries = names + [variant for _, variant in cases]
    result = subprocess.run(
        [_gazette_binary(), "gazetteer", "lookup", "--resources", ROOT, "--gazetteer", str(listing),
         "--cache-dir", str(tmp_path / "cache"), *queries],
        capture_output=True, text=True, timeout=600)
    assert result.returncode in (0, 1), result.stderr
    found = _ids_found_per_query(result.stdout, queries)
    for name in names:
        assert ids[name] in found[name], f"Gazette does not find {name!r} as written"
    for name, variant in SAME_KEY + SWIFT_ONLY:
        assert ids[name] in found[variant], f"Gazette does not find {name!r} as {variant!r}"
    for name, variant in FOLD_ONLY:
        assert ids[name] not in found[variant], f"Gazette now finds {name!r} as {variant!r}: update matching_key's notes"


def _ids_found_per_query(output, queries):
    """{query: ids printed under it}; lookup prints "QUERY:" (or "QUERY: not in the gazetteers"), then hit lines."""
    found = {query: set() for query in queries}
    current = None
    remaining = list(queries)
    for line in output.splitlines():
        if not line.startswith(" ") and remaining and line.startswith(remaining[0] + ":"):
            current = remaining.pop(0)
            continue
        if current and line.startswith("  ") and not line.startswith("    "):
            fields = line.strip().split("\t")
            if len(fields) >= 2:
                found[current].add(fields[1])
    assert not remaining, f"lookup printed nothing for {remaining}"
    return found
