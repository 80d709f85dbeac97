"""`cs-audit parse`: exports to one record per message, or a summary per file."""

from __future__ import annotations

import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO, NamedTuple

import typer

from cs_audit.cli.common import (
    DateOrderOption,
    Paths,
    QuietOption,
    VerboseOption,
    Warnings,
    WorkersOption,
    app,
    guarded,
    say,
)
from cs_audit.errors import CsAuditError, ExitCode, InternalError
from cs_audit.files import temporary_space
from cs_audit.ingest import ParsedExport, Source, find_sources, read_source
from cs_audit.ingest.layouts import Layout
from cs_audit.ingest.parser import in_the_run, order_of_siblings, told_order
from cs_audit.models import DateOrder, Notice
from cs_audit.parallel import can_fork, default_workers, fork_map, fork_write, forks

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


class ParseFormat(StrEnum):
    """Output formats of ``cs-audit parse``."""

    JSONL = "jsonl"
    CSV = "csv"
    SUMMARY = "summary"


_RENDER_SLICE = 8192  # messages a worker renders at a time
_PARALLEL_RENDER = 200_000  # below this, forking workers costs more than it saves


def _render_slice(shared: tuple[ParsedExport, ParseFormat], span: tuple[int, int]) -> bytes:
    """One slice of a parsed export as output bytes (runs in a forked worker)."""
    from cs_audit.render.csv import render_csv  # noqa: PLC0415
    from cs_audit.render.jsonl import render_jsonl  # noqa: PLC0415

    parsed, fmt = shared
    render = render_csv if fmt is ParseFormat.CSV else render_jsonl
    return render(parsed, *span).encode("utf-8")


def _writer(
    fmt: ParseFormat, out: BinaryIO, workers: int, *, header: bool = True
) -> Callable[[ParsedExport], None]:
    if fmt is ParseFormat.CSV and header:
        from cs_audit.render.csv import csv_header  # noqa: PLC0415

        out.write(csv_header().encode())

    def write(parsed: ParsedExport) -> None:
        size = len(parsed)
        spans = [
            (start, min(start + _RENDER_SLICE, size)) for start in range(0, size, _RENDER_SLICE)
        ]
        used = workers if size >= _PARALLEL_RENDER else 1
        try:
            fd = out.fileno()
        except (AttributeError, OSError, ValueError):  # not a real file (tests, wrappers)
            fd = -1
        if fd >= 0 and used > 1 and can_fork():
            out.flush()  # workers write to the descriptor itself, after what is buffered
            fork_write(_render_slice, spans, shared=(parsed, fmt), workers=used, fd=fd)
            return
        for block in fork_map(_render_slice, spans, shared=(parsed, fmt), workers=used):
            out.write(block)

    return write


# an export this big is parsed and rendered alone, on all cores (see _writer); smaller
# ones are each parsed and rendered whole by one worker, many at once, in runs of at
# most _RUN_BYTES of text: what waits to be written never outgrows a run's records
_ALONE_BYTES = 8 * 2**20
_RUN_BYTES = 16 * 2**20


class _Read(NamedTuple):
    """One export parsed and rendered by a worker."""

    file: str
    notices: tuple[Notice, ...]
    data: bytes  # its records
    error: CsAuditError | None  # a bug met while rendering: the records after it are lost
    layout: Layout
    told: DateOrder | None  # the date order its own dates tell (told_order)


def _read_one(
    shared: tuple[DateOrder, ParseFormat], source: Source | CsAuditError
) -> _Read | ParsedExport | CsAuditError:
    """A file's records (its parsed export, for the summary), in a worker; a file that
    cannot be read, or a bug, costs that file alone."""
    if isinstance(source, CsAuditError):  # a path missing, a zip unreadable
        return source
    date_order, fmt = shared
    parsed = read_source(source, date_order)
    if isinstance(parsed, CsAuditError) or fmt is ParseFormat.SUMMARY:
        return parsed
    # slice by slice, as one process writes them: a bug keeps the slices before it
    done: list[bytes] = []
    for start in range(0, len(parsed), _RENDER_SLICE):
        try:
            done.append(_render_slice((parsed, fmt), (start, start + _RENDER_SLICE)))
        except Exception as error:  # a bug costs this file's records only
            error_ = InternalError.of(parsed.file, error)
            return _Read(
                parsed.file,
                parsed.notices,
                b"".join(done),
                error_,
                parsed.layout,
                told_order(parsed),
            )
    return _Read(
        parsed.file, parsed.notices, b"".join(done), None, parsed.layout, told_order(parsed)
    )


