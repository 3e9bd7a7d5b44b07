from gazetteer_builder.entries import COLUMNS, Entry


def test_add_keeps_real_aliases_and_skips_case_variants():
    entry = Entry("Quillmoor", "LOC", "gz:loc/quillmoor")
    entry.add("QUILLMOOR")                  # a case variant only: keys are case-folded
    entry.add("Quill\tMoor|Town")           # tabs and bars never reach the file
    entry.add("Old Quillmoor", "?")
    entry.add("Old Quillmoor")              # automatic beats lookup-only
    entry.add("Q.M.", "=")
    assert entry.aliases == {"Quill Moor Town": "", "Old Quillmoor": "", "Q.M.": "="}
    assert entry.forms() == ["Quillmoor", "Quill Moor Town", "Old Quillmoor", "Q.M."]


def test_lookup_only_aliases_are_not_forms():
    entry = Entry("Quillmoor", "LOC", "gz:loc/quillmoor")
    entry.add("Quillmoor, Upper", "?")
    assert entry.forms() == ["Quillmoor"]


def test_row_formats_every_column():
    entry = Entry("Quillmoor", "LOC", "Q123", 0.725, "city", "ZZ", "a town\ton a river", source="test")
    entry.add("Quill", "=")
    entry.flags = {"distinctive", "ambiguous"}
    entry.xref("geonames:1")
    entry.xref("geonames:1")
    assert entry.row(COLUMNS) == "\t".join(
        ["Quillmoor", "LOC", "Q123", "=Quill", "0.72", "ambiguous,distinctive", "city", "ZZ", "a town on a river",
         "geonames:1"])
