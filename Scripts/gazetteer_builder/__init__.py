"""Rebuilds Gazette's gazetteers from the staged public sources and the project's hand-curated lists.

Run it as `Scripts/build-gazetteers.py [SOURCES_DIR] [--permissive-only] [--output DIR] [--curated DIR]` (or
`python3 -m gazetteer_builder` from Scripts/). SOURCES_DIR defaults to ../shared/data/gazetteer-sources beside the
checkout (see its README.md and each folder's PROVENANCE.md). Reads Gazetteers/curated/ (the project's own lists,
Apache-2.0) and writes into Gazetteers/ (or --output):

  places.tsv, demonyms.tsv, organizations.tsv, people.tsv      entity lists (permissive sources only)
  places-sa.tsv, organizations-sa.tsv                          share-alike / LGPL additions (ODbL, CC BY-SA,
                                                               LGPL): rows that add aliases and cross-references
                                                               to entries by id, or new entries; delete the files
                                                               (or pass --permissive-only) to leave them out
  titles.txt, first-names.txt, first-names-ambiguous.txt,      rule word lists (same names and formats as before:
  org-keywords.tsv, location-keywords.tsv, abbreviations.tsv   curated entries kept, permissive sources added)
  ambiguous-names.txt                                          capitalised words that name listed things but are
                                                               usually not entities (case policy: exact + context)
  first-names-gfdl.txt                                         international given names (GFDL), not read by Gazette
  counts.json                                                  the counts README.md reports

Deterministic: the same inputs give the same bytes (no clocks, no hash-order iteration; every output is sorted).
Standard library only.

Modules, in the order a build uses them:
  cli            arguments, then `pipeline.build_gazetteers`
  readers        TSV, CSV, gzip and comment-free line readers
  matching_key   `fold`: when two names count as the same name (the Python side of Gazette's MatchingKey)
  names          slugs, scripts, words, title case
  evidence       ordinary words, given names and surnames: the evidence for ambiguity
  context        `Build`: paths, evidence and what earlier steps found (group forms, place names, counts)
  entries        `Entry`, one row of an entity list
  aliases        which aliases to keep; which one-word names need exact case and context
  merging        curated entries onto source entries; duplicates
  places, groups, organizations, people, phoenix, share_alike, word_lists   one builder per list
  writing        the files, sorted, byte for byte reproducible
  pipeline       the whole build in order
"""
