"""The ``cs-audit`` command: the only package that prints, exits or reads the clock.

One module per command; ``common`` holds the app, the options they share and how a
failure becomes one line on stderr and an exit status.
"""

from __future__ import annotations

# each module registers its command on the app as it is imported
from cs_audit.cli import audit, calibrate, check, init, parse, trend
from cs_audit.cli.common import app

__all__ = ["app", "audit", "calibrate", "check", "init", "main", "parse", "trend"]


def main() -> None:
    """Console-script entry point."""
    app()
