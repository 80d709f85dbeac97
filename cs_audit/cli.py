"""The ``cs-audit`` command: the only module that prints, exits or picks colours."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from cs_audit import __version__
from cs_audit.errors import CsAuditError, ExitCode, IngestError
from cs_audit.ingest import ParsedExport, read_exports
from cs_audit.models import DateOrder, Notice

app = typer.Typer(
    name="cs-audit",
    help="Audit customer-service WhatsApp chat exports.",
    no_args_is_help=True,
    add_completion=False,
    # A pretty traceback would print local variables: chat text. Errors are one line.
    pretty_exceptions_enable=False,
)


class ParseFormat(StrEnum):
    """Output formats of ``cs-audit parse``."""

    JSONL = "jsonl"
    CSV = "csv"
    SUMMARY = "summary"


def _say(line: str) -> None:
    """One line on stderr, printed as written (never read as markup)."""
    print(line, file=sys.stderr, flush=True)


def _warn(notice: Notice) -> None:
    where = notice.file if notice.line is None else f"{notice.file}:{notice.line}"
    _say(f"{where}: warning: {notice.message}; {notice.hint}")


@contextmanager
def _guarded() -> Iterator[None]:
    """Turn every failure into one stderr line and a documented exit status."""
    try:
        yield
    except CsAuditError as error:
        _say(str(error))
        raise typer.Exit(error.exit_code) from None
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other filters do.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        raise typer.Exit(ExitCode.OK) from None
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        _say("cs-audit: interrupted")
        raise typer.Exit(130) from None
    except Exception as error:  # a bug: say where, never what (it may quote chat text)
        frame = traceback.extract_tb(error.__traceback__)[-1]
        _say(
            f"cs-audit: internal error ({type(error).__name__} at "
            f"{Path(frame.filename).name}:{frame.lineno}); please report it with the command "
            "you ran (the error's text is withheld: it may quote a chat)"
        )
        raise typer.Exit(ExitCode.INTERNAL) from None


def _version(value: bool) -> None:
    if value:
        print(f"cs-audit {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
) -> None:
    """Audit customer-service WhatsApp chat exports."""


def _writer(fmt: ParseFormat, out: BinaryIO) -> Callable[[ParsedExport], None]:
    from cs_audit.render.csv import csv_header, iter_csv  # noqa: PLC0415
    from cs_audit.render.jsonl import iter_jsonl  # noqa: PLC0415

    if fmt is ParseFormat.CSV:
        out.write(csv_header().encode())
    blocks = iter_csv if fmt is ParseFormat.CSV else iter_jsonl

    def write(parsed: ParsedExport) -> None:
        for block in blocks(parsed):
            out.write(block.encode("utf-8"))

    return write


@app.command()
def parse(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Export .txt or .zip files, or folders searched for them.", show_default=False
        ),
    ],
    fmt: Annotated[
        ParseFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl or csv: one record per message; summary: one line per file.",
        ),
    ] = ParseFormat.JSONL,
    date_order: Annotated[
        DateOrder,
        typer.Option(
            "--date-order",
            help="Date order for files whose dates do not tell it (auto: day first).",
        ),
    ] = DateOrder.AUTO,
) -> None:
    """Read exports and print one record per message (file, line, timestamp, author,
    text, kind)."""
    with _guarded():
        out = sys.stdout.buffer
        results: list[ParsedExport | IngestError] = []
        write = None if fmt is ParseFormat.SUMMARY else _writer(fmt, out)
        failed = False
        for result in read_exports(paths, date_order=date_order):
            if isinstance(result, IngestError):
                failed = True
                _say(str(result))
            else:
                for notice in result.notices:
                    _warn(notice)
                if write is not None:
                    write(result)
            if write is None:
                results.append(result)
        out.flush()
        if write is None:
            from rich.console import Console  # noqa: PLC0415

            from cs_audit.render.summary import summary_table  # noqa: PLC0415

            Console(highlight=False).print(summary_table(results))
        if failed:
            raise typer.Exit(ExitCode.INPUT)


def main() -> None:
    """Console-script entry point."""
    app()
