"""NORP forms (the demonym and group list) and the rule that tags them in sources whose O covers nationality words.

A word is a NORP form when it is a name or alias (lookup-only `?` aliases included) of a row labelled NORP in
Gazetteers/demonyms.tsv, compared case-insensitively with curly apostrophes folded; a phrase is NORP when it is one
form or all its words, split at spaces and hyphens, are forms. Scripts/derive-norp-conll.py applies this to CoNLL's
MISC chunks; `tag_o_runs` applies it to the O tokens of a source that does not annotate nationality adjectives, so
that such a source does not teach the entity model that "Chinese" in "Chinese officials" is not an entity.
"""
import os

DEFAULT_GROUPS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                              "Gazetteers", "demonyms.tsv")


def fold(text):
    """Lower case, curly apostrophes straightened."""
    return text.replace("\u2019", "'").replace("\u2018", "'").lower()


def norp_forms(path=DEFAULT_GROUPS):
    """The folded names and aliases of the NORP rows of a Gazette entity list (TSV with a `name`/`label` header)."""
    forms = set()
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if header is None:
                header = {name: index for index, name in enumerate(fields)}
                continue

            def field(name):
                index = header.get(name)
                return fields[index] if index is not None and index < len(fields) else ""
            if field("label") != "NORP":
                continue
            forms.add(fold(field("name")))
            for alias in field("aliases").split("|"):
                alias = alias.lstrip("?=").strip()
                if alias:
                    forms.add(fold(alias))
    return forms


def is_norp(words, forms):
    """True when the words, split at spaces and hyphens, are all NORP forms (or the whole phrase is one)."""
    if fold(" ".join(words)) in forms:
        return True
    parts = [part for word in words for part in word.split("-") if part]
    return bool(parts) and all(fold(part) in forms for part in parts)


def tag_o_runs(sentence, forms):
    """`sentence` ((word, tag) pairs, IOB2) with every maximal run of O tokens that are capitalised NORP forms tagged
    as one NORP span (`B-NORP`, `I-NORP`...), as the model's single NORP tag reads a run. Lower-case words stay O
    (tweets write "american" for the adjective and the model is not taught to tag lower case). Returns the new
    sentence and the number of spans made."""
    out = list(sentence)
    made = 0
    index = 0
    while index < len(out):
        end = index
        while end < len(out) and out[end][1] == "O" and out[end][0][:1].isupper() and is_norp([out[end][0]], forms):
            end += 1
        if end == index:
            index += 1
            continue
        for position in range(index, end):
            out[position] = (out[position][0], ("B-NORP" if position == index else "I-NORP"))
        made += 1
        index = end
    return out, made
