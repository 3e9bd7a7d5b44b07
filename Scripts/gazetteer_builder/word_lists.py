"""The rule word lists: titles, first names, organisation key words, abbreviations, ambiguous and English words."""
import csv
import gzip
import os
import re
import unicodedata
from collections import defaultdict

from .matching_key import fold
from .names import MONTHS, WEEKDAYS, one_word, title_case
from .phoenix import PERSON_TITLE_WORDS
from .readers import comment_lines, csv_rows, lines, read_word_list, tsv_rows, tsv_rows_commented


ROLE_NOUNS = {"MINISTER", "SECRETARY", "PRESIDENT", "CHAIRMAN", "CHAIRWOMAN", "CHAIRPERSON", "GOVERNOR", "MAYOR",
              "AMBASSADOR", "ENVOY", "GENERAL", "COMMANDER", "CHIEF", "DIRECTOR", "SENATOR", "JUDGE", "JUSTICE",
              "PROSECUTOR", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "CONSUL", "ADVISER", "ADVISOR", "COMMISSIONER",
              "PREMIER", "KING", "QUEEN", "PRINCE", "PRINCESS", "EMIR", "SULTAN", "SHEIKH", "MONARCH", "CHANCELLOR",
              "ADMIRAL", "COLONEL", "CAPTAIN", "LIEUTENANT", "SERGEANT", "MARSHAL", "BRIGADIER", "LAWMAKER",
              "LEGISLATOR", "CEO", "TREASURER", "COMPTROLLER", "ATTACHE", "ATTACHÉ", "VICEROY", "PRESIDENT-ELECT",
              "SPEAKER", "REGENT", "GOVERNOR-GENERAL", "PRIME_MINISTER", "MAJOR", "CORPORAL", "PRIVATE"}


def build_titles(build):
    header, curated = read_word_list(build.curated, "titles.txt")
    titles = list(curated)
    for line in lines(build.src("petrarch2-phoenix", "Phoenix.agents.txt")):
        m = re.match(r"^([A-Z_!'.-]+)\s*(\{\})?\s*\[~?([A-Z]+)\]", line)
        if not m or m.group(2):
            continue
        phrase, sector = m.group(1), m.group(3)
        if "!" in phrase and "!MINIST!" not in phrase:
            continue
        phrase = phrase.replace("!MINIST!", "MINISTER")
        words = [w for w in phrase.strip("_").split("_") if w]
        if not words or len(words) > 4 or words[-1] not in ROLE_NOUNS or not sector.startswith(("GOV", "MIL", "JUD", "LEG", "BUS", "ELI", "MED")):
            continue
        if any(w in ("OF", "THE", "FOR", "AND") for w in words[:1]) or words[-1] in ("PRIVATE",) and len(words) == 1:
            continue
        if any(w in ("NGO", "NGOS", "IT", "LIGHT", "FORMER") for w in words) or len(words) == 1 and words[0] in ("MONARCH", "DEPUTY"):
            continue
        titles.append(title_case("_".join(words)))
        build.count("Phoenix / PETRARCH2 dictionaries (MIT)", "titles (titles.txt)")
    for word in lines(build.src("opensextant-xponents", "person-title-filter.txt")):
        word = word.strip()
        if re.fullmatch(r"[a-z]+\.?", word) and len(word) >= 3 and build.evidence.common_level(word) is not None and word in {
                "ambassador", "ayatollah", "bishop", "cardinal", "chancellor", "colonel", "commander", "congressman",
                "congresswoman", "councillor", "councilman", "councilwoman", "deputy", "doctor", "emir", "governor",
                "imam", "judge", "king", "lieutenant", "lord", "mayor", "minister", "mullah", "pastor", "pope",
                "premier", "president", "prince", "princess", "professor", "queen", "rabbi", "senator", "sergeant",
                "sheikh", "sultan", "general", "admiral", "captain", "sir", "dame", "reverend", "father", "sister",
                "brother", "chairman", "chairwoman", "secretary", "speaker", "director", "chief"}:
            titles.append(word.capitalize())
            build.count("OpenSextant Xponents (Apache-2.0)", "titles (titles.txt)")
    return header, titles