def _size(source: Source, members: dict[Path, dict[str, int]]) -> int:
    """The bytes of a chat text: a file's, or a zip member's uncompressed size (the
    zip's members listed once)."""
    try:
        if source.member is None:
            return source.path.stat().st_size
        sizes = members.get(source.path)
        if sizes is None:
            with zipfile.ZipFile(source.path) as archive:
                sizes = {info.filename: info.file_size for info in archive.infolist()}
            members[source.path] = sizes
        return sizes.get(source.member, 0)
    except (OSError, zipfile.BadZipFile):  # its worker says what is wrong
        return 0


def _read_all(
    sources: Sequence[Source | CsAuditError],
    date_order: DateOrder,
    fmt: ParseFormat,
    workers: int,
) -> Iterator[_Read | ParsedExport | CsAuditError]:
    """Every file's outcome, in order: runs of exports parsed and rendered many at once
    on ``workers`` cores, a large one alone (parsed on all of them)."""

    def read(run: list[Source | CsAuditError]) -> Iterator[_Read | ParsedExport | CsAuditError]:
        return fork_map(_read_one, run, shared=(date_order, fmt), workers=workers)

    run: list[Source | CsAuditError] = []
    held = 0  # the run's bytes of text
    members: dict[Path, dict[str, int]] = {}
    for source in sources:
        size = _size(source, members) if isinstance(source, Source) else 0
        if isinstance(source, Source) and size >= _ALONE_BYTES:
            yield from read(run)
            run, held = [], 0
            yield read_source(source, date_order, workers)
            continue
        run.append(source)
        held += size
        if held >= _RUN_BYTES:  # the run is full: read it, and start another
            yield from read(run)
            run, held = [], 0
    yield from read(run)


def _write(
    write: Callable[[ParsedExport], None] | None, parsed: ParsedExport, *, spooled: bool = False
) -> ExitCode:
    """Write one export's records; a bug costs this file's records only (a temporary
    file that cannot be written, ``spooled``, is no bug: it stops the run)."""
    if write is None:
        return ExitCode.OK
    try:
        write(parsed)
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as error:
        if spooled and isinstance(error, OSError):
            raise
        say(str(InternalError.of(parsed.file, error)))
        return ExitCode.INTERNAL
    return ExitCode.OK


