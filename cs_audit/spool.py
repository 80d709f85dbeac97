"""Judged conversations kept in an anonymous temporary file, not in memory, and read
back as a sequence: a month of chats is not held at once."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import weakref
from array import array
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import IO, overload

from cs_audit.files import temporary_space
from cs_audit.results import ConversationResult


def second(moment: datetime) -> int:
    """A moment as whole seconds since year 1: comparable without datetime objects."""
    return moment.toordinal() * 86_400 + moment.hour * 3600 + moment.minute * 60 + moment.second


RS = "\x1e"  # between the texts of a file's conversations


class Spool:
    """Judged conversations, pickled per file into an anonymous temporary file (gone
    when closed, never named on disk): a month of chats is not held in memory. Beside
    each file's results, their texts as each function of ``render`` made them."""

    def __init__(self, render: Sequence[Callable[[ConversationResult], str]] = ()) -> None:
        self.render = tuple(render)
        with temporary_space():
            self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the finalizer)
        weakref.finalize(self, _close, self._file)
        self._ends = array("q", [0])  # segment k is bytes [_ends[k], _ends[k + 1])
        self.blob = array("q")  # per conversation: which file's results hold it
        self.position = array("q")  # and where in them
        self.start = array("q")  # its start, as second()
        self._loaded: tuple[int, list[ConversationResult]] = (-1, [])
        self._lines: tuple[int, int, list[str]] = (-1, -1, [])

    def add(self, blob: bytes, starts: Sequence[int], lines: Sequence[bytes] = ()) -> None:
        """One file's pickled results, their starts, and each rendering of them (its
        conversations' texts joined by RS, U+001E)."""
        assert len(lines) == len(self.render), "a text per rendering function"
        b = (len(self._ends) - 1) // (1 + len(self.render))
        with temporary_space():
            self._file.seek(self._ends[-1])
            for segment in (blob, *lines):
                self._file.write(segment)
                self._ends.append(self._ends[-1] + len(segment))
        for i, moment in enumerate(starts):
            self.blob.append(b)
            self.position.append(i)
            self.start.append(moment)

    def _segment(self, k: int) -> bytes:
        with temporary_space():
            self._file.seek(self._ends[k])
            return self._file.read(self._ends[k + 1] - self._ends[k])

    def get(self, index: int) -> ConversationResult:
        b = self.blob[index]
        if self._loaded[0] != b:
            data = self._segment(b * (1 + len(self.render)))
            if not data:  # a file's results always pickle to something, even []
                raise LookupError("the audit kept only its rendered lines (keep=False)")
            self._loaded = (b, pickle.loads(data))  # written by this process
        return self._loaded[1][self.position[index]]

    def line(self, index: int, rendering: int) -> str:
        b = self.blob[index]
        if self._lines[:2] != (b, rendering):
            data = self._segment(b * (1 + len(self.render)) + 1 + rendering)
            self._lines = (b, rendering, data.decode().split(RS))
        return self._lines[2][self.position[index]]


def _close(file: IO[bytes]) -> None:
    with contextlib.suppress(OSError):  # a full disk fails the flush: nothing to keep
        file.close()


class Results(Sequence[ConversationResult]):
    """The judged conversations, in file and conversation order, read back from a
    spool as they are iterated."""

    def __init__(self, spool: Spool, picks: array[int] | None = None) -> None:
        self._spool = spool
        self._picks = picks  # None: all of them

    def __len__(self) -> int:
        return len(self._spool.blob) if self._picks is None else len(self._picks)

    @overload
    def __getitem__(self, index: int) -> ConversationResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[ConversationResult]: ...
    def __getitem__(self, index: int | slice) -> ConversationResult | list[ConversationResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        where = range(len(self))[index]  # IndexError past the end, negatives counted back
        return self._spool.get(where if self._picks is None else self._picks[where])

    def __iter__(self) -> Iterator[ConversationResult]:
        get = self._spool.get
        return (get(i) for i in self._indices())

    def _indices(self) -> Sequence[int]:
        return range(len(self._spool.blob)) if self._picks is None else self._picks

    def lines(self, render: Callable[[ConversationResult], str]) -> Iterator[str] | None:
        """Each conversation's text as ``render``, one of ``audit(render=...)``, made
        it in a worker; None if the audit was not given it."""
        if render not in self._spool.render:
            return None
        rendering, line = self._spool.render.index(render), self._spool.line
        return (line(i, rendering) for i in self._indices())

    def start_seconds(self) -> list[int]:
        """Each one's start, as whole seconds since year 1."""
        starts = self._spool.start
        return [starts[i] for i in self._indices()]

    def starting(self, start: datetime, end: datetime) -> Results:
        """Those that start in [start, end)."""
        # whole seconds: a bound with a fraction (datetime.max) keeps its second in
        low = second(start) + bool(start.microsecond)
        high = second(end) + bool(end.microsecond)
        starts = self._spool.start
        picks = array("q", (i for i in self._indices() if low <= starts[i] < high))
        return Results(self._spool, picks)


class ExportSpool:
    """Parsed exports, pickled, between the audit's two passes: written by the parent
    as the first pass sends them, read by the second pass's workers (forked after it
    is flushed, they share its descriptor and read at an offset, never moving it)."""

    def __init__(self) -> None:
        with temporary_space():
            self._file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by the finalizer)
        weakref.finalize(self, _close, self._file)
        self._end = 0
        # per file, in the order added: where its export starts and how long it is
        # (-1: none); 16 bytes a file, not a tuple's 120
        self._starts = array("q")
        self._lengths = array("q")

    def add(self, blob: bytes | None) -> None:
        """Keep the next file's pickled export (None: it has none)."""
        if blob is None:
            self._starts.append(-1)
            self._lengths.append(-1)
            return
        with temporary_space():
            self._file.seek(self._end)
            self._file.write(blob)
        self._starts.append(self._end)
        self._lengths.append(len(blob))
        self._end += len(blob)

    def flush(self) -> None:
        """Before workers fork: what is buffered must be in the file they share."""
        with temporary_space():
            self._file.flush()

    def read(self, index: int) -> bytes | None:
        """The ``index``-th file's pickled export, as added (None: it has none)."""
        offset, length = self._starts[index], self._lengths[index]
        if offset < 0:
            return None
        with temporary_space():
            if hasattr(os, "pread"):
                chunks, fd = [], self._file.fileno()
                while length:
                    chunk = os.pread(fd, length, offset)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    offset, length = offset + len(chunk), length - len(chunk)
                return b"".join(chunks)
            self._file.seek(offset)  # no fork here (Windows): one process reads
            return self._file.read(length)
