"""The history store: runs appended in one transaction, re-runs replacing rows, two
writers at once, the schema's version, and what is kept of the chats."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cs_audit import history
from cs_audit.cli import app
from cs_audit.pipeline import audit
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _counts(path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as db:
        runs, conversations, verdicts = (
            int(db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("runs", "conversations", "verdicts")
        )
    return runs, conversations, verdicts


def test_a_week_audited_twice_is_kept_once(tmp_path: Path) -> None:
    """Two runs are kept; the conversations and verdicts of the second replace the
    first's: five conversations, seven verdicts each (six criteria and flags)."""
    kept = tmp_path / "history.sqlite"
    for _ in range(2):
        result = runner.invoke(app, ["audit", "sample_exports", "--history", str(kept), "-q"])
        assert result.exit_code == 0, result.stderr
    assert _counts(kept) == (2, 5, 35)
    with sqlite3.connect(kept) as db:
        assert db.execute("SELECT DISTINCT run_id FROM conversations").fetchall() == [(2,)]
        assert db.execute("PRAGMA user_version").fetchone() == (history.VERSION,)
        rudi = db.execute(
            "SELECT conversation, agents, score, first_response_seconds FROM conversations"
            " WHERE customer = 'Rudi Hartono'"
        ).fetchone()
    assert rudi == (0, '["Toko Maju"]', 23.5, 57060.0)


def test_chat_text_is_kept_only_when_asked(tmp_path: Path) -> None:
    """Without --history-quotes no quoted line is kept and the reasons' quotes of the
    chat become "…"; with it both are kept, and --redact masks what is kept."""
    plain, quoted = tmp_path / "plain.sqlite", tmp_path / "quoted.sqlite"
    runner.invoke(app, ["audit", "sample_exports", "--history", str(plain), "-q"])
    runner.invoke(
        app,
        ["audit", "sample_exports", "--history", str(quoted), "--history-quotes", "--redact"],
    )
    query = (
        "SELECT v.reason, v.quote, c.customer FROM verdicts v JOIN conversations c"
        " ON v.conversation_id = c.id WHERE v.criterion = 'greeting' AND c.file LIKE '%+62%'"
    )
    with sqlite3.connect(plain) as db:
        assert db.execute(query).fetchone() == (
            'the first reply greets ("…")',
            None,
            "+62 812-3456-7890",
        )
    with sqlite3.connect(quoted) as db:
        reason, quote, customer = db.execute(query).fetchone()
    assert reason == 'the first reply greets ("selamat siang")'
    assert quote.startswith("Selamat siang kak, mohon maaf atas ketidaknyamanannya")
    assert customer == "+62 8••-••••-••90"


