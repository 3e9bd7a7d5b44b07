"""Merging the curated lists with source entries, and entries of one list with each other."""
import os
import re
from collections import defaultdict

from .aliases import NEWS_COUNTRIES
from .entries import Entry
from .matching_key import fold
from .names import slug
from .readers import tsv_rows_commented


def read_curated(build, file):
    """The project's hand-curated list (Gazette TSV, Apache-2.0)."""
    entries = []
    for row in tsv_rows_commented(os.path.join(build.curated, file)):
        entry = Entry(row["name"], row["label"], row["id"], float(row.get("prior") or 0.8), row.get("kind") or "",
                      row.get("country") or "", row.get("description") or "", source="curated")
        for alias in (row.get("aliases") or "").split("|"):
            if alias.strip():
                entry.add(alias.strip())
        entry.flags = {f.strip() for f in (row.get("flags") or "").split(",") if f.strip()}
        entries.append(entry)
    return entries


# ---------------------------------------------------------------------------------------------------------------
# Merging the curated lists with source entries: the source id wins, the curated name, aliases, prior and flags stay,
# and the curated id remains findable as a cross-reference.

QUALIFIER_COUNTRY = {"us state": "US", "pakistan": "PK", "australia": "AU", "india": "IN", "canada": "CA"}


# Curated kind -> the source kinds a curated entry of that kind may merge with (a kind not listed: the same kind).
PLACE_CURATED_KINDS = {"country": {"country"}, "admin1": {"admin1"}, "city": {"city"}, "region": {"continent", "admin1"},
                       "feature": set()}


def merge_curated(build, curated, sources, hints, rank, kinds):
    """Attaches each curated entry to the best source entry of the same label with the same name (`hints`: curated
    id -> source id or country code; `rank`: sort key, best first; `kinds`: see PLACE_CURATED_KINDS); returns the
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
                                   and (not item.kind or e.kind in kinds.get(item.kind, {item.kind}))]
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
        build.count("Gazette curated lists (Apache-2.0)", f"{item.label} entries merged with a source id")
    return unmatched


# ---------------------------------------------------------------------------------------------------------------
# Output helpers

def finish(build, entries):
    for entry in entries:
        if getattr(entry, "lookup_only", False):
            entry.flags.add("lookup")
            entry.flags.discard("ambiguous")
            entry.flags.discard("distinctive")
        # An alias that names a group is never a place ("Uighur" for Xinjiang), nor a second copy of the name.
        if entry.label == "LOC":
            for alias in list(entry.aliases):
                if fold(alias) in build.group_forms:
                    del entry.aliases[alias]
    return entries


COMPATIBLE_KINDS = [
    {"country", "region", "admin1", "continent"},
    {"company", "news organization", "press association"},
    {"university"},
    {"football club", "sports organization"},
    {"head of state", "leader", "official", "legislator", ""},
]


def merge_same_names(build, entries):
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
                build.count("merged duplicates", f"{label} entries merged into a twin with the same name")
    return [e for e in entries if id(e) not in dropped]


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
