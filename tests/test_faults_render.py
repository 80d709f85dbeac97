"""A bug met while rendering one conversation in the main process costs that
conversation's file only: one line on stderr, the other rows printed, exit 70."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from cs_audit.cli import app
from cs_audit.render import rows, terminal
from tests.conftest import ROOT

runner = CliRunner()
BROKEN = "sample_exports/Chat WhatsApp dengan Rudi Hartono.txt"


def _breaks_on_rudi(real: Any) -> Any:
    def rendering(r: Any, *args: Any) -> Any:
        if "Rudi" in r.conversation.file:
            raise KeyError("Min, jaket yang saya terima sobek")
        return real(r, *args)

    return rendering


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_csv_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """CSV by conversation: the other files' rows, one stderr line for the broken one."""
    monkeypatch.setattr(rows, "conversation_row", _breaks_on_rudi(rows.conversation_row))
    result = runner.invoke(app, ["audit", "sample_exports", "-f", "csv", "--by", "conversation"])
    assert result.exit_code == 70
    assert re.fullmatch(
        re.escape(BROKEN) + r": could not be audited \(internal error: KeyError at "
        r"render/rows\.py:\d+\); please report it\n",
        result.stderr,
    )
    files = {row["file"] for row in csv.DictReader(io.StringIO(result.stdout))}
    assert len(files) == 4
    assert BROKEN not in files


def test_weakest_conversations(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table: the scorecard and the other weak conversations are still shown."""
    monkeypatch.setattr(terminal, "_weak_row", _breaks_on_rudi(terminal._weak_row))
    result = runner.invoke(app, ["audit", "sample_exports"])
    assert result.exit_code == 70
    assert "Scorecard per agent" in result.stdout
    assert "Jessica" in result.stdout
    assert "sobek" not in result.stdout + result.stderr
    assert result.stderr.startswith(f"{BROKEN}: could not be audited (internal error: KeyError")
