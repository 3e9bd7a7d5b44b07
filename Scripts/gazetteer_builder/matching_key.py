"""The builder's matching key: the one place where the Python side says when two names are "the same name".

Gazette compares names by `MatchingKey` (Sources/Gazette/Matching/MatchingKey.swift and `gz_fold_key` in
Sources/CICU/gazette_icu.c): ICU's NFKC case folding, curly single quotes and dashes folded to ASCII, combining
diacritical marks dropped, and periods dropped from tokens that hold a letter ("U.S." = "US"). The builder needs the
same notion to find duplicates, collisions and ambiguous names, over whole names rather than single tokens. `fold`
below approximates the Swift key; it is never written into the lists (the compiler makes the real keys), so the
differences only decide which names the builder treats as the same, and changing any rule here changes the
generated lists.

Where `fold` and the Swift key agree: case (including "ß" = "ss", "İ" = "i"), compatibility forms (ligatures,
full-width letters), diacritics, the quotes U+2018, U+2019, U+201B and U+2032, the dashes U+2010-U+2015 and U+2212,
and the periods of words ("U.S.", "a.m."). `fold` works on whole names, so it also collapses runs of white space and
removes spaces around hyphens ("Guinea - Bissau" = "Guinea-Bissau"); Gazette compares names token by token and
reaches the same result without seeing the spaces.

Where they differ (pinned by Scripts/tests/test_matching_key.py, which checks agreements and differences alike
against `gazette gazetteer lookup` when a binary is built):
  - `fold` drops every period, also between digits ("3.5" -> "35"); Swift keeps periods in tokens without letters.
  - `fold` also folds double quotes (U+201C, U+201D, U+201E, U+2033 -> '"'), U+201A, the acute accent U+00B4 and the
    grave accent "`" to "'" (an acute accent becomes a space and a dropped mark under NFKC, before this rule sees
    it); Swift folds none of these, but does fold U+02BC (modifier letter apostrophe), which `fold` keeps.
  - `fold` drops every nonspacing mark (Unicode category Mn); Swift only the combining diacritical marks
    U+0300-U+036F.
  - Python's NFKC followed by `str.casefold` is not ICU's NFKC_Casefold in rare cases: ICU also removes default
    ignorable characters such as the soft hyphen U+00AD, which `fold` keeps.
"""
import re
import unicodedata

#: Typographic quotes and their ASCII stand-ins.
QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"'}
#: Dashes and the minus sign, folded to the ASCII hyphen.
DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-"}


def fold(text):
    """Approximates Gazette's MatchingKey over a whole name: NFKC case fold, no diacritics, folded quotes and
    dashes, no periods, single spaces. Used to find duplicates and collisions, never written out."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(QUOTES.get(c, DASHES.get(c, c)) for c in text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = text.replace(".", "")
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def ascii_fold(text):
    """The text without its nonspacing marks ("Zürich" -> "Zurich"), case and everything else kept."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
