"""The project's exceptions and the exit codes the CLI turns them into."""

from __future__ import annotations

from enum import IntEnum


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
