from gazetteer_builder.entries import Entry
from gazetteer_builder.merging import (PLACE_CURATED_KINDS, dedupe_ids, finish, merge_curated, merge_duplicates,
                                       merge_same_names)


def place(name, id, kind="city", country="ZZ", population=0, prior=0.7):
    entry = Entry(name, "LOC", id, prior, kind, country, source="source")
    entry.population = population
    return entry


def rank(entry):
    return (0 if entry.kind == "country" else 1, -entry.population)


def test_curated_entry_takes_the_source_id_and_keeps_its_own_as_xref(build):
    big = place("Quillmoor", "geonames:1", population=90000)
    small = place("Quillmoor", "geonames:2", population=20000)
    curated = Entry("Quillmoor", "LOC", "gz:loc/quillmoor", 0.9, "city", "ZZ", source="curated")
    curated.add("Quill Town")
    curated.flags.add("distinctive")
    unmatched = merge_curated(build, [curated], [big, small], {}, rank, PLACE_CURATED_KINDS)
    assert unmatched == []
    assert big.xrefs == ["gz:loc/quillmoor"] and big.prior == 0.9 and "distinctive" in big.flags
    assert "Quill Town" in big.aliases and small.xrefs == []
    assert build.counts["Gazette curated lists (Apache-2.0)"]["LOC entries merged with a source id"] == 1


def test_hint_picks_the_source_entry(build):
    big = place("Quillmoor", "geonames:1", population=90000)
    small = place("Quillmoor", "geonames:2", population=20000)
    curated = Entry("Quillmoor", "LOC", "gz:loc/quillmoor-small", 0.8, "city", source="curated")
    merge_curated(build, [curated], [big, small], {"gz:loc/quillmoor-small": "geonames:2"}, rank, PLACE_CURATED_KINDS)
    assert small.xrefs == ["gz:loc/quillmoor-small"] and big.xrefs == []


def test_unmatched_curated_entries_come_back(build):
    curated = Entry("Lantern Coast", "LOC", "gz:loc/lantern-coast", 0.8, "region", source="curated")
    assert merge_curated(build, [curated], [place("Quillmoor", "geonames:1")], {}, rank, PLACE_CURATED_KINDS) == [curated]


def test_merge_same_names_keeps_the_source_id(build):
    source = place("Quillmoor", "Q42", kind="country", prior=0.9)
    twin = place("Quillmoor", "gz:loc/quillmoor", kind="region", prior=0.95)
    twin.add("Quill Land")
    kept = merge_same_names(build, [twin, source])
    assert kept == [source]
    assert source.prior == 0.95 and "Quill Land" in source.aliases and source.xrefs == ["gz:loc/quillmoor"]


def test_finish_marks_lookup_only_and_drops_group_aliases(build):
    entry = place("Quillmoor", "geonames:1")
    entry.lookup_only = True
    entry.flags.add("ambiguous")
    entry.add("Quillish")
    build.group_forms.add("quillish")
    finish(build, [entry])
    assert entry.flags == {"lookup"} and entry.aliases == {}


def test_dedupe_ids_and_merge_duplicates():
    a = Entry("Quill Party", "ORG", "gz:org/quill-party", country="ZZ")
    b = Entry("Quill Party", "ORG", "gz:org/quill-party", country="YY")
    c = Entry("Quill Party", "ORG", "gz:org/quill-party")
    d = Entry("Lantern Guild", "ORG", "")
    dedupe_ids([a, b, c, d])
    assert [a.id, b.id, c.id, d.id] == ["gz:org/quill-party-zz", "gz:org/quill-party-yy", "gz:org/quill-party",
                                        "gz:org/lantern-guild"]
    first = Entry("Lantern Guild", "ORG", "Q7")
    second = Entry("Guild of Lanterns", "ORG", "Q7")
    assert merge_duplicates([first, second]) == [first]
    assert "Guild of Lanterns" in first.aliases
