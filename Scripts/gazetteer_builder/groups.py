"""Demonyms and groups (NORP): people of a country, ethnic and religious groups. Never places."""
import os
from collections import defaultdict

from .entries import Entry
from .matching_key import fold
from .names import slug, title_case
from .readers import lines, tsv_rows, tsv_rows_commented


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
        for source_name in ("ruby", "countryinfo", "geotext", "xponents"):
            if any(source_name in forms[f] for f in agreed):
                build.count({"ruby": "ruby-countries (MIT)", "countryinfo": "countryinfo (MIT)", "geotext": "geotext (MIT)",
                       "xponents": "OpenSextant Xponents (Apache-2.0)"}[source_name], "demonyms agreed with another source")
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
    return result


def read_curated_groups(build):
    for row in tsv_rows_commented(os.path.join(build.curated, "groups.tsv")):
        entry = Entry(row["name"], row["label"], row["id"], float(row["prior"] or 0.9), row["kind"], row["country"], source="curated")
        for alias in row["aliases"].split("|"):
            if alias.strip():
                entry.add(alias.strip())
        entry.flags = {f for f in row["flags"].split(",") if f}
        yield entry
