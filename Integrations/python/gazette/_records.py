"""Records: the parsed `gazette.doc/1` lines."""

from __future__ import annotations

import json
from typing import Any, Optional

# Gazette's own error object. The filter drops an input field named "error", so a top-level match is a failure.
ERROR_MARKER = '"error":{"code":"GZ'


class Record(dict):
    """One `gazette.doc/1` record: a dict (every field as Gazette wrote it) with a few conveniences."""

    failed = False

    @property
    def entities(self) -> list:
        return self.get("entities", [])

    @property
    def topics(self) -> list:
        return self.get("topics", [])

    @property
    def text(self) -> Optional[str]:
        return self.get("text")

    @property
    def error(self) -> Optional[dict]:
        """The record's `error` object ({"code", "message", ...}), or None for an annotated record."""
        return None


class ErrorRecord(Record):
    """A record Gazette could not annotate (malformed input, no text, ...): it carries `error` instead of
    annotations, and keeps the input's position in the stream."""

    failed = True

    @property
    def error(self) -> dict:
        return self["error"]

    @property
    def code(self) -> str:
        return self["error"].get("code", "")

    @property
    def message(self) -> str:
        return self["error"].get("message", "")

    def __repr__(self) -> str:
        return f"ErrorRecord({self.code}: {self.message!r}, id={self.get('id')!r})"


def is_error_line(line: str) -> bool:
    """Whether an output line is an error record (cheap test first, then the parsed object)."""
    if ERROR_MARKER not in line:
        return False
    return isinstance(json.loads(line).get("error"), dict)


def record_from_line(line: str) -> Record:
    """The record of one output line: an `ErrorRecord` when it carries Gazette's `error` object."""
    fields: Any = json.loads(line)
    if isinstance(fields.get("error"), dict) and str(fields["error"].get("code", "")).startswith("GZ"):
        return ErrorRecord(fields)
    return Record(fields)
