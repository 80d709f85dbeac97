"""The project's exceptions and the exit codes the CLI turns them into."""

from __future__ import annotations

import re
from enum import IntEnum
from pathlib import Path
from types import TracebackType


class ExitCode(IntEnum):
    """Exit statuses of every command, as documented in the README."""

    OK = 0
    CHECK_FAILED = 1  # cs-audit check: a transcript missed the bar
    USAGE = 2  # click's own status for a bad option or argument
    INPUT = 3
    OUTPUT = 4  # an output file, or the run's temporary files, could not be written
    INTERNAL = 70  # EX_SOFTWARE: a bug in cs-audit
    INTERRUPTED = 130


class CsAuditError(Exception):
    """Base of every error cs-audit raises on purpose.

    ``str(error)`` is one line: where, what is wrong, what to do.
    """

    exit_code = ExitCode.INTERNAL

    def __init__(self, where: str, problem: str, hint: str) -> None:
        super().__init__(where, problem, hint)
        self.where = where
        self.problem = problem
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}; {self.hint}"


class IngestError(CsAuditError):
    """An input is missing, unreadable or not a WhatsApp export."""

    exit_code = ExitCode.INPUT


class ConfigError(CsAuditError):
    """The config file (or an option) asks for something impossible."""

    exit_code = ExitCode.USAGE


class RolesError(CsAuditError):
    """A chat whose customer cannot be told from the business side."""

    exit_code = ExitCode.INPUT


class InternalError(CsAuditError):
    """A bug in cs-audit met while reading, judging or rendering one input: that input
    is reported, the others are still audited, and the run ends with status 70."""

    exit_code = ExitCode.INTERNAL

    @classmethod
    def of(cls, where: str, error: BaseException) -> InternalError:
        """The bug ``error`` met on ``where``, named by its type and the innermost place in
        cs-audit it was raised from, never by its text (it may quote a chat)."""
        return cls(
            where,
            f"could not be audited (internal error: {bug_site(error)})",
            "please report it",
        )


_PACKAGE = Path(__file__).resolve().parent


def bug_site(error: BaseException) -> str:
    """``TYPE at module.py:LINE``: the innermost frame of the traceback inside cs_audit,
    not the pool's ``concurrent/futures/_base.py`` that re-raised a worker's error (whose
    traceback reaches the parent as text: only its ``File "...", line N`` lines are read)."""
    places: list[tuple[str, int]] = []
    tb: TracebackType | None = error.__traceback__
    while tb is not None:
        places.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    cause = error.__cause__
    if cause is not None and type(cause).__name__ == "_RemoteTraceback":
        places += [(f, int(n)) for f, n in re.findall(r'File "([^"]+)", line (\d+)', str(cause))]
    ours = [(Path(f).resolve(), n) for f, n in places if Path(f).resolve().is_relative_to(_PACKAGE)]
    if ours:
        site = f"{ours[-1][0].relative_to(_PACKAGE).as_posix()}:{ours[-1][1]}"
    elif places:  # raised from a callback handed in by the caller
        site = f"{Path(places[-1][0]).name}:{places[-1][1]}"
    else:
        site = "an unknown place"
    return f"{type(error).__name__} at {site}"
