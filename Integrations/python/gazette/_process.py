"""One long-lived `gazette --input jsonl` process: lines in on a writer thread, lines out in order."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import threading
from typing import Iterable, Iterator, Optional

from ._records import is_error_line

STDERR_TAIL_BYTES = 4096
QUEUE_LINES = 1024  # output lines read ahead of the consumer; beyond that gazette waits (back-pressure)


class GazetteProcessError(RuntimeError):
    """The gazette process failed (could not start, exited badly, was killed) or lost or doubled records.

    `status` is its exit status when it had exited (negative: killed by that signal); `stderr` the end of what it
    wrote on standard error.
    """

    def __init__(self, message: str, status: Optional[int] = None, stderr: str = ""):
        super().__init__(message)
        self.status = status
        self.stderr = stderr


def find_binary(gazette: Optional[str] = None) -> str:
    """The gazette binary: `gazette` if given, else $GAZETTE_BINARY, else `gazette` on PATH."""
    candidate = gazette or os.environ.get("GAZETTE_BINARY") or shutil.which("gazette")
    if not candidate:
        raise FileNotFoundError("no gazette binary: put gazette on PATH, set GAZETTE_BINARY, or pass gazette=PATH")
    if os.sep in candidate and not os.access(candidate, os.X_OK):
        raise FileNotFoundError(f"{candidate} is not an executable gazette binary")
    return candidate


def command_line(binary: str, *, text_field: str = "text", emit_text: bool = False, extra_args: Iterable[str] = (),
                 **options) -> list:
    """The gazette command for JSON Lines in: each option becomes a flag (`topics=0` → `--topics 0`,
    `entity_model="none"` → `--entity-model none`, `explain=True` → `--explain`, a list repeats the flag, None and
    False leave it out)."""
    command = [binary, "--input", "jsonl", "--text-field", text_field]
    if emit_text:
        command.append("--emit-text")
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if value is None or value is False:
            continue
        if value is True:
            command.append(flag)
        elif isinstance(value, (list, tuple)):
            for item in value:
                command += [flag, str(item)]
        else:
            command += [flag, str(value)]
    return command + list(extra_args)


def _is_blank(line: str) -> bool:
    # The filter skips lines of only spaces and tabs; they are not sent, so that each line sent gets one line back.
    return line.strip(" \t") == ""


class GazetteProcess:
    """A `gazette --input jsonl` process that lives until `close()`: `lines()` streams JSON Lines through it, one
    output line per line sent, in order, any number of times.

    A writer thread feeds standard input while the caller reads standard output, so neither pipe can fill up and
    block the other; standard error is drained on a thread of its own and its end kept for messages. A record that
    gazette cannot annotate is an output line with an "error" object, not a failure; the process failing (exiting,
    crashing, being killed) or answering with more or fewer lines than it was sent raises `GazetteProcessError`.
    """

    def __init__(self, command: list, env: Optional[dict] = None):
        self.command = list(command)
        try:
            self._process = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.PIPE, env=env)
        except OSError as error:
            raise GazetteProcessError(f"cannot start {self.command[0]}: {error}") from error
        self.sent = 0
        self.received = 0
        self.error_records = 0
        self._stderr_tail = bytearray()
        self._events: queue.Queue = queue.Queue(QUEUE_LINES)
        self._busy = False
        self._closed = False
        self._stdout_thread = threading.Thread(target=self._read_stdout, daemon=True)
        self._stderr_thread = threading.Thread(target=self._drain_stderr, daemon=True)
        self._stdout_thread.start()
        self._stderr_thread.start()

    # MARK: Threads

    def _read_stdout(self):
        for raw in self._process.stdout:
            self._events.put(("line", raw.rstrip(b"\n").decode("utf-8", "replace")))
        self._events.put(("eof", None))

    def _drain_stderr(self):
        for chunk in iter(lambda: self._process.stderr.read(4096), b""):
            self._stderr_tail.extend(chunk)
            del self._stderr_tail[:-STDERR_TAIL_BYTES]

    # MARK: Streaming

    def lines(self, inputs: Iterable[str], *, last: bool = False) -> Iterator[str]:
        """Sends each input line (blank ones are skipped) and yields gazette's output lines, in order: one per line
        sent. `last=True` closes gazette's input after these lines, so that the process ends; then call `close()`.

        Stopping early (not reading to the end) kills the process: its lines would otherwise come out of a later
        call. Raises `GazetteProcessError` when gazette ends before it has answered every line.
        """
        if self._closed or self._process.poll() is not None and self._events.empty():
            raise self._failure("gazette is not running")
        if self._busy:
            raise RuntimeError("one lines() call at a time per GazetteProcess")
        self._busy = True
        feed_error: list = []
        sent_here = [0]

        def feed():
            try:
                for line in inputs:
                    if _is_blank(line):
                        continue
                    if "\n" in line:
                        raise ValueError("an input line holds a line break: send JSON Lines, one object per line")
                    self._process.stdin.write(line.encode("utf-8") + b"\n")
                    sent_here[0] += 1
                    self.sent += 1
                self._process.stdin.flush()
            except BrokenPipeError:
                pass  # gazette stopped reading: its exit status tells why
            except BaseException as error:  # reading the input failed: the caller must hear of it, not end early
                feed_error.append(error)
            finally:
                if last or feed_error:
                    try:
                        self._process.stdin.close()
                    except BrokenPipeError:
                        pass
                self._events.put(("sent", sent_here[0]))

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        received_here = 0
        expected = None
        finished = False
        try:
            while expected is None or received_here < expected:
                kind, value = self._events.get()
                if kind == "line":
                    received_here += 1
                    self.received += 1
                    if is_error_line(value):
                        self.error_records += 1
                    yield value
                elif kind == "sent":
                    expected = value
                    if feed_error:
                        break
                else:  # eof before every line was answered
                    self._events.put(("eof", None))  # stays visible to close()
                    writer.join()
                    status = self._process.wait()
                    raise self._failure(self._status_reason(status) or
                                        f"gazette wrote {received_here} records for {sent_here[0]}", status)
            finished = True
        finally:
            self._busy = False
            if not finished:  # the consumer stopped early, or failed: don't leave gazette running
                self.kill()
        writer.join()
        if feed_error:
            self.kill()
            raise self._failure(f"reading the input failed: {feed_error[0]!r}") from feed_error[0]

    def close(self) -> int:
        """Closes gazette's input and waits for it to end; returns its exit status (0, or 1 when some records
        carry an error). Raises `GazetteProcessError` if it failed or wrote lines nobody asked for."""
        if self._closed:
            return self._process.returncode
        self._closed = True
        try:
            self._process.stdin.close()
        except (BrokenPipeError, ValueError):
            pass
        status = self._process.wait()
        self._stdout_thread.join()
        self._stderr_thread.join()
        extra = 0
        while True:
            kind, _ = self._events.get()
            if kind == "eof":
                break
            extra += kind == "line"
        reason = self._status_reason(status)
        if reason is None and status == 1 and self.error_records == 0:
            reason = "gazette exited with status 1 but no record carries an error"
        if reason is None and extra:
            reason = f"gazette wrote {self.received + extra} records for {self.sent}"
        if reason:
            raise self._failure(reason, status)
        return status

    def kill(self):
        """Ends the process at once (its output is abandoned)."""
        self._closed = True
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if kind is None:
            self.close()
        else:
            self.kill()

    # MARK: Messages

    @staticmethod
    def _status_reason(status: int) -> Optional[str]:
        if status in (0, 1):
            return None
        return f"gazette was killed by signal {-status}" if status < 0 else f"gazette exited with status {status}"

    def _failure(self, reason: str, status: Optional[int] = None) -> GazetteProcessError:
        self._stderr_thread.join(timeout=5)
        tail = self._stderr_tail.decode("utf-8", "replace").strip()
        message = f"{reason} ({' '.join(self.command)}; {self.received} of {self.sent} records written)"
        return GazetteProcessError(message + (f"; gazette said: {tail}" if tail else ""), status, tail)