def test_an_interrupted_write_leaves_the_history_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure halfway through a run (here the third conversation) rolls the whole
    run back: the history holds the earlier run only."""
    kept = tmp_path / "history.sqlite"
    result = audit([ROOT / "sample_exports"])
    history.record(kept, result, at=datetime(2026, 11, 23, 9), inputs=["sample_exports"])
    before = _counts(kept)
    calls = 0
    real = history._conversation

    def failing(*args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(history, "_conversation", failing)
    with pytest.raises(KeyboardInterrupt):
        history.record(kept, result, at=datetime(2026, 11, 30, 9), inputs=["sample_exports"])
    assert _counts(kept) == before == (1, 5, 35)


def test_two_writers_at_once_both_land(tmp_path: Path) -> None:
    """Two processes writing one history at the same moment take turns: both runs,
    and both folders' conversations, are there."""
    kept = tmp_path / "history.sqlite"
    other = tmp_path / "Chat WhatsApp dengan Budi.txt"
    other.write_text(
        "16/11/26 09.00 - Budi: Halo kak, kemeja batik parang harganya brp?\n"
        "16/11/26 09.02 - Rina: Halo kak, Rp150rb aja. Ukuran apa kak?\n",
        encoding="utf-8",
    )
    script = Path(sys.executable).parent / "cs-audit"
    runs = [
        subprocess.Popen(
            [
                str(script),
                "audit",
                str(path),
                "--history",
                str(kept),
                "-q",
                "-f",
                "csv",
                "-a",
                "Rina",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        for path in (ROOT / "sample_exports", other)
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0]
    assert _counts(kept)[:2] == (2, 6)


def test_the_schema_is_brought_forward_and_a_newer_one_refused(tmp_path: Path) -> None:
    """An empty database (version 0) is given the schema; one a newer cs-audit wrote is
    a usage error naming it, and left alone."""
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    result = runner.invoke(app, ["audit", "sample_exports", "--history", str(empty), "-q"])
    assert result.exit_code == 0
    assert _counts(empty) == (1, 5, 35)
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version = {history.VERSION + 1}")
    result = runner.invoke(app, ["audit", "sample_exports", "--history", str(newer), "-q"])
    assert (result.exit_code, result.stderr) == (
        2,
        f"--history {newer.as_posix()}: was written by a newer cs-audit (schema "
        f"{history.VERSION + 1}, this one knows {history.VERSION}); upgrade cs-audit, or give "
        "another --history file\n",
    )


def test_a_file_that_is_no_database_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database", encoding="utf-8")
    result = runner.invoke(app, ["audit", "sample_exports", "--history", str(bad), "-q"])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"--history {bad.as_posix()}: cannot be written (")
    assert bad.read_text(encoding="utf-8") == "not a database"


def test_the_config_names_the_history_file(tmp_path: Path) -> None:
    """[history] file = "..." is read relative to the config, so a team sets it once."""
    config = tmp_path / "cs-audit.toml"
    config.write_text('[history]\nfile = "audits.sqlite"\n', encoding="utf-8")
    result = runner.invoke(app, ["audit", "sample_exports", "-c", str(config), "-q"])
    assert result.exit_code == 0
    assert _counts(tmp_path / "audits.sqlite") == (1, 5, 35)


WEEKS = {
    # three weekly folders: Rina fast, Rina slow, then Dimas and Rina
    "w46": (
        "10/11/26 09.00 - Budi: Halo kak, kemeja batik parang L ada?\n"
        "10/11/26 09.10 - Toko Maju: Halo kak Budi, selamat pagi. Ada kak, ukuran L ready. "
        "Mau warna apa kak?\n- Rina\n"
        "10/11/26 09.12 - Budi: biru kak\n"
        "10/11/26 09.15 - Toko Maju: Siap kak, biru ready. Terima kasih kak, ditunggu "
        "ordernya\n- Rina\n"
    ),
    "w47": (
        "17/11/26 09.00 - Budi: Halo kak, kemeja batik parang M ada?\n"
        "17/11/26 11.30 - Toko Maju: Halo kak Budi, selamat siang. Ada kak, ukuran M ready. "
        "Mau warna apa kak?\n- Rina\n"
        "17/11/26 11.32 - Budi: merah kak\n"
        "17/11/26 11.40 - Toko Maju: Siap kak, merah ready. Terima kasih kak\n- Rina\n"
    ),
    "w48": (
        "24/11/26 09.00 - Budi: Halo kak, kemeja batik parang S ada?\n"
        "24/11/26 09.05 - Toko Maju: Halo kak Budi, selamat pagi. Ada kak, ukuran S ready. "
        "Mau warna apa kak?\n- Dimas\n"
        "24/11/26 09.06 - Budi: hijau kak\n"
        "24/11/26 09.09 - Toko Maju: Hijau habis kak, saya teruskan ke Rina ya\n- Dimas\n"
        "24/11/26 09.20 - Toko Maju: Halo kak, Rina di sini. Hijau masuk Jumat kak. "
        "Terima kasih kak\n- Rina\n"
    ),
}


@pytest.fixture
def three_weeks(tmp_path: Path) -> Path:
    """A history of three weekly audits."""
    kept = tmp_path / "history.sqlite"
    for week, chat in WEEKS.items():
        folder = tmp_path / week
        folder.mkdir()
        (folder / "Chat WhatsApp dengan Budi.txt").write_text(chat, encoding="utf-8")
        result = runner.invoke(app, ["audit", str(folder), "--history", str(kept), "-q"])
        assert result.exit_code == 0, result.stderr
    return kept


def test_trend_per_agent_and_week(three_weeks: Path) -> None:
    """The weeks the history holds, per agent: as CSV for scripts, as a table for people,
    the last N weeks, one agent's rows."""
    csv_rows = runner.invoke(app, ["trend", "--history", str(three_weeks), "-f", "csv"])
    assert csv_rows.exit_code == 0
    assert csv_rows.stdout.splitlines()[1:] == [
        "2026-W46,Rina,1,100,1,1,1,1,1,1,600,1",
        "2026-W47,Rina,1,76.5,0,1,1,1,1,1,9000,0.5",
        "2026-W48,Dimas,1,100,1,1,1,1,1,1,300,1",
        "2026-W48,Rina,1,100,1,1,1,1,1,1,300,1",
    ]
    two = runner.invoke(
        app, ["trend", "--history", str(three_weeks), "--weeks", "2", "-a", "Rina", "-f", "json"]
    )
    assert [(r["week"], r["mean_score"]) for r in json.loads(two.stdout)] == [
        ("2026-W47", 76.5),
        ("2026-W48", 100),
    ]
    table = runner.invoke(app, ["trend", "--history", str(three_weeks)])
    lines = [line.rstrip() for line in table.stdout.splitlines()]
    assert " week      agent     n  score  spd  grt  ask  ans  acc  cls   1st  SLA" in lines
    assert " 2026-W47  Rina      1     76    0  100  100  100  100  100  2h30   50" in lines


def test_trend_of_a_missing_or_foreign_file_is_a_usage_error(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["trend", "--history", str(tmp_path / "none.sqlite")])
    assert (missing.exit_code, missing.stderr) == (
        2,
        f"--history {(tmp_path / 'none.sqlite').as_posix()}: does not exist; give the file "
        "audits kept\n",
    )
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a database", encoding="utf-8")
    result = runner.invoke(app, ["trend", "--history", str(foreign)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"--history {foreign.as_posix()}: cannot be read (")


def test_the_week_before_comes_from_the_history(tmp_path: Path) -> None:
    """Auditing week 48 alone with a history that kept weeks 46 and 47: the previous
    week's figures come from the history, without its exports, and with a history a
    closed period is compared without being asked; without one, it is not."""
    kept = tmp_path / "history.sqlite"
    folders = {}
    for week, chat in WEEKS.items():
        folders[week] = tmp_path / week
        folders[week].mkdir()
        (folders[week] / "Chat WhatsApp dengan Budi.txt").write_text(chat, encoding="utf-8")
    for week in ("w46", "w47"):
        runner.invoke(app, ["audit", str(folders[week]), "--history", str(kept), "-q"])
    args = ["audit", str(folders["w48"]), "--week", "2026-W48", "-f", "csv", "-q"]
    compared = runner.invoke(app, [*args, "--history", str(kept)])
    assert compared.exit_code == 0
    header, *rows = compared.stdout.splitlines()
    assert header.endswith(
        "previous_conversations,previous_mean_score,mean_score_change,previous_sla_share,"
        "sla_share_change"
    )
    assert [row.split(",")[0] + "," + ",".join(row.split(",")[-5:]) for row in rows] == [
        "Dimas,0,,,,",
        "Rina,1,76.5,23.5,0.5,",
    ]
    alone = runner.invoke(app, args)
    assert "previous" not in alone.stdout.splitlines()[0]
    document = runner.invoke(app, [*args[:-3], "-f", "json", "--history", str(kept), "-q"])
    agents = json.loads(document.stdout)["agents"]
    assert [(a["agent"], a["previous"]) for a in agents] == [
        ("Dimas", {"conversations": 0, "mean_score": None, "sla_share": None}),
        ("Rina", {"conversations": 1, "mean_score": 76.5, "sla_share": 0.5}),
    ]


def test_trend_workbook_charts_each_agents_week(three_weeks: Path, tmp_path: Path) -> None:
    """--xlsx: a Trend sheet of mean scores (a week a row, an agent a column) under a
    line chart, one line an agent, and a Figures sheet of every row."""
    import openpyxl  # noqa: PLC0415

    out = tmp_path / "trend.xlsx"
    result = runner.invoke(app, ["trend", "--history", str(three_weeks), "--xlsx", str(out)])
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out.as_posix()} (2 sheets, 4 rows)\n"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Trend", "Figures"]
    trend = book["Trend"]
    assert list(trend.iter_rows(values_only=True)) == [
        ("week", "Dimas", "Rina"),
        ("2026-W46", None, 100),
        ("2026-W47", None, 76.5),
        ("2026-W48", 100, 100),
    ]
    [chart] = trend._charts  # type: ignore[attr-defined]
    assert [s.marker.symbol for s in chart.series] == ["circle", "circle"]
    figures = list(book["Figures"].iter_rows(values_only=True))
    assert figures[0][:4] == ("week", "agent", "conversations", "mean_score")
    assert figures[2][:4] == ("2026-W47", "Rina", 1, 76.5)


