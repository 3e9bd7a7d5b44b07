import gzip

from gazetteer_builder.evidence import Evidence


def test_common_level_and_person_names(evidence):
    assert evidence.common_level("River") == 10
    assert evidence.common_level("Quillmoor") is None
    assert evidence.is_person_name("WALTER")
    assert not evidence.is_person_name("Rosalind")            # rank 2400 > 1000
    assert evidence.is_person_name("Rosalind", first_rank=5000)
    assert evidence.is_person_name("fenwick")                 # surname rank 1500 <= 3000
    assert evidence.is_person_name("Ingrid")                  # nam_dict frequency 10
    assert not evidence.is_person_name("Zoltan")


def test_load_reads_each_source(tmp_path):
    def put(relative, text, compress=False):
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if compress:
            with gzip.open(path, "wt", encoding="utf-8") as f:
                f.write(text)
        else:
            path.write_text(text, encoding="utf-8")

    for level in (10, 20, 35, 40, 50):
        put(f"scowl-wordlists/english-words.{level}", {10: "river\nriver's\n", 35: "lantern\nriver\n"}.get(level, ""))
    put("scowl-wordlists/english-upper.50", "Peking\n")
    put("scowl-wordlists/english-upper.80", "Quillmoor\n")
    put("scowl-wordlists/english-proper-names.50", "Bombay\n")
    put("names-us-census/dist.male.first", "WALTER 0.5 1.0 12\n")
    put("names-us-census/dist.female.first", "WALTER 0.1 1.0 400\nADA 0.1 1.0 90\n")
    put("names-us-census/dist.all.last.gz", "FENWICK 0.1 1.0 77\n", compress=True)
    put("names-us-census/firstnames_harvard_prob_race.csv", "name,obs\nROSALIND,3\n")
    put("gender-guesser/nam_dict.txt.gz", "# comment\n" + "M  Ingrid" + " " * 21 + "A" + " " * 60 + "\n", compress=True)
    put("opensextant-xponents/non-placenames.csv", "exclusion,category\nMeadow,word\n")
    put("opensextant-xponents/exclude-adhoc-names.txt", "Walter\n")
    put("opensextant-xponents/include-adhoc-places.txt", "Quillmoor\n")
    put("opensextant-xponents/non-person-names.txt", "Harbour\n")

    evidence = Evidence.load(lambda *parts: str(tmp_path.joinpath(*parts)))
    assert evidence.scowl == {"river": 10, "lantern": 35}
    assert evidence.scowl_upper == {"peking": 50, "quillmoor": 80}
    assert evidence.english_names == {"peking", "bombay"}
    assert evidence.census_first == {"Walter": 12, "Ada": 90}
    assert evidence.census_surnames == {"Fenwick": 77}
    assert set(evidence.harvard_first) == {"Rosalind"}
    assert evidence.namdict == {"Ingrid": 10}
    assert evidence.xponents_nonplaces == {"meadow": "word"}
    assert evidence.xponents_personlike == {"walter"}
    assert evidence.xponents_keep_places == {"quillmoor"}
    assert evidence.xponents_nonperson == {"harbour"}