def build_first_names(build, place_names, org_single, titles, stopwords):
    header, curated = read_word_list(build.curated, "first-names.txt")
    amb_header, ambiguous = read_word_list(build.curated, "first-names-ambiguous.txt")
    excluded = {fold(w) for w in ambiguous} | {fold(t) for t in titles} | {fold(s) for s in stopwords}
    names = list(curated)
    new_ambiguous = list(ambiguous)

    def consider(name, source, minimum_rank_ok=True):
        if not minimum_rank_ok or not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", name) or len(name) < 2:
            return
        key = fold(name)
        if key in excluded:
            return
        level = build.evidence.common_level(name)
        if level is not None or key in MONTHS or key in WEEKDAYS or key in build.evidence.xponents_nonperson:
            if level is not None and level <= 35:
                new_ambiguous.append(name)
                build.count(source, "first names that are words (first-names-ambiguous.txt)")
            return
        if key in place_names or key in org_single or key in build.group_forms:
            new_ambiguous.append(name)
            build.count(source, "first names that are places or organisations (first-names-ambiguous.txt)")
            return
        names.append(name)
        build.count(source, "first names (first-names.txt)")

    for name, rank in sorted(build.evidence.census_first.items(), key=lambda item: (item[1], item[0])):
        consider(name, "US Census 1990 names (public domain)", rank <= 1500)
    for name in sorted(build.evidence.harvard_first):
        # A name far more common as a surname ("Wang", "Chun": family names written first) is no given name here.
        consider(name, "Tzioumis first names, Harvard Dataverse (CC0)", build.evidence.census_surnames.get(name, 10 ** 6) > 10000 or name in build.evidence.census_first)
    return header, names, amb_header, new_ambiguous


def build_leader_first_names(build, people, names_so_far, excluded_keys, place_names):
    """Given names of world leaders and members of Congress (MIT, CC0): the first word of two- or three-word
    names, seen at least twice."""
    tally = defaultdict(int)
    for person in people:
        if person.country[:2] in SURNAME_FIRST_COUNTRIES:
            continue   # "Chun Doo-hwan", "Wang Yi": the first word is the family name
        words = person.name.split()
        if 2 <= len(words) <= 3 and re.fullmatch(r"[A-Z][a-z]+", words[0]):
            tally[words[0]] += 1
    known = {fold(n) for n in names_so_far} | excluded_keys
    added = []
    for name in sorted(tally):
        key = fold(name)
        if build.evidence.census_surnames.get(name, 10 ** 6) <= 10000 and name not in build.evidence.census_first:
            continue   # a family name written first ("Wang Yi")
        if tally[name] >= 2 and key not in known and build.evidence.common_level(name) is None and key not in place_names \
                and key not in build.group_forms and key not in MONTHS and len(name) >= 3 and name.upper() not in PERSON_TITLE_WORDS:
            added.append(name)
            build.count("Phoenix / PETRARCH2 dictionaries (MIT)", "first names of leaders (first-names.txt)")
    return added


SURNAME_FIRST_COUNTRIES = {"CN", "TW", "HK", "MO", "SG", "KR", "KP", "VN", "KH", "MN", "HU"}


def build_gfdl_first_names(build, known_keys, place_names):
    names = []
    for name, best in sorted(build.evidence.namdict.items()):
        if best < 6 or not re.fullmatch(r"[A-Z][a-z]+", name) or len(name) < 3:
            continue
        key = fold(name)
        if key in known_keys or build.evidence.common_level(name) is not None or key in place_names or key in build.group_forms:
            continue
        names.append(name)
    build.count("gender-guesser nam_dict (GFDL-1.2+)", "international given names (first-names-gfdl.txt)", len(names))
    return names


