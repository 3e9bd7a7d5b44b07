"""Scores Gazette's entities against CoNLL gold spans as `gazette eval ner` does, independently of its output
format: each document's text is rebuilt the way Gazette's `CoNLLCorpus` rebuilds it (tokens joined by one space,
sentences by a newline), annotated by the `gazette` filter with UTF-8 offsets, and a predicted entity is a hit when
its (start, end, type) equals a gold span's. PERSON counts as PER, LOC and GPE as LOC, ORG as ORG, NORP as NORP;
other labels are not scored."""
from dataclasses import dataclass

PREDICTED_TYPES = {"PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "NORP": "NORP"}

# The types whose micro-average is a source's score (as in `gazette eval ner`); NORP gets a row of its own where the
# source annotates it.
SCORED_TYPES = ("PER", "LOC", "ORG")


def text_and_gold(document):
    """The document's text as Gazette's CoNLLCorpus rebuilds it, and its gold spans as (start, end, type) in UTF-8
    bytes. IOB2, IOB1 and IO tags are decoded with conlleval's chunk rules."""
    parts = []
    gold = []
    length = 0
    for index, sentence in enumerate(document.sentences):
        if index > 0:
            parts.append("\n")
            length += 1
        offsets = []
        for position, (word, _) in enumerate(sentence):
            if position > 0:
                parts.append(" ")
                length += 1
            start = length
            parts.append(word)
            length += len(word.encode("utf-8"))
            offsets.append((start, length))
        for first, last, kind in chunks([tag for _, tag in sentence]):
            gold.append((offsets[first][0], offsets[last][1], kind))
    return "".join(parts), gold


def chunks(tags):
    """(first token, last token, type) of each chunk, by conlleval's start and end rules (as Gazette's CoNLLCorpus)."""
    result = []
    start = None
    current = ""
    previous_prefix = "O"
    for index, tag in enumerate(tags):
        prefix = "O" if tag == "O" else tag[0]
        kind = "" if tag == "O" else tag[2:]
        starts = prefix in ("B", "S") or (prefix in ("I", "E") and (previous_prefix in ("O", "E", "S") or kind != current))
        if start is not None and (prefix == "O" or starts):
            result.append((start, index - 1, current))
            start = None
        if starts:
            start = index
            current = kind
        if prefix == "O":
            current = ""
        previous_prefix = prefix
        if start is not None and prefix in ("E", "S"):
            result.append((start, index, current))
            start = None
    if start is not None:
        result.append((start, len(tags) - 1, current))
    return result


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self):
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 0.0

    @property
    def recall(self):
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other):
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


class Scores:
    """Counts per type over the documents added."""

    def __init__(self, types=SCORED_TYPES + ("NORP",)):
        self.types = types
        self.counts = {kind: Counts() for kind in types}

    def add(self, gold, entities):
        """`gold`: (start, end, type) spans; `entities`: the record's entities (dicts with start, end and label, UTF-8
        offsets)."""
        gold_spans = {span for span in gold if span[2] in self.counts}
        predicted = set()
        for entity in entities:
            kind = PREDICTED_TYPES.get(entity["label"])
            if kind in self.counts:
                predicted.add((entity["start"], entity["end"], kind))
        for span in gold_spans:
            if span in predicted:
                self.counts[span[2]].true_positives += 1
            else:
                self.counts[span[2]].false_negatives += 1
        for span in predicted - gold_spans:
            self.counts[span[2]].false_positives += 1

    def overall(self, types=SCORED_TYPES):
        """Micro-averaged counts over `types`."""
        total = Counts()
        for kind in types:
            total.add(self.counts[kind])
        return total
