from gazetteer_builder.aliases import acceptable_alias, ambiguity_flags, strip_article, tidy_aliases
from gazetteer_builder.entries import Entry


def test_acceptable_alias(build):
    assert acceptable_alias(build, "Quillmoor Vale")
    assert acceptable_alias(build, "UAE")                 # a famous code
    assert not acceptable_alias(build, "QMV")             # a bare upper-case code
    assert not acceptable_alias(build, "quillmoor")       # no capital
    assert not acceptable_alias(build, "Квиллмур")        # not Latin
    assert not acceptable_alias(build, "Route 9")         # digits
    assert not acceptable_alias(build, "Harbour")         # an ordinary word (SCOWL 35)
    build.group_forms.add("quillish")
    assert not acceptable_alias(build, "Quillish")        # a demonym is never a place
    assert acceptable_alias(build, "Quillish", for_place=False)


def test_strip_article():
    assert strip_article("The Quill Isles") == "Quill Isles"
    assert strip_article("The Hague") == "The Hague"


def test_tidy_aliases(build):
    entry = Entry("Quillmoor Trust", "ORG", "gz:org/quillmoor-trust", source="test")
    for alias in ("May 15", "GDP", "The Quillmoor Trust", "River", "QMT"):
        entry.add(alias)
    tidy_aliases(build, entry)
    assert "May 15" not in entry.aliases and "GDP" not in entry.aliases
    assert entry.aliases["River"] == "?"                  # an ordinary word is no alias: lookup only
    assert entry.aliases["QMT"] == ""
    assert "The Quillmoor Trust" not in entry.aliases     # its article-less form is the name itself


def test_tidy_aliases_keeps_curated_ones(build):
    entry = Entry("Quillmoor Trust", "ORG", "gz:org/quillmoor-trust", source="curated")
    entry.add("GDP")
    tidy_aliases(build, entry)
    assert entry.aliases == {"GDP": ""}


def test_ambiguity_flags(build):
    word = Entry("Lantern", "ORG", "gz:org/lantern")
    acronym = Entry("QMT", "ORG", "gz:org/qmt")
    person_named = Entry("Walter", "ORG", "gz:org/walter")
    person = Entry("Walter", "PERSON", "gz:person/walter")
    distinctive = Entry("Lantern", "LOC", "gz:loc/lantern")
    distinctive.flags.add("distinctive")
    for entry in (word, acronym, person_named, person, distinctive):
        ambiguity_flags(build, entry)
    assert "ambiguous" in word.flags and "ambiguous" in person_named.flags
    assert "ambiguous" not in acronym.flags and "ambiguous" not in person.flags
    assert distinctive.flags == {"distinctive"}
