"""Demonyms and groups (NORP): people of a country, ethnic, religious and political groups. Never places."""
import os
import re
from collections import defaultdict

from .entries import Entry
from .matching_key import fold
from .names import slug, title_case
from .readers import csv_rows, lines, tsv_rows, tsv_rows_commented


def plural_forms(demonym):
    if demonym.endswith(("ese", "ish", "ch", "sh", "ss", "Swiss", "i")) and not demonym.endswith("i"):
        return []
    if demonym.endswith(("an", "ian", "i", "er", "ot", "ite", "ec", "ard", "ik", "ek", "ak", "uk", "on", "ic", "ar", "ot")):
        return [demonym + "s"]
    return []


def build_groups(build, countries):
    votes = defaultdict(lambda: defaultdict(set))   # iso -> form -> sources
    iso3_to_2 = {entry.iso3: iso for iso, entry in countries.items()}
    for row in tsv_rows(build.src("ruby-countries", "countries.tsv")):
        for form in row["nationality"].split(","):
            if form.strip():
                votes[row["alpha2"]][form.strip()].add("ruby")
    for row in tsv_rows(build.src("countryinfo", "countries.tsv")):
        for form in row["demonym"].split(","):
            if form.strip():
                votes[row["alpha2"]][form.strip()].add("countryinfo")
    # mledoze/countries (ODbL) only confirms: a form needs two sources, so every form kept is also in a
    # permissive one; no form comes from mledoze alone. A "demonym" that is the country's name or its first word
    # ("Vatican" of Vatican City) is no vote: the name must stay a place.
    for row in tsv_rows(build.src("mledoze-countries", "countries_en.tsv")):
        country = fold(row["common"])
        for form in {row["demonym_m"].strip(), row["demonym_f"].strip()}:
            if form and fold(form) != country and not country.startswith(fold(form) + " "):
                votes[row["cca2"]][form].add("mledoze")
    for line in lines(build.src("geotext", "nationalities.txt")):
        if ":" in line:
            form, iso = line.rsplit(":", 1)
            votes[iso.strip()][title_case(form.strip().upper())].add("geotext")
    xponents_plurals = defaultdict(set)
    for line in lines(build.src("opensextant-xponents", "nationalities.csv")):
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
        for source_name in ("ruby", "countryinfo", "geotext", "xponents", "mledoze"):
            if any(source_name in forms[f] for f in agreed):
                build.count({"ruby": "ruby-countries (MIT)", "countryinfo": "countryinfo (MIT)", "geotext": "geotext (MIT)",
                       "xponents": "OpenSextant Xponents (Apache-2.0)",
                       "mledoze": "mledoze/countries (ODbL-1.0, confirming only)"}[source_name], "demonyms agreed with another source")
        entries[iso] = entry
    groups = []
    curated = list(read_curated_groups(build))
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
            build.group_forms.add(fold(form))
    known = {fold(form) for entry in result for form in entry.forms()}
    # Political groups are not kept from place aliases: their words ("Liberal", "National") name places too.
    result += [entry for entry in build_political_groups(build) if fold(entry.name) not in known]
    return result


#: Party-name adjectives that name no group of members ("National Party": its members are not "Nationals" in news).
NOT_MEMBER_ADJECTIVES = {"National", "Federal", "Civic", "Constitutional", "Popular", "United", "Independent", "New"}
#: How many major parties (5 % of the vote or more) must share an adjective for its members to be a group.
POLITICAL_GROUP_MIN_PARTIES = 8


def member_noun(adjective):
    """The noun for a party's members from its name's adjective: "Democratic" → "Democrat", "Socialist" stays."""
    if adjective.endswith("atic"):
        return adjective[:-2]
    return adjective


def build_political_groups(build):
    """Political groups (NORP) from Party Facts: the members of parties named "<Adjective> Party" ("Republican
    Party" → Republicans, "Social Democratic Party" → Social Democrats), for adjectives that at least
    POLITICAL_GROUP_MIN_PARTIES major parties (5 % of the vote or more) share; adjectives ending in -an, -ic, -ist,
    -ive or -al only (a noun such as "Labour" names the party, not its members). No country: the same word names
    members of parties in many countries."""
    core = {row["partyfacts_id"]: row for row in csv_rows(build.src("partyfacts", "partyfacts-core-parties.csv.gz"))}
    counts = defaultdict(int)
    for row in csv_rows(build.src("partyfacts", "wikidata.csv")):
        extra = core.get(row["partyfacts_id"]) or {}
        if float(extra.get("share") or 0) < 5:
            continue
        for name in {row["name"], extra.get("name_english") or ""}:
            match = re.match(r"^((?:[A-Z][a-z]+ )?[A-Z][a-z]+) Party\b", name)
            if not match:
                continue
            adjective = match.group(1)
            words = adjective.split()
            if words[0] in NOT_MEMBER_ADJECTIVES or not re.search(r"(an|ic|ist|ive|al)$", adjective):
                continue
            counts[adjective] += 1
    groups = []
    for adjective in sorted(a for a, n in counts.items() if n >= POLITICAL_GROUP_MIN_PARTIES):
        noun = member_noun(adjective)
        entry = Entry(noun + "s", "NORP", f"gz:norp/{slug(noun)}", 0.85, "political group", "",
                      f"members or supporters of {adjective} parties", source="partyfacts")
        entry.add(noun)
        groups.append(entry)
        build.count("Party Facts (MIT)", "political groups (party members)")
    return groups


def read_curated_groups(build):
    for row in tsv_rows_commented(os.path.join(build.curated, "groups.tsv")):
        entry = Entry(row["name"], row["label"], row["id"], float(row["prior"] or 0.9), row["kind"], row["country"], source="curated")
        for alias in row["aliases"].split("|"):
            if alias.strip():
                entry.add(alias.strip())
        entry.flags = {f for f in row["flags"].split(",") if f}
        yield entry
