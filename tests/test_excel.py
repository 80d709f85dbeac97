"""The workbook, read back with openpyxl: sheets, values, formats, no formulas from chat."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from cs_audit import cli
from cs_audit.render import excel
from tests.conftest import ROOT

runner = CliRunner()


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _workbook(tmp_path: Path, *args: str) -> openpyxl.Workbook:
    path = tmp_path / "audit.xlsx"
    result = runner.invoke(cli.app, ["audit", *args, "--xlsx", str(path), "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    return openpyxl.load_workbook(path)


def test_sheets_headers_frozen_rows_filters_and_chart(tmp_path: Path) -> None:
    """Six sheets, each with a bold frozen header and a filter, printed on A4 landscape;
    Summary opens with what was audited and when, and has its chart."""
    book = _workbook(tmp_path, "sample_exports", "--week", "2026-W47", "--today", "2026-11-23")
    assert book.sheetnames == [
        "Summary",
        "Coaching",
        "Conversations",
        "Findings",
        "Response times",
        "Files",
    ]
    for sheet in book:
        assert isinstance(sheet, Worksheet)
        top = 4 if sheet.title == "Summary" else 1  # the header's row
        assert sheet.freeze_panes == f"A{top + 1}"
        last = f"{get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert sheet.auto_filter.ref == f"A{top}:{last}"
        assert sheet.cell(top, 1).font.bold
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == Worksheet.PAPERSIZE_A4
        assert sheet.print_title_rows == f"${top}:${top}"
    summary = book["Summary"]
    assert isinstance(summary, Worksheet)
    assert (summary["A1"].value, summary["A2"].value, summary["A3"].value) == (
        "Customer-service audit: 2026-W47 (2026-11-16 to 2026-11-22)",
        "5 conversations in 5 chats; 0 files with errors; run on 2026-11-23",
        None,
    )
    assert (summary["A1"].font.bold, summary["A1"].font.size) == (True, 14)
    assert [c.value for c in summary[6]][:4] == ["Rina", 3, 12, 92.2]
    assert summary["E6"].number_format == "0%"
    assert len(summary._charts) == 1  # type: ignore[attr-defined]
    assert book["Conversations"].max_row == 7  # five conversations, one a handover
    assert book["Files"]["B2"].value == "ok"
    assert book["Files"]["B2"].alignment.vertical == "top"  # beside a wrapped file name
    # people count conversations from 1 (JSON and CSV keep the index from 0)
    for name in ("Conversations", "Findings", "Response times"):
        assert (book[name]["B1"].value, book[name]["B2"].value) == ("conversation", 1)


def test_durations_times_and_verdict_colours(tmp_path: Path) -> None:
    """Response times are Excel durations; verdicts are filled green, red or grey."""
    book = _workbook(tmp_path, "sample_exports")
    times = book["Response times"]
    assert times["I2"].value == dt.timedelta(seconds=420)
    assert times["I2"].number_format == "[h]:mm:ss"
    assert times["D2"].value == dt.datetime(2026, 11, 20, 10, 2)
    conversations = book["Conversations"]
    verdicts = {
        c.value: c.fill.start_color.rgb
        for row in conversations.iter_rows(min_row=2, min_col=10, max_col=15)
        for c in row
    }
    assert verdicts == {"pass": "00C6EFCE", "fail": "00FFC7CE", "n/a": "00EDEDED"}


def test_chat_text_is_never_a_formula(tmp_path: Path) -> None:
    """A customer's "=HYPERLINK(...)" and a control character stay text in every cell."""
    chat = tmp_path / "Chat WhatsApp dengan Budi.txt"
    chat.write_text(
        '16/11/26 09.00 - Budi: =HYPERLINK("http://x.example","klik")\x07?\n'
        "16/11/26 09.05 - Toko Maju: Halo kak, ada yang bisa dibantu?\n",
        encoding="utf-8",
    )
    book = _workbook(tmp_path, str(chat))
    findings = book["Findings"]
    at = [c.value for c in findings[1]].index("quote")
    quotes = [row[at] for row in findings.iter_rows(min_row=2) if row[at].value]
    assert any(c.value == '=HYPERLINK("http://x.example","klik")\ufffd?' for c in quotes)
    assert all(c.data_type == "s" for c in quotes)


