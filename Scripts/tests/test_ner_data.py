"""The NER data preparation (Scripts/ner_data): reading, label mapping, slices, scoring. Samples are the tests' own."""
import json
import os

import pytest

from ner_data.cli import main as prepare_main
from ner_data.corpus import Document, MalformedLine, read_documents, write_documents
from ner_data.scoring import Scores, chunks, text_and_gold
from ner_data.slices import HELD_OUT, TRAIN, VALIDATION, slice_of
from ner_data.sources import SOURCES, GUMSource, UnknownType, map_tags

SAMPLE = (
    "-DOCSTART-\tdoc_one\n\n"
    "Mira\tB-PER\nQuell\tI-PER\nvisited\tO\nOstvale\tB-LOC\n.\tO\n\n"
    "Brightwater\tB-ORG\nMills\tI-ORG\nagreed\tO\n\n"
    "-DOCSTART-\tdoc_two\n\n"
    "Zürich\tB-LOC\nfans\tO\ncheered\tO\n\n"
)


def test_read_documents_splits_at_docstart_and_sentences(tmp_path):
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    documents = read_documents(str(path))
    assert [d.id for d in documents] == ["doc_one", "doc_two"]
    assert [len(d.sentences) for d in documents] == [2, 1]
    assert documents[0].sentences[1] == [("Brightwater", "B-ORG"), ("Mills", "I-ORG"), ("agreed", "O")]
    assert documents[0].entities() == {"PER": 1, "LOC": 1, "ORG": 1}


def test_write_then_read_gives_the_same_documents(tmp_path):
    documents = [Document("a:1", [[("Kell", "B-ORG"), ("said", "O")]]), Document("a:2", [[("Oy", "O")], [("Tarn", "B-LOC")]])]
    path = tmp_path / "out.conll"
    write_documents(str(path), documents)
    assert path.read_text(encoding="utf-8").startswith("-DOCSTART-\ta:1\n\nKell\tB-ORG\nsaid\tO\n\n")
    assert read_documents(str(path)) == documents


def test_conll2003_docstart_without_an_id_is_numbered(tmp_path):
    path = tmp_path / "c.conll"
    path.write_text("-DOCSTART- -X- O O\n\nHarl NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nVenn NNP I-NP I-LOC\n", encoding="utf-8")
    documents = read_documents(str(path))
    assert [d.id for d in documents] == ["doc-1", "doc-2"]
    assert documents[1].sentences == [[("Venn", "I-LOC")]]


def test_a_line_without_a_tag_names_file_and_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("-DOCSTART-\tx\n\nword\tO\nlonely\n", encoding="utf-8")
    with pytest.raises(MalformedLine, match=r"bad.conll line 4"):
        read_documents(str(path))


def test_map_tags_maps_drops_and_repairs():
    label_map = {"PER": "PER", "corporation": "ORG", "product": None}
    tags = ["B-corporation", "I-corporation", "O", "I-PER", "B-product", "I-product", "I-PER"]
    assert map_tags(tags, label_map, "x") == ["B-ORG", "I-ORG", "O", "B-PER", "O", "O", "B-PER"]


def test_map_tags_refuses_unknown_types_and_bad_tags():
    with pytest.raises(UnknownType, match="type 'EVENT'"):
        map_tags(["B-EVENT"], {"PER": "PER"}, "file doc 3")
    with pytest.raises(UnknownType, match="not an IOB2 tag"):
        map_tags(["X-PER"], {"PER": "PER"}, "file doc 3")


def test_slices_are_fixed_by_source_and_id_and_near_their_shares():
    ids = [f"doc{i}" for i in range(5000)]
    first = [slice_of("btc", i) for i in ids]
    assert first == [slice_of("btc", i) for i in ids]
    assert [slice_of("btc", i) for i in reversed(ids)] == list(reversed(first))
    shares = {name: first.count(name) / len(ids) for name in (HELD_OUT, VALIDATION, TRAIN)}
    assert abs(shares[HELD_OUT] - 0.20) < 0.02 and abs(shares[VALIDATION] - 0.10) < 0.02 and abs(shares[TRAIN] - 0.70) < 0.02
    # The source is part of the key: another source slices the same ids differently.
    assert first != [slice_of("wnut17", i) for i in ids]


def test_gum_trains_only_on_commercially_reusable_texts(tmp_path):
    table = tmp_path / "ner-extra" / "gum" / "gum-docs.tsv"
    table.parent.mkdir(parents=True)
    table.write_text("doc_id\tgenre\tsplit\ttext_license\n"
                     "GUM_news_a\tnews\ttrain\tCC BY 2.5\n"
                     "GUM_fiction_b\tfiction\ttrain\tCC BY-NC-SA 3.0\n"
                     "GUM_vlog_c\tvlog\ttrain\tnot stated in LICENSE.txt\n"
                     "GUM_bio_d\tbio\ttrain\tCC BY-SA 3.0\n", encoding="utf-8")
    gum = GUMSource("gum", "ner-extra/gum/gum.conll", "", ("PER",))
    assert gum.trainable(str(tmp_path), ["GUM_news_a", "GUM_fiction_b", "GUM_vlog_c", "GUM_bio_d", "GUM_unknown"]) == {"GUM_news_a", "GUM_bio_d"}


def test_every_source_is_named_once_with_a_licence():
    names = [s.name for s in SOURCES]
    assert len(names) == len(set(names)) and "gum" in names and "wnut17" in names
    assert all(s.licence and s.path.startswith("ner-extra/") and set(s.annotated) <= {"PER", "ORG", "LOC", "NORP", "MISC"} for s in SOURCES)


