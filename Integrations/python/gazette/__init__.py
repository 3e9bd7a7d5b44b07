"""Python client for Gazette, the news entity and topic annotator.

    import gazette
    for record in gazette.annotate(["Antony Blinken met survivors in Washington."]):
        print([(e["text"], e["label"]) for e in record.entities])

`annotate` streams texts (or dicts) through one long-lived `gazette` process and yields one record per input, in
input order; a record Gazette could not annotate comes back as an `ErrorRecord`. `to_spacy` makes a spaCy `Doc` of a
record. Only a `gazette` binary is needed: on PATH, in $GAZETTE_BINARY, or given as `gazette=PATH`.
"""

from ._process import GazetteProcess, GazetteProcessError, command_line, find_binary
from ._records import ErrorRecord, Record, record_from_line
from ._client import Gazette, annotate
from ._spacy import MisalignedEntity, to_spacy

__all__ = [
    "annotate", "Gazette", "to_spacy", "Record", "ErrorRecord", "MisalignedEntity", "GazetteProcess",
    "GazetteProcessError", "command_line", "find_binary", "record_from_line",
]