def test_long_text_is_cut_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Text past Excel's cell limit is cut, and a Notes sheet says so."""
    monkeypatch.setattr(excel, "MAX_CELL", 40)
    book = _workbook(tmp_path, "sample_exports")
    assert all(
        len(str(c.value)) <= 40
        for row in book["Findings"].iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, str)
    )
    notes = [str(row[0].value) for row in book["Notes"].iter_rows(min_row=2)]
    assert any(note.startswith("Findings: a text of ") for note in notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a" * 12, "a" * 9 + "…"), ("😀" * 6, "😀" * 4 + "…"), ("ab😀" * 3, "ab😀ab😀a…")],
)
def test_cell_limit_counts_as_excel_does(text: str, expected: str) -> None:
    """Excel counts UTF-16 units: an emoji is two of its 32,767, and is never cut in half."""
    assert excel._cut(text, 9) + "…" == expected
    assert excel._utf16_units(expected) <= 10


def test_a_failed_write_keeps_the_previous_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written atomically: a run that fails leaves the last workbook whole, no temp file."""
    path = tmp_path / "audit.xlsx"
    assert runner.invoke(cli.app, ["audit", "sample_exports", "--xlsx", str(path)]).exit_code == 0
    before = path.read_bytes()

    def broken(*args: object, **kwargs: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cs_audit.files.os.fsync", broken)
    result = runner.invoke(cli.app, ["audit", "sample_exports", "--xlsx", str(path)])
    assert result.exit_code == 4
    assert result.stderr.endswith(
        "audit.xlsx: cannot be written (no space left on device); check the folder exists "
        "and is writable\n"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.xlsx"]


def test_redacted_workbook_has_no_phone_numbers(tmp_path: Path) -> None:
    """--redact masks phone numbers in every sheet, file names included."""
    book = _workbook(tmp_path, "sample_exports", "--redact")
    cells = [
        str(c.value)
        for sheet in book
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert not any("3456-7890" in cell for cell in cells)
    assert any("••-••••-••90" in cell for cell in cells)


def test_rows_past_the_limit_are_left_out_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each listing sheet stops at Excel's last row, its filter covering what is there."""
    monkeypatch.setattr(excel, "MAX_ROWS", 5)  # 5 sample files, 5 conversations
    book = _workbook(tmp_path, "sample_exports")
    for title in ("Conversations", "Findings", "Response times", "Files"):
        sheet = book[title]
        assert (sheet.max_row, sheet.auto_filter.ref.split(":")[1][1:]) == (5, "5"), title
    notes = [str(row[0].value) for row in book["Notes"].iter_rows(min_row=2)]
    assert notes == [  # the Summary too: its title lines come first
        f"{title}: rows past Excel's 5 were left out"
        for title in ("Summary", "Conversations", "Findings", "Response times", "Files")
    ]


def test_markup_characters_and_edge_spaces_survive(tmp_path: Path) -> None:
    """Names with &, < and > and a leading space read back exactly as written."""
    name = " Budi & <Co>"
    chat = tmp_path / f"Chat WhatsApp dengan {name}.txt"
    chat.write_text(
        f"16/11/26 09.00 - {name}: Halo <b>kak</b> & salam\n"
        "16/11/26 09.01 - Toko Maju: Halo kak, ada yang bisa dibantu?\n"
    )
    book = _workbook(tmp_path, str(chat))
    assert book["Conversations"]["C2"].value == name
    assert book["Files"]["A2"].value == chat.as_posix()
    assert book["Response times"]["C2"].value == name


def _cells(book: openpyxl.Workbook) -> dict[str, list[tuple[object, str, str | None]]]:
    return {
        sheet.title: [
            (c.value, c.number_format, c.fill.fgColor.rgb if c.fill.fill_type else None)
            for row in sheet.iter_rows()
            for c in row
        ]
        for sheet in book.worksheets
    }


@pytest.mark.parametrize("workers", ["1", "2"])
def test_rows_rendered_by_workers_match_the_library_workbook(tmp_path: Path, workers: str) -> None:
    """The CLI's workbook (rows rendered as files are judged) is, cell for cell, the
    one the library writes from a finished audit."""
    from cs_audit.pipeline import audit  # noqa: PLC0415

    cli_book = _workbook(tmp_path, "sample_exports", "--workers", workers, "--today", "2026-11-23")
    library = tmp_path / "library.xlsx"
    result = audit([Path("sample_exports")])
    title = excel.title_lines(result, "2026-11-16 to 2026-11-21", dt.date(2026, 11, 23))
    library.write_bytes(excel.audit_workbook(result, title=title))
    assert _cells(cli_book) == _cells(openpyxl.load_workbook(library))
    assert sum(len(cells) for cells in _cells(cli_book).values()) > 500