def test_prepare_writes_three_slices_covering_every_document(tmp_path):
    data = tmp_path / "data"
    folder = data / "ner-extra" / "wnut17"
    folder.mkdir(parents=True)
    text = "".join(f"-DOCSTART-\twnut17_t_{i:04d}\n\nOrlen{i}\tB-ORG\nrocks\tO\n\n" for i in range(60))
    (folder / "wnut17.conll").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert prepare_main(["--data", str(data), "--output", str(out), "--sources", "wnut17"]) == 0
    seen = []
    for name in (TRAIN, VALIDATION, HELD_OUT):
        documents = read_documents(str(out / f"wnut17.{name}.conll"))
        assert all(slice_of("wnut17", d.id) == name for d in documents)
        seen += [d.id for d in documents]
    assert sorted(seen) == [f"wnut17_t_{i:04d}" for i in range(60)]
    summary = json.loads((out / "slices.json").read_text(encoding="utf-8"))
    assert sum(summary["wnut17"][s]["documents"] for s in (TRAIN, VALIDATION, HELD_OUT)) == 60


def test_prepare_refuses_unknown_sources_and_repeated_ids(tmp_path, capsys):
    assert prepare_main(["--data", str(tmp_path), "--output", str(tmp_path / "o"), "--sources", "nope"]) == 2
    folder = tmp_path / "ner-extra" / "btc"
    folder.mkdir(parents=True)
    (folder / "btc.conll").write_text("-DOCSTART-\tsame\n\na\tO\n\n-DOCSTART-\tsame\n\nb\tO\n\n", encoding="utf-8")
    assert prepare_main(["--data", str(tmp_path), "--output", str(tmp_path / "o"), "--sources", "btc"]) == 1
    assert "'same' occurs twice" in capsys.readouterr().err


def test_text_and_gold_rebuild_text_and_utf8_offsets(tmp_path):
    path = tmp_path / "sample.conll"
    path.write_text(SAMPLE, encoding="utf-8")
    one, two = read_documents(str(path))
    text, gold = text_and_gold(one)
    assert text == "Mira Quell visited Ostvale .\nBrightwater Mills agreed"
    assert gold == [(0, 10, "PER"), (19, 26, "LOC"), (29, 46, "ORG")]
    text, gold = text_and_gold(two)
    assert gold == [(0, len("Zürich".encode("utf-8")), "LOC")]


def test_chunks_follow_conlleval_for_iob1_and_iob2():
    assert chunks(["I-PER", "I-PER", "B-PER", "O", "I-LOC"]) == [(0, 1, "PER"), (2, 2, "PER"), (4, 4, "LOC")]
    assert chunks(["B-ORG", "I-ORG", "I-LOC", "O"]) == [(0, 1, "ORG"), (2, 2, "LOC")]


def test_scores_count_exact_matches_and_map_labels():
    scores = Scores()
    gold = [(0, 10, "PER"), (19, 26, "LOC"), (29, 46, "ORG"), (50, 55, "MISC")]
    predicted = [{"start": 0, "end": 10, "label": "PERSON"}, {"start": 19, "end": 26, "label": "GPE"},
                 {"start": 29, "end": 40, "label": "ORG"}, {"start": 50, "end": 55, "label": "PRODUCT"}]
    scores.add(gold, predicted)
    overall = scores.overall()
    assert (overall.true_positives, overall.false_positives, overall.false_negatives) == (2, 1, 1)
    assert overall.precision == pytest.approx(2 / 3) and overall.recall == pytest.approx(2 / 3)
    assert scores.counts["ORG"].f1 == 0.0 and scores.counts["PER"].f1 == 1.0


def test_o_runs_of_capitalised_norp_forms_become_one_norp_span():
    from ner_data.norp import tag_o_runs
    forms = {"quillian", "lanternite", "quillians"}
    sentence = [("Quillian", "O"), ("Lanternite", "O"), ("traders", "O"), ("met", "O"), ("quillian", "O"),
                ("Quillians", "B-ORG"), ("and", "O"), ("Quillian-Lanternite", "O"), ("Cup", "O")]
    tagged, made = tag_o_runs(sentence, forms)
    assert [tag for _, tag in tagged] == ["B-NORP", "I-NORP", "O", "O", "O", "B-ORG", "O", "B-NORP", "O"]
    assert made == 2


def test_prepare_derives_norp_only_where_the_source_leaves_adjectives_o(tmp_path):
    from ner_data.cli import prepare
    from ner_data.sources import Source
    folder = tmp_path / "data" / "x"
    folder.mkdir(parents=True)
    text = "".join(f"-DOCSTART-\tdoc{i}\n\nQuillian\tO\nofficials\tO\nmet\tO\n\n" for i in range(60))
    (folder / "x.conll").write_text(text, encoding="utf-8")
    for adjectives, expected in ((False, True), (True, False)):
        out = tmp_path / f"out{adjectives}"
        out.mkdir()
        source = Source("x", "x/x.conll", "CC0", ("PER", "ORG", "LOC"), tags_nationality_adjectives=adjectives)
        counts = prepare(source, str(tmp_path / "data"), str(out), {"quillian"})
        assert (counts["train"]["NORP by the demonym rule"] > 0) == expected
        assert counts["heldout"]["entities"] == {}
        train = (out / "x.train.conll").read_text(encoding="utf-8")
        assert ("Quillian\tB-NORP" in train) == expected
