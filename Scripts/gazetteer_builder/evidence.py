"""The evidence for ambiguity: which names are also ordinary English words, given names or surnames, and which
words OpenSextant lists as non-places or person-like. Read once from the staged sources; read-only afterwards."""
import gzip

from .matching_key import fold
from .readers import csv_rows, lines


class Evidence:
    """Word and name lists, keyed as the builder compares names (`fold`), except the name tables, which are keyed
    by the capitalised name ("Jordan")."""

    def __init__(self, scowl=None, scowl_upper=None, english_names=None, census_first=None, census_surnames=None,
                 harvard_first=None, namdict=None, xponents_nonplaces=None, xponents_personlike=None,
                 xponents_keep_places=None, xponents_nonperson=None):
        #: SCOWL: key of an ordinary lower-case word -> the smallest size level (10 = most common) listing it.
        self.scowl = scowl or {}
        #: SCOWL capitalised words: key -> size level (50 or 80).
        self.scowl_upper = scowl_upper or {}
        #: Capitalised English words and names (SCOWL size 50): the English exonyms among GeoNames' unlabelled
        #: alternate names ("Peking", "Bombay", "Leningrad") are here; foreign forms ("Parigi", "Baris") are not.
        self.english_names = english_names or set()
        #: US Census 1990 given names -> best rank (1 = most common).
        self.census_first = census_first or {}
        #: US Census surnames -> rank.
        self.census_surnames = census_surnames or {}
        #: Tzioumis first names (Harvard Dataverse) -> their CSV row.
        self.harvard_first = harvard_first or {}
        #: gender-guesser's nam_dict: name -> highest per-country frequency digit (1 rare .. 13 very common).
        self.namdict = namdict or {}
        #: OpenSextant Xponents: key of a word that is no place name -> its category.
        self.xponents_nonplaces = xponents_nonplaces or {}
        self.xponents_personlike = xponents_personlike or set()
        self.xponents_keep_places = xponents_keep_places or set()
        self.xponents_nonperson = xponents_nonperson or set()

    @classmethod
    def load(cls, src):
        """Reads the evidence from the staged sources; `src(*parts)` gives a path inside them."""
        scowl, scowl_upper = load_scowl(src)
        census_first, census_surnames, harvard_first = load_census(src)
        xponents_nonplaces = {}
        for row in csv_rows(src("opensextant-xponents", "non-placenames.csv")):
            xponents_nonplaces[fold(row["exclusion"])] = row["category"]
        return cls(
            scowl=scowl, scowl_upper=scowl_upper,
            english_names={fold(w) for f in ("english-upper.50", "english-proper-names.50")
                           for w in lines(src("scowl-wordlists", f)) if not w.endswith("'s")},
            census_first=census_first, census_surnames=census_surnames, harvard_first=harvard_first,
            namdict=load_namdict(src),
            xponents_nonplaces=xponents_nonplaces,
            xponents_personlike={fold(w) for w in lines(src("opensextant-xponents", "exclude-adhoc-names.txt"))},
            xponents_keep_places={fold(w) for w in lines(src("opensextant-xponents", "include-adhoc-places.txt"))},
            xponents_nonperson={fold(w) for w in lines(src("opensextant-xponents", "non-person-names.txt"))},
        )

    def common_level(self, name):
        """The SCOWL size level of a one-word name used as an ordinary lower-case word (None if it is not one)."""
        return self.scowl.get(fold(name))

    def is_person_name(self, word, first_rank=1000, surname_rank=3000):
        """A common given name or surname (US census), or a well-known international given name."""
        cap = word[:1].upper() + word[1:].lower()
        return (self.census_first.get(cap, 10 ** 6) <= first_rank or self.census_surnames.get(cap, 10 ** 6) <= surname_rank
                or self.namdict.get(cap, 0) >= 9)


def load_scowl(src):
    """SCOWL's lower-case words (levels 10-50) and capitalised words (50, 80), each key with its smallest level."""
    levels = {}
    for level in (10, 20, 35, 40, 50):
        for word in lines(src("scowl-wordlists", f"english-words.{level}")):
            word = word.strip()
            if word.endswith("'s"):
                continue
            key = fold(word)
            levels.setdefault(key, level)
    upper = {}
    for level in (50, 80):
        for word in lines(src("scowl-wordlists", f"english-upper.{level}")):
            if not word.endswith("'s"):
                upper.setdefault(fold(word), level)
    return levels, upper


def load_census(src):
    """US Census 1990 given names and surnames with their ranks, and the Tzioumis first names."""
    first = {}
    for sex in ("male", "female"):
        for line in lines(src("names-us-census", f"dist.{sex}.first")):
            parts = line.split()
            rank = int(parts[3])
            name = parts[0].capitalize()
            first[name] = min(rank, first.get(name, rank))
    surnames = {}
    with gzip.open(src("names-us-census", "dist.all.last.gz"), "rt") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 4:
                surnames[parts[0].capitalize()] = int(parts[3])
    harvard = {}
    for row in csv_rows(src("names-us-census", "firstnames_harvard_prob_race.csv")):
        harvard[row["name"].capitalize()] = row
    return first, surnames, harvard


def load_namdict(src):
    """gender-guesser's nam_dict: name -> highest per-country frequency digit (1 rare .. 13 very common)."""
    names = {}
    with gzip.open(src("gender-guesser", "nam_dict.txt.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or line.startswith("=") or len(line) < 31:
                continue
            if line[29] == "+":
                continue
            name = line[3:29].strip()
            freqs = line[30:85]
            best = max((int(c, 16) for c in freqs if c.strip() and c in "0123456789ABCDEF"), default=0)
            if name and " " not in name and "+" not in name:
                names[name] = max(best, names.get(name, 0))
    return names
