"""The sources of ../shared/data/ner-extra: where each file is, how its labels map to Gazette's, and which documents
may be used for training (see each folder's PROVENANCE.md)."""
import csv
import os
from dataclasses import dataclass, field

# The CoNLL types Gazette scores and learns, with the labels Gazette gives them: PER = PERSON, ORG = ORG,
# LOC = LOC (Gazette's LOC covers GPE), NORP = NORP, MISC = MISC (not scored).
GAZETTE_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "NORP": "NORP", "MISC": "MISC"}

# The staged files use these types already (their PROVENANCE.md gives each source's own mapping: WNUT-17 group and
# corporation -> ORG, re3d Nationality -> NORP, ...). A type not here is an error, not silently dropped.
STAGED_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "NORP": "NORP", "MISC": "MISC"}

# Text licences that allow a commercial derivative (the shipped model is one); anything else is kept out of training.
TRAINABLE_TEXT_LICENCES = ("CC BY 2.5", "CC BY 4.0", "CC BY-SA 3.0")


@dataclass
class Source:
    """One staged NER source."""
    name: str
    path: str                       # relative to the data folder (../shared/data)
    licence: str                    # as PROVENANCE.md states it, for the recipe's README table
    annotated: tuple                # the types the source annotates: its O says nothing about the others
    label_map: dict = field(default_factory=lambda: dict(STAGED_TYPES))
    # True when nationality adjectives ("Chinese officials") are NORP in the source. Where they are O, the training
    # slices get them by the demonym rule (norp.tag_o_runs), so the source does not teach that NORP is O.
    tags_nationality_adjectives: bool = False

    def trainable(self, data, document_ids):
        """The ids among `document_ids` that may be used for training: all of them, except where a document's
        text licence forbids commercial use or is not stated (GUM, from gum-docs.tsv)."""
        return set(document_ids)


@dataclass
class GUMSource(Source):
    """GUM: per-genre text licences in gum-docs.tsv; non-commercial (CC BY-NC-SA) and unstated texts do not train."""
    documents_table: str = "ner-extra/gum/gum-docs.tsv"

    def trainable(self, data, document_ids):
        licences = {}
        with open(os.path.join(data, self.documents_table), encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                licences[row["doc_id"]] = row["text_license"]
        return {d for d in document_ids if licences.get(d) in TRAINABLE_TEXT_LICENCES}


# GUM tags group nouns ("Americans") NORP but adjectives ("Afghan team") O; btc, UNER and WNUT-17 tag neither.
SOURCES = [
    GUMSource("gum", "ner-extra/gum/gum.conll", "annotations CC BY 4.0; texts CC BY / BY-SA (NC and unstated texts not trained on)",
              ("PER", "ORG", "LOC", "NORP")),
    Source("btc", "ner-extra/btc/btc.conll", "CC BY 4.0", ("PER", "ORG", "LOC")),
    Source("re3d", "ner-extra/re3d/re3d.conll", "PD / OGL v3 / CC BY 3.0 AU / CC BY-SA 3.0 / EC reuse", ("PER", "ORG", "LOC", "NORP"),
           tags_nationality_adjectives=True),
    Source("redocred", "ner-extra/redocred/redocred.conll", "MIT (annotations); Wikipedia text CC BY-SA", ("PER", "ORG", "LOC", "NORP", "MISC"),
           tags_nationality_adjectives=True),
    Source("uner-ewt", "ner-extra/uner-ewt/uner-ewt.conll", "CC BY-SA 4.0", ("PER", "ORG", "LOC")),
    Source("uner-pud", "ner-extra/uner-pud/uner-pud.conll", "CC BY-SA 3.0", ("PER", "ORG", "LOC")),
    Source("wnut17", "ner-extra/wnut17/wnut17.conll", "CC BY 4.0", ("PER", "ORG", "LOC")),
]


class UnknownType(ValueError):
    """A tag whose type the source's mapping does not name."""


def map_tags(tags, label_map, where):
    """Maps IOB tags through `label_map` (source type -> CoNLL type, or None for O) and repairs IOB2: an `I-` tag that
    does not continue a span of its type starts one (`B-`). Raises `UnknownType` naming `where` for an unmapped type."""
    mapped = []
    previous = "O"
    for tag in tags:
        if tag == "O":
            mapped.append("O")
            previous = "O"
            continue
        prefix, _, kind = tag.partition("-")
        if prefix not in ("B", "I") or not kind:
            raise UnknownType(f"{where}: '{tag}' is not an IOB2 tag")
        if kind not in label_map:
            raise UnknownType(f"{where}: type '{kind}' has no mapping")
        target = label_map[kind]
        if target is None:
            mapped.append("O")
            previous = "O"
            continue
        if prefix == "I" and previous[2:] != target:
            prefix = "B"
        tag = f"{prefix}-{target}"
        mapped.append(tag)
        previous = tag
    return mapped
