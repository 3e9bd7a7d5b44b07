"""An entry of an entity list, as the builder assembles it and as a TSV row writes it."""
import re

from .matching_key import fold


class Entry:
    def __init__(self, name, label, id, prior=0.8, kind="", country="", description="", source=""):
        self.name = name
        self.label = label
        self.id = id
        self.aliases = {}          # alias -> marker ('' automatic, '?' lookup only, '=' exact case and context)
        self.prior = prior
        self.flags = set()
        self.kind = kind
        self.country = country
        self.description = description
        self.xrefs = []
        self.sources = [source] if source else []

    def add(self, alias, marker=""):
        alias = re.sub(r"\s+", " ", alias.replace("\t", " ").replace("|", " ")).strip()
        if not alias or alias == self.name:
            return
        if fold(alias) == fold(self.name) and alias.lower() == self.name.lower() and marker == "":
            return  # only a case variant of the name: keys are case-folded
        old = self.aliases.get(alias)
        if old is None or (old == "?" and marker != "?") or (old == "" and marker == "="):
            self.aliases[alias] = marker

    def xref(self, other):
        if other and other != self.id and other not in self.xrefs:
            self.xrefs.append(other)

    def forms(self):
        return [self.name] + [a for a, m in self.aliases.items() if m != "?"]

    def row(self, columns):
        values = {
            "name": self.name, "label": self.label, "id": self.id or "",
            "aliases": "|".join(m + a for a, m in self.aliases.items()),
            "prior": f"{self.prior:.2f}", "flags": ",".join(sorted(self.flags)), "kind": self.kind,
            "country": self.country, "description": self.description, "xrefs": "|".join(self.xrefs),
        }
        return "\t".join(clean_field(values[c]) for c in columns)


def clean_field(text):
    return re.sub(r"[\t\r\n]+", " ", text or "").strip()


COLUMNS = ["name", "label", "id", "aliases", "prior", "flags", "kind", "country", "description", "xrefs"]


KIND_ORDER = {"country": 0, "historical country": 1, "continent": 2, "region": 3, "feature": 4, "admin1": 5, "city": 6,
              "demonym": 10, "ethnic group": 11, "religious group": 12, "political group": 13}
