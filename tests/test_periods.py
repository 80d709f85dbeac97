"""The periods supervisors name: the dates they write, a month, last week and month."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from cs_audit.cli import app
from cs_audit.errors import ConfigError
from cs_audit.periods import last_month, last_week, month, parse_day
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-16", date(2026, 11, 16)),
        ("16/11/2026", date(2026, 11, 16)),
        ("05/11/2026", date(2026, 11, 5)),  # day first, as Indonesia writes it
        ("16-11-2026", date(2026, 11, 16)),
        ("16.11.2026", date(2026, 11, 16)),
        ("16 Nov 2026", date(2026, 11, 16)),
        ("16 November 2026", date(2026, 11, 16)),
        ("16 Agt 2026", date(2026, 8, 16)),
        ("16 Agustus 2026", date(2026, 8, 16)),
        ("1 Des 2026", date(2026, 12, 1)),
        ("3 Mei 2026", date(2026, 5, 3)),
        ("20 Okt 2026", date(2026, 10, 20)),
    ],
)
def test_the_dates_supervisors_write(text: str, day: date) -> None:
    assert parse_day(text, "--since") == day


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kemarin", "--since kemarin: is not a date"),
        ("32/11/2026", "--since 32/11/2026: is not a date"),
        ("16/11", "--since 16/11: names no whole date (day, month and year)"),
        ("Nov 2026", "--since Nov 2026: names no whole date (day, month and year)"),
    ],
)
def test_a_date_that_is_not_one_is_named(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_day(text, "--since")
    assert str(caught.value) == f"{message}; write it as 2026-11-16, 16/11/2026 or 16 Nov 2026"


def test_months_and_the_weeks_and_months_before_today() -> None:
    assert [d.date() for d in month("2026-12")] == [date(2026, 12, 1), date(2027, 1, 1)]
    assert last_week(date(2026, 11, 25)) == "2026-W47"
    assert last_week(date(2027, 1, 4)) == "2026-W53"
    assert last_month(date(2026, 12, 4)) == "2026-11"
    assert last_month(date(2027, 1, 15)) == "2026-12"


@pytest.mark.parametrize(
    "options",
    [
        ["--month", "2026-11"],
        ["--last-week", "--today", "2026-11-25"],
        ["--last-month", "--today", "04/12/2026"],
        ["--since", "16 Nov 2026", "--until", "21/11/2026"],
    ],
)
def test_every_period_form_selects_the_samples_week(options: list[str]) -> None:
    result = runner.invoke(app, ["audit", "sample_exports", "-f", "json", *options])
    assert (result.exit_code, result.stderr) == (0, "")
    assert len(json.loads(result.stdout)["conversations"]) == 5


@pytest.mark.parametrize(
    ("options", "error"),
    [
        (["--month", "2026-13"], "--month 2026-13: is not a month; write it as 2026-11"),
        (
            ["--week", "2026-W47", "--last-month"],
            "--week: cannot go with --last-month; give one period",
        ),
        (
            ["--month", "2026-11", "--since", "1/11/2026"],
            "--month: cannot go with --since/--until; give one or the other",
        ),
        (
            ["--until", "Senin"],
            "--until Senin: is not a date; write it as 2026-11-16, 16/11/2026 or 16 Nov 2026",
        ),
    ],
)
def test_a_bad_period_is_a_usage_error_naming_it(options: list[str], error: str) -> None:
    result = runner.invoke(app, ["audit", "sample_exports", *options])
    assert (result.exit_code, result.stderr) == (2, error + "\n")