def build_org_keywords(build):
    path = os.path.join(build.curated, "org-keywords.tsv")
    header = comment_lines(path)
    rows = list(tsv_rows_commented(path))
    known = {fold(r["word"]) for r in rows}
    safe = {"inc", "corp", "ltd", "llc", "plc", "gmbh", "ag", "nv", "bv", "spa", "srl", "sarl", "asa", "oyj", "pte", "pty",
            "bhd", "tbk", "llp", "kk", "sa", "ab", "lp", "kgaa", "sas", "sae", "sal", "sl", "sro", "zao", "oao", "pjsc",
            "ojsc", "jsc", "cjsc", "sdn bhd", "pty ltd", "co ltd", "co., ltd.", "s.a.", "n.v.", "b.v.", "s.p.a.", "a.g.",
            "gmbh & co. kg", "s.a.b. de c.v.", "l.l.c.", "p.l.c.", "co.", "corp."}
    for row in tsv_rows(build.src("company-designators", "cleanco_terms.tsv")):
        term = row["term"].strip()
        if fold(term) in known or term.lower() not in safe:
            continue
        if " " in term or "&" in term:
            continue
        written = {"gmbh": "GmbH", "spa": "SpA", "kgaa": "KGaA", "sarl": "SARL", "oyj": "Oyj", "pte": "Pte", "pty": "Pty",
                   "bhd": "Bhd", "tbk": "Tbk", "sro": "s.r.o.", "co.": "Co.", "corp.": "Corp."}.get(term.lower(), term.upper() if len(term.replace(".", "")) <= 4 else term.capitalize())
        rows.append({"word": written, "position": "suffix", "label": "ORG"})
        known.add(fold(term))
        build.count("cleanco company designators (MIT)", "designators (org-keywords.tsv)")
    return header, rows


def build_abbreviations(build):
    path = os.path.join(build.curated, "abbreviations.tsv")
    header = comment_lines(path)
    rows = list(tsv_rows_commented(path))
    known = {r["abbreviation"].lower() for r in rows}
    for row in csv_rows(build.src("opensextant-xponents", "adhoc-placenames.csv")):
        name = row["name"].strip()
        if re.fullmatch(r"[A-Z][a-z]{1,4}\.", name) and name.lower() not in known:
            rows.append({"abbreviation": name, "class": "final"})
            known.add(name.lower())
            build.count("OpenSextant Xponents (Apache-2.0)", "state abbreviations (abbreviations.tsv)")
    return header, rows


# Words that name something in the lists but are almost always something else in news text, whatever SCOWL says.
ALWAYS_AMBIGUOUS = ("Bill", "Will", "May", "March", "August", "Chase", "Target", "Visa", "Nice", "Reading", "Mobile",
                    "Apple", "Amazon", "Shell", "Gap", "Ball")


def ambiguous_words(build, entries):
    """Names in the lists that are usually not entities in text (ambiguous-names.txt): the compiler gives them exact
    case and context. One-word names that are ordinary words (SCOWL size <= 50) or, for places, OpenSextant
    non-places; capitalised as a name, sorted."""
    words = set()
    for entry in entries:
        if "lookup" in entry.flags:
            continue
        for form in entry.forms():
            if one_word(form) and not form.isupper():
                key = fold(form)
                level = build.evidence.common_level(form)
                if (level is not None and level <= 50) or (key in build.evidence.xponents_nonplaces and entry.label == "LOC" and key not in build.evidence.xponents_keep_places):
                    words.add(form[:1].upper() + form[1:].lower())
    words.update(ALWAYS_AMBIGUOUS)
    return sorted(words)


def english_words(build):
    """Ordinary English words (SCOWL size <= 50), lower case, sorted: a name in lower case matches only if it is none
    of them, and a name made only of them needs its capitals ("Eastern Province" is not "the eastern province")."""
    return sorted({w for w in build.evidence.scowl if re.fullmatch(r"[a-z][a-z'-]*", w)})


#: gender-guesser's nam_dict country columns (0-based, after column 31) used for name order.
NAMDICT_HUNGARY, NAMDICT_ARABIA, NAMDICT_CHINA, NAMDICT_INDIA, NAMDICT_KOREA, NAMDICT_VIETNAM = 26, 47, 49, 50, 52, 53


