from gazetteer_builder.entries import Entry
from gazetteer_builder.writing import LICENSE_NOTE, write_entities, write_table, write_word_list


def test_write_entities_sorts_by_kind_then_name(tmp_path):
    entries = [Entry("Quillmoor", "LOC", "geonames:2", kind="city"), Entry("Zélandra", "LOC", "Q1", kind="country"),
               Entry("Ashby", "LOC", "geonames:3", kind="city")]
    assert write_entities(str(tmp_path), "places.tsv", entries, ["Places.", LICENSE_NOTE], ["name", "label", "id"]) == 3
    assert (tmp_path / "places.tsv").read_bytes() == (
        "# Places.\n# " + LICENSE_NOTE + "\nname\tlabel\tid\nZélandra\tLOC\tQ1\nAshby\tLOC\tgeonames:3\n"
        "Quillmoor\tLOC\tgeonames:2\n").encode("utf-8")


def test_write_word_list_drops_case_duplicates_and_sorts(tmp_path):
    count = write_word_list(str(tmp_path), "words.txt", ["# curated"], ["quill", "Lantern", "Quill", "lantern", "Ash"],
                            ["Extended by a test."])
    assert count == 3
    assert (tmp_path / "words.txt").read_text(encoding="utf-8") == "# curated\n# Extended by a test.\nAsh\nLantern\nquill\n"


def test_write_table_keeps_row_order(tmp_path):
    rows = [{"word": "Trust", "position": "suffix"}, {"word": "Bank", "position": "suffix"}]
    write_table(str(tmp_path), "keywords.tsv", ["# keywords"], ["word", "position"], rows)
    assert (tmp_path / "keywords.tsv").read_text(encoding="utf-8") == "# keywords\nword\tposition\nTrust\tsuffix\nBank\tsuffix\n"
