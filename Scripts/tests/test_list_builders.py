"""Each list's builder on small inputs of our own."""
import gzip
import os

import pytest

from gazetteer_builder.entries import Entry
from gazetteer_builder.groups import build_political_groups, member_noun, plural_forms
from gazetteer_builder.organizations import load_committees, org_flags, strip_designators
from gazetteer_builder.people import load_congress, plausible_person
from gazetteer_builder.phoenix import phoenix_blocks, phoenix_date, phoenix_person_aliases, phoenix_roles
from gazetteer_builder.word_lists import ALWAYS_AMBIGUOUS, ambiguous_words, english_words


def put(build, relative, text, compress=False):
    path = build.src(*relative.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if compress:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


@pytest.mark.parametrize("demonym, plurals", [("Quillian", ["Quillians"]), ("Quillese", []), ("Lanternish", []),
                                              ("Moorite", ["Moorites"])])
def test_plural_forms(demonym, plurals):
    assert plural_forms(demonym) == plurals


def test_phoenix_blocks_and_roles(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text("# a comment\n"
                    "WALTER_QUILLMOOR_ [ZZZGOV 010101-051231] # CountryInfo\n"
                    "+PRESIDENT_WALTER_QUILLMOOR\n"
                    "+W._QUILLMOOR\n"
                    "    [ZZZMIL >060101]\n", encoding="utf-8")
    blocks = phoenix_blocks(str(path))
    assert blocks == [["WALTER_QUILLMOOR_", ["PRESIDENT_WALTER_QUILLMOOR", "W._QUILLMOOR"],
                       ["ZZZGOV 010101-051231", "ZZZMIL >060101"], "CountryInfo"]]
    roles = phoenix_roles(blocks[0][2], {"ZZ": "Quillmoria"}, {"ZZZ": "ZZ"})
    assert roles == ["Quillmoria government 2001-01-01 to 2005-12-31", "Quillmoria military from 2006-01-01"]
    assert phoenix_person_aliases("WALTER QUILLMOOR", blocks[0][1]) == ["Walter Quillmoor", "W. Quillmoor"]
    assert phoenix_date("19990731") == "1999-07-31"


def test_strip_designators():
    assert strip_designators("Quillmoor Holdings, Inc.") == "Quillmoor Holdings"
    assert strip_designators("Lantern Works Co., Ltd.") == "Lantern Works"
    assert strip_designators("Harbour GmbH & Co") == "Harbour"            # designators go one after another


def test_org_flags(build):
    word = Entry("Lantern", "ORG", "gz:org/lantern")
    name = Entry("Quillmoor Lantern Works", "ORG", "gz:org/qlw")
    for entry in (word, name):
        org_flags(build, entry)
    assert word.flags == {"ambiguous"} and word.prior == 0.7
    assert name.flags == set() and name.prior == 0.8


def test_load_committees(build):
    put(build, "congress-legislators/committees-current.yaml.gz",
        "- type: house\n  name: House Committee on Lanterns\n  thomas_id: HSLA\n"
        "- type: senate\n  name: 'Senate Committee on Quills'\n", compress=True)
    committees = load_committees(build)
    assert [(c.name, c.id, c.xrefs) for c in committees] == [
        ("House Committee on Lanterns", "gz:org/house-committee-on-lanterns", ["thomas:HSLA"]),
        ("Senate Committee on Quills", "gz:org/senate-committee-on-quills", []),
    ]
    assert build.counts["unitedstates/congress-legislators (CC0)"]["committees"] == 2


def test_load_congress(build):
    columns = "official_full\tfirst\tmiddle\tlast\tnickname\tlast_term_type\tstate\tparty\twikidata\tbioguide"
    put(build, "congress-legislators/legislators-current.tsv",
        columns + "\nAda Q. Fenwick\tAda\tQuill\tFenwick\tAddie\tsen\tZZ\tIndependent\tQ99\tF000001\n")
    put(build, "congress-legislators/executive.tsv",
        "first\tlast\troles\twikidata\tbioguide\tlast_term_start\tlast_term_end\n"
        "Walter\tOakes\tprez;viceprez\t\t\t1901-03-04\t1905-03-04\n")
    senator, president = load_congress(build)
    assert senator.id == "Q99" and senator.country == "US-ZZ" and senator.xrefs == ["bioguide:F000001"]
    assert list(senator.aliases) == ["Ada Fenwick", "Ada Quill Fenwick", "Addie Fenwick"]
    assert senator.description == "US Senator for ZZ (Independent)"
    assert president.id == "" and president.description == "US President and Vice President, last term 1901-1905"


def test_plausible_person():
    assert plausible_person(Entry("Walter Oakes", "PERSON", ""))
    assert not plausible_person(Entry("Oakes Foundation", "PERSON", ""))


def test_word_lists(build):
    assert english_words(build) == ["bright", "harbour", "lantern", "quill", "river"]
    town = Entry("Lantern", "LOC", "geonames:1")
    meadow = Entry("Meadow", "LOC", "geonames:2")
    hidden = Entry("River", "LOC", "geonames:3")
    hidden.flags.add("lookup")
    acronym = Entry("QUILL", "ORG", "gz:org/quill")
    words = ambiguous_words(build, [town, meadow, hidden, acronym])
    assert words == sorted({"Lantern", "Meadow", *ALWAYS_AMBIGUOUS})


@pytest.mark.parametrize("adjective, noun", [("Quillatic", "Quillat"), ("Social Quillatic", "Social Quillat"),
                                             ("Lanternist", "Lanternist"), ("Harbourian", "Harbourian")])
def test_member_noun(adjective, noun):
    assert member_noun(adjective) == noun


def test_political_groups_need_enough_major_parties(build):
    core = ["country,partyfacts_id,name_english,share"]
    wikidata = ["country,partyfacts_id,wikidata_id,name,name_short,name_native"]
    rows = [("Lanternist Party", 30.0)] * 8 + [("Quillatic Party", 12.0)] * 8 + [("Harbourian Party", 2.0)] * 8 \
        + [("National Party", 40.0)] * 8 + [("Meadow Labour Party", 40.0)] * 8 + [("Oakist Party", 9.0)] * 7
    for number, (name, share) in enumerate(rows):
        core.append(f"ZZZ,{number},{name},{share}")
        wikidata.append(f"ZZZ,{number},Q{number},{name},,")
    put(build, "partyfacts/partyfacts-core-parties.csv.gz", "\n".join(core) + "\n", compress=True)
    put(build, "partyfacts/wikidata.csv", "\n".join(wikidata) + "\n")
    groups = build_political_groups(build)
    # Harbourian: minor parties only; National: no group noun; Labour: a noun; Oakist: seven parties, not eight.
    assert [(g.name, g.label, g.kind, g.forms()) for g in groups] == [
        ("Lanternists", "NORP", "political group", ["Lanternists", "Lanternist"]),
        ("Quillats", "NORP", "political group", ["Quillats", "Quillat"]),
    ]
