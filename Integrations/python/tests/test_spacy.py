import json
import subprocess
import warnings

import pytest

import gazette

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc  # noqa: E402

TEXT = "Secretary Ada Lovelace met 😀 Grace Hopper in 北京 and İzmir.\r\nCafé Zürich e\u0301tait ouvert; Ada's plan."


def record(entities, offsets="codepoint", text=TEXT):
    return {"id": "r1", "offsets": offsets, "text": text, "entities": entities}


def entity(mention, label, occurrence=0, text=TEXT, **extra):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return {"start": start, "end": start + len(mention), "text": mention, "label": label, **extra}


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def test_entities_become_doc_ents_with_their_ids(nlp):
    entities = [entity("Ada Lovelace", "PERSON", id="gz:person/ada-lovelace"), entity("Grace Hopper", "PERSON"),
                entity("北京", "LOC", id="geonames:1816670"), entity("İzmir", "LOC")]
    doc = gazette.to_spacy(record(entities), nlp)
    assert [(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents] == \
        [(x["text"], x["label"], x["start"], x["end"]) for x in entities]
    assert doc.ents[0].kb_id_ == "gz:person/ada-lovelace" and doc.ents[1].kb_id_ == ""
    assert doc.user_data["gazette_misaligned"] == []


@pytest.mark.parametrize("unit", ["utf16", "utf8"])
def test_other_offset_units_are_converted(nlp, unit):
    def count(offset):
        prefix = TEXT[:offset]
        return len(prefix.encode("utf-16-le")) // 2 if unit == "utf16" else len(prefix.encode("utf-8"))
    entities = [entity("Grace Hopper", "PERSON"), entity("İzmir", "LOC"), entity("Café Zürich", "ORG")]
    converted = [dict(e, start=count(e["start"]), end=count(e["end"])) for e in entities]
    doc = gazette.to_spacy(record(converted, offsets=unit), nlp)
    assert [e.text for e in doc.ents] == ["Grace Hopper", "İzmir", "Café Zürich"]


def test_misaligned_entities_are_reported_not_dropped_silently(nlp):
    entities = [entity("Love", "PERSON"), entity("Grace Hopper", "PERSON")]
    with pytest.warns(UserWarning, match=r"record 'r1': 1 entities do not fit spaCy's tokens: 'Love'"):
        doc = gazette.to_spacy(record(entities), nlp)
    assert [e.text for e in doc.ents] == ["Grace Hopper"]
    [missing] = doc.user_data["gazette_misaligned"]
    assert missing.entity["text"] == "Love" and missing.span is None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        expanded = gazette.to_spacy(record(entities), nlp, alignment_mode="expand")
    assert [e.text for e in expanded.ents] == ["Lovelace", "Grace Hopper"]
    assert expanded.user_data["gazette_misaligned"][0].span == (14, 22) and caught


def test_error_records_and_records_without_text_are_refused(nlp):
    with pytest.raises(ValueError, match="error record"):
        gazette.to_spacy(gazette.record_from_line('{"id":"x","error":{"code":"GZ102","message":"no text"}}'), nlp)
    with pytest.raises(ValueError, match="emit_text"):
        gazette.to_spacy({"id": "y", "entities": []}, nlp)


def test_from_gazette_to_doc_ents(binary, nlp):
    texts = ["Antony Blinken met survivors in Washington.", "Olaf Scholz flew to 北京 😀 on Tuesday."]
    docs = [gazette.to_spacy(r, nlp) for r in gazette.annotate(texts, gazette=binary)]
    assert [e.text for e in docs[0].ents][:2] == ["Antony Blinken", "Washington"]
    assert "Olaf Scholz" in [e.text for e in docs[1].ents]
    html = spacy.displacy.render(docs, style="ent", page=True)
    assert "Antony Blinken" in html


def test_export_to_spacy_round_trips_through_from_json(binary, nlp):
    texts = [TEXT, "  Two  spaces\n\nand a blank line: Olaf Scholz in Nairobi. ", "Antony Blinken's visit to Kyiv."]
    annotated = subprocess.run([binary, "--emit-text"], input="\n".join(json.dumps({"text": t}) for t in texts),
                               capture_output=True, text=True, check=True).stdout
    records = [json.loads(line) for line in annotated.splitlines()]
    exported = subprocess.run([binary, "export", "--to", "spacy"], input=annotated, capture_output=True, text=True,
                              check=True)
    assert exported.stderr == ""
    for record_, line in zip(records, exported.stdout.splitlines()):
        doc = Doc(nlp.vocab).from_json(json.loads(line), validate=True)
        assert doc.text == record_["text"]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
            [(e["start"], e["end"], e["label"]) for e in record_["entities"]]
        # The record's sentences; the first starts at 0, white space before the first word included.
        assert [s.start_char for s in doc.sents] == [0] + [s[0] for s in record_["sentences"]][1:]
