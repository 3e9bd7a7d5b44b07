"""Turns the open NER data staged in ../shared/data/ner-extra into the CoNLL files Gazette's entity trainer and
evaluator read, with fixed slices.

Run it as `Scripts/prepare-ner-data.py [--data DIR] --output DIR` (or `python3 -m ner_data` from Scripts/). For every
source in `sources.SOURCES` it reads the staged file at run time (nothing from the data is kept in the repository),
maps the source's labels to the CoNLL types Gazette scores (PER, ORG, LOC, NORP, MISC; Gazette names them PERSON,
ORG, LOC, NORP, MISC), and writes three slices, chosen per document by a hash of its id so that the same document
always lands in the same slice:

  <source>.heldout.conll      the held-out slice: for the final figures only; no training or recipe choice sees it
  <source>.validation.conll   for choosing per-source weights and epochs
  <source>.train.conll        for training; documents whose text licence forbids commercial use, or states none,
                              are left out of it (they stay in the other two slices)

plus `slices.json`, the documents, sentences, tokens and entities of each slice. Standard library only.

Modules:
  corpus    reading and writing the CoNLL documents
  sources   the sources: file, label mapping, which documents may train
  slices    the deterministic slice of a document
  cli       arguments, then the files
"""