def test_an_unwritten_workbook_leaves_one_line_on_stderr(tmp_path: Path) -> None:
    """Set up before the audit, a workbook that is never written (a usage error found
    late, an unwritable path) is let go quietly: stderr holds only the error."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    def run(*args: str) -> tuple[int, list[str]]:
        done = subprocess.run(
            [sys.executable, "-m", "cs_audit", "audit", "sample_exports", "-q", "-f", "csv", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.returncode, done.stderr.splitlines()

    code, err = run("--xlsx", str(tmp_path / "no" / "such" / "audit.xlsx"))
    assert code == 4
    assert len(err) == 1
    assert err[0].endswith(
        "cannot be written (no such file or directory); check the folder exists and is writable"
    )
    code, err = run("--xlsx", str(tmp_path / "audit.xlsx"), "--compare-previous")
    assert (code, len(err)) == (2, 1)
    assert "--compare-previous: needs a period" in err[0]
    assert not (tmp_path / "audit.xlsx").exists()


def test_full_temporary_space_is_said_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Temporary files that cannot be written: one line naming their folder, exit 4."""

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cs_audit.spool.tempfile.TemporaryFile", full)
    result = runner.invoke(cli.app, ["audit", "sample_exports", "-f", "csv"])
    assert result.exit_code == 4
    assert result.stderr.endswith(
        ": cannot hold cs-audit's temporary files (no space left on device); free space "
        "there, or point TMPDIR at a folder with room\n"
    )


def test_coaching_shows_each_agents_weakest_conversations(tmp_path: Path) -> None:
    """Weakest agent first; per agent the weakest conversations that failed something,
    what failed, why, the quoted line wrapped whole, and where."""
    book = _workbook(tmp_path, "sample_exports")
    coaching = book["Coaching"]
    rows = list(coaching.iter_rows(values_only=True))
    assert rows[0] == (
        "agent",
        "mean score",
        "conversation",
        "score",
        "failed",
        "first failing reason",
        "quote",
        "where",
    )
    assert rows[1] == (
        "Toko Maju",
        23.5,
        "sample_exports/Chat WhatsApp dengan Rudi Hartono.txt #1 (Rudi Hartono)",
        23.5,
        "response_speed, greeting, needs_inquiry, accurate_concise, polite_closing",
        "a turn waited 15h51 (calendar time), over the 1h00 target",
        "Min, jaket yang saya terima sobek di bagian ketiak",
        "sample_exports/Chat WhatsApp dengan Rudi Hartono.txt:1",
    )
    assert rows[2][:4] == (
        "Rina",
        92.2,
        "sample_exports/WhatsApp Chat with Jessica Miller.txt #1 (Jessica Miller)",
        76.5,
    )
    assert rows[2][6] == (
        "Last time your colleague told me this:\n[18/11/26 14.10.02] Toko Maju: Ongkir ke "
        "Singapura Rp 150.000\nIs the price different now?"
    )
    assert len(rows) == 3  # Dimas failed nothing
    assert coaching["G3"].alignment.wrap_text
    # a row is as tall as its wrapped text: the three-line quote shows three lines
    assert coaching.row_dimensions[3].height == 45
    assert (coaching["A3"].alignment.vertical, coaching["D3"].alignment.vertical) == ("top", "top")
    summary = book["Summary"]  # a long header wraps in a narrow column, its row taller
    assert summary["H4"].value == "answers questions pass rate"
    assert summary.row_dimensions[4].height == 45


def test_findings_name_the_agent_and_keep_the_whole_quote(tmp_path: Path) -> None:
    """Each finding names the agent of the turn its line stands in (in a handover, each
    their own); quotes are whole and wrapped."""
    book = _workbook(tmp_path, "sample_exports")
    findings = book["Findings"]
    header = [c.value for c in findings[1]]
    assert header[:5] == ["file", "conversation", "customer", "agent", "criterion or flag"]
    rows = [
        dict(zip(header, r, strict=True)) for r in findings.iter_rows(min_row=2, values_only=True)
    ]
    handover = [r for r in rows if r["customer"] == "+62 812-3456-7890"]
    assert {r["criterion or flag"]: r["agent"] for r in handover}["polite_closing"] == "Dimas"
    assert {r["criterion or flag"]: r["agent"] for r in handover}["greeting"] == "Rina"
    assert findings["H2"].alignment.wrap_text


