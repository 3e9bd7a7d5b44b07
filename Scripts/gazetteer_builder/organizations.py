"""Organisations (ORG): committees, agencies, parties, companies, militant groups, IGOs, NGOs, news."""
import gzip
import json
import re

from .aliases import ABBREVIATION_STOPLIST, acceptable_alias
from .entries import Entry
from .matching_key import fold
from .names import is_latin, one_word, slug, title_case, words_of
from .phoenix import ORG_WORDS, ROLE_WORDS, phoenix_blocks, phoenix_org_name, phoenix_person_aliases, phoenix_roles
from .readers import csv_rows, tsv_rows


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


def org_flags(build, entry):
    """One-word names of an organisation that are ordinary words, given names, surnames or places need exact case
    and context ("Target", "Visa", "Ford", "Phoenix")."""
    for form in entry.forms():
        if one_word(form) and not form.isupper():
            key = fold(form)
            if build.evidence.common_level(form) is not None or build.evidence.is_person_name(form, 2000, 10000) or key in build.place_names or key in build.group_forms:
                entry.flags.add("ambiguous")
                entry.prior = min(entry.prior, 0.7)


def load_companies(build):
    sec = {}
    for row in json.load(gzip.open(build.src("companies-us", "sec-company_tickers_exchange.json.gz"), "rt"))["data"]:
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
            build.count(source, "companies")
        for form in ([name, short] if short else [name]):
            form = re.sub(r"\s*\([^)]*\)", "", form or "").strip()
            if form and form != entry.name:
                entry.add(form)
            stripped = strip_designators(form)
            # A bare ordinary word is no name for a company ("Team, Inc." -> "Team"), unless it is a famous one
            # (S&P 500: "Target", "Visa"), which then needs exact case and context.
            if stripped and stripped != entry.name and len(stripped) >= 3 and (
                    not one_word(stripped) or stripped == short or (build.evidence.common_level(stripped) is None and fold(stripped) not in build.group_forms)):
                entry.add(stripped)

    for row in csv_rows(build.src("companies-us", "sp500-constituents.csv")):
        cik = int(row["CIK"])
        add(cik, row["Security"], row["Symbol"], "", "S&P 500 constituents (PDDL)",
            re.sub(r"\s*\([^)]*\)", "", row["Security"]).strip())
        companies[cik].description = f"S&P 500: {row['Symbol']}; {row['GICS Sector']}; {row['Headquarters Location']}"
    for path in ("other-listed.csv", "nasdaq-listed-symbols.csv", "nyse-listed.csv"):
        for row in csv_rows(build.src("companies-us", path)):
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
        org_flags(build, entry)
    return list(companies.values())


def load_parties(build, iso3_to_2):
    core = {}
    for row in csv_rows(build.src("partyfacts", "partyfacts-core-parties.csv.gz")):
        core[row["partyfacts_id"]] = row
    parties = []
    for row in csv_rows(build.src("partyfacts", "wikidata.csv")):
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
                if part.isupper() and (len(part) < 3 or build.evidence.common_level(part) is not None or part in ABBREVIATION_STOPLIST):
                    continue
                if part.isupper() and len(part) == 3 and not major:
                    continue   # three-letter acronyms of small parties collide with everything ("GDP", "PCT")
                if one_word(part) and not part.isupper() and (build.evidence.common_level(part) or 99) <= 35:
                    continue   # "Forward", "Together": an ordinary word is no alias of a party
                if part.isupper() or acceptable_alias(build, part, for_place=False) or len(words_of(part)) > 1 and is_latin(part):
                    entry.add(part)
        if one_word(entry.name) and (build.evidence.common_level(entry.name) or 99) <= 35:
            # "Red", "Voice", "Spring": a party named by an ordinary word is found by lookup, or by a longer name.
            longer = [a for a, m in entry.aliases.items() if m == "" and len(words_of(a)) > 1]
            if longer:
                entry.aliases.pop(longer[0])
                entry.add(entry.name, "?")
                entry.name = longer[0]
            else:
                entry.lookup_only = True
        org_flags(build, entry)
        parties.append(entry)
        build.count("Party Facts (MIT)", "parties")
    return parties


US_TERRITORIES = {"puerto rico", "guam", "american samoa", "us virgin islands", "u.s. virgin islands", "northern mariana islands",
                  "district of columbia", "virgin islands"}


def load_agencies(build, us_states):
    groups = {}
    order = []
    for row in tsv_rows(build.src("us-federal-agencies", "usagov-agencies.tsv")):
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
            build.count("US federal agencies, USA.gov via GSA (public domain)", "agencies")
        for form in (name, canonical, row["agency"].strip() if "," not in row["agency"] else None):
            if form and form != entry.name:
                entry.add(form)
        if acronym and re.fullmatch(r"[A-Z][A-Za-z&.-]{1,9}", acronym):
            entry.add(acronym)
        if acronym and not acronym.isupper() and len(acronym) > 4 and acronym[0].isupper():
            entry.add(acronym)
    for entry in order:
        org_flags(build, entry)
    return order


def load_committees(build):
    entries = []
    with gzip.open(build.src("congress-legislators", "committees-current.yaml.gz"), "rt", encoding="utf-8") as f:
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
        build.count("unitedstates/congress-legislators (CC0)", "committees")
    return result


def load_phoenix_orgs(build, iso3_to_2, country_names):
    orgs, people = [], []
    for root, synonyms, codes, comment in phoenix_blocks(build.src("petrarch2-phoenix", "Phoenix.MilNonState.actors.txt")):
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
        org_flags(build, entry)
        orgs.append(entry)
        build.count("Phoenix / PETRARCH2 dictionaries (MIT)", "militant groups")
    for root, synonyms, codes, comment in phoenix_blocks(build.src("petrarch2-phoenix", "Phoenix.International.actors.txt")):
        if not root or not codes or ROLE_WORDS.search(root):
            continue
        code = codes[0].split()[0]
        dated = any(len(c.split()) > 1 for c in codes)
        words = root.strip("_").split("_")
        looks_person = dated or "IGOrulers" in comment or (
            len(words) in (2, 3) and not ORG_WORDS.search(root) and (words[0].capitalize() in build.evidence.census_first or build.evidence.namdict.get(words[0].capitalize(), 0) >= 6))
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
        org_flags(build, entry)
        orgs.append(entry)
        build.count("Phoenix / PETRARCH2 dictionaries (MIT)", {"company": "companies"}.get(kind, kind + "s"))
    return orgs, people


def org_rank(entry):
    sources = {"congress": 0, "usagov": 1, "partyfacts": 2, "S&P 500 constituents (PDDL)": 3, "phoenix": 5}
    return (sources.get(entry.sources[0] if entry.sources else "", 4), entry.name)


ORG_HINTS = {
    "gz:org/democratic-party": "Q29552",
    "gz:org/republican-party": "Q29468",
}


ORG_CURATED_KINDS = {
    "international organization": {"international organization", "non-governmental organization"},
    "government body": {"government agency", "legislative committee", "international organization"},
    "militant group": {"militant group"}, "political party": {"political party"},
    "news organization": {"news organization", "company"}, "company": {"company", "news organization"},
    "university": set(), "sports organization": set(),
}
