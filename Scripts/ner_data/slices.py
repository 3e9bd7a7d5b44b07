"""The slice of a document, fixed by its source and id: the same document lands in the same slice on every run, on
every machine, whatever else the file holds."""
import hashlib

HELD_OUT = "heldout"
VALIDATION = "validation"
TRAIN = "train"

# Shares in percent: 20 held out, 10 validation, 70 train.
HELD_OUT_PERCENT = 20
VALIDATION_PERCENT = 10


def slice_of(source, document_id):
    """`heldout`, `validation` or `train` for the document `document_id` of `source`, from the first 8 bytes of
    SHA-256 over "source<NUL>id" taken modulo 100."""
    digest = hashlib.sha256(f"{source}\0{document_id}".encode("utf-8")).digest()
    bucket = int.from_bytes(digest[:8], "big") % 100
    if bucket < HELD_OUT_PERCENT:
        return HELD_OUT
    if bucket < HELD_OUT_PERCENT + VALIDATION_PERCENT:
        return VALIDATION
    return TRAIN
