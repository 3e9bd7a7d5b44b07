"""People (PERSON): members of Congress, presidents and vice presidents, world leaders and ministers."""
from .entries import Entry
from .matching_key import fold
from .names import title_case
from .phoenix import phoenix_blocks, phoenix_person_aliases, phoenix_roles
from .readers import tsv_rows


# Words that show a "person" from an actor dictionary is really an organisation ("Al Khoei Foundation").
ORGANISATION_WORDS = {"foundation", "fellowship", "internationale", "international", "committee", "association", "institute",
                "council", "union", "party", "organization", "organisation", "society", "fund", "centre", "center",
                "league", "front", "agency", "ministry", "bank", "group", "movement", "network", "church", "federation"}

# Curated people without a kind may merge with any source person.
PERSON_CURATED_KINDS = {"": {"legislator", "head of state", "leader", "official"}}


def plausible_person(entry):
    words = {fold(w) for w in entry.name.split()}
    return not (words & ORGANISATION_WORDS)


def load_congress(build):
    people = []
    for row in tsv_rows(build.src("congress-legislators", "legislators-current.tsv")):
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
        build.count("unitedstates/congress-legislators (CC0)", "current members of Congress")
    for row in tsv_rows(build.src("congress-legislators", "executive.tsv")):
        name = f"{row['first']} {row['last']}"
        roles = " and ".join({"prez": "President", "viceprez": "Vice President"}[r] for r in row["roles"].split(";") if r)
        entry = Entry(name, "PERSON", row["wikidata"] or (f"bioguide:{row['bioguide']}" if row["bioguide"] else ""), 0.9,
                      "head of state", "US", f"US {roles}, last term {row['last_term_start'][:4]}-{row['last_term_end'][:4]}", source="congress")
        if row["bioguide"]:
            entry.xref(f"bioguide:{row['bioguide']}")
        people.append(entry)
        build.count("unitedstates/congress-legislators (CC0)", "presidents and vice presidents")
    return people


def load_phoenix_leaders(build, iso3_to_2, country_names, known_places):
    people = []
    for root, synonyms, codes, comment in phoenix_blocks(build.src("petrarch2-phoenix", "Phoenix.Countries.actors.txt.gz")):
        if "CountryInfo" not in comment or not root:
            continue
        words = root.strip("_").split("_")
        name = title_case(root)
        if len(words) == 1:
            key = fold(name)
            if (build.evidence.common_level(name) is not None or build.evidence.census_first.get(name, 10 ** 6) < 5000 or key in known_places
                    or build.evidence.census_surnames.get(name, 10 ** 6) < 20000 or len(name) < 5):
                continue
        roles = [r for r in phoenix_roles(codes, country_names, iso3_to_2) if r]
        country = iso3_to_2.get(codes[0].split()[0][:3], "") if codes else ""
        entry = Entry(name, "PERSON", "", 0.85, "leader", country, "; ".join(roles[:4]), source="phoenix")
        for alias in phoenix_person_aliases(" ".join(words), synonyms):
            entry.add(alias)
        people.append(entry)
        build.count("Phoenix / PETRARCH2 dictionaries (MIT)", "world leaders and ministers")
    return people


def person_rank(entry):
    return ({"congress": 0, "phoenix": 1}.get(entry.sources[0] if entry.sources else "", 2), entry.name)