def test_a_trend_workbook_never_turns_a_name_into_a_formula(tmp_path: Path) -> None:
    """An agent whose signature reads "=HYPERLINK(...)" stays text in both sheets."""
    import openpyxl  # noqa: PLC0415

    from cs_audit.history import TREND_COLUMNS  # noqa: PLC0415
    from cs_audit.render.excel import trend_workbook  # noqa: PLC0415

    row = dict.fromkeys(TREND_COLUMNS)
    row.update(week="2026-W47", agent='=HYPERLINK("http://x.example","klik")', conversations=1)
    out = tmp_path / "trend.xlsx"
    out.write_bytes(trend_workbook([row]))
    book = openpyxl.load_workbook(out)
    for cell in (book["Trend"]["B1"], book["Figures"]["B2"]):
        assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x.example","klik")', "s")


def test_a_history_that_cannot_be_written_is_said_before_the_audit(tmp_path: Path) -> None:
    """A folder given as the history, or a file that is no database: exit 2 with the
    one line, and no audit run first (no scorecard printed, then thrown away)."""
    folder = runner.invoke(app, ["audit", "sample_exports", "--history", str(tmp_path)])
    assert (folder.exit_code, folder.stdout, folder.stderr) == (
        2,
        "",
        f"--history {tmp_path.as_posix()}: is not a file; give a file's path\n",
    )
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database", encoding="utf-8")
    result = runner.invoke(app, ["audit", "sample_exports", "--history", str(bad)])
    assert (result.exit_code, result.stdout) == (2, "")