@pytest.mark.parametrize(
    ("options", "period"),
    [
        (["--since", "2026-11-17"], "from 2026-11-17"),
        (["--until", "2026-11-18"], "until 2026-11-18"),
        (["--since", "2026-11-17", "--until", "2026-11-18"], "2026-11-17 to 2026-11-18"),
    ],
)
def test_the_summary_title_names_the_period_asked_for(
    tmp_path: Path, options: list[str], period: str
) -> None:
    book = _workbook(tmp_path, "sample_exports", *options)
    assert book["Summary"]["A1"].value == f"Customer-service audit: {period}"
    assert book["Summary"]["A2"].value.endswith(f"run on {dt.date.today().isoformat()}")


def test_pass_rates_are_coloured_by_the_configs_thresholds(tmp_path: Path) -> None:
    """Green at or above [scorecard] good, red under poor, amber between: the mean score
    (x100), each pass rate and the SLA share, as conditional formats Excel keeps live."""
    config = tmp_path / "cs-audit.toml"
    config.write_text("[scorecard]\ngood = 0.9\npoor = 0.6\n", encoding="utf-8")
    book = _workbook(tmp_path, "sample_exports", "-c", str(config))
    summary = book["Summary"]
    formats = {
        str(f.sqref): [(r.formula[0], r.dxf.fill.fgColor.rgb) for r in f.rules]
        for f in summary.conditional_formatting
    }
    assert formats["E5:J7"] == [
        ('AND(E5<>"",E5>=0.9)', "00C6EFCE"),
        ('AND(E5<>"",E5<0.6)', "00FFC7CE"),
        ('AND(E5<>"",E5>=0.6)', "00FFEB9C"),
    ]
    assert formats["D5:D7"][0] == ('AND(D5<>"",D5>=90.0)', "00C6EFCE")
    assert formats["M5:M7"][1] == ('AND(M5<>"",M5<0.6)', "00FFC7CE")
    assert summary["M4"].value == "SLA share"


def test_conversations_have_a_row_per_agent_and_say_what_failed(tmp_path: Path) -> None:
    """A handover is on each agent's row, marked with the other; each row lists the
    criteria failed and the first failing reason."""
    book = _workbook(tmp_path, "sample_exports")
    sheet = book["Conversations"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    handover = [
        (r["agent"], r["handover with"]) for r in rows if r["customer"] == "+62 812-3456-7890"
    ]
    assert handover == [("Rina", "Dimas"), ("Dimas", "Rina")]
    [rudi] = [r for r in rows if r["customer"] == "Rudi Hartono"]
    assert (rudi["agent"], rudi["handover with"], rudi["score"]) == ("Toko Maju", None, 23.5)
    assert rudi["failed"] == (
        "response_speed, greeting, needs_inquiry, accurate_concise, polite_closing"
    )
    assert rudi["first failing reason"] == (
        "a turn waited 15h51 (calendar time), over the 1h00 target"
    )
    assert [r["failed"] for r in rows if r["customer"] == "Budi Santoso"] == [None]


def test_the_summary_compares_with_the_previous_period(tmp_path: Path) -> None:
    """With --compare-previous, each agent's previous conversations and mean score and
    the change with an arrow; an agent absent before is "new"."""
    book = _workbook(
        tmp_path,
        "sample_exports",
        "--since",
        "2026-11-19",
        "--until",
        "2026-11-22",
        "--compare-previous",
    )
    summary = book["Summary"]
    header = [c.value for c in summary[4]]
    assert header[-3:] == ["previous conversations", "previous mean score", "change"]
    rows = {r[0]: r[-3:] for r in summary.iter_rows(min_row=5, values_only=True)}
    assert rows["Rina"] == (2, 88.2, "\u25b2 +12")
    assert rows["Toko Maju"] == (0, None, "new")
    plain = _workbook(tmp_path, "sample_exports")
    assert [c.value for c in plain["Summary"][4]][-1] == "unanswered turns"
