"""Checks for Integrations/export/smoke.sh, run in its venv (spaCy 3.8, label-studio-sdk, jsonschema).

    python check.py conll-to-jsonl CONLL OUT_TEXT OUT_GOLD    the CoNLL file as JSON Lines: texts to annotate, and
                                                              records carrying its gold entities
    python check.py spacy RECORDS EXPORTED NAME               every entity and sentence of RECORDS back from
                                                              Doc.from_json on EXPORTED with the same character spans
    python check.py label-studio RECORDS FOLDER SCHEMA        tasks.json against the SDK's LabelInterface (with
                                                              label-config.xml) and against SCHEMA; spans checked
"""

import json
import sys


def conll_documents(path):
    """Documents of sentences of (token, tag) from a CoNLL-2003 file (IOB1 or IOB2, tag in the last column)."""
    documents, sentence = [], []
    for line in open(path, encoding="utf-8"):
        columns = line.split()
        if not columns:
            if sentence:
                documents[-1].append(sentence)
            sentence = []
        elif columns[0] == "-DOCSTART-":
            if sentence:
                documents[-1].append(sentence)
            sentence = []
            documents.append([])
        else:
            if not documents:
                documents.append([])
            sentence.append((columns[0], columns[-1]))
    if sentence:
        documents[-1].append(sentence)
    return [document for document in documents if document]


def conll_to_jsonl(path, text_path, gold_path):
    """Each document's text is its tokens joined by one space, its sentences by a line break (as `gazette eval ner`
    makes them); the gold entities are character spans of that text."""
    entities_total = 0
    with open(text_path, "w", encoding="utf-8") as texts, open(gold_path, "w", encoding="utf-8") as gold:
        for number, document in enumerate(conll_documents(path), start=1):
            text, entities, sentences = "", [], []
            for sentence in document:
                if text:
                    text += "\n"
                sentence_start = len(text)
                open_entity, previous = None, "O"
                for index, (token, tag) in enumerate(sentence):
                    if index:
                        text += " "
                    start = len(text)
                    text += token
                    kind = tag[2:] if tag != "O" else None
                    continues = tag.startswith("I-") and previous != "O" and previous[2:] == kind
                    if open_entity and not continues:
                        entities.append(open_entity)
                        open_entity = None
                    if kind and not continues:
                        open_entity = {"start": start, "end": len(text), "label": kind}
                    elif continues:
                        open_entity["end"] = len(text)
                    previous = tag
                if open_entity:
                    entities.append(open_entity)
                sentences.append([sentence_start, len(text)])
            for entity in entities:
                entity["text"] = text[entity["start"]:entity["end"]]
            entities_total += len(entities)
            identifier = f"testa-{number}"
            texts.write(json.dumps({"id": identifier, "text": text}, ensure_ascii=False) + "\n")
            gold.write(json.dumps({"id": identifier, "schema": "gazette.doc/1", "offsets": "codepoint", "text": text,
                                   "sentences": sentences, "entities": entities}, ensure_ascii=False) + "\n")
    print(f"conll: {len(conll_documents(path))} documents, {entities_total} gold entities")


def check_spacy(records_path, exported_path, name):
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("en")
    records = [json.loads(line) for line in open(records_path, encoding="utf-8")]
    records = [record for record in records if "error" not in record]
    exported = [json.loads(line) for line in open(exported_path, encoding="utf-8")]
    assert len(records) == len(exported), f"{len(records)} records, {len(exported)} exported documents"
    entities = sentences = tokens = 0
    for record, data in zip(records, exported):
        doc = Doc(nlp.vocab).from_json(data, validate=True)
        assert doc.text == record["text"], f"{record['id']}: text differs"
        got = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
        want = [(e["start"], e["end"], e["label"], e["text"]) for e in record["entities"]]
        assert got == want, f"{record['id']}: entities differ: {set(got) ^ set(want)}"
        starts = [s.start_char for s in doc.sents]
        want_starts = [0] + [s[0] for s in record.get("sentences", [])][1:]
        if record.get("sentences"):
            assert starts == want_starts, f"{record['id']}: sentence starts {starts[:5]} != {want_starts[:5]}"
        links = [s.kb_id_ for s in doc.spans["gazette"]]
        assert links == [e.get("id", "") for e in record["entities"]], f"{record['id']}: linked ids differ"
        entities += len(got)
        sentences += len(starts)
        tokens += len(doc)
    print(f"spacy ({name}): {len(records)} documents, {entities} of {entities} entities and {sentences} sentences "
          f"rebuilt by Doc.from_json with identical character spans ({tokens} tokens)")


def check_label_studio(records_path, folder, schema_path):
    import jsonschema
    from label_studio_sdk.label_interface import LabelInterface

    tasks = json.load(open(f"{folder}/tasks.json", encoding="utf-8"))
    config = open(f"{folder}/label-config.xml", encoding="utf-8").read()
    interface = LabelInterface(config)
    interface.validate()  # raises on a malformed labelling interface
    schema = json.load(open(schema_path, encoding="utf-8"))
    jsonschema.validate(tasks, schema)
    records = [json.loads(line) for line in open(records_path, encoding="utf-8")]
    records = [record for record in records if "error" not in record]
    assert len(tasks) == len(records), f"{len(records)} records, {len(tasks)} tasks"
    results = 0
    for task, record in zip(tasks, records):
        # validate_task checks the data against the interface (label-studio-sdk 2.1's validate_task cannot take a
        # task with predictions itself: it calls validate_prediction without one), predictions one by one below.
        assert interface.validate_task({"data": task["data"]}), f"{record['id']}: the SDK rejects the task's data"
        for prediction in task["predictions"]:
            errors = interface.validate_prediction(prediction, return_errors=True)
            assert errors == [], f"{record['id']}: {errors[:3]}"
            for region in prediction["result"]:
                value = region["value"]
                assert task["data"]["text"][value["start"]:value["end"]] == value["text"], f"{record['id']}: {value}"
                results += 1
        want = [(e["start"], e["end"], e["label"]) for e in record["entities"]]
        got = [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in task["predictions"][0]["result"]]
        assert got == want, f"{record['id']}: regions differ from the record's entities"
    # The validators can fail: a label the interface does not have, and a score out of range, are refused.
    broken = json.loads(json.dumps(tasks[0]))
    region = next(p for p in broken["predictions"] if p["result"])["result"][0]
    region["value"]["labels"] = ["NOT-A-LABEL"]
    assert interface.validate_prediction(broken["predictions"][0], return_errors=True), "SDK accepted an unknown label"
    region["score"] = 1.5
    try:
        jsonschema.validate([broken], schema)
        raise AssertionError("the schema accepted a score of 1.5")
    except jsonschema.ValidationError:
        pass
    print(f"label-studio: {len(tasks)} tasks, {results} pre-annotated regions valid for the SDK's LabelInterface "
          f"(label-config.xml) and the JSON schema; each region's text is data.text[start:end]")


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"conll-to-jsonl": conll_to_jsonl, "spacy": check_spacy, "label-studio": check_label_studio}[command](*arguments)
