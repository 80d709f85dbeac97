"""What every command shares: the Typer app, its options, how a failure becomes
one stderr line and an exit status, and how warnings are told."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cs_audit import __version__
from cs_audit.errors import CsAuditError, ExitCode, bug_site
from cs_audit.models import DateOrder, Notice

if TYPE_CHECKING:
    from cs_audit.config import AuditConfig


app = typer.Typer(
    name="cs-audit",
    help="Audit customer-service WhatsApp chat exports.",
    no_args_is_help=True,
    add_completion=False,
    # A pretty traceback would print local variables: chat text. Errors are one line.
    pretty_exceptions_enable=False,
)


Paths = Annotated[
    list[Path],
    typer.Argument(
        help="Export .txt or .zip files, or folders searched for them.",
        show_default=False,
        metavar="PATH",
    ),
]
DateOrderOption = Annotated[
    DateOrder,
    typer.Option(
        "--date-order", help="Date order for files whose dates do not tell it (auto: day first)."
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="A TOML config (see cs-audit init).", show_default=False),
]
AgentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--agent", "-a", help="An author on the business side (repeatable).", show_default=False
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        min=1,
        show_default="the machine's cores",
        help=(
            "Processes: a folder's files are read (in audit, judged) on this many "
            "cores, a large export is parsed on all of them; the output is the same for "
            "any number."
        ),
    ),
]

QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No warnings and no progress display (errors still print)."),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose", "-v", help="Every file's warning on its own line, however many share one."
    ),
]


def say(line: str) -> None:
    """One line on stderr, printed as written (never read as markup)."""
    print(line, file=sys.stderr, flush=True)


def warn(notice: Notice, clean: Callable[[str], str] = str) -> None:
    say(clean(f"{where(notice)}: warning: {notice.message}; {notice.hint}"))


def where(notice: Notice) -> str:
    return notice.file if notice.line is None else f"{notice.file}:{notice.line}"


class Warnings:
    """The files' warnings, told at the end, grouped: a warning that more than
    ``SHOWN`` files share is one line with their count and the first few (a folder of
    fourteen undated exports is not fourteen lines). ``verbose`` tells each on its own
    line; ``quiet`` tells none."""

    SHOWN = 3

    def __init__(self, clean: Callable[[str], str], *, verbose: bool, quiet: bool) -> None:
        self.clean, self.verbose, self.quiet = clean, verbose, quiet
        self.kinds: dict[tuple[str, str], list[Notice]] = {}
        self.unlisted: dict[str, int] = {}  # names off the roster, and in how many files

    def add(self, notices: Iterable[Notice], unlisted: Iterable[str] = ()) -> None:
        for notice in notices:
            self.kinds.setdefault((notice.message, notice.hint), []).append(notice)
        for name in unlisted:
            self.unlisted[name] = self.unlisted.get(name, 0) + 1

    def tell(self) -> None:
        if self.quiet:
            return
        for (message, hint), notices in self.kinds.items():
            if self.verbose or len(notices) <= self.SHOWN:
                for notice in notices:
                    warn(notice, self.clean)
                continue
            first = ", ".join(where(n) for n in notices[: self.SHOWN])
            more = len(notices) - self.SHOWN
            say(
                self.clean(
                    f"warning: {len(notices)} files: {message}; {hint} ({first} and {more} "
                    "more; --verbose lists every file)"
                )
            )
        if self.unlisted:  # once for the run, naming them all
            names = ", ".join(
                f"{name} ({n} file{'s' if n > 1 else ''})" for name, n in self.unlisted.items()
            )
            say(
                self.clean(
                    f"warning: replies are signed by agents the roster ([[agents]]) leaves out: "
                    f"{names}; their replies count as the business account's; add them under "
                    "[[agents]] in the config"
                )
            )


@contextmanager
def guarded() -> Iterator[None]:
    """Turn every failure into one stderr line and a documented exit status."""
    try:
        yield
    except CsAuditError as error:
        say(str(error))
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
        say("cs-audit: interrupted")
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    except Exception as error:  # a bug: say where, never what (it may quote chat text)
        say(
            f"cs-audit: internal error ({bug_site(error)}); please report it with the command "
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


def load_audit_config(path: Path | None, agents: list[str] | None) -> AuditConfig:
    """The config file's settings (or the defaults), with --agent names added."""
    from cs_audit.config import AuditConfig, load_config  # noqa: PLC0415

    config = load_config(path) if path else AuditConfig()
    return config.with_agents(tuple(agents)) if agents else config


def stream(parts: Iterable[str], clean: Callable[[str], str]) -> None:
    """Write text to stdout as it is made, cleaned and encoded some 64 KiB at a time
    (the pieces are whole lines or rows, so nothing to clean is cut in two)."""
    out, batch, size = sys.stdout.buffer, [], 0
    for part in parts:
        batch.append(part)
        size += len(part)
        if size >= 1 << 16:
            out.write(clean("".join(batch)).encode("utf-8"))
            batch, size = [], 0
    out.write(clean("".join(batch)).encode("utf-8"))
    out.flush()
