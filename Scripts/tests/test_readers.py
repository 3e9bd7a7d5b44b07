import gzip

from gazetteer_builder.readers import comment_lines, lines, read_word_list, tsv_rows, tsv_rows_commented


def test_tsv_rows_pad_short_rows_and_read_gzip(tmp_path):
    path = tmp_path / "table.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write('name\tcode\tnote\nQuillmoor\tQM\nOak "Vale"\tOV\tquoted as is\n')
    assert list(tsv_rows(str(path))) == [
        {"name": "Quillmoor", "code": "QM", "note": ""},
        {"name": 'Oak "Vale"', "code": "OV", "note": "quoted as is"},
    ]


def test_lines_skip_blanks_and_comments(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("# header\n\nlantern\r\n  # indented comment\nquill\n", encoding="utf-8")
    assert list(lines(str(path))) == ["lantern", "quill"]


def test_curated_readers(tmp_path):
    path = tmp_path / "keywords.tsv"
    path.write_text("# one\n# two\nword\tposition\nHarbour\tsuffix\nBoard\n", encoding="utf-8")
    assert comment_lines(str(path)) == ["# one", "# two"]
    assert list(tsv_rows_commented(str(path))) == [{"word": "Harbour", "position": "suffix"},
                                                   {"word": "Board", "position": ""}]
    (tmp_path / "titles.txt").write_text("# titles\nWarden\n\n Provost \n", encoding="utf-8")
    assert read_word_list(str(tmp_path), "titles.txt") == (["# titles"], ["Warden", "Provost"])