class _Held:
    """The run's output from its first file whose dates leave their order open (told
    None): kept in a temporary file until the run's other files of the same layout
    have told theirs, then written in the files' order, a file that they tell is
    month-first parsed again so (parser.in_the_run). Files before it are written at
    once; a run whose files all tell their order holds nothing."""

    def __init__(self, fmt: ParseFormat, date_order: DateOrder) -> None:
        self.fmt, self.date_order = fmt, date_order
        self.told: dict[Layout, list[DateOrder]] = {}
        self.status = ExitCode.OK  # of writing held records
        self.spool: BinaryIO | None = None
        self.write: Callable[[ParsedExport], None] | None = None
        # per file held: its source, parsed export (for the summary only: records wait
        # in the spool), layout, whether its order is open, notices, and its records'
        # span in the spool
        self.files: list[
            tuple[Source, ParsedExport | None, Layout, bool, tuple[Notice, ...], int, int]
        ] = []

    def hold(self, told: DateOrder | None) -> bool:
        """Whether this file's output, and every one's after it, is held."""
        if self.spool is None and told is None and self.date_order is DateOrder.AUTO:
            with temporary_space():
                self.spool = tempfile.TemporaryFile()  # noqa: SIM115 (closed by release)
            # in one process: forked renderers would write behind the file object
            self.write = _writer(self.fmt, self.spool, 1, header=False)
        return self.spool is not None

    def add(self, source: Source, result: ParsedExport | _Read, warnings: Warnings) -> bool:
        """Take one file's outcome; whether its records are held (else the caller
        writes them, and its warnings are taken now)."""
        told = result.told if isinstance(result, _Read) else told_order(result)
        if told is not None:
            self.told.setdefault(result.layout, []).append(told)
        if not self.hold(told):
            warnings.add(result.notices)
            return False
        spool, write = self.spool, self.write
        assert spool is not None
        assert write is not None
        summary = self.fmt is ParseFormat.SUMMARY
        parsed = result if summary and isinstance(result, ParsedExport) else None
        with temporary_space():  # a full disk: said as such, not taken for a bug
            start = spool.tell()
            if isinstance(result, _Read):
                spool.write(result.data)
            elif not summary:
                self.status = max(self.status, _write(write, result, spooled=True))
        layout, notices = result.layout, result.notices
        self.files.append((source, parsed, layout, told is None, notices, start, spool.tell()))
        return True

    def release(
        self, out: BinaryIO, write: Callable[[ParsedExport], None] | None, warnings: Warnings
    ) -> tuple[dict[str, ParsedExport], ExitCode]:
        """Write what was held, in order; the parsed exports that changed, by file."""
        changed: dict[str, ParsedExport] = {}
        status = self.status
        if self.spool is None:
            return changed, status
        with temporary_space():
            self.spool.flush()
        for source, parsed, layout, open_order, notices, start, end in self.files:
            order = order_of_siblings(self.told.get(layout, ())) if open_order else None
            told_notices = in_the_run(notices, layout, order) if open_order else notices
            warnings.add(told_notices)
            if order is DateOrder.MDY:  # read as day-first: read again
                again = read_source(source, order)
                if isinstance(again, CsAuditError):  # changed since it was read
                    say(str(again))
                    status = max(status, again.exit_code)
                    continue
                changed[again.file] = replace(again, notices=told_notices)
                status = max(status, _write(write, again))
                continue
            if parsed is not None and told_notices != notices:
                changed[parsed.file] = replace(parsed, notices=told_notices)
            left = end - start
            with temporary_space():
                self.spool.seek(start)
            while left > 0:
                with temporary_space():
                    chunk = self.spool.read(min(left, 1 << 20))
                out.write(chunk)
                left -= len(chunk)
        self.spool.close()
        return changed, status


@app.command()
def parse(
    paths: Paths,
    fmt: Annotated[
        ParseFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl or csv: one record per message; summary: one line per file.",
        ),
    ] = ParseFormat.JSONL,
    date_order: DateOrderOption = DateOrder.AUTO,
    workers: WorkersOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """Read exports and print one record per message.

    Records: file, line, timestamp, author, text, kind. A file that cannot be read: exit 3.
    """
    with guarded():
        out = sys.stdout.buffer
        results: list[ParsedExport | CsAuditError] = []
        workers = workers or default_workers()
        write = None if fmt is ParseFormat.SUMMARY else _writer(fmt, out, workers)
        status = ExitCode.OK
        warnings = Warnings(str, verbose=verbose, quiet=quiet)
        sources = list(find_sources(paths))
        outcomes: Iterator[_Read | ParsedExport | CsAuditError] = (
            _read_all(sources, date_order, fmt, workers)
            if forks(workers, sources)  # many files: each parsed and rendered by a worker
            else (
                s if isinstance(s, CsAuditError) else read_source(s, date_order, workers)
                for s in sources
            )
        )
        held = _Held(fmt, date_order)
        for source, result in zip(sources, outcomes, strict=True):
            if isinstance(result, CsAuditError):
                status = max(status, result.exit_code)
                say(str(result))
            elif isinstance(result, _Read):
                assert isinstance(source, Source)
                if result.error is not None:
                    say(str(result.error))
                    status = max(status, ExitCode.INTERNAL)
                if not held.add(source, result, warnings):
                    out.write(result.data)
                continue
            else:
                assert isinstance(source, Source)
                if not held.add(source, result, warnings):
                    status = max(status, _write(write, result))
            if write is None:
                results.append(result)
        changed, released = held.release(out, write, warnings)
        status = max(status, released)
        results = [r if isinstance(r, CsAuditError) else changed.get(r.file, r) for r in results]
        out.flush()
        warnings.tell()
        if write is None:
            from rich.console import Console  # noqa: PLC0415

            from cs_audit.render.summary import summary_table  # noqa: PLC0415

            Console(highlight=False).print(summary_table(results))
        if status:
            raise typer.Exit(status)
