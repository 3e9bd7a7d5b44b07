"""CoNLL documents: `-DOCSTART-` lines start documents, blank lines end sentences, the word is the first field and the
tag the last."""
from dataclasses import dataclass, field


@dataclass
class Document:
    """One document: its id (the `-DOCSTART-` line's second field, or its position) and its sentences of
    (word, tag) pairs."""
    id: str
    sentences: list = field(default_factory=list)

    def tokens(self):
        return sum(len(s) for s in self.sentences)

    def entities(self):
        """The number of entities by type (IOB2: a `B-` tag, or an `I-` tag that does not continue its type)."""
        counts = {}
        for sentence in self.sentences:
            previous = "O"
            for _, tag in sentence:
                if tag.startswith("B-") or (tag.startswith("I-") and previous[2:] != tag[2:]):
                    counts[tag[2:]] = counts.get(tag[2:], 0) + 1
                previous = tag
        return counts


class MalformedLine(ValueError):
    """A line that is neither blank, `-DOCSTART-` nor a word and a tag."""


def read_documents(path):
    """The documents of a CoNLL file, in file order. A document without a `-DOCSTART-` id is named by its position
    (`doc-<n>`, from 1). Raises `MalformedLine` naming the file and line for a line without a tag."""
    documents = []
    current = None
    sentence = []

    def close_sentence():
        nonlocal sentence
        if sentence:
            nonlocal current
            if current is None:
                current = Document(f"doc-{len(documents) + 1}")
                documents.append(current)
            current.sentences.append(sentence)
        sentence = []

    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.rstrip("\r\n").split()
            if not fields:
                close_sentence()
                continue
            if fields[0] == "-DOCSTART-":
                close_sentence()
                identifier = fields[1] if len(fields) > 1 and fields[1] not in ("-X-",) else f"doc-{len(documents) + 1}"
                current = Document(identifier)
                documents.append(current)
                continue
            if len(fields) < 2:
                raise MalformedLine(f"{path} line {number}: expected a word and a tag")
            sentence.append((fields[0], fields[-1]))
    close_sentence()
    return [d for d in documents if d.sentences]


def write_documents(path, documents):
    """Writes `documents` as `gazette eval ner --conll` and `gazette train ner` read them: a `-DOCSTART-` line with
    the id, a blank line, then one `word<TAB>tag` line per token and a blank line after each sentence."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for document in documents:
            f.write(f"-DOCSTART-\t{document.id}\n\n")
            for sentence in document.sentences:
                for word, tag in sentence:
                    f.write(f"{word}\t{tag}\n")
                f.write("\n")
