"""The state one build shares between its steps: where things are, the evidence, and what earlier steps found."""
import os
from collections import defaultdict


class Build:
    """One run of the builder. Steps receive it as their first argument (`build`)."""

    def __init__(self, sources, curated, output, evidence):
        #: The staged sources folder (../shared/data/gazetteer-sources by default).
        self.sources = sources
        #: The project's hand-curated lists (Gazetteers/curated).
        self.curated = curated
        #: Where the lists are written (Gazetteers/ by default).
        self.output = output
        #: `evidence.Evidence`: ordinary words, given names and surnames.
        self.evidence = evidence
        #: source -> what -> how many: the per-source counts written to counts.json.
        self.counts = defaultdict(lambda: defaultdict(int))
        #: Keys of demonyms and ethnonyms, filled by `groups.build_groups` before places are built.
        self.group_forms = set()
        #: Keys of the names of places that match in text, filled once places are built.
        self.place_names = set()

    def src(self, *parts):
        """A path inside the staged sources."""
        return os.path.join(self.sources, *parts)

    def count(self, source, what, n=1):
        """Adds n to a per-source count."""
        self.counts[source][what] += n
