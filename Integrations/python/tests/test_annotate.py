import os
import subprocess
import sys

import pytest

import gazette
from gazette import ErrorRecord, GazetteProcessError

PEOPLE = ["Angela Merkel", "Narendra Modi", "Olaf Scholz"]
PLACES = ["Canberra", "Nairobi", "Jakarta"]


def texts(count):
    return [f"{PEOPLE[n % 3]} arrived in {PLACES[n % 3]} for talks, visit {n}." for n in range(count)]


def test_records_come_back_in_order_with_their_fields(binary):
    items = [{"id": f"doc-{n}", "source": "test", "text": text} for n, text in enumerate(texts(300))]
    records = list(gazette.annotate(items, gazette=binary, topics=0))
    assert [r["id"] for r in records] == [f"doc-{n}" for n in range(300)]
    for item, record in zip(items, records):
        assert not record.failed and record.error is None
        assert record["source"] == "test" and record.text == item["text"]
        labels = {e["label"] for e in record.entities}
        assert {"PERSON", "LOC"} <= labels, record.entities
        for entity in record.entities:
            assert record.text[entity["start"]:entity["end"]] == entity["text"]
        assert "topics" not in record or record.topics == []


def test_plain_strings_and_unicode_offsets(binary):
    text = "😀 Café owners met Olaf Scholz in İzmir.\r\nNarendra Modi 北京 spoke."
    [record] = gazette.annotate([text], gazette=binary)
    assert record.text == text
    found = {e["text"] for e in record.entities}
    assert "Olaf Scholz" in found and "Narendra Modi" in found
    for entity in record.entities:
        assert text[entity["start"]:entity["end"]] == entity["text"]
    [utf16] = gazette.annotate([text], gazette=binary, offsets="utf16")
    assert utf16["offsets"] == "utf16"
    assert [e["start"] for e in utf16.entities] == [e["start"] + 1 for e in record.entities]  # the emoji: 2 units


def test_error_records_surface_as_such_and_the_stream_goes_on(binary):
    items = [{"id": "a", "text": "Olaf Scholz spoke."}, {"id": "b", "body": "no text"}, {"id": "c", "text": 7},
             {"id": "d", "text": "Narendra Modi spoke."}]
    records = list(gazette.annotate(items, gazette=binary))
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert [type(r) for r in records] == [gazette.Record, ErrorRecord, ErrorRecord, gazette.Record]
    assert records[1].code == "GZ102" and records[2].code == "GZ103"
    assert records[1].failed and records[1].error["code"] == "GZ102" and "text" in records[2].message


def test_one_process_streams_everything(binary, monkeypatch):
    started = []
    original = subprocess.Popen

    def counting(*args, **kwargs):
        started.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting)
    records = gazette.annotate(texts(500), gazette=binary, topics=0)
    first = next(records)  # streaming: the first record arrives before the input is used up
    assert first.entities
    assert len(list(records)) == 499
    assert len(started) == 1

    started.clear()
    with gazette.Gazette(binary, topics=0) as client:
        assert len(list(client.annotate(texts(5)))) == 5
        assert len(list(client.annotate(texts(7)))) == 7
    assert len(started) == 1


def test_options_map_to_flags(binary):
    command = gazette.command_line("gz", text_field="body", emit_text=True, topics=0, explain=True, languages=None,
                                   gazetteer=["a.tsv", "b.tsv"], entity_model="none", jobs=False)
    assert command == ["gz", "--input", "jsonl", "--text-field", "body", "--emit-text", "--topics", "0", "--explain",
                       "--gazetteer", "a.tsv", "--gazetteer", "b.tsv", "--entity-model", "none"]
    [record] = gazette.annotate([{"body": "Olaf Scholz spoke in Nairobi."}], gazette=binary, text_field="body",
                                topics=2, explain=True)
    assert record["body"] == record.text
    assert all("evidence" in topic for topic in record.topics)


def test_stopping_early_ends_the_process(binary):
    client = gazette.Gazette(binary, topics=0)
    stream = client.annotate(texts(200))
    next(stream)
    process = client._process._process
    stream.close()
    assert process.poll() is not None
    assert len(list(client.annotate(texts(3)))) == 3  # a new process for the next call
    client.close()


def test_gazette_failing_raises_with_its_message(binary):
    with pytest.raises(GazetteProcessError) as failure:
        list(gazette.annotate(texts(3), gazette=binary, resources="/nonexistent/gazette"))
    assert failure.value.status == 2
    assert "exited with status 2" in str(failure.value) and "gazette said: gazette: " in str(failure.value)


def test_a_gazette_that_loses_records_is_caught(binary, tmp_path):
    lossy = tmp_path / "gazette-first-2"
    lossy.write_text(f'#!/bin/sh\nhead -n 2 | "{binary}" "$@"\n')
    lossy.chmod(0o755)
    with pytest.raises(GazetteProcessError, match="gazette wrote 2 records for"):
        list(gazette.annotate(texts(50), gazette=str(lossy)))


def test_a_gazette_that_doubles_records_is_caught(binary, tmp_path):
    doubling = tmp_path / "gazette-twice"
    doubling.write_text(f'#!/bin/sh\n"{binary}" "$@" | sed p\n')
    doubling.chmod(0o755)
    with pytest.raises(GazetteProcessError, match="gazette wrote 6 records for 3"):
        list(gazette.annotate(texts(3), gazette=str(doubling)))


def test_no_binary_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("GAZETTE_BINARY", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(FileNotFoundError, match="no gazette binary"):
        list(gazette.annotate(["text"]))


def test_bad_items_are_refused(binary):
    with pytest.raises(GazetteProcessError, match="reading the input failed"):
        list(gazette.annotate(["fine", 42], gazette=binary))


def test_raw_lines_through_gazette_process(binary):
    lines = ['{"id":1,"text":"Olaf Scholz spoke."}', "   ", '{"id":2,"text":', '{"id":3,"text":"In Nairobi."}']
    with gazette.GazetteProcess(gazette.command_line(binary)) as process:
        output = list(process.lines(lines, last=True))
    assert len(output) == 3 and process.error_records == 1
    assert process.close() == 1
