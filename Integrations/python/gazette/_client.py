"""`annotate` and `Gazette`: texts and dicts in, records out, through one gazette process."""

from __future__ import annotations

import json
from typing import Iterable, Iterator, Optional, Union

from ._process import GazetteProcess, command_line, find_binary
from ._records import Record, record_from_line


class Gazette:
    """A gazette process kept for many `annotate` calls (starting gazette and loading its lists costs tens of
    milliseconds with the gazetteer cache, seconds without): use it as a context manager, or call `close()`.

        with gazette.Gazette(topics=0) as g:
            for record in g.annotate(texts):
                ...

    Options become gazette's flags (see `command_line`); `emit_text=True` (the default) puts the text the offsets
    index into each record, which `to_spacy` needs.
    """

    def __init__(self, gazette: Optional[str] = None, *, text_field: str = "text", emit_text: bool = True,
                 env: Optional[dict] = None, extra_args: Iterable[str] = (), **options):
        self.binary = find_binary(gazette)
        self.text_field = text_field
        self.command = command_line(self.binary, text_field=text_field, emit_text=emit_text,
                                    extra_args=extra_args, **options)
        self.env = env
        self._process: Optional[GazetteProcess] = None

    def _running(self) -> GazetteProcess:
        if self._process is None or self._process._closed:
            self._process = GazetteProcess(self.command, env=self.env)
        return self._process

    def _lines(self, items: Iterable[Union[str, dict]]) -> Iterator[str]:
        for item in items:
            if isinstance(item, str):
                item = {self.text_field: item}
            elif not isinstance(item, dict):
                raise TypeError(f"annotate takes str or dict items, not {type(item).__name__}")
            try:
                yield json.dumps(item, ensure_ascii=False).encode("utf-8").decode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: escaped, gazette repairs it (U+FFFD)
                yield json.dumps(item)

    def annotate(self, items: Iterable[Union[str, dict]]) -> Iterator[Record]:
        """Yields one record per item, in order: a `Record`, or an `ErrorRecord` for an item gazette could not
        annotate (a dict without text, say). A str is a text; a dict is sent as it is (its fields come back with
        the record), its text in `text_field`."""
        for line in self._running().lines(self._lines(items)):
            yield record_from_line(line)

    def close(self):
        """Ends the gazette process; raises `GazetteProcessError` if it failed."""
        if self._process is not None:
            process, self._process = self._process, None
            process.close()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.close()
        elif self._process is not None:
            self._process.kill()


def annotate(items: Iterable[Union[str, dict]], *, gazette: Optional[str] = None, **options) -> Iterator[Record]:
    """Annotates texts (str) or records (dict) through one gazette process; yields one record per item, in order.

        for record in gazette.annotate(["Antony Blinken met survivors in Washington."], topics=0):
            print(record.entities)

    Error records (`ErrorRecord`, with `.code` and `.message`) take the place of items gazette could not annotate;
    gazette itself failing raises `GazetteProcessError`. Options map to gazette's flags (`offsets="utf16"`,
    `topics=0`, `gazetteer=["extra.tsv"]`, `resources=PATH`, ...); see `Gazette`.
    """
    client = Gazette(gazette, **options)
    process = client._running()
    try:
        for line in process.lines(client._lines(items), last=True):
            yield record_from_line(line)
    except BaseException:
        process.kill()
        raise
    process.close()