def namdict_countries(build):
    """gender-guesser's nam_dict: upper-case name -> {column: highest frequency digit} for the name-order columns."""
    columns = (NAMDICT_HUNGARY, NAMDICT_ARABIA, NAMDICT_CHINA, NAMDICT_INDIA, NAMDICT_KOREA, NAMDICT_VIETNAM)
    names = {}
    with gzip.open(build.src("gender-guesser", "nam_dict.txt.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("=") or len(line) < 31 or line[29] == "+":
                continue
            name, freqs = line[3:29].strip(), line[30:85]
            if not name or " " in name or "+" in name:
                continue
            entry = names.setdefault(name.upper(), {})
            for column in columns:
                digit = freqs[column] if column < len(freqs) else " "
                if digit.strip() and digit in "0123456789ABCDEF":
                    entry[column] = max(entry.get(column, 0), int(digit, 16))
    return names


def build_family_name_first(build, namdict):
    """Family names whose bearers usually write them first (Chinese, Korean, Vietnamese, Cambodian): one-syllable
    surnames that at least 75% of their US bearers (census 2010) report as Asian or Pacific Islander, or that are
    common in China, Korea or Vietnam (gender-guesser digit 5 or more: "Moon", "Lee"), without Indic
    aspirates and not given names only in South or West Asia. "Xi" in "Xi Jinping", "Kim" in "Kim Jong Un"."""
    names = []
    with gzip.open(build.src("names-us-census", "surnames2010_prob_race.csv.gz"), "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"]
            try:
                asian = float(row["api"])
            except ValueError:
                continue
            if len(name) > 6 or not re.fullmatch(r"[B-DF-HJ-NP-TV-Z]*[AEIOU]+[B-DF-HJ-NP-TV-Z]*", name):
                continue
            if re.search(r"BH|DH|GH|JH|KH|SH$|TT|RG|LL|RR|^.$", name):
                continue
            countries = namdict.get(name, {})
            east = max(countries.get(c, 0) for c in (NAMDICT_CHINA, NAMDICT_KOREA, NAMDICT_VIETNAM))
            west = max(countries.get(c, 0) for c in (NAMDICT_INDIA, NAMDICT_ARABIA))
            # Mostly Asian bearers in the US, or common in China, Korea or Vietnam though shared ("Moon", "Lee").
            if asian < 0.75 and east < 5:
                continue
            if west > 0 and east == 0:
                continue
            names.append(name.capitalize())
    build.count("US Census 2010 surnames (public domain)", "family names written first (family-name-first.txt)", len(names))
    return names


def build_hungarian_given_names(build, namdict):
    """Given names common in Hungary (gender-guesser, frequency digit 4 or more): in "Orbán Viktor" the family name
    comes first."""
    names = sorted(unicodedata.normalize("NFC", n.capitalize()) for n, countries in namdict.items()
                   if countries.get(NAMDICT_HUNGARY, 0) >= 4 and re.fullmatch(r"[A-ZÁÉÍÓÖŐÚÜŰ]+", n) and len(n) >= 3)
    build.count("gender-guesser nam_dict (GFDL-1.2+)", "Hungarian given names (given-names-hungarian-gfdl.txt)", len(names))
    return names


def build_celestial_bodies(build, count=True):
    """Planets, moons, stars and other bodies in the sky ("Jupiter", "Europa"): not people. The curated list and GATE
    ANNIE's planet list (LGPL-3.0), capitalised names only. `count=False` reads them without counting sources (the
    open lists ask before the list is written)."""
    header, curated = read_word_list(build.curated, "celestial-bodies.txt")
    bodies = list(curated)
    known = {fold(b) for b in bodies}
    for word in lines(build.src("gate-annie", "planet.lst")):
        word = word.strip()
        if re.fullmatch(r"[A-Z][a-z]+", word) and fold(word) not in known:
            bodies.append(word)
            known.add(fold(word))
            if count:
                build.count("GATE ANNIE gazetteer (LGPL-3.0)", "celestial bodies (celestial-bodies.txt)")
    return header, bodies


def build_non_person_heads(build, first_names):
    """Head words that make a name something other than a person ("… Telescope", "… Airport", "… Foundation"), with
    the label the name then takes ("-": no entity). The curated object heads, and the organisation and place key
    words that end names, minus words that are also common surnames or given names ("Court", "Park", "Bay")."""
    header, objects = read_word_list(build.curated, "object-heads.txt")
    rows, known = [], set()
    for word in objects:
        rows.append({"word": word, "label": "-"})
        known.add(fold(word))
    first_keys = {fold(n) for n in first_names}
    for file in ("org-keywords.tsv", "location-keywords.tsv"):
        for row in tsv_rows_commented(os.path.join(build.curated, file)):
            word = row["word"]
            if row["position"] == "prefix" or not re.fullmatch(r"[A-Z][a-z]+", word) or fold(word) in known:
                continue
            if build.evidence.census_surnames.get(word, 10 ** 6) <= 20000 or fold(word) in first_keys:
                continue
            rows.append({"word": word, "label": row["label"]})
            known.add(fold(word))
    build.count("project", "non-person head words (non-person-heads.tsv)", len(rows))
    return header, rows
