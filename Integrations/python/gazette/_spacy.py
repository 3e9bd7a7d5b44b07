"""`to_spacy`: a record as a spaCy `Doc` with `doc.ents`."""

from __future__ import annotations

import warnings
from typing import Callable, NamedTuple, Optional

from ._records import ErrorRecord


class MisalignedEntity(NamedTuple):
    """An entity that does not fall on the spaCy tokens' boundaries, or overlaps another: `doc.ents` could not take
    it as it is. `start`/`end` are its character offsets; `span` the (start, end) it was moved to by an alignment
    mode other than "strict", or None when it was left out."""

    record_id: object
    entity: dict
    start: int
    end: int
    span: Optional[tuple]
    reason: str


def _character_offsets(text: str, unit: str) -> Callable[[int], int]:
    """Converts offsets counted in `unit` (a record's "offsets") to Python `str` indices."""
    if unit in (None, "codepoint"):
        return lambda offset: offset
    if unit not in ("utf16", "utf8"):
        raise ValueError(f"unknown offset unit {unit!r}")
    positions = {0: 0}
    position = 0
    for index, character in enumerate(text):
        code = ord(character)
        if unit == "utf16":
            position += 2 if code > 0xFFFF else 1
        else:
            position += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
        positions[position] = index + 1

    def convert(offset: int) -> int:
        if offset not in positions:
            raise ValueError(f"offset {offset} ({unit}) is not on a character boundary")
        return positions[offset]
    return convert


def to_spacy(record: dict, nlp, *, alignment_mode: str = "strict", warn: bool = True, text_field: str = "text"):
    """A spaCy `Doc` of `record`'s text (made by `nlp.make_doc`, so with spaCy's own tokens) whose `doc.ents` are
    the record's entities, each with its linked id as `kb_id_`.

    An entity that does not fall on spaCy's token boundaries cannot be in `doc.ents` as it is: with
    `alignment_mode="strict"` (the default) it is left out, with "expand" or "contract" it is moved to the tokens
    around or inside it (as `Doc.char_span` does). Either way it is reported, never dropped silently: listed in
    `doc.user_data["gazette_misaligned"]` (`MisalignedEntity` items) and, unless `warn=False`, in a warning naming
    the record. Offsets in any unit gazette writes (the record's "offsets") are converted to characters.
    """
    from spacy.util import filter_spans

    if isinstance(record, ErrorRecord) or isinstance(record.get("error"), dict):
        raise ValueError(f"record {record.get('id')!r} is an error record: {record.get('error')}")
    text = record.get(text_field)
    if not isinstance(text, str):
        raise ValueError(f"record {record.get('id')!r} has no {text_field!r}: annotate with emit_text=True "
                         f"(gazette --emit-text) or keep the input's text field")
    convert = _character_offsets(text, record.get("offsets", "codepoint"))
    doc = nlp.make_doc(text)
    record_id = record.get("id")
    spans, misaligned, sources = [], [], {}
    for entity in record.get("entities", []):
        start, end = convert(entity["start"]), convert(entity["end"])
        span = doc.char_span(start, end, label=entity["label"], kb_id=entity.get("id") or "",
                             alignment_mode=alignment_mode)
        if span is None or len(span) == 0:
            misaligned.append(MisalignedEntity(record_id, entity, start, end, None, "not on spaCy's token boundaries"))
            continue
        if (span.start_char, span.end_char) != (start, end):
            misaligned.append(MisalignedEntity(record_id, entity, start, end, (span.start_char, span.end_char),
                                               f"moved to spaCy's tokens ({alignment_mode})"))
        spans.append(span)
        sources[(span.start, span.end)] = (entity, start, end)
    kept = filter_spans(spans)
    kept_keys = {(span.start, span.end) for span in kept}
    for span in spans:
        if (span.start, span.end) not in kept_keys:
            entity, start, end = sources[(span.start, span.end)]
            misaligned.append(MisalignedEntity(record_id, entity, start, end, None, "overlaps another entity"))
    doc.ents = sorted(kept, key=lambda span: span.start)
    doc.user_data["gazette_misaligned"] = misaligned
    if misaligned and warn:
        listed = "; ".join(f"{m.entity.get('text')!r} [{m.start}, {m.end}) {m.reason}" for m in misaligned[:5])
        warnings.warn(f"gazette.to_spacy: record {record_id!r}: {len(misaligned)} entities do not fit spaCy's "
                      f"tokens: {listed}", stacklevel=2)
    return doc
