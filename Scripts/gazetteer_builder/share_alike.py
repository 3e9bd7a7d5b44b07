"""Share-alike and LGPL additions (places-sa.tsv, organizations-sa.tsv), kept apart so they can be left out."""
import gzip
import json
from collections import defaultdict

from .aliases import FAMOUS_CODES, acceptable_alias, strip_article
from .entries import Entry
from .matching_key import fold
from .names import slug, words_of
from .organizations import org_flags
from .readers import csv_rows, tsv_rows


def places_sa(build, countries, admin1):
    rows = []
    by_name = defaultdict(list)
    for entry in admin1.values():
        for form in [entry.name] + list(entry.aliases):
            by_name[(entry.country, fold(form))].append(entry)
    by_code = {code: entry for code, entry in admin1.items()}
    for row in csv_rows(build.src("dr5hn-csc", "states.csv.gz")):
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
        if row["name"] != target.name and acceptable_alias(build, row["name"]) and fold(row["name"]) not in build.group_forms:
            entry.add(row["name"])
        if entry.xrefs or entry.aliases:
            rows.append(entry)
            build.count("dr5hn countries-states-cities (ODbL-1.0)", "subdivision QIDs and names (places-sa.tsv)")
    mledoze = {row["cca2"]: row for row in tsv_rows(build.src("mledoze-countries", "countries_en.tsv"))}
    pycountry = {}
    with gzip.open(build.src("pycountry", "iso3166-1.json.gz"), "rt", encoding="utf-8") as f:
        for item in json.load(f)["3166-1"]:
            pycountry[item["alpha_2"]] = item
    for iso, country in countries.items():
        entry = Entry(country.name, "LOC", country.id, country.prior, "country", iso, source="sa")
        known = {fold(f) for f in country.forms()} | {fold(a) for a in country.aliases}
        if iso in mledoze:
            m = mledoze[iso]
            for form in [m["common"], m["official"]] + m["alt_spellings"].split("|"):
                form = strip_article(form.strip())
                if fold(form) not in known and acceptable_alias(build, form) and (len(words_of(form)) > 1 or form in FAMOUS_CODES):
                    entry.add(form)
                    build.count("mledoze/countries (ODbL-1.0)", "country aliases (places-sa.tsv)")
        if iso in pycountry:
            p = pycountry[iso]
            for form in (p.get("official_name"), p.get("common_name"), p.get("name")):
                if form and fold(form) not in known and "," not in form and acceptable_alias(build, form):
                    entry.add(form)
                    build.count("pycountry / iso-codes (LGPL-2.1)", "country names (places-sa.tsv)")
                elif form and "," in form and fold(form) not in known:
                    entry.add(form, "?")  # "Korea, Republic of": a lookup key, never matched
                    build.count("pycountry / iso-codes (LGPL-2.1)", "country names (places-sa.tsv)")
        if entry.aliases:
            rows.append(entry)
    return rows


def organizations_sa(build, orgs):
    rows = []
    index = defaultdict(list)
    for entry in orgs:
        for form in entry.forms():
            index[fold(form)].append(entry)
    used = set()
    for row in tsv_rows(build.src("supraverden-igos", "igos_en.tsv")):
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
            if abbreviation.isupper() and len(abbreviation) >= 2 and fold(abbreviation) not in known and fold(abbreviation) not in build.place_names:
                entry.add(abbreviation)
        if target and row["wikidata"]:
            entry.xref(row["wikidata"])
        if not target:
            org_flags(build, entry)
        if entry.aliases or entry.xrefs or not target:
            rows.append(entry)
            build.count("SupraVerden (CC BY-SA 4.0)", "international organisations (organizations-sa.tsv)")
    return rows
