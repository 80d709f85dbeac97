"""`cs-audit check` for CI: the bar, the exit status, JUnit XML and GitHub annotations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cs_audit.cli import app
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def test_transcripts_below_the_bar_fail(tmp_path: Path) -> None:
    """Two samples miss 80: exit 1, each printed with its failing criteria and lines."""
    junit = tmp_path / "report.xml"
    result = runner.invoke(app, ["check", "sample_exports", "--junit", str(junit)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "FAIL sample_exports/Chat WhatsApp dengan Rudi Hartono.txt"
    assert lines[1] == (
        "  score 23.5 < 80: response_speed: a turn waited 15h51 (calendar time), over the 1h00 "
        "target"
    )
    assert lines[2] == (
        "    sample_exports/Chat WhatsApp dengan Rudi Hartono.txt:1: Min, jaket "
        "yang saya terima sobek di bagian ketiak"
    )
    assert "FAIL sample_exports/WhatsApp Chat with Jessica Miller.txt" in lines
    assert lines[-1] == "3 of 5 transcript(s) pass (score >= 80)"
    suite = ET.parse(junit).getroot()
    assert (suite.tag, suite.get("tests"), suite.get("failures")) == ("testsuite", "5", "2")
    failed = [case.get("name") for case in suite if case.find("failure") is not None]
    assert failed == [
        "sample_exports/Chat WhatsApp dengan Rudi Hartono.txt",
        "sample_exports/WhatsApp Chat with Jessica Miller.txt",
    ]


def test_all_pass_exits_zero() -> None:
    """A low enough bar: every transcript passes, exit 0."""
    result = runner.invoke(app, ["check", "sample_exports", "--min-score", "0"])
    assert (result.exit_code, result.stdout) == (0, "5 of 5 transcript(s) pass (score >= 0)\n")


def test_required_criterion() -> None:
    """--require greeting fails only the transcript whose first reply does not greet."""
    result = runner.invoke(
        app, ["check", "sample_exports", "--min-score", "0", "--require", "greeting"]
    )
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "FAIL sample_exports/Chat WhatsApp dengan Rudi Hartono.txt",
        '  required greeting is fail: the first reply does not greet: "itu bukan dari kami '
        'kak, waktu packing masih bagus. mungkin…"',
    ]


def test_github_annotations(monkeypatch: pytest.MonkeyPatch) -> None:
    """On GitHub Actions, each miss is also an ::error annotation at its file and line."""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(
        app, ["check", "sample_exports", "--min-score", "0", "--require", "polite_closing"]
    )
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert annotations == [
        "::error file=sample_exports/Chat WhatsApp dengan Rudi Hartono.txt,line=10,"
        "title=cs-audit check::required polite_closing is fail: the last reply does not close "
        'politely: "yaudah deh kak saya kasih diskon 50%25 buat pembelian berikut…"'
    ]


def test_unknown_criterion_is_a_usage_error() -> None:
    """--require with a name that is no criterion says which names there are."""
    result = runner.invoke(app, ["check", "sample_exports", "--require", "speed"])
    assert result.exit_code == 2
    assert result.stderr.startswith("--require speed: is not a criterion; use one of: ")


def test_unreadable_transcripts_are_input_errors(tmp_path: Path) -> None:
    """A broken export is not a weak transcript: stderr, exit 3, a JUnit <error>."""
    (tmp_path / "prose.txt").write_text("junk\n", encoding="utf-8")
    (tmp_path / "ctl.txt").write_text(
        "16/11/26 09.00 - Budi: Halo \x01\x1b[2J kak\n16/11/26 09.05 - Toko Maju: Halo kak\n",
        encoding="utf-8",
    )
    junit = tmp_path / "r.xml"
    result = runner.invoke(app, ["check", str(tmp_path), "-a", "Toko Maju", "--junit", str(junit)])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"{tmp_path.as_posix()}/prose.txt: has no WhatsApp")
    assert "\x1b" not in result.stdout
    suite = ET.parse(junit).getroot()  # valid XML despite the control characters
    assert (suite.get("errors"), suite.get("failures")) == ("1", "1")
