"""One file's bug costs one file: every other input is audited, every output complete."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from cs_audit import judging as judging_module
from cs_audit.cli import app
from cs_audit.criteria import judge_all
from tests.conftest import ROOT

runner = CliRunner()
BROKEN = "sample_exports/Chat WhatsApp dengan Rudi Hartono.txt"
LINE = re.compile(
    re.escape(BROKEN) + r": could not be audited \(internal error: ZeroDivisionError at "
    r"judging\.py:\d+\); please report it"
)


@pytest.fixture(autouse=True)
def _one_chat_breaks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judging Rudi Hartono's chat meets a bug (whose text quotes the chat)."""
    monkeypatch.chdir(ROOT)

    def judging(ctx: Any) -> Any:
        if "Rudi" in ctx.conversation.file:
            raise ZeroDivisionError("Min, jaket yang saya terima sobek")
        return judge_all(ctx)

    monkeypatch.setattr(judging_module, "judge_all", judging)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_json_keeps_every_other_file(workers: str) -> None:
    """JSON: the broken file is listed with status error, the four others are judged."""
    result = runner.invoke(app, ["audit", "sample_exports", "-f", "json", "-j", workers])
    assert result.exit_code == 70
    assert LINE.fullmatch(result.stderr.strip()), result.stderr
    assert "sobek" not in result.stderr
    document = json.loads(result.stdout)
    statuses = {f["file"]: f["status"] for f in document["files"]}
    assert statuses.pop(BROKEN) == "error"
    assert set(statuses.values()) == {"ok"}
    assert len(statuses) == 4
    files = {c["file"] for c in document["conversations"]}
    assert len(files) == 4
    assert BROKEN not in files


def test_table_csv_workbook_and_junit_are_complete(tmp_path: Path) -> None:
    """The scorecard, CSV rows, workbook and JUnit all carry the four good files."""
    table = runner.invoke(app, ["audit", "sample_exports", "--xlsx", str(tmp_path / "a.xlsx")])
    assert table.exit_code == 70
    assert "Scorecard per agent" in table.stdout
    assert "Rina" in table.stdout
    *_, error, wrote = table.stderr.strip().splitlines()
    assert LINE.fullmatch(error)
    assert wrote == f"wrote {(tmp_path / 'a.xlsx').as_posix()} (6 sheets, 4 conversations)"
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    rows = list(book["Files"].iter_rows(values_only=True))[1:]
    assert [(r[0], r[1]) for r in rows if r[0] == BROKEN] == [(BROKEN, "error")]
    assert len(rows) == 5
    conversations = list(book["Conversations"].iter_rows(values_only=True))[1:]
    assert len({r[0] for r in conversations}) == 4

    rows_csv = runner.invoke(app, ["audit", "sample_exports", "-f", "csv", "--by", "conversation"])
    assert rows_csv.exit_code == 70
    parsed = list(csv.DictReader(io.StringIO(rows_csv.stdout)))
    assert len({r["file"] for r in parsed}) == 4

    checked = runner.invoke(
        app, ["check", "sample_exports", "--min-score", "0", "--junit", str(tmp_path / "j.xml")]
    )
    assert checked.exit_code == 70
    assert "4 of 5 transcript(s) pass" in checked.stdout
    suite = ET.parse(tmp_path / "j.xml").getroot()
    errors = [c.get("name") for c in suite.iter("testcase") if c.find("error") is not None]
    assert errors == [BROKEN]
