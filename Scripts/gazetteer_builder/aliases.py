"""Which aliases from noisy sources are kept, and which one-word names need exact case and context."""
import re

from .matching_key import fold
from .names import MONTHS, is_latin, one_word


FAMOUS_CODES = {"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "U.A.E.", "DRC", "PRC", "ROK", "DPRK", "ROC", "KSA",
                "NZ", "RSA", "BiH", "CAR"}
# Country names that news almost always means as the country, although the word has other senses.
NEWS_COUNTRIES = {"CN", "TR", "JP", "CL", "CU", "PA", "GN", "NE", "IL", "MT", "TG", "OM", "PE", "SV"}
# Country names that are also common given names, or that name another well-known place.
AMBIGUOUS_COUNTRIES = {"TD", "JO", "GE", "JE", "DM"}
ARTICLE_KEEP = {"the hague", "the gambia", "the bahamas"}


def acceptable_alias(build, alias, for_place=True):
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
    if one_word(stripped) and (build.evidence.common_level(stripped) or 99) <= 50:
        return False
    if for_place and fold(stripped) in build.group_forms:
        return False
    return True


def strip_article(alias):
    if alias.lower().startswith("the ") and fold(alias) not in ARTICLE_KEEP:
        return alias[4:]
    return alias


# Abbreviations that news tables and finance copy use for other things: never an alias from a source list.
ABBREVIATION_STOPLIST = {"GDP", "PCT", "CPI", "MLN", "BLN", "PRE", "TEL", "FAX", "CEO", "CFO", "ERA", "NET", "AVG", "PTS",
                         "RBI", "TV", "FM", "AM", "PM", "OK", "ID", "PC", "PR", "NA", "PA", "AP", "GMT", "EST", "CET",
                         "USD", "EUR", "GBP", "JPY", "DEM", "FRF", "ITL", "CHF", "NYSE", "IPO", "EPS", "YTD", "ROI", "VAT",
                         "OPEC", "NATO"}
DATE_LIKE = re.compile(r"^(?:(?:%s)\s+\d{1,2}|\d{1,2}\s+(?:%s))$" % ("|".join(m.capitalize() for m in MONTHS), "|".join(m.capitalize() for m in MONTHS)))


def tidy_aliases(build, entry):
    """Drops source aliases that are dates ("May 15"), table abbreviations, or carry a leading article."""
    curated = "curated" in entry.sources
    for alias in list(entry.aliases):
        marker = entry.aliases[alias]
        if DATE_LIKE.match(alias) or (alias in ABBREVIATION_STOPLIST and not curated):
            del entry.aliases[alias]
        elif alias.lower().startswith("the ") and not curated and marker != "?":
            del entry.aliases[alias]
            if not (one_word(alias[4:]) and (build.evidence.common_level(alias[4:]) or 99) <= 35):
                entry.add(alias[4:], marker)
        elif not curated and marker == "" and one_word(alias) and not alias.isupper() and (build.evidence.common_level(alias) or 99) <= 35:
            entry.aliases[alias] = "?"   # "Movement", "Foundation": an ordinary word is no alias
    if DATE_LIKE.match(entry.name):
        entry.lookup_only = True
        entry.flags.add("lookup")


def ambiguity_flags(build, entry):
    """A one-word name that is an ordinary word, a given name or surname, or a place, needs exact case and
    context: "Labour", "Target", "Ford". Acronyms are left to the compiler (upper case only)."""
    if "lookup" in entry.flags or "distinctive" in entry.flags:
        return
    for form in entry.forms():
        if not one_word(form) or form.isupper():
            continue
        key = fold(form)
        person = entry.label == "PERSON"
        if build.evidence.common_level(form) is not None or key in build.group_forms or (not person and build.evidence.is_person_name(form, 2000, 10000)) \
                or (entry.label != "LOC" and key in build.place_names) or key in {"dow"}:
            entry.flags.add("ambiguous")
            return
